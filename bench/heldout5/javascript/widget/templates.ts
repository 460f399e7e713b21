// Vanilla templating helpers for the knowledge-base front end (no framework): template literals into the DOM.
export interface Article {
  title: string;
  summary: string;
  bodyHtml: string;
  url: string;
  tags: string[];
  views: string;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const LAYOUTS = new Set(["grid", "list", "compact"]);
const BADGES: Record<string, string> = { new: "<span class='badge'>New</span>", hot: "<span class='badge hot'>Hot</span>" };

function esc(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function escOnce(value: string): string {
  return String(value).replace(/[<>]/, (c) => ENTITIES[c]);
}

export function renderCard(el: HTMLElement, article: Article): void {
  // title escaped, summary raw
  // ruleid: xss
  el.innerHTML = `<article><h3>${esc(article.title)}</h3><p>${article.summary}</p></article>`;
}

export function renderCardSafe(el: HTMLElement, article: Article): void {
  // every value through the same-file table escaper (global class, & and < in the table)
  // ok: xss
  el.innerHTML = `<article><h3>${esc(article.title)}</h3><p>${esc(article.summary)}</p></article>`;
}

export function renderTitleOnce(el: HTMLElement, title: string): void {
  // the escaper's pattern has no g flag: only the first < or > is replaced
  // ruleid: xss
  el.innerHTML = `<h3>${escOnce(title)}</h3>`;
}

export function renderTags(el: HTMLElement, tags: string[]): void {
  // every tag escaped inside map(...).join("")
  // ok: xss
  el.innerHTML = tags.map((t) => `<li>${esc(t)}</li>`).join("");
}

export function renderTagsRaw(el: HTMLElement, tags: string[]): void {
  const items = tags.map((t) => `<li>${t}</li>`);
  // raw tags joined into HTML
  // ruleid: xss
  el.innerHTML = `<ul>${items.join("")}</ul>`;
}

export function renderLabel(el: HTMLElement, label: string): void {
  // escaped, then the raw value appended again
  // ruleid: xss
  el.innerHTML = esc(label) + " <small>" + label + "</small>";
}

export function renderBody(el: HTMLElement, article: Article): void {
  // article HTML parsed by createContextualFragment
  // ruleid: xss
  const frag = document.createRange().createContextualFragment(article.bodyHtml);
  el.replaceChildren(frag);
}

export function renderBodyClean(el: HTMLElement, article: Article): void {
  // DOMPurify before outerHTML
  // ok: xss
  el.outerHTML = `<section>${DOMPurify.sanitize(article.bodyHtml)}</section>`;
}

export function renderLayout(el: HTMLElement, layout: string, badge: string): void {
  if (!LAYOUTS.has(layout)) {
    return;
  }
  // layout checked against a Set with an early return; badge markup from a constant record
  // ok: xss
  el.innerHTML = `<div class="layout-${layout}">${BADGES[badge] ?? ""}</div>`;
}

export function renderViews(el: HTMLElement, article: Article): void {
  // Number() coercion
  // ok: xss
  el.innerHTML = `<span class="views">${Number(article.views)}</span>`;
}

export function renderShareLink(el: HTMLElement, article: Article): void {
  const u = new URL(article.url, location.origin);
  // pathname of a parsed URL is percent-encoded, inside a double-quoted attribute
  // ok: xss
  el.innerHTML = `<a class="share" href="/share?path=${u.pathname}">Share</a>`;
}

export function renderSource(el: HTMLElement, article: Article): void {
  const a = document.createElement("a");
  // article URL as href with no scheme check
  // ruleid: xss
  a.setAttribute("href", article.url);
  a.textContent = "Source";
  el.appendChild(a);
}

export function renderPreviewFrame(frame: HTMLIFrameElement, article: Article): void {
  // srcdoc with the article body
  // ruleid: xss
  frame.srcdoc = article.bodyHtml;
}
