"use strict";

// Museum collection browser: @koa/router routes over pg, got and the images folder.
const crypto = require("node:crypto");
const fs = require("node:fs/promises");
const path = require("node:path");
const Router = require("@koa/router");
const escapeHtml = require("escape-html");
const got = require("got");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = new Router({ prefix: "/collection" });
const IMAGE_ROOT = path.resolve(__dirname, "../images");
const IIIF_BASE = "https://iiif.museum-collection.example/iiif/3/";
const LICENSES = {
  cc0: "https://creativecommons.org/publicdomain/zero/1.0/",
  by: "https://creativecommons.org/licenses/by/4.0/",
};

router.use(async (ctx, next) => {
  const origin = ctx.get("Origin");
  // the request's Origin echoed with credentials allowed, no allowlist
  // ruleid: permissive-cors
  ctx.set("Access-Control-Allow-Origin", origin);
  ctx.set("Access-Control-Allow-Credentials", "true");
  await next();
});

router.get("/objects", async (ctx) => {
  const { q = "", century } = ctx.query;
  const params = [`%${q}%`];
  let sql = "SELECT id, title, maker FROM objects WHERE title ILIKE $1";
  if (century) {
    sql += ` AND century = ${Number(century)}`;
  }
  // title bound as $1, century coerced with Number()
  // ok: sql-injection
  const { rows } = await pool.query(sql, params);
  ctx.body = rows;
});

router.get("/objects/by-maker/:maker", async (ctx) => {
  const order = ctx.query.order === "asc" ? "ASC" : "DESC";
  // maker route parameter inside a quoted literal; the order is one of two literals
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT id, title FROM objects WHERE maker = '${ctx.params.maker}' ORDER BY acquired ${order}`);
  ctx.body = rows;
});

async function objectsInRooms(rooms) {
  const list = rooms.map((r) => `'${r}'`).join(",");
  // room codes from the /rooms query string, each wrapped in quotes by hand
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT id, title, room FROM objects WHERE room IN (${list})`);
  return rows;
}

router.get("/rooms", async (ctx) => {
  const rooms = String(ctx.query.rooms ?? "").split(",");
  ctx.body = await objectsInRooms(rooms);
});

router.get("/objects/:id/manifest", async (ctx) => {
  // constant IIIF base ending in "/", id encoded into the path
  // ok: ssrf
  ctx.body = await got(`${IIIF_BASE}${encodeURIComponent(ctx.params.id)}/manifest.json`).json();
});

router.get("/proxy-image", async (ctx) => {
  const src = ctx.query.src;
  ctx.type = "image/jpeg";
  // got.stream of the query's URL [extended sink]
  // ruleid: ssrf
  ctx.body = got.stream(src);
});

router.post("/loans/partner-check", async (ctx) => {
  const { partnerUrl, objectId } = ctx.request.body;
  const u = new URL(partnerUrl);
  if (u.protocol !== "https:" || !u.hostname.endsWith(".museum-network.example")) {
    ctx.throw(400, "unknown partner");
  }
  // https and a host-name suffix with a leading dot, ctx.throw otherwise
  // ok: ssrf
  ctx.body = await got.post(u, { json: { objectId } }).json();
});

router.get("/embed/:id", async (ctx) => {
  // id bound as $1
  // ok: sql-injection
  const { rows } = await pool.query("SELECT id, title FROM objects WHERE id = $1", [ctx.params.id]);
  const caption = ctx.query.caption ?? "";
  ctx.type = "html";
  // the caption from the query in a Koa HTML body [extended sink]
  // ruleid: xss
  ctx.body = `<figure><img src="/collection/images/${rows[0].id}.jpg" alt=""><figcaption>${caption}</figcaption></figure>`;
});

router.get("/search-page", async (ctx) => {
  ctx.type = "html";
  // the query escaped with escape-html [extended sink]
  // ok: xss
  ctx.body = `<p>No objects match <b>${escapeHtml(String(ctx.query.q ?? ""))}</b></p>`;
});

router.get("/license/:code", (ctx) => {
  // target looked up in a constant object, constant fallback
  // ok: open-redirect
  ctx.redirect(LICENSES[ctx.params.code] ?? "/collection");
});

router.get("/visit", (ctx) => {
  // returnTo from the query redirected unchecked
  // ruleid: open-redirect
  ctx.redirect(ctx.query.returnTo || "/collection");
});

router.get("/section", (ctx) => {
  // "/" + value: a value of "/evil.example" makes //evil.example
  // ruleid: open-redirect
  ctx.redirect("/" + ctx.query.name);
});

router.get("/images/:file", async (ctx) => {
  const file = path.basename(ctx.params.file);
  ctx.type = path.extname(file);
  // basename of the route parameter
  // ok: path-traversal
  ctx.body = await fs.readFile(path.join(IMAGE_ROOT, file));
});

router.get("/thumbs", async (ctx) => {
  const { size = "256", name } = ctx.query;
  ctx.type = "image/jpeg";
  // size and name from the query joined under the images folder
  // ruleid: path-traversal
  ctx.body = await fs.readFile(path.join(IMAGE_ROOT, "thumbs", size, name));
});

router.post("/session", async (ctx) => {
  const sid = crypto.randomUUID();
  // session cookie with httpOnly but no secure flag
  // ruleid: insecure-cookie
  ctx.cookies.set("collection_session", sid, { httpOnly: true, maxAge: 8 * 3600 * 1000 });
  ctx.status = 204;
});

module.exports = router;
