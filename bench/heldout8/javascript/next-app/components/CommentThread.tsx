"use client";
// Comment thread widgets (React 18 client components).
import DOMPurify from "dompurify";
import { marked } from "marked";
import { useEffect, useRef, useState } from "react";

type Comment = {
  id: string;
  author: string;
  authorUrl?: string;
  avatarUrl: string;
  bodyHtml: string;
  bodyMarkdown: string;
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function safeHref(u?: string): string | undefined {
  if (!u) return undefined;
  try {
    const parsed = new URL(u);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function CommentBody({ comment }: { comment: Comment }) {
  return (
    // sanitized with DOMPurify
    // ok: xss
    <div className="prose" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.bodyHtml) }} />
  );
}

export function MarkdownBody({ markdown }: { markdown: string }) {
  const html = marked.parse(markdown) as string;
  // a Markdown renderer does not sanitize
  // ruleid: xss
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function AuthorLine({ comment }: { comment: Comment }) {
  const href = comment.authorUrl ?? "#";
  return (
    <span className="author">
      {/* the avatar: an img src cannot run a javascript: URL [beyond docs] */}
      {/* ok: xss */}
      <img src={comment.avatarUrl} alt="" width={24} height={24} />
      {/* author's profile URL from the prop as an href */}
      {/* ruleid: xss */}
      <a href={href} rel="nofollow ugc">
        {comment.author}
      </a>
      {/* href from a helper that keeps only http(s) URLs */}
      {/* ok: xss */}
      <a href={safeHref(comment.authorUrl)} rel="nofollow ugc">
        profile
      </a>
    </span>
  );
}

export function Highlight({ text, term }: { text: string; term: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const pattern = new RegExp(`(${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`, "gi");
    // only slices of the escaped text are wrapped in <mark>; the term itself is never inserted [beyond docs]
    // ok: xss
    ref.current.innerHTML = escapeHtml(text).replace(pattern, "<mark>$1</mark>");
  }, [text, term]);
  return <p ref={ref} />;
}

export function RemoteFeed({ feedUrl }: { feedUrl: string }) {
  const [html, setHtml] = useState("");
  useEffect(() => {
    // URL from a prop
    // ruleid: ssrf
    fetch(feedUrl)
      .then((r) => r.text())
      .then(setHtml);
  }, [feedUrl]);
  // response of a URL the prop chose
  // ruleid: xss
  return <section dangerouslySetInnerHTML={{ __html: html }} />;
}

export function ThreadPreview({ threadId, previewHtml }: { threadId: string; previewHtml: string }) {
  return (
    <figure>
      {/* sandbox without allow-scripts */}
      {/* ok: xss */}
      <iframe sandbox="" srcDoc={previewHtml} title="preview" />
      {/* sandbox that allows scripts */}
      {/* ruleid: xss */}
      <iframe sandbox="allow-scripts allow-same-origin" srcDoc={previewHtml} title="live preview" />
      <figcaption>Thread {threadId}</figcaption>
    </figure>
  );
}
