// Browser widget loader (an ES module).
import { render } from "./render.js";

// Hosts this code may send requests to: list the ones it needs.
const ALLOWED_HOSTS = new Set([]);

async function loadWidgetFromHash() {
  const src = window.location.hash.slice(1);
  const parsed = new URL(src);
  if (!["http:", "https:"].includes(parsed.protocol) || !ALLOWED_HOSTS.has(parsed.hostname)) {
    throw new Error("URL host not allowed");
  }
  const res = await fetch(src);
  render(await res.json());
}

export function watchMessages() {
  window.addEventListener("message", (event) => {
    const { endpoint } = event.data;
    const load = async () => {
      const target = endpoint;
      const parsed = new URL(target);
      if (!["http:", "https:"].includes(parsed.protocol) || !ALLOWED_HOSTS.has(parsed.hostname)) {
        throw new Error("URL host not allowed");
      }
      const res = await fetch(target, { credentials: "include" });
      render(await res.json());
    };
    load();
  });
}

export { loadWidgetFromHash };
