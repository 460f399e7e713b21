// components/dashboard.tsx: announcements, markdown preview, widgets and search header.
import React, { useEffect, useRef, useState } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

type Announcement = { id: number; title: string; bodyHtml: string };

const HELP_HTML = "<p>Press <kbd>?</kbd> to open the keyboard shortcuts.</p>";

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Prop rendered as HTML (reported as a warning).
export function AnnouncementCard({ item }: { item: Announcement }) {
  return (
    <article className="card">
      <h3>{item.title}</h3>
      {/* ruleid: xss */}
      <div className="card-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
    </article>
  );
}

// Same prop sanitized with DOMPurify.
export function AnnouncementCardSafe({ item }: { item: Announcement }) {
  const clean = DOMPurify.sanitize(item.bodyHtml);
  return (
    <article className="card">
      <h3>{item.title}</h3>
      {/* ok: xss */}
      <div className="card-body" dangerouslySetInnerHTML={{ __html: clean }} />
    </article>
  );
}

// Markdown rendered by marked without sanitizing.
export function MarkdownPreview({ source }: { source: string }) {
  const html = marked.parse(source) as string;
  return (
    <section className="preview">
      {/* ruleid: xss */}
      <div
        className="markdown-body"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </section>
  );
}

// Constant HTML.
export function StaticHelp() {
  return (
    <aside>
      {/* ok: xss */}
      <div dangerouslySetInnerHTML={{ __html: HELP_HTML }} />
    </aside>
  );
}

// Widget data fetched from a URL given as a prop (reported as a warning).
export function RemoteWidget({ widgetUrl }: { widgetUrl: string }) {
  const [data, setData] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    // ruleid: ssrf
    fetch(widgetUrl, { credentials: "include" })
      .then((r) => r.json())
      .then((d) => {
        if (!cancelled) setData(d);
      });
    return () => {
      cancelled = true;
    };
  }, [widgetUrl]);
  return <pre>{JSON.stringify(data, null, 2)}</pre>;
}

// Same-origin relative path with an encoded id.
export function UserStats({ userId }: { userId: string }) {
  const [stats, setStats] = useState<{ posts: number } | null>(null);
  useEffect(() => {
    // ok: ssrf
    fetch(`/api/users/${encodeURIComponent(userId)}/stats`)
      .then((r) => r.json())
      .then(setStats);
  }, [userId]);
  return <span>{stats ? stats.posts : "…"}</span>;
}

// Search term from the page URL rendered as HTML.
export function SearchHeader() {
  const q = new URLSearchParams(window.location.search).get("q") ?? "";
  return (
    <header>
      {/* ruleid: xss */}
      <h2 dangerouslySetInnerHTML={{ __html: `Results for <em>${q}</em>` }} />
    </header>
  );
}

// Highlighting on escaped text: the marks wrap already-escaped characters.
export function Highlight({ text, term }: { text: string; term: string }) {
  const safeText = escapeHtml(text);
  const html = term
    ? safeText.replace(new RegExp(escapeRegExp(escapeHtml(term)), "gi"), (m) => `<mark>${m}</mark>`)
    : safeText;
  return (
    <p>
      {/* ok: xss */}
      <span dangerouslySetInnerHTML={{ __html: html }} />
    </p>
  );
}

// Tooltip content assigned to innerHTML from a prop in an effect (reported as a warning).
export function Tooltip({ content }: { content: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      // ruleid: xss
      ref.current.innerHTML = content;
    }
  }, [content]);
  return <div role="tooltip" ref={ref} />;
}

// Same tooltip with textContent.
export function PlainTooltip({ content }: { content: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      // ok: xss
      ref.current.textContent = content;
    }
  }, [content]);
  return <div role="tooltip" ref={ref} />;
}
