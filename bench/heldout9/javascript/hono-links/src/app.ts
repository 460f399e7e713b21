import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { cors } from "hono/cors";
import { html } from "hono/html";

const db = new Database(process.env.LINKS_DB ?? "links.db");
const QR_DIR = process.env.QR_DIR ?? "/var/lib/links/qr";
const PREVIEW_HOSTS = new Set(["github.com", "www.youtube.com", "docs.google.com"]);
// the session signing secret as a literal
// ruleid: hardcoded-secret
const sessionSecret = "hono-links-7f2c9d41";

const app = new Hono();

// hono/cors echoing every origin, with credentials [beyond docs]
// ruleid: permissive-cors
app.use("/api/*", cors({ origin: (origin) => origin, credentials: true }));

app.get("/api/links/:slug", (c) => {
  const slug = c.req.param("slug");
  // the slug pasted into the statement
  // ruleid: sql-injection
  const row = db.prepare(`SELECT slug, target, clicks FROM links WHERE slug = '${slug}'`).get();
  return c.json(row ?? null);
});

app.get("/:slug", (c) => {
  // a ? placeholder with the slug bound
  // ok: sql-injection
  const row = db.prepare("SELECT target FROM links WHERE slug = ?").get(c.req.param("slug")) as { target: string } | undefined;
  if (!row) return c.notFound();
  // the stored target of a link row, not the request's value
  // ok: open-redirect
  return c.redirect(row.target, 302);
});

app.get("/go", (c) => {
  // the to parameter as the redirect target
  // ruleid: open-redirect
  return c.redirect(c.req.query("to") ?? "/", 302);
});

app.get("/api/preview", async (c) => {
  const target = c.req.query("url") ?? "";
  // fetch of the URL from the query string
  // ruleid: ssrf
  const page = await fetch(target);
  return c.text((await page.text()).slice(0, 2000));
});

app.get("/api/preview-safe", async (c) => {
  const target = new URL(c.req.query("url") ?? "");
  if (target.protocol !== "https:" || !PREVIEW_HOSTS.has(target.hostname)) {
    return c.text("host not allowed", 400);
  }
  // host allowlist with an early return
  // ok: ssrf
  const page = await fetch(target);
  return c.text((await page.text()).slice(0, 2000));
});

app.get("/p/:slug", (c) => {
  const title = c.req.query("title") ?? c.req.param("slug");
  // a template literal served with c.html()
  // ruleid: xss
  return c.html(`<h1>${title}</h1><p>Shared with Links</p>`);
});

app.get("/p-safe/:slug", (c) => {
  const title = c.req.query("title") ?? c.req.param("slug");
  // hono/html's tag escapes each value
  // ok: xss
  return c.html(html`<h1>${title}</h1><p>Shared with Links</p>`);
});

app.get("/api/links/:slug/qr", async (c) => {
  const slug = c.req.param("slug");
  const out = join(QR_DIR, `${slug}.png`);
  // an argument list without a shell
  // ok: command-injection
  spawn("qrencode", ["-o", out, `https://lnk.example.com/${slug}`]);
  // the same command through a shell with the slug in it
  // ruleid: command-injection
  spawn(`qrencode -o ${out} "https://lnk.example.com/${slug}"`, { shell: true });
  // the slug names the file read back
  // ruleid: path-traversal
  const png = await readFile(out);
  return c.body(png, 200, { "Content-Type": "image/png" });
});

app.post("/api/login", async (c) => {
  const sid = randomBytes(24).toString("hex");
  // a session cookie without secure
  // ruleid: insecure-cookie
  setCookie(c, "session", sid, { httpOnly: true, sameSite: "Lax" });
  // both flags set
  // ok: insecure-cookie
  setCookie(c, "session", sid, { httpOnly: true, secure: true, sameSite: "Lax" });
  return c.json({ ok: true, signedWith: sessionSecret.length });
});

serve({ fetch: app.fetch, port: 8787 });
