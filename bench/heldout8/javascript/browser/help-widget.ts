// Embeddable help widget (plain DOM, bundled with esbuild): configured by its page URL.
const params = new URLSearchParams(location.search);
const THEMES: Record<string, string> = { light: "#ffffff", dark: "#111827" };

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

function weakEscape(s: string): string {
  return s.replace("<", "&lt;").replace(">", "&gt;");
}

export function renderHeader(root: HTMLElement): void {
  const title = params.get("title") ?? "Support";
  const color = THEMES[params.get("theme") ?? "light"] ?? THEMES.light;
  // title from the page URL in markup (the color comes from a constant record)
  // ruleid: xss
  root.innerHTML = `<header style="background:${color}"><h2>${title}</h2></header>`;
}

export function renderGreeting(root: HTMLElement): void {
  const name = params.get("name") ?? "there";
  // escaper with a global character class and a replacement table
  // ok: xss
  root.insertAdjacentHTML("afterbegin", `<p class="greeting">Hi ${escapeText(name)}!</p>`);
}

export function renderFooter(root: HTMLElement): void {
  // first-occurrence replace is no escaper
  // ruleid: xss
  root.insertAdjacentHTML("beforeend", `<footer>From ${weakEscape(document.referrer)}</footer>`);
}

export function renderUser(slot: HTMLElement): void {
  const pair = document.cookie.split("; ").find((c) => c.startsWith("display_name="));
  const userName = decodeURIComponent(pair?.split("=")[1] ?? "");
  // cookie value in outerHTML
  // ruleid: xss
  slot.outerHTML = `<span class="user">${userName}</span>`;
}

export async function loadArticle(root: HTMLElement, slug: string): Promise<void> {
  // relative URL: the help site's own article
  // ok: ssrf
  const res = await fetch(`/help/articles/${encodeURIComponent(slug)}.html`);
  // HTML of this site's own article
  // ok: xss
  root.innerHTML = await res.text();
}

export function mountEmbed(frame: HTMLIFrameElement): void {
  // iframe src from the page URL (javascript: runs)
  // ruleid: xss
  frame.setAttribute("src", params.get("embed") ?? "about:blank");
}

export function continueTo(): void {
  const next = params.get("next") ?? "/";
  if (/^\/[a-z0-9\/-]*$/i.test(next)) {
    // anchored, but the class admits a second slash (//3627732462)
    // ruleid: open-redirect
    location.assign(next);
  }
}

export function continueToStrict(): void {
  const next = params.get("next") ?? "/";
  if (/^\/(?![\/\\])[a-z0-9\/-]*$/i.test(next)) {
    // second character may not be / or \
    // ok: open-redirect
    location.assign(next);
  }
}

window.addEventListener("message", (event: MessageEvent) => {
  if (event.origin !== "https://app.example.com") return;
  if (event.data?.type === "navigate") {
    // URL sent by the parent page
    // ruleid: open-redirect
    location.href = event.data.url;
  }
});

export function runHook(): void {
  const hook = params.get("onready");
  if (hook) {
    // page parameter evaluated
    // ruleid: code-injection
    eval(`${hook}()`);
  }
}
