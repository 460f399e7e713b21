// Browser widget loader (an ES module).
import { render } from "./render.js";

async function loadWidgetFromHash() {
  const src = window.location.hash.slice(1);
  const res = await fetch(src);
  render(await res.json());
}

export function watchMessages() {
  window.addEventListener("message", (event) => {
    const { endpoint } = event.data;
    const load = async () => {
      const res = await fetch(endpoint, { credentials: "include" });
      render(await res.json());
    };
    load();
  });
}

export { loadWidgetFromHash };
