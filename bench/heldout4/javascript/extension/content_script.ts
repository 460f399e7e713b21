// Content script injected into the partner web app: renders a notes side panel.

import DOMPurify from "dompurify";

const PANEL_ORIGIN = "https://app.clipnotes.example.com";
const LABELS: Record<string, string> = { todo: "To do", done: "Done", later: "Later" };

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function escapeOnce(s: string): string {
  return s.replace("&", "&amp;").replace("<", "&lt;");
}

const panel = document.createElement("aside");
const banner = document.createElement("div");
const link = document.createElement("a");
document.body.append(panel, banner, link);

window.addEventListener("message", (event: MessageEvent) => {
  if (event.origin !== PANEL_ORIGIN) return;
  // an origin check says who sent the HTML, not that it is safe
  // ruleid: xss
  panel.innerHTML = event.data.html;
  // textContent
  // ok: xss
  banner.textContent = event.data.title;
});

const params = new URLSearchParams(location.search);
const q = params.get("q") ?? "";

// the query parameter in a template literal
// ruleid: xss
banner.innerHTML = `<strong>Notes matching</strong> ${q}`;

// DOMPurify before insertion
// ok: xss
panel.innerHTML = DOMPurify.sanitize(`<p>${q}</p>`);

// a same-file escaper with global replacements of & and <
// ok: xss
panel.insertAdjacentHTML("beforeend", `<p class="hint">${escapeHtml(q)}</p>`);

// replace() with a string pattern replaces only the first occurrence
// ruleid: xss
panel.insertAdjacentHTML("beforeend", `<p class="hint">${escapeOnce(q)}</p>`);

// a URL from the page's query string set as a link
// ruleid: xss
link.setAttribute("href", params.get("return") ?? "#");

// a constant path start
// ok: xss
link.setAttribute("href", "/search?q=" + encodeURIComponent(q));

const status = params.get("status") ?? "todo";
// a constant record lookup
// ok: xss
banner.innerHTML = `<span class="pill">${LABELS[status] ?? "Unknown"}</span>`;

chrome.runtime.sendMessage({ type: "preview", url: location.href }, (resp: string) => {
  // the background fetched an arbitrary page; its HTML is inserted as is
  // ruleid: xss
  panel.innerHTML = resp;
});

const count = Number(params.get("count"));
// Number() coercion
// ok: xss
banner.innerHTML = "<b>" + count + "</b> notes";

// the referrer written into the document
// ruleid: xss
document.write("<p>You came from " + document.referrer + "</p>");

const next = params.get("next");
if (next) {
  // redirect to a query-string URL
  // ruleid: open-redirect
  location.href = next;
}

// a same-origin path with an encoded id
// ok: open-redirect
location.assign("/notes/" + encodeURIComponent(params.get("id") ?? ""));
