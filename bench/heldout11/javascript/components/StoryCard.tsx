// News story card and reader pane (React 18, TSX).
import { useEffect, useMemo, useRef, useState } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

export interface Story {
  id: number;
  title: string;
  summaryHtml: string;
  bodyMarkdown: string;
  sourceUrl: string;
  embedHtml?: string;
}

interface Props {
  story: Story;
  highlight?: string;
  onOpen?: (id: number) => void;
}

const SAFE_SCHEMES = ["http:", "https:"];

function safeHref(url: string): string {
  try {
    const u = new URL(url, window.location.origin);
    return SAFE_SCHEMES.includes(u.protocol) ? u.href : "#";
  } catch {
    return "#";
  }
}

export function StoryCard({ story, highlight = "", onOpen }: Props) {
  const clean = useMemo(() => DOMPurify.sanitize(story.summaryHtml), [story.summaryHtml]);
  const bodyHtml = useMemo(() => marked.parse(story.bodyMarkdown) as string, [story.bodyMarkdown]);
  return (
    <article onClick={() => onOpen?.(story.id)}>
      <h2>{story.title}</h2>
      {/* summary sanitized in useMemo */}
      {/* ok: xss */}
      <div className="summary" dangerouslySetInnerHTML={{ __html: clean }} />
      {/* Markdown output without a sanitizer */}
      {/* ruleid: xss */}
      <div className="body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {/* scheme-checking helper */}
      {/* ok: xss */}
      <a href={safeHref(story.sourceUrl)}>Source</a>
      {/* raw prop as href */}
      {/* ruleid: xss */}
      <a href={story.sourceUrl} className="share">Share</a>
      {/* the highlight prop wrapped into markup */}
      {/* ruleid: xss */}
      <p dangerouslySetInnerHTML={{ __html: `Matches for <mark>${highlight}</mark>` }} />
      {/* sandbox without allow-scripts */}
      {/* ok: xss */}
      <iframe sandbox="" srcDoc={story.embedHtml ?? ""} title="embed" />
    </article>
  );
}

export function ReaderPane({ storyId }: { storyId: number }) {
  const [story, setStory] = useState<Story | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // relative API path on this site
    // ok: ssrf
    fetch(`/api/stories/${storyId}`)
      .then((r) => r.json())
      .then(setStory);
  }, [storyId]);

  useEffect(() => {
    if (ref.current && story) {
      // story HTML read back from this site's own API (a fixed-host fetch is not an origin)
      // ok: xss
      ref.current.innerHTML = story.summaryHtml;
    }
  }, [story]);

  if (!story) return null;
  return (
    <section>
      {/* plain child */}
      <h1>{story.title}</h1>
      <div ref={ref} />
    </section>
  );
}
