// Storefront embeds: <comment-thread> and <price-badge> web components, share widgets and the
// post-login hop, loaded by partner sites and by the shop's own pages.
import DOMPurify from "dompurify";
import { LitElement, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { unsafeHTML } from "lit/directives/unsafe-html.js";

interface Comment {
  id: string;
  author: string;
  bodyHtml: string;
}

@customElement("comment-thread")
export class CommentThread extends LitElement {
  @property({ type: String, attribute: "thread-url" }) threadUrl = "";
  @property({ type: String, attribute: "author-bio" }) authorBio = "";
  @state() private comments: Comment[] = [];

  async connectedCallback() {
    super.connectedCallback();
    // the embedding page's thread-url attribute fetched as is [beyond docs]
    // ruleid: ssrf
    const res = await fetch(this.threadUrl);
    this.comments = await res.json();
  }

  private commentBody(c: Comment) {
    // comment HTML sanitized before lit's unsafeHTML [extended sink]
    // ok: xss
    return unsafeHTML(DOMPurify.sanitize(c.bodyHtml));
  }

  private bio() {
    // an attribute-backed property rendered with unsafeHTML [beyond docs] [extended sink]
    // ruleid: xss
    return unsafeHTML(this.authorBio);
  }

  render() {
    // lit's html tag escapes each value
    return html`
      <ul>
        ${this.comments.map((c) => html`<li><b>${c.author}</b> ${this.commentBody(c)}</li>`)}
      </ul>
      <aside>${this.bio()}</aside>
    `;
  }
}

export class PriceBadge extends HTMLElement {
  static observedAttributes = ["label", "amount"];

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  attributeChangedCallback() {
    const label = this.getAttribute("label") ?? "";
    const amount = Number(this.getAttribute("amount") ?? 0);
    // the label attribute of the embedding page written as shadow-root HTML [beyond docs]
    // ruleid: xss
    this.shadowRoot!.innerHTML = `<span class="badge">${label}</span> <b>${amount.toFixed(2)}</b>`;
  }
}

customElements.define("price-badge", PriceBadge);

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function stripTags(s: string): string {
  return s.replace("<", "&lt;");
}

export function renderShareLink(container: HTMLElement, target: string): void {
  const a = document.createElement("a");
  // a caller's URL set as href with no scheme check
  // ruleid: xss
  a.setAttribute("href", target);
  a.textContent = "Share";
  container.append(a);
}

export function renderSafeShareLink(container: HTMLElement, target: string): void {
  const u = new URL(target, location.href);
  if (u.protocol !== "https:" && u.protocol !== "http:") return;
  const a = document.createElement("a");
  // scheme checked against http(s) before the attribute is set
  // ok: xss
  a.setAttribute("href", u.href);
  container.append(a);
}

export function appendReviews(list: HTMLElement, reviews: { title: string; stars: number }[]): void {
  for (const review of reviews) {
    // titles escaped by a global &/</>/" escaper of the file
    // ok: xss
    list.insertAdjacentHTML("beforeend", `<li>${escapeText(review.title)} <span>${"★".repeat(review.stars)}</span></li>`);
  }
}

export function showCoupon(box: HTMLElement): void {
  const code = new URLSearchParams(location.search).get("coupon") ?? "";
  // replace() with a string pattern changes only the first "<"
  // ruleid: xss
  box.innerHTML = `<p>Coupon applied: <code>${stripTags(code)}</code></p>`;
}

export function loadPreviewFromHash(frame: HTMLElement): void {
  const src = location.hash.slice(1);
  // the page fragment used as a fetch URL
  // ruleid: ssrf
  fetch(src)
    .then((r) => r.text())
    .then((t) => {
      frame.textContent = t;
    });
}

export function finishLogin(): void {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  // next from the page URL assigned to location.href
  // ruleid: open-redirect
  window.location.href = next;
}

export function finishLoginSafely(): void {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  const target = new URL(next, location.origin);
  if (target.origin !== location.origin) return;
  // origin compared with the page's own, early return otherwise; the full same-origin URL is used
  // ok: open-redirect
  location.assign(target.href);
}
