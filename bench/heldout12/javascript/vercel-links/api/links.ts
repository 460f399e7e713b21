// Vercel serverless function of the link-in-bio product: resolves short links,
// renders the public profile card, proxies link previews and records clicks.

import type { VercelRequest, VercelResponse } from "@vercel/node";
import { sql } from "@vercel/postgres";
import { createPool } from "@vercel/postgres";
import escapeHtml from "escape-html";

const pool = createPool({ connectionString: process.env.POSTGRES_URL });

const SITE = "https://links.example.app";
const PREVIEW_HOSTS = new Set(["youtube.com", "www.youtube.com", "vimeo.com", "open.spotify.com"]);
const THEMES: Record<string, string> = {
  light: "#ffffff",
  dark: "#111827",
  sand: "#f5e9d6",
};

type LinkRow = { slug: string; target: string; owner: string };

async function findLink(slug: string): Promise<LinkRow | undefined> {
  // tagged template: the slug is a bound parameter
  // ok: sql-injection
  const { rows } = await sql<LinkRow>`SELECT slug, target, owner FROM links WHERE slug = ${slug}`;
  return rows[0];
}

function first(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value[0] ?? "" : value ?? "";
}

function isSafeNext(next: string): boolean {
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !/[\u0000-\u001f]/.test(next);
}

export default async function handler(req: VercelRequest, res: VercelResponse) {
  const action = first(req.query.action);
  switch (action) {
    case "go":
      return go(req, res);
    case "card":
      return card(req, res);
    case "preview":
      return preview(req, res);
    case "click":
      return click(req, res);
    case "login-return":
      return loginReturn(req, res);
    default:
      res.status(404).json({ error: "unknown action" });
  }
}

async function go(req: VercelRequest, res: VercelResponse) {
  const link = await findLink(first(req.query.slug));
  if (!link) {
    // a constant path
    // ok: open-redirect
    return res.redirect(302, "/404");
  }
  // [beyond docs] the target stored for the slug is the database's value (held-out 8's row verdict)
  // ok: open-redirect
  res.redirect(302, link.target);
}

async function card(req: VercelRequest, res: VercelResponse) {
  const name = first(req.query.name);
  const bio = first(req.query.bio);
  const theme = THEMES[first(req.query.theme)] ?? THEMES.light;
  const html = `<!doctype html><html><body style="background:${theme}">
    <h1>${escapeHtml(name)}</h1>
    <p class="bio">${bio}</p>
  </body></html>`;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  // [extended sink] res.send of HTML; the name is escaped, the bio is not
  // ruleid: xss
  res.status(200).send(html);
}

async function preview(req: VercelRequest, res: VercelResponse) {
  const url = first(req.query.url);
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return res.status(400).json({ error: "bad url" });
  }
  if (!PREVIEW_HOSTS.has(host)) {
    return res.status(400).json({ error: "host not allowed" });
  }
  // hostname allowlist with an early return
  // ok: ssrf
  const page = await fetch(url, { redirect: "manual" });
  const text = await page.text();
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1] ?? "";
  res.json({ title });
}

async function click(req: VercelRequest, res: VercelResponse) {
  const { slug, ref } = (req.body ?? {}) as { slug?: string; ref?: string };
  // both values bound
  // ok: sql-injection
  await pool.query("INSERT INTO clicks (slug, referrer, at) VALUES ($1, $2, now())", [slug, ref]);
  const source = first(req.query.source);
  // the source label spliced into the SQL text
  // ruleid: sql-injection
  await pool.query(`UPDATE links SET last_source = '${source}' WHERE slug = $1`, [slug]);
  res.status(204).end();
}

async function loginReturn(req: VercelRequest, res: VercelResponse) {
  const next = first(req.query.next);
  if (isSafeNext(next)) {
    // the four-part same-site path check in a helper predicate
    // ok: open-redirect
    return res.redirect(302, next);
  }
  const back = first(req.query.back);
  if (back.startsWith(SITE)) {
    // a prefix without the "/" that ends the host: https://links.example.app.evil.example
    // ruleid: open-redirect
    return res.redirect(302, back);
  }
  res.redirect(302, "/");
}

export async function stats(req: VercelRequest, res: VercelResponse) {
  const owner = first(req.query.owner);
  const period = first(req.query.period) || "7 days";
  // the period text goes into an interval literal
  // ruleid: sql-injection
  const { rows } = await pool.query(
    `SELECT slug, count(*) FROM clicks WHERE owner = $1 AND at > now() - interval '${period}' GROUP BY slug`,
    [owner],
  );
  res.json(rows);
}

export async function avatar(req: VercelRequest, res: VercelResponse) {
  const user = first(req.query.user);
  // a constant https host with a trailing slash; the user only in the path
  // ok: ssrf
  const img = await fetch(`https://avatars.links.example.app/${encodeURIComponent(user)}.png`);
  res.setHeader("Content-Type", "image/png");
  res.send(Buffer.from(await img.arrayBuffer()));
}

export async function oembed(req: VercelRequest, res: VercelResponse) {
  const endpoint = first(req.query.endpoint);
  // any endpoint URL the caller names
  // ruleid: ssrf
  const r = await fetch(`${endpoint}?format=json&url=${encodeURIComponent(SITE)}`);
  res.json(await r.json());
}
