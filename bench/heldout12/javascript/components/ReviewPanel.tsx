// Product review panel of the marketplace storefront (React 18 client component).

"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

type Review = {
  id: string;
  author: string;
  authorUrl?: string;
  rating: number;
  bodyHtml: string;
  bodyMarkdown?: string;
  videoEmbed?: string;
};

type Props = {
  productId: string;
  reviews: Review[];
  highlight?: string;
  sellerReplyHtml?: string;
  moreUrl: string;
  embedSrc?: string;
  onReport?: (id: string) => void;
};

const STARS = ["☆☆☆☆☆", "★☆☆☆☆", "★★☆☆☆", "★★★☆☆", "★★★★☆", "★★★★★"];

function safeProfileUrl(url?: string): string {
  if (!url) return "#";
  try {
    const u = new URL(url);
    return u.protocol === "https:" ? u.href : "#";
  } catch {
    return "#";
  }
}

export default function ReviewPanel({ productId, reviews, highlight, sellerReplyHtml, moreUrl, embedSrc, onReport }: Props) {
  const [extra, setExtra] = useState<Review[]>([]);
  const [summaryHtml, setSummaryHtml] = useState("");
  const frameRef = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    // the "more reviews" URL is a prop: whoever renders the panel picks the host
    // ruleid: ssrf
    fetch(moreUrl)
      .then((r) => r.json())
      .then((data: Review[]) => setExtra(data));
  }, [moreUrl]);

  useEffect(() => {
    // a path of this site
    // ok: ssrf
    fetch(`/api/products/${encodeURIComponent(productId)}/review-summary`)
      .then((r) => r.text())
      .then(setSummaryHtml);
  }, [productId]);

  useEffect(() => {
    if (frameRef.current && embedSrc) {
      // the frame's src set from a prop: a javascript: URL runs
      // ruleid: xss
      frameRef.current.src = embedSrc;
    }
  }, [embedSrc]);

  const all = useMemo(() => [...reviews, ...extra], [reviews, extra]);

  return (
    <section className="reviews">
      {/* what this site's own API returns from a fixed path is not an origin */}
      {/* ok: xss */}
      <div className="summary" dangerouslySetInnerHTML={{ __html: summaryHtml }} />
      {highlight && (
        // the highlight prop inserted as HTML
        // ruleid: xss
        <p className="highlight" dangerouslySetInnerHTML={{ __html: highlight }} />
      )}
      {sellerReplyHtml && (
        // sanitized with DOMPurify
        // ok: xss
        <blockquote className="seller-reply" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(sellerReplyHtml) }} />
      )}
      <iframe ref={frameRef} className="review-video" title="review video" allow="fullscreen" />
      <ul>
        {all.map((r) => (
          <li key={r.id}>
            {/* the scheme is forced to https by a helper */}
            {/* ok: xss */}
            <a href={safeProfileUrl(r.authorUrl)} rel="nofollow noopener">
              {r.author}
            </a>{" "}
            <span aria-label={`${r.rating} stars`}>{STARS[Math.max(0, Math.min(5, Math.round(r.rating)))]}</span>
            {/* a review body from the props, raw */}
            {/* ruleid: xss */}
            <div className="body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
            {r.bodyMarkdown && (
              // Markdown rendering does not remove raw HTML
              // ruleid: xss
              <div className="md" dangerouslySetInnerHTML={{ __html: marked.parse(r.bodyMarkdown) as string }} />
            )}
            {r.videoEmbed && (
              // a srcDoc frame whose sandbox leaves out allow-scripts
              // ok: xss
              <iframe sandbox="" srcDoc={r.videoEmbed} title={`video of review ${r.id}`} />
            )}
            {/* the author's URL as given, straight into href */}
            {/* ruleid: xss */}
            <a className="source" href={r.authorUrl}>
              source
            </a>
            <button type="button" onClick={() => onReport?.(r.id)}>
              Report
            </button>
          </li>
        ))}
      </ul>
      {/* plain JSX text */}
      {/* ok: xss */}
      <footer>{highlight}</footer>
    </section>
  );
}
