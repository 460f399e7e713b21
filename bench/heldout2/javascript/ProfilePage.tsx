// Profile page components (React 19, TSX).
"use client";

import DOMPurify from "dompurify";
import { jwtDecode } from "jwt-decode";
import { marked } from "marked";
import { useEffect, useMemo, useRef, useState } from "react";

type Profile = { name: string; bioHtml: string; website?: string; status: "online" | "away" | "offline"; signature: string };

const STATUS_ICONS: Record<Profile["status"], string> = {
  online: "<svg class='dot dot-green'></svg>",
  away: "<svg class='dot dot-amber'></svg>",
  offline: "<svg class='dot dot-grey'></svg>",
};

export function Bio({ profile }: { profile: Profile }) {
  return (
    <section className="bio">
      <h2>{profile.name}</h2>
      {/* prop HTML rendered without sanitizing */}
      {/* ruleid: xss */}
      <div className="bio-body" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} />
      {/* sanitized with DOMPurify */}
      {/* ok: xss */}
      <div className="bio-signature" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(profile.signature) }} />
      {/* markup chosen from a constant object by a typed key */}
      {/* ok: xss */}
      <span className="status" dangerouslySetInnerHTML={{ __html: STATUS_ICONS[profile.status] }} />
    </section>
  );
}

export function MarkdownNote({ text }: { text: string }) {
  const html = useMemo(() => marked.parse(text) as string, [text]);
  // Markdown rendering does not sanitize
  // ruleid: xss
  return <div className="note" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function SafeMarkdownNote({ text }: { text: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(text) as string), [text]);
  // Markdown output sanitized before use
  // ok: xss
  return <div className="note" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Greeting({ name }: { name: string }) {
  // JSX child text is escaped by React
  // ok: xss
  return <p className="greeting">Hello, {name}!</p>;
}

export function Highlighter({ text, term }: { text: string; term: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    // props spliced into innerHTML inside an effect
    // ruleid: xss
    ref.current.innerHTML = text.split(term).join(`<mark>${term}</mark>`);
  }, [text, term]);
  return <p ref={ref} />;
}

export function SearchBanner() {
  const [q, setQ] = useState("");
  useEffect(() => {
    setQ(new URLSearchParams(window.location.search).get("q") ?? "");
  }, []);
  useEffect(() => {
    const el = document.getElementById("search-banner");
    // URL parameter kept in state, then written with textContent
    // ok: xss
    if (el) el.textContent = `Results for ${q}`;
  }, [q]);
  return <div id="search-banner" />;
}

export function AccountMenu({ token }: { token: string }) {
  // [beyond docs] client-side jwt-decode of the app's own token to show the name; the server verifies it
  // ok: jwt-not-verified
  const claims = jwtDecode<{ name: string; exp: number }>(token);
  return <span className="account">{claims.name}</span>;
}

export function ToastList({ toasts }: { toasts: string[] }) {
  // React list keys from Math.random: not a secret
  // ok: weak-randomness
  const keyPrefix = Math.random().toString(36).slice(2);
  return (
    <ul>
      {toasts.map((t, i) => (
        <li key={`${keyPrefix}-${i}`}>{t}</li>
      ))}
    </ul>
  );
}

export function WebsiteLink({ profile }: { profile: Profile }) {
  const go = () => {
    // profile prop used as the navigation target (unknown callers)
    // ruleid: open-redirect
    window.location.href = profile.website ?? "/";
  };
  return <button onClick={go}>Visit website</button>;
}

export function InviteButton() {
  const create = async () => {
    // invite code generated in the browser with Math.random
    // ruleid: weak-randomness
    const inviteCode = Array.from({ length: 8 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(Math.random() * 31)]).join("");
    // constant host
    // ok: ssrf
    await fetch("https://api.example.com/invites", { method: "POST", body: JSON.stringify({ inviteCode }) });
  };
  return <button onClick={create}>Invite</button>;
}

export function Avatar({ src }: { src: string }) {
  const [blobUrl, setBlobUrl] = useState<string>();
  useEffect(() => {
    // prop used as the fetch URL (unknown callers)
    // ruleid: ssrf
    fetch(src)
      .then((r) => r.blob())
      .then((b) => setBlobUrl(URL.createObjectURL(b)));
  }, [src]);
  return <img src={blobUrl} alt="" />;
}
