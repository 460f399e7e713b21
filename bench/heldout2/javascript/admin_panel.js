// Ops admin panel: cookie auth via cookie-parser, server maintenance actions (Express, CommonJS).
const express = require("express");
const cookieParser = require("cookie-parser");
const { exec, execSync, spawn, spawnSync } = require("child_process");
const util = require("util");
const jwt = require("jsonwebtoken");

const app = express();
const SERVICES = new Set(["nginx", "redis-server", "app-worker"]);
const LOG_FILES = { app: "/var/log/app/app.log", nginx: "/var/log/nginx/access.log" };
const execAsync = util.promisify(exec);

app.use(express.urlencoded({ extended: false }));
// signed auth cookie via cookie-parser, PUT/DELETE routes below, no CSRF middleware
// ruleid: missing-csrf
app.use(cookieParser(process.env.ADMIN_COOKIE_SECRET));

app.use((req, res, next) => {
  // [beyond docs] hand-written CORS: request Origin reflected with credentials
  // ruleid: permissive-cors
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

function currentAdmin(req) {
  // verified with a fixed algorithm
  // ok: jwt-not-verified
  return jwt.verify(req.signedCookies.admin_jwt, process.env.ADMIN_JWT_SECRET, { algorithms: ["HS512"] });
}

app.put("/services/:name/restart", (req, res) => {
  currentAdmin(req);
  const name = req.params.name;
  if (!SERVICES.has(name)) return res.status(400).send("unknown service");
  // Set allowlist with early return
  // ok: command-injection
  exec(`systemctl restart ${name}`, (err) => res.json({ ok: !err }));
});

app.put("/services/:name/reload", (req, res) => {
  currentAdmin(req);
  // route parameter in the shell command
  // ruleid: command-injection
  const out = execSync("systemctl reload " + req.params.name, { encoding: "utf8" });
  res.json({ out });
});

app.get("/logs/:which", (req, res) => {
  currentAdmin(req);
  const file = LOG_FILES[req.params.which];
  if (!file) return res.sendStatus(404);
  const lines = parseInt(req.query.lines, 10) || 200;
  // file from a constant object, line count coerced with parseInt
  // ok: command-injection
  exec(`tail -n ${lines} ${file}`, (err, stdout) => res.type("text").send(stdout));
});

app.get("/logs/search/:which", (req, res) => {
  currentAdmin(req);
  const file = LOG_FILES[req.params.which] || LOG_FILES.app;
  // grep pattern from the query string, with the shell
  // ruleid: command-injection
  const child = spawn("grep", ["-n", req.query.q, file], { shell: true });
  child.stdout.pipe(res);
});

app.get("/logs/search/v2/:which", (req, res) => {
  currentAdmin(req);
  const file = LOG_FILES[req.params.which] || LOG_FILES.app;
  // spawnSync without a shell: arguments go straight to grep
  // ok: command-injection
  const out = spawnSync("grep", ["-n", "-e", String(req.query.q), "--", file], { encoding: "utf8" });
  res.type("text").send(out.stdout);
});

app.delete("/cache/:key", async (req, res) => {
  currentAdmin(req);
  // [extended sink] promisified exec with a route parameter
  // ruleid: command-injection
  const { stdout } = await execAsync(`redis-cli DEL ${req.params.key}`);
  res.json({ removed: stdout.trim() });
});

function runHook(hookCommand) {
  // helper parameter (unknown callers) run through the shell
  // ruleid: command-injection
  return execSync(hookCommand, { stdio: "inherit" });
}

function rebuildAssets() {
  // constant command
  // ok: command-injection
  return execSync("npm run build --workspace=web", { stdio: "inherit" });
}

module.exports = { app, runHook, rebuildAssets };
app.listen(9090, "127.0.0.1");
