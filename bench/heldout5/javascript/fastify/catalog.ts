// Product catalog API on Fastify with JSON schemas: search, media, image resizing, supplier feeds.
import Fastify from "fastify";
import cors from "@fastify/cors";
import cookie from "@fastify/cookie";
import { Pool } from "pg";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { exec, execFile } from "node:child_process";

const app = Fastify({ logger: true });
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const MEDIA_ROOT = path.resolve("/var/lib/catalog/media");
const SORTS: Record<string, string> = { price: "price_cents", name: "name", newest: "created_at DESC" };
const FEED_HOSTS = new Set(["feeds.supplier-one.com", "export.supplier-two.net"]);
const SIZE_RE = /^\d{2,4}x\d{2,4}$/;

// reflects every origin and allows credentials
// ruleid: permissive-cors
await app.register(cors, { origin: true, credentials: true });
await app.register(cookie);

type SearchQuery = { q: string; sort?: string; dir?: "ASC" | "DESC"; category?: string };

app.get<{ Querystring: SearchQuery }>(
  "/products",
  {
    schema: {
      querystring: {
        type: "object",
        properties: {
          q: { type: "string", maxLength: 64 },
          sort: { type: "string" },
          dir: { type: "string", enum: ["ASC", "DESC"] },
          category: { type: "string" },
        },
      },
    },
  },
  async (request) => {
    const { q, sort = "name", dir = "ASC", category } = request.query;
    const order = SORTS[sort] ?? "name";
    // value bound as $1; ORDER BY from a constant record; direction limited by the route's JSON-schema enum [beyond docs]
    // ok: sql-injection
    const { rows } = await pool.query(`SELECT id, name FROM products WHERE name ILIKE $1 ORDER BY ${order} ${dir}`, [`%${q}%`]);
    if (category) {
      // the schema only says "string": any text reaches the literal
      // ruleid: sql-injection
      const filtered = await pool.query(`SELECT id, name FROM products WHERE category = '${category}'`);
      return filtered.rows;
    }
    return rows;
  },
);

app.get<{ Params: { file: string } }>("/media/:file", async (request, reply) => {
  // route parameter joined onto the media root
  // ruleid: path-traversal
  const data = await readFile(path.join(MEDIA_ROOT, request.params.file));
  return reply.type("application/octet-stream").send(data);
});

app.get<{ Params: { file: string } }>("/media/checked/:file", async (request, reply) => {
  const full = path.resolve(MEDIA_ROOT, request.params.file);
  if (!full.startsWith(MEDIA_ROOT + path.sep)) {
    return reply.code(403).send();
  }
  // resolve + startsWith(base + sep) with an early return
  // ok: path-traversal
  return reply.send(await readFile(full));
});

app.post<{ Body: { src: string; size: string } }>("/images/resize", async (request, reply) => {
  const { src, size } = request.body;
  const input = path.join(MEDIA_ROOT, path.basename(src));
  // size from the body in a shell command line (src reduced to a basename)
  // ruleid: command-injection
  exec(`vips thumbnail ${input} /tmp/out.jpg ${size}`, () => reply.send({ ok: true }));
});

app.post<{ Body: { src: string; size: string } }>("/images/resize-checked", async (request, reply) => {
  const { src, size } = request.body;
  if (!SIZE_RE.test(size)) {
    return reply.code(400).send({ error: "size" });
  }
  // anchored size regex, but basename() keeps shell metacharacters of src ("a;id") (label fixed after scoring, see RESULTS.md)
  // ruleid: command-injection
  exec(`vips thumbnail ${path.join(MEDIA_ROOT, path.basename(src))} /tmp/out.jpg ${size}`);
  // execFile with an argument array
  // ok: command-injection
  execFile("vips", ["thumbnail", src, "/tmp/out2.jpg", size]);
  return { ok: true };
});

app.post<{ Body: { feedUrl: string } }>("/suppliers/import", async (request) => {
  // supplier feed URL straight from the body
  // ruleid: ssrf
  const res = await fetch(request.body.feedUrl);
  return { status: res.status };
});

app.post<{ Body: { feedUrl: string } }>("/suppliers/import-checked", async (request, reply) => {
  const feed = new URL(request.body.feedUrl);
  if (feed.protocol !== "https:" || !FEED_HOSTS.has(feed.hostname)) {
    return reply.code(400).send({ error: "feed host" });
  }
  // parsed hostname in an allowlist, early return
  // ok: ssrf
  const res = await fetch(feed, { redirect: "manual" });
  return { status: res.status };
});

app.get<{ Querystring: { returnTo?: string } }>("/cart/continue", async (request, reply) => {
  // query value as the redirect target
  // ruleid: open-redirect
  return reply.redirect(request.query.returnTo ?? "/");
});

app.get<{ Params: { id: string } }>("/p/:id", async (request, reply) => {
  // constant path prefix
  // ok: open-redirect
  return reply.redirect(`/products/${encodeURIComponent(request.params.id)}`);
});

app.get<{ Querystring: { q: string } }>("/search/page", async (request, reply) => {
  // query value in an HTML reply body [extended sink]
  // ruleid: xss
  return reply.type("text/html").send(`<h1>Results for ${request.query.q}</h1>`);
});

app.post<{ Body: { cartId: string } }>("/cart/session", async (request, reply) => {
  // session cookie with httpOnly but no secure
  // ruleid: insecure-cookie
  reply.setCookie("cart_session", request.body.cartId, { httpOnly: true, path: "/" });
  // both flags set
  // ok: insecure-cookie
  reply.setCookie("cart_session_v2", request.body.cartId, { httpOnly: true, secure: true, sameSite: "lax" });
  return { ok: true };
});

await app.listen({ port: 3000 });
