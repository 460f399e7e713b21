// Link previews for the editor: oEmbed for known video hosts, a raw page title for anything else.
import { NextRequest, NextResponse } from "next/server";

const OEMBED_HOSTS = new Set(["vimeo.com", "www.youtube.com", "youtu.be"]);
const OEMBED_ENDPOINTS: Record<string, string> = {
  "vimeo.com": "https://vimeo.com/api/oembed.json",
  "www.youtube.com": "https://www.youtube.com/oembed",
  "youtu.be": "https://www.youtube.com/oembed",
};

export async function GET(req: NextRequest) {
  const raw = req.nextUrl.searchParams.get("url") ?? "";
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return NextResponse.json({ error: "bad url" }, { status: 400 });
  }
  if (!OEMBED_HOSTS.has(target.hostname)) {
    return NextResponse.json({ error: "unsupported host" }, { status: 403 });
  }
  // endpoint looked up in a constant record after a host allowlist check
  // ok: ssrf
  const res = await fetch(`${OEMBED_ENDPOINTS[target.hostname]}?url=${encodeURIComponent(target.href)}`);
  return NextResponse.json(await res.json());
}

export async function POST(req: Request) {
  const { url } = await req.json();
  // URL from the JSON body
  // ruleid: ssrf
  const page = await fetch(url, { redirect: "follow" });
  const html = await page.text();
  const title = /<title>(.*?)<\/title>/i.exec(html)?.[1] ?? url;
  // the fetched page's title served as HTML
  // ruleid: xss
  return new Response(`<!doctype html><h1>${title}</h1>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

export async function PUT(req: Request) {
  const { url } = await req.json();
  const parsed = new URL(url);
  if (parsed.protocol !== "https:") {
    return NextResponse.json({ error: "https only" }, { status: 400 });
  }
  // protocol-only check
  // ruleid: ssrf
  const page = await fetch(parsed, { redirect: "manual" });
  const title = /<title>(.*?)<\/title>/i.exec(await page.text())?.[1] ?? "";
  // JSON response
  // ok: xss
  return new Response(JSON.stringify({ title }), { headers: { "Content-Type": "application/json" } });
}
