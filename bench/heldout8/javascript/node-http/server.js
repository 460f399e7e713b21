// Metrics sidecar on plain node:http (no framework): query, static files, network tools.
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { exec, execFile } = require("node:child_process");
const sqlite3 = require("sqlite3").verbose();

const db = new sqlite3.Database(process.env.METRICS_DB || "metrics.db");
const PUBLIC_DIR = path.join(__dirname, "public");

function escapeHtml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const DASHBOARD_ORIGINS = new Set(["https://grafana.example.com", "https://status.example.com"]);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  const q = url.searchParams;

  if (url.pathname.startsWith("/api/")) {
    // request Origin reflected, with credentials, for every caller
    // ruleid: permissive-cors
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*");
    res.setHeader("Access-Control-Allow-Credentials", "true");
  } else if (DASHBOARD_ORIGINS.has(req.headers.origin)) {
    // reflected only inside an allowlist check
    // ok: permissive-cors
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
  }

  if (url.pathname === "/metrics") {
    const name = q.get("name") || "";
    // query value spliced into the SQL
    // ruleid: sql-injection
    db.all(`SELECT ts, value FROM metrics WHERE name = '${name}' ORDER BY ts DESC LIMIT 500`, (err, rows) => {
      res.writeHead(err ? 500 : 200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(rows || []));
    });
    return;
  }

  if (url.pathname.startsWith("/static/")) {
    const file = path.join(PUBLIC_DIR, decodeURIComponent(url.pathname.slice("/static/".length)));
    if (!file.startsWith(PUBLIC_DIR)) {
      res.writeHead(403).end();
      return;
    }
    // startsWith(base) without a separator admits a sibling such as public-admin/
    // ruleid: path-traversal
    fs.createReadStream(file).pipe(res);
    return;
  }

  if (url.pathname.startsWith("/docs/")) {
    const file = path.resolve(PUBLIC_DIR, "docs", decodeURIComponent(url.pathname.slice("/docs/".length)));
    if (!file.startsWith(path.join(PUBLIC_DIR, "docs") + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    // resolve + startsWith(base + sep)
    // ok: path-traversal
    fs.createReadStream(file).pipe(res);
    return;
  }

  if (url.pathname === "/ping") {
    const host = q.get("host") || "localhost";
    // execFile with an argument list
    // ok: command-injection
    execFile("ping", ["-c", "1", "-W", "2", host], (err, stdout) => res.end(stdout));
    return;
  }

  if (url.pathname === "/lookup") {
    // query value concatenated into a shell command
    // ruleid: command-injection
    exec("nslookup " + q.get("host"), (err, stdout) => res.end(stdout));
    return;
  }

  if (url.pathname === "/hello") {
    res.writeHead(200, { "Content-Type": "text/html" });
    // raw query value in an HTML body [extended sink]
    // ruleid: xss
    res.end(`<p>Hello ${q.get("name")}</p>`);
    return;
  }

  if (url.pathname === "/hello-safe") {
    res.writeHead(200, { "Content-Type": "text/html" });
    // escaped [extended sink]
    // ok: xss
    res.end(`<p>Hello ${escapeHtml(q.get("name") || "")}</p>`);
    return;
  }

  if (url.pathname === "/out") {
    // Location header from the query [extended sink]
    // ruleid: open-redirect
    res.writeHead(302, { Location: q.get("to") || "/" });
    res.end();
    return;
  }

  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT || 9100));
