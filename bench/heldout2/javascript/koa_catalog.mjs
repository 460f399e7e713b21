// Catalogue service on Koa 2 with knex, got and node-serialize (ESM).
import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import session from "koa-session";
import knexFactory from "knex";
import got from "got";
import serialize from "node-serialize";
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";

const app = new Koa();
app.keys = [process.env.KOA_KEY_1, process.env.KOA_KEY_2];
const router = new Router();
const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const MEDIA_ROOT = "/srv/catalog/media";
const PRICE_FEEDS = { eu: "https://prices.eu.example.com/v1", us: "https://prices.us.example.com/v1" };
const DEFAULT_PREFS = serialize.serialize({ currency: "EUR", density: "comfortable" });
const PREFS_KEY = Buffer.from(process.env.PREFS_HMAC_KEY ?? "", "hex");

// ok: insecure-cookie
app.use(session({ key: "catalog.sess", maxAge: 86_400_000, httpOnly: true, secure: true, sameSite: "lax" }, app));
app.use(bodyParser());

router.get("/products", async (ctx) => {
  const { brand, minPrice } = ctx.query;
  // knex bindings
  // ok: sql-injection
  const rows = await knex.raw("SELECT id, name, price FROM products WHERE brand = ? AND price >= ?", [brand, Number(minPrice) || 0]);
  ctx.body = rows.rows;
});

router.get("/products/search", async (ctx) => {
  const term = ctx.query.term ?? "";
  // Koa query value in knex.raw text
  // ruleid: sql-injection
  const rows = await knex.raw(`SELECT id, name FROM products WHERE to_tsvector(name) @@ plainto_tsquery('${term}')`);
  ctx.body = rows.rows;
});

router.get("/products/:sku/related", async (ctx) => {
  const limit = parseInt(ctx.query.limit, 10) || 10;
  // parseInt coercion for the only interpolated value; sku bound
  // ok: sql-injection
  const rows = await knex.raw(`SELECT * FROM related WHERE sku = ? LIMIT ${limit}`, [ctx.params.sku]);
  ctx.body = rows.rows;
});

router.get("/media/:file", async (ctx) => {
  // Koa route parameter joined to the media root
  // ruleid: path-traversal
  ctx.body = createReadStream(path.join(MEDIA_ROOT, ctx.params.file));
});

router.get("/media/thumb/:file", async (ctx) => {
  const full = path.resolve(MEDIA_ROOT, "thumbs", ctx.params.file);
  if (!full.startsWith(path.resolve(MEDIA_ROOT, "thumbs") + path.sep)) ctx.throw(403);
  // containment check, ctx.throw exits
  // ok: path-traversal
  ctx.body = createReadStream(full);
});

router.get("/prices/:region/:sku", async (ctx) => {
  const base = PRICE_FEEDS[ctx.params.region];
  if (!base) ctx.throw(404);
  // base from a constant object
  // ok: ssrf
  ctx.body = await got(`${base}/sku/${encodeURIComponent(ctx.params.sku)}`).json();
});

router.post("/import", async (ctx) => {
  const { feedUrl } = ctx.request.body;
  // body URL passed to got.get
  // ruleid: ssrf
  const feed = await got.get(feedUrl, { timeout: { request: 10_000 } }).json();
  ctx.body = { items: feed.length };
});

router.post("/webhooks/test", async (ctx) => {
  const target = new URL(ctx.request.body.url);
  if (target.protocol !== "https:") ctx.throw(400, "https only");
  // protocol check only
  // ruleid: ssrf
  const r = await fetch(target, { method: "POST", body: JSON.stringify({ ping: true }) });
  ctx.body = { status: r.status };
});

router.get("/prefs", async (ctx) => {
  const raw = ctx.cookies.get("prefs");
  // node-serialize on a cookie value
  // ruleid: unsafe-deserialization
  const prefs = raw ? serialize.unserialize(Buffer.from(raw, "base64").toString()) : {};
  ctx.body = prefs;
});

router.get("/prefs/signed", async (ctx) => {
  const raw = ctx.cookies.get("prefs") ?? "";
  const sig = Buffer.from(ctx.cookies.get("prefs_sig") ?? "", "hex");
  const expected = crypto.createHmac("sha256", PREFS_KEY).update(raw).digest();
  if (sig.length !== expected.length || !crypto.timingSafeEqual(sig, expected)) {
    ctx.status = 403;
    return;
  }
  // HMAC compared with timingSafeEqual before unserialize
  // ok: unsafe-deserialization
  ctx.body = serialize.unserialize(Buffer.from(raw, "base64").toString());
});

router.get("/prefs/default", async (ctx) => {
  // constant input
  // ok: unsafe-deserialization
  ctx.body = serialize.unserialize(DEFAULT_PREFS);
});

router.post("/prefs", async (ctx) => {
  // data-only format
  // ok: unsafe-deserialization
  const prefs = JSON.parse(ctx.request.body.prefs ?? "{}");
  // explicit httpOnly: false (the docs report an explicit false flag on any cookie; see RESULTS.md, label corrections)
  // ruleid: insecure-cookie
  ctx.cookies.set("prefs", Buffer.from(JSON.stringify(prefs)).toString("base64"), { httpOnly: false });
  ctx.status = 204;
});

router.post("/login", async (ctx) => {
  // CSPRNG token
  // ok: weak-randomness
  const token = crypto.randomBytes(32).toString("hex");
  // auth cookie with httpOnly explicitly off
  // ruleid: insecure-cookie
  ctx.cookies.set("catalog_token", token, { httpOnly: false, secure: true, sameSite: "lax" });
  const next = ctx.request.body.next ?? "/";
  // body value as redirect target
  // ruleid: open-redirect
  ctx.redirect(next);
});

router.get("/lang/:code", async (ctx) => {
  if (ctx.params.code === "de" || ctx.params.code === "en") {
    // comparison with literals around the redirect
    // ok: open-redirect
    ctx.redirect(`/${ctx.params.code}/catalog`);
    return;
  }
  ctx.status = 404;
});

router.get("/go", async (ctx) => {
  // leading '/' plus the user's value: '/evil.example' becomes '//evil.example'
  // ruleid: open-redirect
  ctx.redirect("/" + ctx.query.path);
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(4000);
