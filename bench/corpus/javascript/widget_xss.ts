// A TypeScript embeddable widget.
// Benchmark corpus, xss (CWE-79).
import DOMPurify from "dompurify";

interface WidgetOptions {
  target: string;
  title: string;
  footerHtml?: string;
}

const DEFAULT_FOOTER = "<small>Powered by Example</small>";

export class CommentWidget {
  private root: HTMLElement;

  constructor(private readonly options: WidgetOptions) {
    this.root = document.querySelector(options.target) as HTMLElement;
  }

  renderTitle(): void {
    // Option field from the constructor (reported as a warning).
    // ruleid: xss
    this.root.innerHTML = `<h3>${this.options.title}</h3>`;
  }

  renderFooter(): void {
    // Optional option with a constant default, sanitized.
    const html = DOMPurify.sanitize(this.options.footerHtml ?? DEFAULT_FOOTER);
    // ok: xss
    this.root.insertAdjacentHTML("beforeend", html);
  }

  renderCount(count: number): void {
    // Number() coercion of the parameter.
    // ok: xss
    this.root.insertAdjacentHTML("beforeend", `<span>${Number(count)}</span>`);
  }
}

export function mountFromQuery(): void {
  // Query string field typed as a string.
  const title: string = new URLSearchParams(window.location.search).get("title") ?? "";
  const el = document.getElementById("widget") as HTMLDivElement;
  // ruleid: xss
  el.innerHTML = `<h3>${title}</h3>`;
}

export function mountTrusted(trustedHtml: string): void {
  // A name that sounds safe does not make the parameter safe (reported as a warning).
  // ruleid: xss
  (document.getElementById("widget") as HTMLDivElement).innerHTML = trustedHtml;
}

export function mountText(text: string): void {
  // innerText is a safe API.
  // ok: xss
  (document.getElementById("widget") as HTMLDivElement).innerText = text;
}
