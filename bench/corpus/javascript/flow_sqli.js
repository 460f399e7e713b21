// Harder data flow for sql-injection (Express, Koa-style helpers).
// Benchmark corpus, sql-injection (CWE-89).
const express = require("express");
const { Pool } = require("pg");

const app = express();
app.use(express.json());
const pool = new Pool();

const COLUMNS = new Set(["name", "email", "created_at"]);
const DEFAULT_WHERE = "active = true";

function whereEq(field, value) {
  // Same-file helper that builds SQL text.
  return `${field} = '${value}'`;
}

function assertColumn(col) {
  // Same-file validator that throws.
  if (!COLUMNS.has(col)) {
    throw new Error(`bad column ${col}`);
  }
}

function filterFrom(req) {
  return req.query.filter || DEFAULT_WHERE;
}

app.get("/flow/helper", async (req, res) => {
  // Request value through a helper that builds the clause.
  const clause = whereEq("email", req.query.email);
  // ruleid: sql-injection
  const { rows } = await pool.query("SELECT * FROM users WHERE " + clause);
  res.json(rows);
});

app.get("/flow/helper-reads-request", async (req, res) => {
  // Helper that returns request data.
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE ${filterFrom(req)}`);
  res.json(rows);
});

app.get("/flow/assert-column", async (req, res) => {
  // Validator that throws, called as a statement.
  const col = String(req.query.col);
  assertColumn(col);
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT ${col} FROM users`);
  res.json(rows);
});

app.get("/flow/regex-guard", async (req, res) => {
  // Anchored regex test with an early return.
  const slug = String(req.query.slug);
  if (!/^[a-z0-9-]{1,40}$/.test(slug)) return res.sendStatus(400);
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM posts WHERE slug = '${slug}'`);
  res.json(rows);
});

app.get("/flow/regex-unanchored", async (req, res) => {
  // Unanchored regex: "x' OR 1=1 --abc" contains a match.
  const slug = String(req.query.slug);
  if (!/[a-z0-9-]+/.test(slug)) return res.sendStatus(400);
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM posts WHERE slug = '${slug}'`);
  res.json(rows);
});

app.get("/flow/closure", (req, res) => {
  // Captured by a callback.
  const name = req.query.name;
  pool.connect().then((client) => {
    // ruleid: sql-injection
    return client.query(`SELECT * FROM users WHERE name = '${name}'`).then((r) => {
      client.release();
      res.json(r.rows);
    });
  });
});

app.post("/flow/destructure", async (req, res) => {
  // Nested destructuring with rename.
  const {
    filter: { field, value: needle },
  } = req.body;
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE ${field} = $1`, [needle]);
  res.json(rows);
});

app.post("/flow/destructure-safe", async (req, res) => {
  // Same, with the field allowlisted.
  const {
    filter: { field, value: needle },
  } = req.body;
  if (!COLUMNS.has(field)) return res.sendStatus(400);
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE ${field} = $1`, [needle]);
  res.json(rows);
});

app.get("/flow/map-join", async (req, res) => {
  // Array of ids mapped into quoted strings.
  const ids = String(req.query.ids).split(",");
  const list = ids.map((id) => `'${id}'`).join(",");
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE id IN (${list})`);
  res.json(rows);
});

app.get("/flow/map-number", async (req, res) => {
  // Each id coerced with Number().
  const ids = String(req.query.ids).split(",").map((id) => Number(id));
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE id IN (${ids.join(",")})`);
  res.json(rows);
});

app.get("/flow/placeholders", async (req, res) => {
  // Generated placeholders, values bound.
  const ids = String(req.query.ids).split(",");
  const marks = ids.map((_, i) => `$${i + 1}`).join(",");
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users WHERE id IN (${marks})`, ids);
  res.json(rows);
});

app.get("/flow/loop", async (req, res) => {
  // Conditions appended in a for...in loop.
  const parts = [];
  for (const key in req.query) {
    parts.push(`${key} = '${req.query[key]}'`);
  }
  const sql = "SELECT * FROM users" + (parts.length ? " WHERE " + parts.join(" AND ") : "");
  // ruleid: sql-injection
  const { rows } = await pool.query(sql);
  res.json(rows);
});

app.get("/flow/try-catch", async (req, res) => {
  // The catch falls back to the raw string.
  let limit;
  try {
    limit = BigInt(req.query.limit);
  } catch {
    limit = req.query.limit;
  }
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users LIMIT ${limit}`);
  res.json(rows);
});

app.get("/flow/branch", async (req, res) => {
  // Default replaces only the empty case.
  let where = req.query.where;
  if (!where) {
    where = DEFAULT_WHERE;
  }
  // ruleid: sql-injection
  const { rows } = await pool.query("SELECT * FROM users WHERE " + where);
  res.json(rows);
});

app.get("/flow/switch", async (req, res) => {
  // switch maps the input to constants; default is constant too.
  let order;
  switch (req.query.order) {
    case "new":
      order = "created_at DESC";
      break;
    case "old":
      order = "created_at ASC";
      break;
    default:
      order = "id";
  }
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM users ORDER BY ${order}`);
  res.json(rows);
});

app.get("/flow/promise-then", (req, res) => {
  // Value flows through a resolved promise into .then().
  Promise.resolve(req.query.team)
    // ruleid: sql-injection
    .then((team) => pool.query(`SELECT * FROM members WHERE team = '${team}'`))
    .then((r) => res.json(r.rows));
});

class AuditLog {
  constructor(table) {
    this.table = table;
  }

  recent() {
    // Field set from a constructor parameter (reported as a warning).
    // ruleid: sql-injection
    return pool.query(`SELECT * FROM ${this.table} ORDER BY at DESC LIMIT 50`);
  }
}

class FixedAuditLog {
  constructor() {
    this.table = "audit_log";
  }

  recent() {
    // Field set from a constant.
    // ok: sql-injection
    return pool.query(`SELECT * FROM ${this.table} ORDER BY at DESC LIMIT 50`);
  }
}

module.exports = { app, AuditLog, FixedAuditLog };
