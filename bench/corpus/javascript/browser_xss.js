// Plain DOM code: search page, notifications, comments.
// Benchmark corpus, xss (CWE-79).
import DOMPurify from "dompurify";
import { marked } from "marked";

const ALLOWED_TABS = new Set(["overview", "settings", "billing"]);
const ICONS = { info: "<i class='i-info'></i>", warn: "<i class='i-warn'></i>" };

function escapeHtml(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function isSlug(s) {
  return /^[a-z0-9-]{1,32}$/.test(s);
}

function showSearchTerm() {
  // Query string into innerHTML.
  const q = new URLSearchParams(location.search).get("q") || "";
  // ruleid: xss
  document.getElementById("term").innerHTML = `Results for <b>${q}</b>`;
}

function showSearchTermSafe() {
  // textContent is a safe API.
  const q = new URLSearchParams(location.search).get("q") || "";
  // ok: xss
  document.getElementById("term").textContent = `Results for ${q}`;
}

function showSearchTermEscaped() {
  // Same-file escaper.
  const q = new URLSearchParams(location.search).get("q") || "";
  // ok: xss
  document.getElementById("term").innerHTML = `Results for <b>${escapeHtml(q)}</b>`;
}

function showHash() {
  // location.hash decoded into insertAdjacentHTML.
  const frag = decodeURIComponent(location.hash.slice(1));
  // ruleid: xss
  document.body.insertAdjacentHTML("beforeend", `<div class="anchor">${frag}</div>`);
}

function showTab() {
  // Tab name allowlisted with a Set.
  const tab = location.hash.slice(1);
  if (!ALLOWED_TABS.has(tab)) return;
  // ok: xss
  document.querySelector("#tab").innerHTML = `<h2 class="tab-${tab}">${tab}</h2>`;
}

function showSlug() {
  // Same-file validator with an early return.
  const slug = new URLSearchParams(location.search).get("slug");
  if (!isSlug(slug)) return;
  // ok: xss
  document.querySelector("#slug").innerHTML = `<code>${slug}</code>`;
}

function showIcon() {
  // Constant object lookup.
  const kind = new URLSearchParams(location.search).get("kind");
  // ok: xss
  document.querySelector("#icon").innerHTML = ICONS[kind] || "";
}

function writeReferrer() {
  // document.write with the referrer.
  // ruleid: xss
  document.write("<p>You came from " + document.referrer + "</p>");
}

function showName() {
  // window.name can be set by another site before navigating here.
  // ruleid: xss
  document.getElementById("who").outerHTML = "<span id='who'>" + window.name + "</span>";
}

function showCookieBanner() {
  // Cookie value into innerHTML.
  const prefs = document.cookie.split("; ").find((c) => c.startsWith("banner=")) || "";
  // ruleid: xss
  document.getElementById("banner").innerHTML = prefs.split("=")[1];
}

window.addEventListener("message", (e) => {
  // postMessage data with no origin check.
  // ruleid: xss
  document.getElementById("inbox").innerHTML += `<li>${e.data.text}</li>`;
});

window.addEventListener("message", (e) => {
  // Sanitized before insertion.
  // ok: xss
  document.getElementById("inbox").innerHTML += `<li>${DOMPurify.sanitize(e.data.text)}</li>`;
});

function renderMarkdown() {
  // marked does not sanitize.
  const src = decodeURIComponent(location.hash.slice(1));
  // ruleid: xss
  document.getElementById("md").innerHTML = marked.parse(src);
}

function renderMarkdownSafe() {
  // DOMPurify over marked's output.
  const src = decodeURIComponent(location.hash.slice(1));
  // ok: xss
  document.getElementById("md").innerHTML = DOMPurify.sanitize(marked.parse(src));
}

function renderPartlySanitized() {
  // One part sanitized, another part raw.
  const params = new URLSearchParams(location.search);
  const body = DOMPurify.sanitize(params.get("body") || "");
  const title = params.get("title") || "";
  // ruleid: xss
  document.getElementById("post").innerHTML = `<h1>${title}</h1>${body}`;
}

function showPage() {
  // Number() coercion.
  const page = Number(new URLSearchParams(location.search).get("page"));
  // ok: xss
  document.getElementById("pager").innerHTML = `<b>Page ${page}</b>`;
}

function clearList() {
  // Constant HTML.
  // ok: xss
  document.getElementById("list").innerHTML = "";
}

function appendItem(label) {
  // Function parameter (reported as a warning).
  const li = document.createElement("li");
  // ruleid: xss
  li.innerHTML = `<span class="label">${label}</span>`;
  document.getElementById("list").appendChild(li);
}

function appendItemSafe(label) {
  // createTextNode/textContent for the parameter.
  const li = document.createElement("li");
  const span = document.createElement("span");
  span.className = "label";
  // ok: xss
  span.textContent = label;
  li.appendChild(span);
  document.getElementById("list").appendChild(li);
}

function setGreeting() {
  // A length check is not a control.
  const who = new URLSearchParams(location.search).get("who") || "";
  if (who.length > 40) return;
  // ruleid: xss
  document.getElementById("greeting").innerHTML = "Hi " + who;
}

function setGreetingOverwritten() {
  // Overwritten with a constant before the sink.
  let who = new URLSearchParams(location.search).get("who") || "";
  who = "friend";
  // ok: xss
  document.getElementById("greeting").innerHTML = "Hi <b>" + who + "</b>";
}
