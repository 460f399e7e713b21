// Koa service for the helpdesk: tickets (pg), weather widget, feeds and email templates.
import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import got from "got";
import pg from "pg";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const app = new Koa();
const router = new Router({ prefix: "/api" });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

const TEMPLATE_DIR = path.resolve("templates");
const DRAFTS_DIR = "/var/app/drafts";
const REGIONS = {
  eu: "https://eu.api.weather.example",
  us: "https://us.api.weather.example",
};
const TICKET_STATES = ["open", "pending", "closed"];
const COUNTABLE = { tickets: "tickets", users: "users", tags: "ticket_tags" };

// Assignee from the query string inside a quoted literal.
router.get("/tickets", async (ctx) => {
  const { assignee = "" } = ctx.query;
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM tickets WHERE assignee = '${assignee}' ORDER BY id DESC`);
  ctx.body = rows;
});

// $1 placeholder.
router.get("/tickets/:id", async (ctx) => {
  // ok: sql-injection
  const { rows } = await pool.query("SELECT * FROM tickets WHERE id = $1", [ctx.params.id]);
  ctx.assert(rows.length, 404, "ticket not found");
  ctx.body = rows[0];
});

// State compared with an array of literals; ctx.throw() leaves the handler.
router.get("/tickets/state/:state", async (ctx) => {
  const { state } = ctx.params;
  if (!TICKET_STATES.includes(state)) ctx.throw(400, "bad state");
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM tickets WHERE state = '${state}'`);
  ctx.body = rows;
});

// Table picked by a constant object lookup.
router.get("/count/:kind", async (ctx) => {
  const table = COUNTABLE[ctx.params.kind];
  if (!table) ctx.throw(404);
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  ctx.body = rows[0];
});

// Base URL looked up in a constant object.
router.get("/weather/:region", async (ctx) => {
  const base = REGIONS[ctx.params.region];
  if (!base) ctx.throw(404, "unknown region");
  // ok: ssrf
  ctx.body = await got(`${base}/forecast`, { searchParams: { city: ctx.query.city } }).json();
});

// Feed URL from the query string.
router.get("/feeds/preview", async (ctx) => {
  const feed = ctx.query.feed;
  ctx.assert(feed, 400, "feed required");
  // ruleid: ssrf
  const xml = await got(feed, { timeout: { request: 5000 } }).text();
  ctx.type = "application/xml";
  ctx.body = xml;
});

// Template name from the route joined under TEMPLATE_DIR.
router.get("/templates/:name", async (ctx) => {
  // ruleid: path-traversal
  const source = await readFile(path.join(TEMPLATE_DIR, `${ctx.params.name}.hbs`), "utf8");
  ctx.body = { source };
});

// path.resolve + startsWith(base + sep) with ctx.throw.
router.get("/templates-safe/:name", async (ctx) => {
  const full = path.resolve(TEMPLATE_DIR, `${ctx.params.name}.hbs`);
  if (!full.startsWith(TEMPLATE_DIR + path.sep)) ctx.throw(403, "forbidden");
  // ok: path-traversal
  const source = await readFile(full, "utf8");
  ctx.body = { source };
});

// Draft file name from the JSON body.
router.post("/drafts", async (ctx) => {
  const { name, content } = ctx.request.body;
  // ruleid: path-traversal
  await writeFile(path.join(DRAFTS_DIR, name), content, "utf8");
  ctx.status = 201;
});

app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.env.PORT) || 3000);
