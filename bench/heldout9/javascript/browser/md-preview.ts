// Markdown editor page of the docs site: shared drafts in the URL, an embed frame that
// sends rendered snippets, and links back to where the reader came from.
import DOMPurify from "dompurify";
import { marked } from "marked";

const params = new URLSearchParams(location.search);
const preview = document.getElementById("preview") as HTMLDivElement;
const snippetFrame = document.getElementById("snippet") as HTMLDivElement;
const backLink = document.getElementById("back") as HTMLAnchorElement;
const history = document.getElementById("history") as HTMLUListElement;
const TRUSTED_EMBED = "https://embed.docs.example.com";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function escapeOnce(s: string): string {
  return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
}

function loadSharedDraft(): void {
  const encoded = location.hash.startsWith("#draft=") ? location.hash.slice(7) : "";
  const source = decodeURIComponent(atob(encoded));
  // Markdown rendering of the URL's draft, inserted as HTML
  // ruleid: xss
  preview.innerHTML = marked.parse(source) as string;
}

function loadSharedDraftSafe(): void {
  const source = decodeURIComponent(atob(location.hash.slice(7)));
  // DOMPurify over the rendered Markdown
  // ok: xss
  preview.innerHTML = DOMPurify.sanitize(marked.parse(source) as string);
}

window.addEventListener("message", (event: MessageEvent) => {
  if (event.origin !== TRUSTED_EMBED) return;
  // the sender is checked, the HTML it sends is not
  // ruleid: xss
  snippetFrame.innerHTML = event.data.html;
  // a title attribute runs no script
  // ok: xss
  snippetFrame.setAttribute("title", event.data.title);
});

function renderHistory(titles: string[]): void {
  for (const title of titles) {
    // a global-replace escaper of & < > "
    // ok: xss
    history.insertAdjacentHTML("beforeend", `<li>${escapeHtml(title)}</li>`);
    // a first-occurrence-only replace is no escaper
    // ruleid: xss
    history.insertAdjacentHTML("beforeend", `<li class="alt">${escapeOnce(title)}</li>`);
  }
}
renderHistory((params.get("recent") ?? "").split("|"));

function setBackLink(): void {
  const back = params.get("back") ?? "/docs";
  // a javascript: URL in the back parameter becomes the link
  // ruleid: xss
  backLink.setAttribute("href", back);
  if (/^https?:\/\//.test(back)) {
    // a dominating scheme check
    // ok: xss
    backLink.setAttribute("href", back);
  }
}
setBackLink();

function leaveEditor(): void {
  const next = params.get("next") ?? "/docs";
  // the next parameter as the new location
  // ruleid: open-redirect
  window.location.href = next;
}

function leaveEditorSafe(): void {
  const next = params.get("next") ?? "/docs";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || /[\u0000-\u001f]/.test(next)) return;
  // the strict same-site path check in one condition
  // ok: open-redirect
  window.location.href = next;
}

async function importFromUrl(): Promise<void> {
  const src = params.get("import");
  if (!src) return;
  // the page fetches a URL taken from its own address
  // ruleid: ssrf
  const res = await fetch(src);
  preview.textContent = await res.text();
}

function insertSnippet(markup: string): void {
  const range = document.createRange();
  // a helper whose callers are outside this module
  // ruleid: xss
  preview.appendChild(range.createContextualFragment(markup));
}

function applyTransform(): void {
  const body = params.get("transform");
  if (!body) return;
  // a function body from the query string
  // ruleid: code-injection
  const transform = new Function("doc", body);
  transform(preview);
}

document.getElementById("leave")?.addEventListener("click", leaveEditor);
document.getElementById("leave-safe")?.addEventListener("click", leaveEditorSafe);
loadSharedDraft();
loadSharedDraftSafe();
void importFromUrl();
applyTransform();
export { insertSnippet };
