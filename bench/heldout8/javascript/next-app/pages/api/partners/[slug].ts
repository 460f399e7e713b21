// Pages Router API route: partner directory, proxied partner API calls and click-through tracking.
import type { NextApiRequest, NextApiResponse } from "next";
import mysql from "mysql2/promise";

const pool = mysql.createPool(process.env.MYSQL_URL!);
const PARTNER_API = "https://api.partner.example";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const slug = String(req.query.slug);
  const endpoint = String(req.query.endpoint ?? "/status");

  if (req.method === "GET" && req.query.proxy) {
    // base without a trailing slash: an endpoint of "@evil.example/" changes the host
    // ruleid: ssrf
    const upstream = await fetch(`${PARTNER_API}${endpoint}`);
    return res.status(upstream.status).json(await upstream.json());
  }

  if (req.method === "GET" && req.query.status) {
    // the slug after a constant https://host/ prefix
    // ok: ssrf
    const upstream = await fetch(`${PARTNER_API}/v1/partners/${encodeURIComponent(slug)}/status`);
    return res.status(upstream.status).json(await upstream.json());
  }

  if (req.method === "GET") {
    const limit = req.query.limit ?? "20";
    // slug and limit spliced into the query text
    // ruleid: sql-injection
    const [logs] = await pool.query(`SELECT * FROM partner_clicks WHERE slug = '${slug}' ORDER BY id DESC LIMIT ${limit}`);
    return res.json({ logs });
  }

  if (req.method === "POST") {
    const limit = Number.parseInt(String(req.body.limit ?? "20"), 10);
    // parseInt coercion
    // ok: sql-injection
    const [logs] = await pool.query(`SELECT * FROM partner_clicks WHERE slug = ? ORDER BY id DESC LIMIT ${limit}`, [slug]);
    return res.json({ logs });
  }

  if (req.method === "PUT") {
    const next = String(req.query.next ?? "/partners");
    // next from the query
    // ruleid: open-redirect
    return res.redirect(307, next);
  }

  // redirect to the partner's site as stored in our table; placeholders
  // ok: sql-injection
  const [rows] = await pool.execute("SELECT website FROM partners WHERE slug = ?", [slug]);
  const website = (rows as Array<{ website: string }>)[0]?.website ?? "/partners";
  // the website column of our own table, read back by a query (a sink's result is not its input)
  // ok: open-redirect
  return res.redirect(302, website);
}
