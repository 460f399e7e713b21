// Account settings panel (React 19, TSX) as an assistant would scaffold it.
import { useEffect, useMemo, useRef, useState } from "react";
import DOMPurify from "dompurify";
import { jwtDecode } from "jwt-decode";

type Profile = { displayName: string; bioHtml: string; website: string; signature: string };

const BADGES: Record<string, string> = {
  pro: "<span class='badge pro'>Pro</span>",
  team: "<span class='badge team'>Team</span>",
};

export function ProfileCard({ profile, plan }: { profile: Profile; plan: string }) {
  const cleanBio = useMemo(() => DOMPurify.sanitize(profile.bioHtml), [profile.bioHtml]);
  return (
    <section>
      <h2>{profile.displayName}</h2>
      {/* sanitized through useMemo */}
      {/* ok: xss */}
      <div className="bio" dangerouslySetInnerHTML={{ __html: cleanBio }} />
      {/* prop HTML without sanitizing */}
      {/* ruleid: xss */}
      <div className="signature" dangerouslySetInnerHTML={{ __html: profile.signature }} />
      {/* badge markup from a constant record lookup */}
      {/* ok: xss */}
      <span dangerouslySetInnerHTML={{ __html: BADGES[plan] ?? "" }} />
      {/* prop URL as an href: javascript: URLs run on click [extended sink] */}
      {/* ruleid: xss */}
      <a href={profile.website} rel="noopener">
        Website
      </a>
    </section>
  );
}

export function AnnouncementBanner({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      // prop written to innerHTML inside an effect
      // ruleid: xss
      ref.current.innerHTML = `<p class="announce">${message}</p>`;
    }
  }, [message]);
  return <div ref={ref} />;
}

export function SearchSummary() {
  const [term, setTerm] = useState("");
  useEffect(() => {
    setTerm(new URLSearchParams(window.location.search).get("q") ?? "");
  }, []);
  // React state from the URL rendered as a JSX child (escaped)
  // ok: xss
  return <p>Showing results for {term}</p>;
}

export function SearchSummaryRaw() {
  const [term, setTerm] = useState("");
  useEffect(() => {
    setTerm(new URLSearchParams(window.location.search).get("q") ?? "");
  }, []);
  // React state from the URL as HTML
  // ruleid: xss
  return <p dangerouslySetInnerHTML={{ __html: `Showing results for ${term}` }} />;
}

export function WhoAmI({ token }: { token: string }) {
  // client-side decode only to show a name; the server verifies [beyond docs]
  // ok: jwt-not-verified
  const claims = jwtDecode<{ name: string }>(token);
  return <span>{claims.name}</span>;
}

export function ContinueButton() {
  const next = new URLSearchParams(window.location.search).get("next") ?? "/";
  // query value assigned to window.location
  // ruleid: open-redirect
  return <button onClick={() => { window.location.href = next; }}>Continue</button>;
}

export async function loadAvatar(userId: string) {
  // constant host, id in the path
  // ok: ssrf
  const res = await fetch(`https://api.example.com/users/${encodeURIComponent(userId)}/avatar`);
  return res.blob();
}

export async function loadWidget(widgetUrl: string) {
  // exported function parameter as the fetch URL
  // ruleid: ssrf
  const res = await fetch(widgetUrl, { credentials: "include" });
  return res.text();
}

export function makeNonce() {
  // nonce from Math.random returned from a function so named
  // ruleid: weak-randomness
  return Math.random().toString(36).slice(2);
}

export function makeRequestId() {
  // secure generator
  // ok: weak-randomness
  return crypto.randomUUID();
}
