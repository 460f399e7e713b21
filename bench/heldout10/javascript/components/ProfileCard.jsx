import { useEffect, useState } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

function safeLink(url) {
  try {
    const u = new URL(url, window.location.origin);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : "#";
  } catch {
    return "#";
  }
}

export default function ProfileCard({ profile, bioHtml, website, portfolioUrl }) {
  const [feed, setFeed] = useState("");

  useEffect(() => {
    // the browser fetches a URL from props
    // ruleid: ssrf
    fetch(profile.feedUrl)
      .then((r) => r.text())
      .then(setFeed);
  }, [profile.feedUrl]);

  return (
    <article className="profile">
      <h2>{profile.name}</h2>
      {/* the bio HTML from props, unsanitized */}
      {/* ruleid: xss */}
      <div className="bio" dangerouslySetInnerHTML={{ __html: bioHtml }} />
      {/* Markdown rendered and then sanitized */}
      {/* ok: xss */}
      <div className="about" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(profile.about)) }} />
      {/* marked output alone is no sanitizer */}
      {/* ruleid: xss */}
      <div className="status" dangerouslySetInnerHTML={{ __html: marked.parse(profile.status) }} />
      {/* a profile's website link: javascript: URLs run */}
      {/* ruleid: xss */}
      <a href={website}>Website</a>
      {/* the scheme-checking helper */}
      {/* ok: xss */}
      <a href={safeLink(portfolioUrl)}>Portfolio</a>
      {/* img src runs no script */}
      {/* ok: xss */}
      <img src={profile.avatarUrl} alt="" />
      {/* the fetched feed's text inserted as HTML */}
      {/* ruleid: xss */}
      <section dangerouslySetInnerHTML={{ __html: feed }} />
    </article>
  );
}
