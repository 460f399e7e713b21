// Next.js Pages Router API route: link previews, content files, the changelog and a return URL.
import type { NextApiRequest, NextApiResponse } from "next";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { sql } from "@vercel/postgres";

const CONTENT_DIR = path.join(process.cwd(), "content");
const PREVIEW_HOSTS = new Set(["github.com", "www.youtube.com", "twitter.com"]);
const LOOSE_PATH = /^\/[a-z0-9/-]*$/;
const STRICT_PATH = /^\/(?!\/)[a-z0-9/-]*$/;

async function loadChangelog(db: Client, product: string) {
  // product from the API route's query, in the SQL text
  // ruleid: sql-injection
  return db.query(`SELECT version, notes FROM changelog WHERE product = '${product}' ORDER BY released_at DESC`);
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { action } = req.query;

  if (action === "preview") {
    const url = String(req.query.url ?? "");
    // Pages Router query value fetched by the server
    // ruleid: ssrf
    const upstream = await fetch(url);
    return res.status(200).json({ status: upstream.status });
  }

  if (action === "preview-checked") {
    const target = new URL(String(req.query.url ?? ""));
    if (!PREVIEW_HOSTS.has(target.hostname)) {
      return res.status(400).json({ error: "host" });
    }
    // hostname allowlist with an early return
    // ok: ssrf
    const upstream = await fetch(target.toString(), { redirect: "manual" });
    return res.status(200).json({ status: upstream.status });
  }

  if (action === "content") {
    const slug = String(req.query.slug ?? "");
    // slug names the file read from the content directory
    // ruleid: path-traversal
    const mdx = fs.readFileSync(path.join(CONTENT_DIR, `${slug}.mdx`), "utf8");
    return res.status(200).json({ mdx });
  }

  if (action === "changelog") {
    const db = new Client();
    await db.connect();
    const { rows } = await loadChangelog(db, String(req.query.product ?? "app"));
    // @vercel/postgres sql tag sends the value as a parameter
    // ok: sql-injection
    const latest = await sql`SELECT version FROM changelog WHERE product = ${String(req.query.product)} LIMIT 1`;
    return res.status(200).json({ rows, latest: latest.rows[0] });
  }

  if (action === "title") {
    const title = String(req.query.title ?? "");
    // HTML sent from an API route with the query value [extended sink]
    // ruleid: xss
    return res.status(200).setHeader("Content-Type", "text/html").send(`<title>${title}</title>`);
  }

  if (action === "return") {
    const to = String(req.query.to ?? "/");
    if (!LOOSE_PATH.test(to)) {
      return res.status(400).end();
    }
    // anchored, but [a-z0-9/-]* after the first "/" admits //evil.example [beyond docs]
    // ruleid: open-redirect
    return res.redirect(307, to);
  }

  if (action === "return-strict") {
    const to = String(req.query.to ?? "/");
    if (!STRICT_PATH.test(to)) {
      return res.status(400).end();
    }
    // anchored path regex that refuses a second leading slash
    // ok: open-redirect
    return res.redirect(307, to);
  }

  return res.status(404).end();
}
