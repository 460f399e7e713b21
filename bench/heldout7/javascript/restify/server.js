"use strict";

// Lab-equipment booking API on restify, with SQL Server (mssql), undici and lab tools.
const { exec, execFile, spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const restify = require("restify");
const sql = require("mssql");
const { request: undiciRequest } = require("undici");

const server = restify.createServer({ name: "lab-booking" });
server.use(restify.plugins.queryParser({ mapParams: false }));
server.use(restify.plugins.bodyParser({ mapParams: false }));

const poolPromise = new sql.ConnectionPool(process.env.MSSQL_URL).connect();
const MANUALS_DIR = path.resolve(__dirname, "manuals");
const INSTRUMENT_HOSTS = new Map([
  ["hplc-1", "http://10.20.0.11:8080/"],
  ["ms-2", "http://10.20.0.12:8080/"],
]);
const GROUPINGS = { day: "CAST(starts_at AS date)", instrument: "instrument", user: "netid" };

server.get("/bookings", async (req, res) => {
  const pool = await poolPromise;
  // lab bound with .input() and referenced as @lab [extended sink]
  // ok: sql-injection
  const result = await pool.request().input("lab", sql.NVarChar, req.query.lab).query("SELECT id, instrument, starts_at FROM bookings WHERE lab = @lab");
  res.send(result.recordset);
});

server.get("/bookings/by-user/:netid", async (req, res) => {
  const pool = await poolPromise;
  // route parameter in a quoted literal of an mssql query [extended sink]
  // ruleid: sql-injection
  const result = await pool.request().query(`SELECT id, instrument FROM bookings WHERE netid = '${req.params.netid}'`);
  res.send(result.recordset);
});

server.get("/instruments", async (req, res) => {
  const pool = await poolPromise;
  // mssql's tagged-template query sends each ${} as a parameter [beyond docs] [extended sink]
  // ok: sql-injection
  const result = await pool.request().query`SELECT id, name FROM instruments WHERE lab = ${req.query.lab}`;
  res.send(result.recordset);
});

async function usageReport(pool, groupBy) {
  const column = GROUPINGS[groupBy] ?? "instrument";
  // grouping expression looked up in a constant object [extended sink]
  // ok: sql-injection
  return pool.request().query(`SELECT ${column} AS k, COUNT(*) AS n FROM bookings GROUP BY ${column}`);
}

server.get("/reports/usage", async (req, res) => {
  const result = await usageReport(await poolPromise, req.query.group);
  res.send(result.recordset);
});

server.del("/bookings", async (req, res) => {
  const ids = String(req.query.ids ?? "").split(",");
  const pool = await poolPromise;
  // id list from the query joined into an IN (...) clause [extended sink]
  // ruleid: sql-injection
  await pool.request().query(`DELETE FROM bookings WHERE id IN (${ids.join(",")}) AND netid = '${req.username}'`);
  res.send(204);
});

server.get("/instruments/:id/status", async (req, res) => {
  const base = INSTRUMENT_HOSTS.get(req.params.id);
  if (!base) {
    res.send(404);
    return;
  }
  // controller URL from a constant Map, refused when absent
  // ok: ssrf
  const { body } = await undiciRequest(`${base}status`);
  res.send(await body.json());
});

server.post("/instruments/register", async (req, res) => {
  const { controllerUrl } = req.body;
  // a base URL from the body: new URL(path, base) keeps the body's host
  // ruleid: ssrf
  const { statusCode } = await undiciRequest(new URL("/api/hello", controllerUrl));
  res.send({ reachable: statusCode === 200 });
});

server.get("/datasheet", async (req, res) => {
  const vendor = String(req.query.vendor ?? "");
  // user-controlled label in front of the datasheet domain
  // ruleid: ssrf
  const r = await fetch(`https://${vendor}.datasheets.example/latest.pdf`);
  res.setHeader("content-type", "application/pdf");
  res.send(Buffer.from(await r.arrayBuffer()));
});

server.post("/instruments/:id/calibrate", (req, res, next) => {
  const { profile } = req.body;
  // calibration profile from the body in an exec command line
  // ruleid: command-injection
  exec(`/opt/lab/bin/calibrate --instrument ${req.params.id} --profile ${profile}`, (err, stdout) => {
    if (err) return next(err);
    res.send({ log: stdout });
    return next();
  });
});

server.post("/instruments/:id/export", (req, res, next) => {
  const format = req.body.format;
  if (!["csv", "mzml"].includes(format)) {
    res.send(400, { error: "unsupported format" });
    return next(false);
  }
  // execFile with an argument array
  // ok: command-injection
  execFile("/opt/lab/bin/export", ["--instrument", req.params.id, "--format", format], (err, out) => {
    if (err) return next(err);
    res.send({ file: out.trim() });
    return next();
  });
});

server.post("/jobs/reprocess", (req, res, next) => {
  const { runId } = req.body;
  // spawn with shell: true and the run id in the command string
  // ruleid: command-injection
  const child = spawn(`reprocess-run ${runId} && notify-lab --run ${runId}`, { shell: true });
  child.on("exit", (code) => {
    res.send({ code });
    next();
  });
});

server.post("/calc/dose", (req, res, next) => {
  const { formula, mass } = req.body;
  // a posted formula run by vm.runInNewContext (vm is no sandbox)
  // ruleid: code-injection
  const dose = vm.runInNewContext(formula, { mass: Number(mass), Math });
  res.send({ dose });
  return next();
});

server.get("/manuals", (req, res, next) => {
  const file = path.resolve(MANUALS_DIR, String(req.query.name));
  if (!file.startsWith(MANUALS_DIR + path.sep)) {
    res.send(403);
    return next(false);
  }
  // resolved path checked against the folder plus a separator
  // ok: path-traversal
  fs.readFile(file, (err, data) => {
    if (err) return next(err);
    res.setHeader("content-type", "application/pdf");
    res.send(data);
    return next();
  });
});

server.get("/manuals/raw", (req, res) => {
  // query name joined under the manuals folder and streamed
  // ruleid: path-traversal
  fs.createReadStream(path.join(MANUALS_DIR, req.query.file)).pipe(res);
});

server.get("/sso/callback", (req, res, next) => {
  // the SSO state parameter used as the redirect target
  // ruleid: open-redirect
  res.redirect(req.query.state || "/", next);
});

server.listen(8080);
