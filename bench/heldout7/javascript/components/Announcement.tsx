// SolidJS components of the storefront shell.
import { useSearchParams } from "@solidjs/router";
import DOMPurify from "dompurify";
import type { JSX } from "solid-js";

export function Announcement(props: { html: string; href: string; label: string }): JSX.Element {
  return (
    <div class="announcement">
      {/* Solid's innerHTML attribute with a prop [extended sink] */}
      {/* ruleid: xss */}
      <div class="announcement-body" innerHTML={props.html} />
      {/* the same prop through DOMPurify [extended sink] */}
      {/* ok: xss */}
      <div class="announcement-preview" innerHTML={DOMPurify.sanitize(props.html)} />
      {/* an href prop can be a javascript: URL */}
      {/* ruleid: xss */}
      <a class="announcement-link" href={props.href}>
        {props.label}
      </a>
    </div>
  );
}

export function DocsLink(props: { page: string }): JSX.Element {
  return (
    <>
      {/* constant https start fixes the scheme */}
      {/* ok: xss */}
      <a href={`https://docs.example-shop.io/${encodeURIComponent(props.page)}`}>Help</a>
    </>
  );
}

export function SearchBanner(): JSX.Element {
  const [params] = useSearchParams();
  // a URL search parameter (Solid router's useSearchParams) as innerHTML [beyond docs] [extended sink]
  // ruleid: xss
  return <p class="search-banner" innerHTML={`Results for <b>${params.q ?? ""}</b>`} />;
}
