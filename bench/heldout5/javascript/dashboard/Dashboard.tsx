// React 18 analytics dashboard: widgets configured by workspace admins, rendered for every member.
import React, { useEffect, useMemo, useState } from "react";
import DOMPurify from "dompurify";

export interface Widget {
  id: string;
  title: string;
  link: string;
  docsUrl: string;
  formula: string;
  endpoint: string;
}

interface DashboardProps {
  widgets: Widget[];
  announcementHtml: string;
  feedEndpoint: string;
}

function safeLink(u: string): string {
  try {
    const parsed = new URL(u);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : "#";
  } catch {
    return "#";
  }
}

function WidgetCard({ widget }: { widget: Widget }) {
  const compute = useMemo(
    () =>
      // admin-entered formula compiled with new Function
      // ruleid: code-injection
      new Function("row", `return (${widget.formula});`),
    [widget.formula],
  );

  return (
    <div className="widget">
      {/* widget link as href, no scheme check */}
      {/* ruleid: xss */}
      <a href={widget.link}>{widget.title}</a>
      {/* same link through a helper that keeps only http(s) URLs */}
      {/* ok: xss */}
      <a href={safeLink(widget.link)}>Open</a>
      {/* constant path start */}
      {/* ok: open-redirect */}
      <button onClick={() => window.open(`/widgets/${encodeURIComponent(widget.id)}`)}>Details</button>
      {/* docs URL opened in a new window */}
      {/* ruleid: open-redirect */}
      <button onClick={() => window.open(widget.docsUrl)}>Docs</button>
      <span>{String(compute({}))}</span>
    </div>
  );
}

export function Dashboard({ widgets, announcementHtml, feedEndpoint }: DashboardProps) {
  const [feedHtml, setFeedHtml] = useState("");
  const [note, setNote] = useState("");
  const [stats, setStats] = useState<Record<string, number>>({});

  useEffect(() => {
    // prop URL fetched from the browser
    // ruleid: ssrf
    fetch(feedEndpoint)
      .then((r) => r.text())
      .then(setFeedHtml);
  }, [feedEndpoint]);

  useEffect(() => {
    // relative path on this origin
    // ok: ssrf
    fetch(`/api/dashboard/stats?ids=${widgets.map((w) => encodeURIComponent(w.id)).join(",")}`)
      .then((r) => r.json())
      .then(setStats);
    setNote(new URLSearchParams(window.location.search).get("note") ?? "");
  }, [widgets]);

  // a session nonce from Math.random
  // ruleid: weak-randomness
  const sessionNonce = Math.random().toString(36).slice(2);

  return (
    <section data-nonce={sessionNonce}>
      {/* DOMPurify on the announcement prop */}
      {/* ok: xss */}
      <div className="announcement" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(announcementHtml) }} />
      {/* response of a fetch whose URL is a prop */}
      {/* ruleid: xss */}
      <div className="feed" dangerouslySetInnerHTML={{ __html: feedHtml }} />
      {/* query-string value kept in state, then rendered as HTML */}
      {/* ruleid: xss */}
      <p className="note" dangerouslySetInnerHTML={{ __html: note }} />
      {/* plain children */}
      {/* ok: xss */}
      <p className="note-text">{note}</p>
      {widgets.map((w) => (
        <WidgetCard key={w.id} widget={w} />
      ))}
      <footer>{Object.keys(stats).length} widgets reporting</footer>
    </section>
  );
}
