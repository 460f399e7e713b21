// Inventory admin API (Express 4, mysql2). Helpers sit above the routes that use them.

const express = require("express");
const mysql = require("mysql2/promise");
const path = require("node:path");
const fs = require("node:fs");
const { exec, execFile } = require("node:child_process");
const axios = require("axios");

const app = express();
app.use(express.json());

const pool = mysql.createPool({ host: process.env.DB_HOST, user: process.env.DB_USER, database: "inventory" });
const UPLOADS = path.resolve(__dirname, "uploads");
const INTERNAL_API = process.env.INTERNAL_API_URL;
const COLUMNS = new Set(["sku", "name", "stock", "updated_at"]);

function nameFilter(q) {
  return `name LIKE '%${q}%'`;
}

function isValidColumn(col) {
  return /^[a-z_]+$/.test(col);
}

function isValidSku(sku) {
  return /^[A-Z]{3}-\d{4}|\d{6}$/.test(sku);
}

function isSafeName(name) {
  return /^[\w-]+\.(csv|json)$/.test(name);
}

app.get("/items", async (req, res) => {
  // a helper builds the WHERE clause from the query string
  // ruleid: sql-injection
  const [rows] = await pool.query("SELECT * FROM items WHERE " + nameFilter(req.query.q));
  res.json(rows);
});

app.get("/items/sorted", async (req, res) => {
  const col = String(req.query.col || "sku");
  if (!isValidColumn(col)) return res.sendStatus(400);
  // same-file validator with an anchored regex, early return
  // ok: sql-injection
  const [rows] = await pool.query(`SELECT * FROM items ORDER BY ${col}`);
  res.json(rows);
});

app.get("/items/by-column", async (req, res) => {
  const { col, value } = req.query;
  if (!COLUMNS.has(col)) return res.status(400).json({ error: "column" });
  // Set allowlist for the column, value bound with ?
  // ok: sql-injection
  const [rows] = await pool.execute(`SELECT * FROM items WHERE ${col} = ?`, [value]);
  res.json(rows);
});

app.get("/items/sku/:sku", async (req, res) => {
  const { sku } = req.params;
  if (!isValidSku(sku)) return res.sendStatus(400);
  // [beyond docs] ^A|B$ binds the anchors to one alternative each: "ABC-1234' OR 1=1 --" passes
  // ruleid: sql-injection
  const [rows] = await pool.query(`SELECT * FROM items WHERE sku = '${sku}'`);
  res.json(rows);
});

app.get("/items/search", async (req, res) => {
  const term = req.query.term;
  if (!/[a-z0-9 ]+/i.test(term)) return res.sendStatus(400);
  // unanchored regex: any string with one letter passes
  // ruleid: sql-injection
  const [rows] = await pool.query(`SELECT * FROM items WHERE name = '${term}'`);
  res.json(rows);
});

app.post("/imports/convert", (req, res) => {
  const { file } = req.body;
  // request body field in an exec string
  // ruleid: command-injection
  exec("convert uploads/" + file + " -strip uploads/clean.png", (err) => res.sendStatus(err ? 500 : 204));
});

app.post("/imports/convert-safe", (req, res) => {
  const file = path.basename(String(req.body.file));
  // execFile, no shell
  // ok: command-injection
  execFile("convert", [path.join(UPLOADS, file), "-strip", path.join(UPLOADS, "clean.png")], (err) =>
    res.sendStatus(err ? 500 : 204),
  );
});

app.get("/exports/:name", (req, res) => {
  // sendFile with root
  // ok: path-traversal
  res.sendFile(req.params.name, { root: UPLOADS });
});

app.get("/exports", (req, res) => {
  // download of a joined query value
  // ruleid: path-traversal
  res.download(path.join(UPLOADS, req.query.f));
});

app.get("/exports-basename", (req, res) => {
  // basename() first
  // ok: path-traversal
  res.sendFile(path.join(UPLOADS, path.basename(String(req.query.f))));
});

app.get("/exports-checked", (req, res) => {
  const name = String(req.query.f);
  isSafeName(name);
  // the validator is called but its result is dropped
  // ruleid: path-traversal
  fs.createReadStream(path.join(UPLOADS, name)).pipe(res);
});

app.get("/exports-validated", (req, res) => {
  const name = String(req.query.f);
  if (!isSafeName(name)) return res.sendStatus(400);
  // the same validator used as a guard
  // ok: path-traversal
  fs.createReadStream(path.join(UPLOADS, name)).pipe(res);
});

app.get("/suppliers/:id", async (req, res) => {
  // configured base URL followed by a path
  // ok: ssrf
  const r = await axios.get(`${INTERNAL_API}/suppliers/${encodeURIComponent(req.params.id)}`);
  res.json(r.data);
});

app.post("/suppliers/notify", async (req, res) => {
  // the callback URL from the body
  // ruleid: ssrf
  await axios.post(req.body.callbackUrl, { event: "stock-low" });
  res.sendStatus(202);
});

app.post("/suppliers/notify-checked", async (req, res) => {
  const url = new URL(req.body.callbackUrl);
  if (!url.hostname.endsWith(".suppliers.example.net")) return res.sendStatus(400);
  // host suffix with the leading dot
  // ok: ssrf
  await axios.post(url.toString(), { event: "stock-low" });
  res.sendStatus(202);
});

app.get("/labels/preview", (req, res) => {
  // [extended sink] HTML response built from the query string
  // ruleid: xss
  res.send(`<html><body><h1>${req.query.title}</h1></body></html>`);
});

app.listen(3000);
