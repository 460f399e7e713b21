// src/components/Comments.jsx: comment thread, editor preview and signatures.
import React, { useEffect, useRef, useState } from "react";
import axios from "axios";
import DOMPurify from "dompurify";
import sanitizeHtml from "sanitize-html";
import escapeHtml from "escape-html";

const EMOJI = { smile: "😄", heart: "❤️", tada: "🎉" };

// Replaces :name: codes with <img> tags but leaves the rest of the text as is.
function emojify(text) {
  return text.replace(/:([a-z_]+):/g, (m, name) =>
    EMOJI[name] ? `<img class="emoji" alt="${name}" src="/emoji/${name}.png">` : m,
  );
}

// Comment body (a prop) rendered as HTML (reported as a warning).
export function Comment({ comment }) {
  return (
    <li className="comment">
      <strong>{comment.author}</strong>
      {/* ruleid: xss */}
      <p dangerouslySetInnerHTML={{ __html: comment.body }} />
    </li>
  );
}

// sanitize-html with a small tag allowlist.
export function CommentSafe({ comment }) {
  const body = sanitizeHtml(comment.body, { allowedTags: ["b", "i", "em", "strong", "a"], allowedAttributes: { a: ["href"] } });
  return (
    <li className="comment">
      <strong>{comment.author}</strong>
      {/* ok: xss */}
      <p dangerouslySetInnerHTML={{ __html: body }} />
    </li>
  );
}

// Emoji replacement does not escape the text around the codes.
export function EmojiText({ text }) {
  return (
    <span>
      {/* ruleid: xss */}
      <span dangerouslySetInnerHTML={{ __html: emojify(text) }} />
    </span>
  );
}

// Name escaped with escape-html.
export function Signature({ user }) {
  const html = `<b>${escapeHtml(user.name)}</b> · ${escapeHtml(user.title || "")}`;
  return (
    <footer>
      {/* ok: xss */}
      <div className="sig" dangerouslySetInnerHTML={{ __html: html }} />
    </footer>
  );
}

// API base URL taken from a prop (reported as a warning).
export function CommentList({ apiBase, postId }) {
  const [comments, setComments] = useState([]);
  useEffect(() => {
    // ruleid: ssrf
    axios.get(`${apiBase}/posts/${postId}/comments`).then((res) => setComments(res.data));
  }, [apiBase, postId]);
  return (
    <ul>
      {comments.map((c) => (
        <CommentSafe key={c.id} comment={c} />
      ))}
    </ul>
  );
}

// Relative same-origin path.
export function RecentComments() {
  const [comments, setComments] = useState([]);
  useEffect(() => {
    // ok: ssrf
    axios.get("/api/comments/recent", { params: { limit: 10 } }).then((res) => setComments(res.data));
  }, []);
  return <ul>{comments.map((c) => <li key={c.id}>{c.excerpt}</li>)}</ul>;
}

// Editor preview sanitized with DOMPurify before innerHTML.
export function EditorPreview({ draft }) {
  const previewRef = useRef(null);
  useEffect(() => {
    // ok: xss
    previewRef.current.innerHTML = DOMPurify.sanitize(draft);
  }, [draft]);
  return <div className="preview" ref={previewRef} />;
}

// Referrer shown in a welcome banner through innerHTML.
export function WelcomeBanner() {
  const bannerRef = useRef(null);
  useEffect(() => {
    const from = document.referrer;
    if (from && bannerRef.current) {
      // ruleid: xss
      bannerRef.current.innerHTML = `Welcome! You came from <a href="${from}">${from}</a>`;
    }
  }, []);
  return <div className="welcome" ref={bannerRef} />;
}
