// Analytics dashboard page script (plain DOM, bundled with esbuild).
import DOMPurify from "dompurify";

const params = new URLSearchParams(window.location.search);
const WIDGETS = { visits: "Visits", revenue: "Revenue", churn: "Churn" };
const API_BASE = "/api/analytics/";

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function renderTitle() {
  const title = params.get("title") || "Dashboard";
  // ruleid: xss
  document.querySelector("#title").innerHTML = `<h1>${title}</h1>`;
  // ok: xss
  document.querySelector("#subtitle").innerHTML = `<h2>${escapeHtml(title)}</h2>`;
}

function renderWidgets() {
  const wanted = (params.get("widgets") || "visits").split(",");
  const html = wanted.filter((w) => w in WIDGETS).map((w) => `<li>${WIDGETS[w]}</li>`).join("");
  // labels come from the constant map, filtered by membership
  // ok: xss
  document.querySelector("#widgets").innerHTML = html;
  const raw = wanted.map((w) => `<li>${w}</li>`).join("");
  // the unfiltered list
  // ruleid: xss
  document.querySelector("#requested").insertAdjacentHTML("beforeend", raw);
}

async function loadSegment() {
  const segment = params.get("segment") || "all";
  // relative path on this site
  // ok: ssrf
  const res = await fetch(API_BASE + "segments/" + encodeURIComponent(segment));
  const data = await res.json();
  const box = document.querySelector("#segment");
  // server data sanitized
  // ok: xss
  box.innerHTML = DOMPurify.sanitize(data.descriptionHtml);
  // text only
  // ok: xss
  box.querySelector(".name").textContent = segment;
}

async function loadExternal() {
  const src = params.get("src");
  if (!src) return;
  // the page's query string picks the host
  // ruleid: ssrf
  const res = await fetch(src);
  document.querySelector("#external").textContent = await res.text();
}

function wireShare() {
  const back = params.get("back");
  document.querySelector("#back").addEventListener("click", () => {
    // ruleid: open-redirect
    window.location.href = back || "/";
  });
  const link = document.querySelector("#docs");
  const docsUrl = params.get("docs") || "/help";
  if (docsUrl.startsWith("https://") || docsUrl.startsWith("/")) {
    // scheme prefix check for a link attribute
    // ok: xss
    link.setAttribute("href", docsUrl);
  }
}

window.addEventListener("message", (event) => {
  if (event.origin !== "https://reports.example.com") return;
  const { html, theme } = event.data;
  // origin checked, but the trusted sender's html is inserted raw
  // ruleid: xss
  document.querySelector("#report").innerHTML = html;
  // ok: xss
  document.body.dataset.theme = String(theme);
});

renderTitle();
renderWidgets();
loadSegment();
loadExternal();
wireShare();

function renderFilters(filters) {
  const chips = Object.entries(filters)
    .map(([k, v]) => `<span class="chip">${escapeHtml(k)}: ${escapeHtml(v)}</span>`)
    .join("");
  // both key and value escaped in the map callback
  // ok: xss
  document.querySelector("#filters").innerHTML = chips;
}

function renderError() {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash.startsWith("error=")) {
    // a prefix test on markup does not limit what follows
    // ruleid: xss
    document.querySelector("#error").innerHTML = `<p class="err">${hash.slice(6)}</p>`;
  }
}

function openHelp() {
  const topic = params.get("topic") || "start";
  // a relative help path with the topic encoded
  // ok: open-redirect
  window.open("/help/" + encodeURIComponent(topic));
  const ext = params.get("ext");
  if (ext) {
    // ruleid: open-redirect
    window.open(ext, "_blank");
  }
}

renderFilters(Object.fromEntries(params.entries()));
renderError();
openHelp();
