// Comment list with a reply box (React, JSX, Vite).
import { useState } from "react";
import sanitizeHtml from "sanitize-html";

const EMOJI = { smile: "😊", heart: "❤️", tada: "🎉" };

function renderMentions(text) {
  return text.replace(/@(\w+)/g, '<a href="/u/$1">@$1</a>');
}

function escapeForHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export default function CommentList({ comments, profileUrl, onReply }) {
  const [draft, setDraft] = useState("");
  const [preview, setPreview] = useState("");

  return (
    <div>
      {comments.map((c) => (
        <div key={c.id} className="comment">
          {/* mentions linked in the raw text */}
          {/* ruleid: xss */}
          <p dangerouslySetInnerHTML={{ __html: renderMentions(c.text) }} />
          {/* escaped first, then mentions linked */}
          {/* ok: xss */}
          <p dangerouslySetInnerHTML={{ __html: renderMentions(escapeForHtml(c.text)) }} />
          {/* sanitize-html */}
          {/* ok: xss */}
          <div dangerouslySetInnerHTML={{ __html: sanitizeHtml(c.html) }} />
          <span>{EMOJI[c.reaction] ?? ""}</span>
        </div>
      ))}
      {/* a profile URL prop */}
      {/* ruleid: xss */}
      <a href={profileUrl}>My profile</a>
      <textarea
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          setPreview(e.target.value);
        }}
      />
      {/* the user's own keystrokes, through a state setter: self-XSS only [beyond docs] */}
      {/* ok: xss */}
      <div className="preview" dangerouslySetInnerHTML={{ __html: preview }} />
      <button onClick={() => onReply(draft)}>Reply</button>
    </div>
  );
}
