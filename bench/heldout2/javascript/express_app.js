// Ticketing back office: Express 4 + mysql2 + express-session (CommonJS).
"use strict";

const path = require("path");
const fs = require("fs");
const { exec, execFile } = require("child_process");
const express = require("express");
const session = require("express-session");
const cors = require("cors");
const mysql = require("mysql2/promise");
const jwt = require("jsonwebtoken");
const axios = require("axios");

const app = express();
const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: "helpdesk",
  // ok: hardcoded-secret
  password: process.env.DB_PASSWORD,
  database: "helpdesk",
});

const ATTACHMENTS = path.join(__dirname, "attachments");
const EXPORTS = path.resolve(__dirname, "exports");
const SORTS = new Map([
  ["newest", "created_at DESC"],
  ["oldest", "created_at ASC"],
  ["priority", "priority DESC"],
]);

app.use(express.json());
app.use(express.urlencoded({ extended: true }));
// credentials with a reflected origin
// ruleid: permissive-cors
app.use(cors({ origin: true, credentials: true }));
// cookie session, POST/DELETE routes below, no CSRF middleware and no SameSite option
// ruleid: missing-csrf
app.use(
  session({
    // literal session secret
    // ruleid: hardcoded-secret
    secret: "helpdesk-s3ss10n-k3y!",
    resave: false,
    saveUninitialized: false,
    // session cookie with secure off
    // ruleid: insecure-cookie
    cookie: { secure: false, httpOnly: true, maxAge: 8 * 3600 * 1000 },
  }),
);

function requireUser(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: "login required" });
  next();
}

app.get("/tickets", requireUser, async (req, res) => {
  const order = SORTS.get(String(req.query.sort)) ?? "created_at DESC";
  const status = req.query.status || "open";
  // ORDER BY from a Map lookup with a constant default; status bound
  // ok: sql-injection
  const [rows] = await pool.query(`SELECT id, title FROM tickets WHERE status = ? ORDER BY ${order}`, [status]);
  res.json(rows);
});

app.get("/tickets/search", requireUser, async (req, res) => {
  const { q = "", assignee } = req.query;
  let sql = `SELECT id, title FROM tickets WHERE title LIKE '%${q}%'`;
  if (assignee) sql += ` AND assignee = '${assignee}'`;
  // destructured query values concatenated into SQL
  // ruleid: sql-injection
  const [rows] = await pool.query(sql);
  res.json(rows);
});

app.get("/tickets/:id", requireUser, async (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  if (Number.isNaN(id)) return res.sendStatus(400);
  // parseInt coercion
  // ok: sql-injection
  const [rows] = await pool.execute(`SELECT * FROM tickets WHERE id = ${id}`);
  res.json(rows[0] ?? null);
});

app.delete("/tickets/:id", requireUser, async (req, res) => {
  // route parameter pasted into DELETE
  // ruleid: sql-injection
  await pool.execute("DELETE FROM tickets WHERE id = " + req.params.id + " AND owner = " + req.session.userId);
  res.sendStatus(204);
});

app.post("/tickets/:id/comments", requireUser, async (req, res) => {
  // placeholders
  // ok: sql-injection
  await pool.execute("INSERT INTO comments (ticket_id, author, body) VALUES (?, ?, ?)", [
    req.params.id,
    req.session.userId,
    req.body.body,
  ]);
  res.sendStatus(201);
});

app.get("/attachments/:ticket/:name", requireUser, (req, res) => {
  // root option: Express refuses names that leave the directory
  // ok: path-traversal
  res.sendFile(req.params.name, { root: path.join(ATTACHMENTS, String(Number(req.params.ticket))) });
});

app.get("/attachments/raw", requireUser, (req, res) => {
  // query value joined to a constant directory
  // ruleid: path-traversal
  res.sendFile(path.join(ATTACHMENTS, req.query.file));
});

app.get("/exports/:name", requireUser, (req, res) => {
  const full = path.resolve(EXPORTS, req.params.name);
  if (!full.startsWith(EXPORTS + path.sep)) return res.sendStatus(403);
  // resolve + startsWith(base + sep) with early return
  // ok: path-traversal
  res.download(full);
});

app.post("/exports", requireUser, (req, res) => {
  const name = req.body.name.replace("../", "");
  // single-pass replace of '../' ('....//' survives)
  // ruleid: path-traversal
  fs.writeFileSync(path.join(EXPORTS, name), JSON.stringify(req.body.rows ?? []));
  res.sendStatus(201);
});

app.post("/tools/dns", requireUser, (req, res) => {
  // request body inside exec()
  // ruleid: command-injection
  exec(`dig +short ${req.body.domain}`, { timeout: 5000 }, (err, stdout) => {
    res.json({ ok: !err, answer: stdout });
  });
});

app.post("/tools/dns/v2", requireUser, (req, res) => {
  // execFile with an argument array
  // ok: command-injection
  execFile("dig", ["+short", "--", String(req.body.domain)], { timeout: 5000 }, (err, stdout) => {
    res.json({ ok: !err, answer: stdout });
  });
});

app.post("/integrations/jira", requireUser, async (req, res) => {
  // base URL from the body, no host check
  // ruleid: ssrf
  const r = await axios.get(`${req.body.jiraUrl}/rest/api/2/myself`, { timeout: 5000 });
  res.json(r.data);
});

app.post("/integrations/statuspage", requireUser, async (req, res) => {
  // fixed host, page id in the path
  // ok: ssrf
  const r = await axios.get(`https://api.statuspage.io/v1/pages/${encodeURIComponent(req.body.pageId)}/status`);
  res.json(r.data);
});

app.get("/sso/callback", (req, res) => {
  // JWT claims read with decode() and trusted to log the user in
  // ruleid: jwt-not-verified
  const claims = jwt.decode(req.query.id_token);
  req.session.userId = claims && claims.sub;
  // redirect target taken from the query string
  // ruleid: open-redirect
  res.redirect(req.query.return_to || "/");
});

app.post("/login", async (req, res) => {
  // placeholders
  // ok: sql-injection
  const [rows] = await pool.execute("SELECT id FROM agents WHERE email = ?", [req.body.email]);
  if (!rows.length) return res.sendStatus(401);
  req.session.userId = rows[0].id;
  // remember-me cookie with no options
  // ruleid: insecure-cookie
  res.cookie("remember_token", jwt.sign({ sub: rows[0].id }, process.env.REMEMBER_SECRET));
  // constant path
  // ok: open-redirect
  res.redirect("/tickets");
});

app.post("/logout", (req, res) => {
  // clearing the cookie
  // ok: insecure-cookie
  res.clearCookie("remember_token");
  req.session.destroy(() => res.redirect(303, "/login"));
});

app.listen(3000);
