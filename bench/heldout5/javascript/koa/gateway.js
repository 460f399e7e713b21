// Multi-tenant docs gateway on Koa: tenant middleware, docs pages, avatars, DNS tools.
const Koa = require("koa");
const Router = require("@koa/router");
const bodyParser = require("koa-bodyparser");
const mysql = require("mysql2/promise");
const fs = require("fs");
const path = require("path");
const axios = require("axios");
const { execSync } = require("child_process");

const app = new Koa();
const router = new Router();
const pool = mysql.createPool({ host: "db", user: "docs", database: "docs", password: process.env.DB_PASSWORD });
const DOCS_DIR = path.join(__dirname, "content");
const TRUSTED_ORIGINS = ["https://docs.example.com", "https://admin.example.com"];
const HOST_RE = /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i;

function assertHostname(value) {
  if (typeof value !== "string" || !HOST_RE.test(value)) {
    throw new Error("invalid hostname");
  }
}

async function tenantMiddleware(ctx, next) {
  ctx.state.tenant = ctx.query.tenant || "public";
  await next();
}

async function corsReflect(ctx, next) {
  // request origin reflected together with credentials
  // ruleid: permissive-cors
  ctx.set("Access-Control-Allow-Origin", ctx.headers.origin || "");
  ctx.set("Access-Control-Allow-Credentials", "true");
  await next();
}

async function corsChecked(ctx, next) {
  const origin = ctx.headers.origin;
  if (TRUSTED_ORIGINS.includes(origin)) {
    // reflected only inside an allowlist check
    // ok: permissive-cors
    ctx.set("Access-Control-Allow-Origin", origin);
    ctx.set("Access-Control-Allow-Credentials", "true");
  }
  await next();
}

router.get("/pages", async (ctx) => {
  // tenant copied into ctx.state by the middleware, then into the SQL text
  // ruleid: sql-injection
  const [rows] = await pool.query(`SELECT slug, title FROM pages WHERE tenant = '${ctx.state.tenant}'`);
  ctx.body = rows;
});

router.get("/pages/search", async (ctx) => {
  // ? placeholders with an array
  // ok: sql-injection
  const [rows] = await pool.query("SELECT slug FROM pages WHERE tenant = ? AND title LIKE ?", [ctx.state.tenant, `%${ctx.query.q}%`]);
  ctx.body = rows;
});

router.get("/docs/:slug", async (ctx) => {
  // route parameter names the markdown file read
  // ruleid: path-traversal
  ctx.body = fs.createReadStream(path.join(DOCS_DIR, ctx.params.slug + ".md"));
});

router.get("/docs/safe/:slug", async (ctx) => {
  // basename of the route parameter
  // ok: path-traversal
  ctx.body = fs.createReadStream(path.join(DOCS_DIR, path.basename(ctx.params.slug) + ".md"));
});

router.post("/profile/avatar", async (ctx) => {
  const { avatarUrl } = ctx.request.body;
  // avatar URL from the body fetched by the server
  // ruleid: ssrf
  const img = await axios.get(avatarUrl, { responseType: "arraybuffer" });
  ctx.body = { bytes: img.data.length };
});

router.get("/profile/gravatar/:hash", async (ctx) => {
  // constant host
  // ok: ssrf
  const img = await axios.get(`https://www.gravatar.com/avatar/${encodeURIComponent(ctx.params.hash)}?s=128`);
  ctx.body = img.data;
});

router.get("/tools/nslookup", async (ctx) => {
  // query value appended to a shell command
  // ruleid: command-injection
  ctx.body = execSync("nslookup " + ctx.query.domain).toString();
});

router.get("/tools/dig", async (ctx) => {
  const domain = ctx.query.domain;
  assertHostname(domain);
  // same-file validator that throws unless the value matches an anchored regex
  // ok: command-injection
  ctx.body = execSync(`dig +short ${domain}`).toString();
});

router.get("/login", async (ctx) => {
  // constant path with the current path encoded into the query
  // ok: open-redirect
  ctx.redirect("/sso/start?next=" + encodeURIComponent(ctx.path));
});

router.get("/sso/done", async (ctx) => {
  // query value as the redirect target
  // ruleid: open-redirect
  ctx.redirect(ctx.query.next || "/");
});

router.get("/notice", async (ctx) => {
  // query value in an HTML string body (Koa sends it as text/html) [extended sink]
  // ruleid: xss
  ctx.body = `<p class="notice">${ctx.query.msg}</p>`;
});

router.post("/session", async (ctx) => {
  const token = ctx.request.body.token;
  // secure explicitly false on the session cookie
  // ruleid: insecure-cookie
  ctx.cookies.set("sid", token, { httpOnly: true, secure: false });
  ctx.status = 204;
});

app.use(bodyParser());
app.use(corsChecked);
app.use(tenantMiddleware);
app.use(router.routes());
module.exports = { app, corsReflect };
