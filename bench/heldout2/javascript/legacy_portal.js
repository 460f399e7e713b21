// Legacy partner portal, embedded in partners' sites in an iframe (Express 4, CommonJS).
const express = require("express");
const session = require("express-session");
const path = require("path");
const fs = require("fs");
const serialize = require("node-serialize");
const { Sequelize, QueryTypes } = require("sequelize");
const escapeHtml = require("escape-html");

const app = express();
const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });
const DOCS_DIR = path.join(__dirname, "partner-docs");
const PUBLIC_DOCS = new Set(["onboarding.pdf", "pricing.pdf", "sla.pdf"]);

app.use(express.urlencoded({ extended: true }));
// SameSite=None so the iframe keeps its session: no CSRF middleware, POST routes below
// ruleid: missing-csrf
app.use(
  session({
    secret: process.env.PORTAL_SESSION_SECRET,
    resave: false,
    saveUninitialized: true,
    // ok: insecure-cookie
    cookie: { sameSite: "none", secure: true, httpOnly: true },
  }),
);

app.get("/hello", (req, res) => {
  // [beyond docs] reflected query value in an HTML response
  // ruleid: xss
  res.send(`<h1>Welcome, ${req.query.partner}</h1>`);
});

app.get("/hello/v2", (req, res) => {
  // [beyond docs] escaped with escape-html before res.send
  // ok: xss
  res.send(`<h1>Welcome, ${escapeHtml(String(req.query.partner ?? ""))}</h1>`);
});

app.get("/docs/:name", (req, res) => {
  if (!PUBLIC_DOCS.has(req.params.name)) return res.sendStatus(404);
  // allowlist of file names
  // ok: path-traversal
  res.download(path.join(DOCS_DIR, req.params.name));
});

app.get("/docs-by-path", (req, res) => {
  // whole path from the query string
  // ruleid: path-traversal
  res.download(req.query.path);
});

app.post("/orders", async (req, res) => {
  // Sequelize replacements
  // ok: sql-injection
  await sequelize.query("INSERT INTO partner_orders (partner, sku, qty) VALUES (:partner, :sku, :qty)", {
    replacements: { partner: req.session.partner, sku: req.body.sku, qty: Number(req.body.qty) },
    type: QueryTypes.INSERT,
  });
  res.redirect(303, "/orders");
});

app.post("/orders/search", async (req, res) => {
  // body value concatenated into sequelize.query
  // ruleid: sql-injection
  const rows = await sequelize.query("SELECT * FROM partner_orders WHERE sku LIKE '" + req.body.sku + "%'", {
    type: QueryTypes.SELECT,
  });
  res.json(rows);
});

app.post("/state", (req, res) => {
  // node-serialize on a form field
  // ruleid: unsafe-deserialization
  req.session.state = serialize.unserialize(req.body.state);
  res.sendStatus(204);
});

app.get("/back", (req, res) => {
  const target = String(req.query.to || "/");
  if (!target.startsWith("https://")) return res.redirect("/");
  // scheme-only check before redirecting
  // ruleid: open-redirect
  res.redirect(target);
});

app.get("/partner-home/:id", (req, res) => {
  // constant path prefix with the id
  // ok: open-redirect
  res.redirect(`/partners/${encodeURIComponent(req.params.id)}/home`);
});

function readPartnerFile(partnerId, fileName) {
  // helper parameters (unknown callers) joined under the docs directory
  // ruleid: path-traversal
  return fs.readFileSync(path.join(DOCS_DIR, String(partnerId), fileName), "utf8");
}

function readPartnerIndex(partnerId) {
  // numeric id only
  // ok: path-traversal
  return fs.readFileSync(path.join(DOCS_DIR, String(Number(partnerId)), "index.json"), "utf8");
}

module.exports = { app, readPartnerFile, readPartnerIndex };
app.listen(8089);
