// React components that render rich text.
// Benchmark corpus, xss (CWE-79): props are parameters with unknown callers
// (reported as warnings); the URL and router params are untrusted.
import React, { useEffect, useMemo, useRef, useState } from "react";
import DOMPurify from "dompurify";
import { useSearchParams } from "react-router-dom";
import sanitizeHtml from "sanitize-html";

const LEGAL = "<p>Terms apply. <a href='/terms'>Read more</a></p>";
const EMOJI: Record<string, string> = { smile: "&#128512;", heart: "&#10084;" };

type PostProps = { title: string; html: string; author?: { name: string; bio: string } };

export function Post({ title, html }: PostProps) {
  // Prop rendered as HTML.
  return (
    <article>
      <h1>{title}</h1>
      {/* ruleid: xss */}
      <div className="body" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}

export function SafePost({ title, html }: PostProps) {
  // DOMPurify before rendering.
  const clean = useMemo(() => DOMPurify.sanitize(html), [html]);
  return (
    <article>
      <h1>{title}</h1>
      {/* ok: xss */}
      <div className="body" dangerouslySetInnerHTML={{ __html: clean }} />
    </article>
  );
}

export function AuthorBox(props: PostProps) {
  // Nested prop field through optional chaining.
  const bio = props.author?.bio ?? "";
  // ruleid: xss
  return <aside dangerouslySetInnerHTML={{ __html: bio }} />;
}

export function AuthorBoxSanitized(props: PostProps) {
  // sanitize-html over the nested field.
  const bio = sanitizeHtml(props.author?.bio ?? "");
  // ok: xss
  return <aside dangerouslySetInnerHTML={{ __html: bio }} />;
}

export function SearchBanner() {
  // Query string via useSearchParams.
  const [params] = useSearchParams();
  const term = params.get("term") ?? "";
  return (
    <div>
      {/* ruleid: xss */}
      <p
        className="banner"
        dangerouslySetInnerHTML={{ __html: `Showing results for <em>${term}</em>` }}
      />
    </div>
  );
}

export function SearchBannerText() {
  // JSX children are escaped by React.
  const [params] = useSearchParams();
  const term = params.get("term") ?? "";
  return (
    <p className="banner">
      Showing results for <em>{term}</em>
    </p>
  );
}

export function Legal() {
  // Constant HTML.
  // ok: xss
  return <footer dangerouslySetInnerHTML={{ __html: LEGAL }} />;
}

export function Emoji({ name }: { name: string }) {
  // Constant record lookup.
  // ok: xss
  return <span dangerouslySetInnerHTML={{ __html: EMOJI[name] ?? "" }} />;
}

export function Counter({ count }: { count: number | string }) {
  // Number() coercion.
  const n = Number(count);
  // ok: xss
  return <b dangerouslySetInnerHTML={{ __html: `${n} items` }} />;
}

export function LiveHtml({ html }: { html: string }) {
  // Prop assigned to innerHTML in an effect through a ref.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    // ruleid: xss
    ref.current.innerHTML = html;
  }, [html]);
  return <div ref={ref} />;
}

export function HashTitle() {
  // location.hash into state, then rendered as HTML.
  const [title, setTitle] = useState("");
  useEffect(() => {
    setTitle(decodeURIComponent(window.location.hash.slice(1)));
  }, []);
  // ruleid: xss
  return <h2 dangerouslySetInnerHTML={{ __html: title }} />;
}

export function Profile({ website }: { website: string }) {
  // A javascript: URL in href runs script on click.
  // ruleid: xss
  return <a href={website}>Website</a>;
}

export function ProfileChecked({ website }: { website: string }) {
  // Only http(s) URLs are rendered as links.
  const ok = /^https?:\/\//i.test(website);
  // ok: xss
  return ok ? <a href={website}>Website</a> : <span>{website}</span>;
}

export function CreateElementHtml({ html }: { html: string }) {
  // React.createElement with dangerouslySetInnerHTML.
  // ruleid: xss
  return React.createElement("div", { dangerouslySetInnerHTML: { __html: html } });
}
