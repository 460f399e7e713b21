// Activity feed widgets (React 18, JSX).
import React, { useEffect, useState } from "react";
import sanitizeHtml from "sanitize-html";

const ICONS = { comment: "<svg class='i-comment'></svg>", like: "<svg class='i-like'></svg>" };

export function FeedItem({ item }) {
  return (
    <li>
      {/* icon markup from a constant object */}
      {/* ok: xss */}
      <span dangerouslySetInnerHTML={{ __html: ICONS[item.kind] || "" }} />
      {/* author-entered HTML from the item prop */}
      {/* ruleid: xss */}
      <div dangerouslySetInnerHTML={{ __html: item.html }} />
      {/* sanitize-html on the prop [beyond docs] */}
      {/* ok: xss */}
      <div dangerouslySetInnerHTML={{ __html: sanitizeHtml(item.html) }} />
      {/* plain child */}
      {/* ok: xss */}
      <p>{item.text}</p>
    </li>
  );
}

export function Highlight({ text, query }) {
  const marked = text.replace(new RegExp(query, "gi"), (m) => `<mark>${m}</mark>`);
  // props combined into HTML
  // ruleid: xss
  return <span dangerouslySetInnerHTML={{ __html: marked }} />;
}

export function RemoteEmbed({ embedUrl }) {
  const [html, setHtml] = useState("");
  useEffect(() => {
    // prop URL fetched from the browser
    // ruleid: ssrf
    fetch(embedUrl)
      .then((r) => r.text())
      .then(setHtml);
  }, [embedUrl]);
  // state filled from a fetched response set through the setter (response of a prop URL)
  // ruleid: xss
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function ShareLink({ slug }) {
  const onShare = () => {
    // constant path prefix
    // ok: open-redirect
    window.location.assign(`/share/${encodeURIComponent(slug)}`);
  };
  return <button onClick={onShare}>Share</button>;
}

export function Toast({ message }) {
  useEffect(() => {
    const el = document.getElementById("toast");
    // textContent in an effect
    // ok: xss
    el.textContent = message;
  }, [message]);
  return null;
}
