// Comment thread for the community site (React 18, JSX).
import React, { useEffect, useState } from "react";
import sanitizeHtml from "sanitize-html";
import { marked } from "marked";

const REACTIONS = { like: "&#128077;", love: "&#10084;&#65039;", laugh: "&#128514;" };

function Comment({ comment }) {
  return (
    <li className="comment">
      {/* author name as a JSX child */}
      {/* ok: xss */}
      <strong>{comment.author}</strong>
      {/* comment body (prop) as raw HTML */}
      {/* ruleid: xss */}
      <div className="body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {/* body cleaned with sanitize-html */}
      {/* ok: xss */}
      <div className="body-clean" dangerouslySetInnerHTML={{ __html: sanitizeHtml(comment.bodyHtml) }} />
      {/* reaction glyph from a constant object */}
      {/* ok: xss */}
      <span className="reaction" dangerouslySetInnerHTML={{ __html: REACTIONS[comment.reaction] || "" }} />
    </li>
  );
}

export function CommentThread({ threadId }) {
  const [comments, setComments] = useState([]);
  const [highlight, setHighlight] = useState("");

  useEffect(() => {
    // constant origin, thread id in the path
    // ok: ssrf
    fetch(`/api/threads/${encodeURIComponent(threadId)}/comments`)
      .then((r) => r.json())
      .then(setComments);
    setHighlight(window.location.hash.slice(1));
  }, [threadId]);

  return (
    <section>
      {/* location.hash (kept in state) rendered as Markdown HTML */}
      {/* ruleid: xss */}
      <p className="pinned" dangerouslySetInnerHTML={{ __html: marked.parse(decodeURIComponent(highlight)) }} />
      <ul>
        {comments.map((c) => (
          <Comment key={c.id} comment={c} />
        ))}
      </ul>
    </section>
  );
}

export function LoginRedirect() {
  useEffect(() => {
    const next = new URLSearchParams(window.location.search).get("next");
    if (next && /^\/[A-Za-z0-9_-][A-Za-z0-9_/-]*$/.test(next)) {
      // [beyond docs] anchored local-path regex (second character cannot be '/' or '\')
      // ok: open-redirect
      window.location.assign(next);
      return;
    }
    // URL parameter used with only a truthiness check
    // ruleid: open-redirect
    window.location.assign(new URLSearchParams(window.location.search).get("fallback") || "/");
  }, []);
  return null;
}
