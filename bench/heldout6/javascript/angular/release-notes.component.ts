// Angular component that shows release notes and a "what's new" banner.
import { Component, ElementRef, OnInit, ViewChild } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import DOMPurify from "dompurify";

const CHANNELS: Record<string, string> = { stable: "Stable", beta: "Beta", nightly: "Nightly" };

@Component({
  selector: "app-release-notes",
  template: `<div [innerHTML]="notes"></div><iframe [src]="embed"></iframe><p #banner></p><h2 #title></h2>`,
})
export class ReleaseNotesComponent implements OnInit {
  @ViewChild("banner", { static: true }) banner!: ElementRef<HTMLParagraphElement>;
  @ViewChild("title", { static: true }) title!: ElementRef<HTMLHeadingElement>;
  notes: SafeHtml = "";
  embed: SafeResourceUrl = "";

  constructor(private sanitizer: DomSanitizer) {}

  ngOnInit(): void {
    const params = new URLSearchParams(window.location.search);
    const highlight = params.get("highlight") ?? "";
    // [extended sink] bypassSecurityTrustHtml of markup holding a URL parameter
    // ruleid: xss
    this.notes = this.sanitizer.bypassSecurityTrustHtml(`<mark>${highlight}</mark>`);
    // [extended sink] bypassSecurityTrustHtml of DOMPurify output
    // ok: xss
    this.notes = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(`<mark>${highlight}</mark>`));
    // [extended sink] bypassSecurityTrustResourceUrl of a URL parameter: a javascript: URL in the iframe
    // ruleid: xss
    this.embed = this.sanitizer.bypassSecurityTrustResourceUrl(params.get("demo") ?? "about:blank");

    // the location hash written with innerHTML on a view child
    // ruleid: xss
    this.banner.nativeElement.innerHTML = `New: ${decodeURIComponent(window.location.hash.slice(1))}`;
    // the same text with textContent
    // ok: xss
    this.title.nativeElement.textContent = decodeURIComponent(window.location.hash.slice(1));
    const channel = params.get("channel") ?? "stable";
    // a label looked up in a constant record
    // ok: xss
    this.title.nativeElement.innerHTML = `<small>${CHANNELS[channel] ?? "Stable"}</small>`;
  }
}
