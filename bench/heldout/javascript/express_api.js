// server.js: product catalogue API (Express 4 + mysql2/promise)
const express = require("express");
const axios = require("axios");
const mysql = require("mysql2/promise");
const path = require("path");
const fs = require("fs");
const { exec, execFile } = require("child_process");
const logger = require("./logger");

const app = express();
app.use(express.json({ limit: "1mb" }));

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: "shop",
  connectionLimit: 10,
});

const UPLOAD_DIR = path.join(__dirname, "uploads");
const SORTABLE = new Set(["price", "name", "created_at"]);

function asyncHandler(fn) {
  return (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
}

// Search term interpolated into a LIKE literal.
app.get(
  "/api/products",
  asyncHandler(async (req, res) => {
    const q = (req.query.q || "").trim();
    // ruleid: sql-injection
    const [rows] = await pool.query(`SELECT id, name, price FROM products WHERE name LIKE '%${q}%' LIMIT 50`);
    res.json(rows);
  }),
);

// Placeholder with a values array.
app.get(
  "/api/products/:id",
  asyncHandler(async (req, res) => {
    // ok: sql-injection
    const [rows] = await pool.execute("SELECT * FROM products WHERE id = ?", [req.params.id]);
    if (!rows.length) return res.status(404).json({ error: "not found" });
    res.json(rows[0]);
  }),
);

// Allowlist check that sends a 400 but does not return: the query still runs.
app.get(
  "/api/products-sorted",
  asyncHandler(async (req, res) => {
    const sort = req.query.sort || "name";
    if (!SORTABLE.has(sort)) {
      res.status(400).json({ error: "invalid sort" });
    }
    // ruleid: sql-injection
    const [rows] = await pool.query(`SELECT id, name, price FROM products ORDER BY ${sort}`);
    res.json(rows);
  }),
);

// Same allowlist with an early return; limit coerced with Number().
app.get(
  "/api/products-page",
  asyncHandler(async (req, res) => {
    const sort = req.query.sort || "name";
    if (!SORTABLE.has(sort)) {
      return res.status(400).json({ error: "invalid sort" });
    }
    const limit = Number(req.query.limit) || 20;
    // ok: sql-injection
    const [rows] = await pool.query(`SELECT id, name, price FROM products ORDER BY ${sort} LIMIT ${limit}`);
    res.json(rows);
  }),
);

// Image proxy: URL from the query string.
app.get(
  "/api/proxy",
  asyncHandler(async (req, res) => {
    const target = req.query.url;
    if (typeof target !== "string") return res.status(400).end();
    // ruleid: ssrf
    const upstream = await axios.get(target, { responseType: "stream", timeout: 5000 });
    res.set("Content-Type", upstream.headers["content-type"]);
    upstream.data.pipe(res);
  }),
);

// Avatar import: only the scheme is checked.
app.post(
  "/api/me/avatar",
  asyncHandler(async (req, res) => {
    const { avatarUrl } = req.body;
    if (!avatarUrl || !avatarUrl.startsWith("https://")) {
      return res.status(400).json({ error: "https only" });
    }
    // ruleid: ssrf
    const { data } = await axios.get(avatarUrl, { responseType: "arraybuffer", maxContentLength: 2e6 });
    await saveAvatar(req.user.id, data);
    res.status(204).end();
  }),
);

async function saveAvatar(userId, data) {
  // Numeric user id from the session, coerced.
  // ok: path-traversal
  await fs.promises.writeFile(path.join(UPLOAD_DIR, "avatars", `${Number(userId)}.png`), data);
}

// Download: route parameter joined under UPLOAD_DIR.
app.get("/files/:file", (req, res) => {
  // ruleid: path-traversal
  res.download(path.join(UPLOAD_DIR, req.params.file));
});

// sendFile with the root option.
app.get("/public/:file", (req, res) => {
  // ok: path-traversal
  res.sendFile(req.params.file, { root: UPLOAD_DIR, dotfiles: "deny" });
});

// Constant log file.
app.get("/admin/log", (req, res, next) => {
  // ok: path-traversal
  fs.readFile(path.join(__dirname, "logs", "app.log"), "utf8", (err, text) => {
    if (err) return next(err);
    res.type("text/plain").send(text.split("\n").slice(-200).join("\n"));
  });
});

// whois through a shell.
app.get("/api/whois", (req, res) => {
  const domain = req.query.domain;
  logger.info(`whois lookup for ${domain}`);
  // ruleid: command-injection
  exec(`whois ${domain}`, { timeout: 10000 }, (err, stdout) => {
    if (err) return res.status(502).json({ error: "lookup failed" });
    res.json({ output: stdout });
  });
});

// whois without a shell.
app.get("/api/whois2", (req, res) => {
  const domain = String(req.query.domain || "");
  // ok: command-injection
  execFile("whois", [domain], { timeout: 10000 }, (err, stdout) => {
    if (err) return res.status(502).json({ error: "lookup failed" });
    res.json({ output: stdout });
  });
});

module.exports = app;
