// Link shortener and GitHub proxy on Hono, deployed as a Cloudflare Worker with a D1 database.
import { Hono } from "hono";
import { html } from "hono/html";
import { setCookie } from "hono/cookie";

type Bindings = { DB: D1Database; GITHUB_TOKEN: string };

const app = new Hono<{ Bindings: Bindings }>();
const SLUG = /^[A-Za-z0-9_-]{3,32}$/;
// a real-looking admin token in the worker source
// ruleid: hardcoded-secret
const ADMIN_TOKEN = "hk_live_8f2d1e9c33aa07b1";

app.get("/links/:slug", async (c) => {
  const slug = c.req.param("slug");
  // route parameter interpolated into D1 SQL text
  // ruleid: sql-injection
  const row = await c.env.DB.prepare(`SELECT target FROM links WHERE slug = '${slug}'`).first();
  return c.json(row);
});

app.get("/links/:slug/stats", async (c) => {
  // prepared statement with ? and bind()
  // ok: sql-injection
  const row = await c.env.DB.prepare("SELECT hits FROM links WHERE slug = ?").bind(c.req.param("slug")).first();
  return c.json(row);
});

app.post("/links", async (c) => {
  const body = await c.req.json<{ slug: string; target: string; owner: string }>();
  if (!SLUG.test(body.slug)) {
    return c.json({ error: "slug" }, 400);
  }
  // slug checked by an anchored regex, but owner is raw in the same statement (wrong variable)
  // ruleid: sql-injection
  await c.env.DB.exec(`INSERT INTO links (slug, owner) VALUES ('${body.slug}', '${body.owner}')`);
  return c.json({ ok: true }, 201);
});

app.get("/go", async (c) => {
  const target = c.req.query("to") ?? "/";
  // Hono c.redirect with a query value [extended sink]
  // ruleid: open-redirect
  return c.redirect(target);
});

app.get("/go/:slug", async (c) => {
  // constant path prefix [extended sink]
  // ok: open-redirect
  return c.redirect(`/links/${encodeURIComponent(c.req.param("slug"))}`);
});

app.get("/proxy", async (c) => {
  const upstream = c.req.query("url") ?? "";
  // query value fetched by the worker
  // ruleid: ssrf
  const res = await fetch(upstream);
  return new Response(res.body, { status: res.status });
});

app.get("/gh/:owner/:repo", async (c) => {
  const { owner, repo } = c.req.param();
  // fixed host, the values only in the path
  // ok: ssrf
  const res = await fetch(`https://api.github.com/repos/${owner}/${repo}`, { headers: { authorization: `Bearer ${c.env.GITHUB_TOKEN}` } });
  return c.json(await res.json());
});

app.get("/hello", (c) => {
  const name = c.req.query("name") ?? "friend";
  // query value in Hono's c.html with a plain template literal [extended sink]
  // ruleid: xss
  return c.html(`<h1>Hello ${name}</h1>`);
});

app.get("/hello/safe", (c) => {
  const name = c.req.query("name") ?? "friend";
  // hono/html's html tag escapes substitutions [extended sink]
  // ok: xss
  return c.html(html`<h1>Hello ${name}</h1>`);
});

app.post("/admin/login", async (c) => {
  const { token } = await c.req.json<{ token: string }>();
  if (token !== ADMIN_TOKEN) {
    return c.text("no", 401);
  }
  // hono setCookie for a session without secure [beyond docs]
  // ruleid: insecure-cookie
  setCookie(c, "admin_session", crypto.randomUUID(), { httpOnly: true, path: "/" });
  return c.text("ok");
});

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (url.pathname === "/raw-proxy") {
      // search parameter of the Worker's own request
      // ruleid: ssrf
      return fetch(url.searchParams.get("upstream") ?? "https://example.com");
    }
    return app.fetch(request, env, ctx);
  },
};
