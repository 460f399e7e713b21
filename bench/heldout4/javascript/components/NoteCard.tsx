// Note card and profile header of the notes web app (React 19, TSX).

import DOMPurify from "dompurify";
import { marked } from "marked";
import { useEffect, useRef, useState } from "react";

type Note = { id: string; title: string; body: string; html?: string };
type Profile = { id: string; name: string; bio: string; website: string; avatarUrl: string };

const ICONS: Record<string, string> = {
  pin: "<svg viewBox='0 0 16 16'><path d='M4 2h8v2H4z'/></svg>",
  star: "<svg viewBox='0 0 16 16'><path d='M8 1l2 5h5l-4 3 2 6-5-4-5 4 2-6-4-3h5z'/></svg>",
};

function safeHref(raw: string): string {
  try {
    const u = new URL(raw);
    return ["http:", "https:"].includes(u.protocol) ? u.href : "#";
  } catch {
    return "#";
  }
}

export function NoteBody({ note }: { note: Note }) {
  return (
    <article>
      {/* the note's stored HTML, unsanitized */}
      {/* ruleid: xss */}
      <div className="body" dangerouslySetInnerHTML={{ __html: note.html ?? "" }} />
      {/* DOMPurify */}
      {/* ok: xss */}
      <div className="body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(note.body) }} />
      {/* a Markdown renderer does not sanitize */}
      {/* ruleid: xss */}
      <div className="md" dangerouslySetInnerHTML={{ __html: marked.parse(note.body) as string }} />
      {/* plain JSX child */}
      {/* ok: xss */}
      <h2>{note.title}</h2>
    </article>
  );
}

export function ProfileHeader({ profile, icon }: { profile: Profile; icon: string }) {
  return (
    <header>
      {/* a profile URL as a link target: javascript: URLs run */}
      {/* ruleid: xss */}
      <a href={profile.website} rel="noopener">
        website
      </a>
      {/* a same-file helper that keeps only http(s) URLs */}
      {/* ok: xss */}
      <a href={safeHref(profile.website)} rel="noopener">
        website
      </a>
      {/* a constant path start */}
      {/* ok: xss */}
      <a href={`/users/${profile.id}/notes`}>notes</a>
      {/* constant lookup of an icon */}
      {/* ok: xss */}
      <span className="icon" dangerouslySetInnerHTML={{ __html: ICONS[icon] ?? "" }} />
    </header>
  );
}

export function LivePreview({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      // a prop written to innerHTML in an effect
      // ruleid: xss
      ref.current.innerHTML = html;
    }
  }, [html]);
  return <div ref={ref} />;
}

export function Embed({ snippet }: { snippet: string }) {
  return (
    <>
      {/* [extended sink] srcDoc on an iframe with a prop */}
      {/* ruleid: xss */}
      <iframe title="embed" sandbox="allow-scripts allow-same-origin" srcDoc={snippet} />
    </>
  );
}

export function RemoteNote({ id }: { id: string }) {
  const [html, setHtml] = useState("");
  useEffect(() => {
    // same-origin API path with the id encoded
    // ok: ssrf
    fetch(`/api/notes/${encodeURIComponent(id)}/render`)
      .then((r) => r.text())
      .then((t) => setHtml(DOMPurify.sanitize(t)));
  }, [id]);
  // sanitized before it was stored in state
  // ok: xss
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function SearchSummary() {
  const q = new URLSearchParams(window.location.search).get("q") ?? "";
  const [rendered, setRendered] = useState("");
  useEffect(() => {
    setRendered(`<em>${q}</em>`);
  }, [q]);
  // a URL parameter passed through React state into __html
  // ruleid: xss
  return <p dangerouslySetInnerHTML={{ __html: rendered }} />;
}
