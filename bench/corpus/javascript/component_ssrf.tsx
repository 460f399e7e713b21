// React components that fetch data.
// Benchmark corpus, ssrf (CWE-918): props are parameters with unknown callers
// (reported as warnings); router params and the query string are untrusted.
import React, { useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import axios from "axios";

const API = "https://api.example.com";

type FeedProps = { feedUrl: string; title?: string };

export function Feed({ feedUrl, title }: FeedProps) {
  // Prop used as the URL inside an effect.
  const [items, setItems] = useState<string[]>([]);
  useEffect(() => {
    // ruleid: ssrf
    fetch(feedUrl)
      .then((r) => r.json())
      .then((data) => setItems(data.items));
  }, [feedUrl]);
  return <section title={title}>{items.length}</section>;
}

export function Preview() {
  // Query string value from useSearchParams.
  const [params] = useSearchParams();
  const [html, setHtml] = useState("");
  useEffect(() => {
    const target = params.get("target") ?? "";
    // ruleid: ssrf
    axios.get(target).then((r) => setHtml(String(r.data).slice(0, 200)));
  }, [params]);
  return <pre>{html}</pre>;
}

export function UserCard() {
  // Route parameter only in the path of a constant host.
  const { userId } = useParams();
  const [name, setName] = useState("");
  useEffect(() => {
    // ok: ssrf
    fetch(`${API}/users/${userId}`)
      .then((r) => r.json())
      .then((u) => setName(u.name));
  }, [userId]);
  return <span>{name}</span>;
}

export function Status() {
  // Constant URL.
  const [up, setUp] = useState(false);
  useEffect(() => {
    // ok: ssrf
    fetch(`${API}/health`).then((r) => setUp(r.ok));
  }, []);
  return <span>{up ? "up" : "down"}</span>;
}

export function Mirror({ mirror }: { mirror: number }) {
  // Prop coerced with Number() before it becomes part of the host.
  const [ok, setOk] = useState(false);
  useEffect(() => {
    const n = Number(mirror);
    // ok: ssrf
    fetch(`https://mirror${n}.example.com/ping`).then((r) => setOk(r.ok));
  }, [mirror]);
  return <span>{ok ? "ok" : "?"}</span>;
}

export function AsyncLoader({ source }: { source: string }) {
  // Prop inside an async function declared in the effect.
  const [len, setLen] = useState(0);
  useEffect(() => {
    async function load() {
      // ruleid: ssrf
      const res = await fetch(source);
      setLen((await res.text()).length);
    }
    load();
  }, [source]);
  return <span>{len}</span>;
}
