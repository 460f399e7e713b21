// Harder data flow for xss in browser code.
// Benchmark corpus, xss (CWE-79).
import DOMPurify from "dompurify";

const LAYOUTS = new Set(["grid", "list"]);

function getParam(name) {
  // Helper that reads the URL.
  return new URLSearchParams(location.search).get(name) || "";
}

function row(label, value) {
  // Helper that formats HTML from its arguments.
  return `<tr><th>${label}</th><td>${value}</td></tr>`;
}

function clean(html) {
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

export function helperParam() {
  // Value from a same-file helper that reads location.
  // ruleid: xss
  document.getElementById("title").innerHTML = getParam("title");
}

export function helperRow() {
  // Untrusted value through a formatting helper.
  const tbody = document.querySelector("tbody");
  // ruleid: xss
  tbody.innerHTML = row("Name", getParam("name"));
}

export function helperClean() {
  // Same-file sanitizing wrapper.
  // ok: xss
  document.getElementById("bio").innerHTML = clean(getParam("bio"));
}

export function destructure() {
  // Destructuring from Object.fromEntries over the query.
  const { title = "", layout = "grid" } = Object.fromEntries(new URLSearchParams(location.search));
  // ruleid: xss
  document.getElementById("hdr").innerHTML = `<h1 class="${layout}">${title}</h1>`;
}

export function destructureChecked() {
  // Allowlisted layout, text for the title.
  const { title = "", layout = "grid" } = Object.fromEntries(new URLSearchParams(location.search));
  if (!LAYOUTS.has(layout)) return;
  const hdr = document.getElementById("hdr");
  // ok: xss
  hdr.innerHTML = `<h1 class="${layout}"></h1>`;
  // ok: xss
  hdr.firstChild.textContent = title;
}

export function promiseChain() {
  // The hash flows through a promise chain.
  Promise.resolve(location.hash.slice(1))
    .then(decodeURIComponent)
    .then((frag) => {
      // ruleid: xss
      document.getElementById("frag").innerHTML = frag;
    });
}

export async function asyncAwait() {
  // Awaited value from a promise wrapping the query.
  const q = await new Promise((resolve) => resolve(getParam("q")));
  // ruleid: xss
  document.getElementById("q").innerHTML = q;
}

export function forEachCallback() {
  // forEach callback over split query values.
  const tags = getParam("tags").split(",");
  const ul = document.getElementById("tags");
  tags.forEach((t) => {
    // ruleid: xss
    ul.insertAdjacentHTML("beforeend", `<li>${t}</li>`);
  });
}

export function mapJoin() {
  // map().join() into one HTML string.
  const tags = getParam("tags").split(",");
  // ruleid: xss
  document.getElementById("tags").innerHTML = tags.map((t) => `<li>${t}</li>`).join("");
}

export function mapJoinSanitized() {
  // Each item sanitized in the map.
  const tags = getParam("tags").split(",");
  // ok: xss
  document.getElementById("tags").innerHTML = tags.map((t) => `<li>${DOMPurify.sanitize(t)}</li>`).join("");
}

export function loopConcat() {
  // String built in a for...of loop.
  let html = "";
  for (const [k, v] of new URLSearchParams(location.search)) {
    html += `<dt>${k}</dt><dd>${v}</dd>`;
  }
  // ruleid: xss
  document.getElementById("dl").innerHTML = html;
}

export function tryCatch() {
  // catch keeps the raw value.
  let shown;
  try {
    shown = JSON.parse(getParam("data")).label;
  } catch (err) {
    shown = getParam("data");
  }
  // ruleid: xss
  document.getElementById("label").innerHTML = shown;
}

export function branches(mode) {
  // Both branches constant.
  let html;
  if (mode === "compact") {
    html = "<ul class='compact'></ul>";
  } else {
    html = "<ul class='roomy'></ul>";
  }
  // ok: xss
  document.getElementById("list").innerHTML = html;
}

export function nullishDefault(props) {
  // ?? default on a parameter field (reported as a warning).
  const html = props.html ?? "<p>empty</p>";
  // ruleid: xss
  document.getElementById("box").innerHTML = html;
}

export class Toast {
  constructor(message) {
    this.message = message;
    this.el = document.createElement("div");
  }

  show() {
    // Field from a constructor parameter (reported as a warning).
    // ruleid: xss
    this.el.innerHTML = `<p class="toast">${this.message}</p>`;
    document.body.appendChild(this.el);
  }
}

export class SafeToast {
  constructor(message) {
    this.message = message;
    this.el = document.createElement("div");
  }

  show() {
    // Field written with textContent.
    // ok: xss
    this.el.textContent = this.message;
    document.body.appendChild(this.el);
  }
}

export function closureTimer() {
  // Captured by a setTimeout callback.
  const msg = getParam("msg");
  setTimeout(() => {
    // ruleid: xss
    document.getElementById("msg").innerHTML = msg;
  }, 100);
}

export function deadBranch() {
  // The untrusted value is assigned only in a branch that never runs.
  let html = "<p>Welcome</p>";
  if (false) {
    html = getParam("html");
  }
  // ok: xss
  document.getElementById("welcome").innerHTML = html;
}

export function typeofCheck() {
  // typeof is not a control.
  const v = getParam("v");
  if (typeof v !== "string") return;
  // ruleid: xss
  document.getElementById("v").innerHTML = v;
}
