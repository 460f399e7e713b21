// Store API on mysql2, pg, knex, sequelize and sqlite3 (Express).
// Benchmark corpus, sql-injection (CWE-89).
const express = require("express");
const mysql = require("mysql2/promise");
const { Pool } = require("pg");
const knex = require("knex")({ client: "pg", connection: process.env.DATABASE_URL });
const { Sequelize, QueryTypes } = require("sequelize");
const sqlite3 = require("sqlite3");

const app = express();
app.use(express.json());

const pool = new Pool();
const sequelize = new Sequelize(process.env.DATABASE_URL);
const db = new sqlite3.Database("shop.db");
const SORTS = new Set(["name", "price", "created_at"]);
const VIEWS = { daily: "sales_daily", weekly: "sales_weekly" };

let connection;
(async () => {
  connection = await mysql.createConnection({ host: "db", user: "shop", database: "shop" });
})();

app.get("/products", async (req, res) => {
  // Template literal with a quoted query-string value (mysql2).
  const { q } = req.query;
  // ruleid: sql-injection
  const [rows] = await connection.query(`SELECT * FROM products WHERE name LIKE '%${q}%'`);
  res.json(rows);
});

app.get("/products/safe", async (req, res) => {
  // mysql2 placeholders.
  const { q } = req.query;
  // ok: sql-injection
  const [rows] = await connection.query("SELECT * FROM products WHERE name LIKE ?", [`%${q}%`]);
  res.json(rows);
});

app.get("/products/:id", async (req, res) => {
  // Route param concatenated (mysql2 execute).
  // ruleid: sql-injection
  const [rows] = await connection.execute("SELECT * FROM products WHERE id = " + req.params.id);
  res.json(rows[0] || null);
});

app.get("/products/:id/number", async (req, res) => {
  // parseInt coercion.
  const id = parseInt(req.params.id, 10);
  // ok: sql-injection
  const [rows] = await connection.execute(`SELECT * FROM products WHERE id = ${id}`);
  res.json(rows[0] || null);
});

app.get("/products-sorted", async (req, res) => {
  // Sort column allowlisted with a Set and an early return.
  const sort = String(req.query.sort || "name");
  if (!SORTS.has(sort)) return res.status(400).send("bad sort");
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM products ORDER BY ${sort}`);
  res.json(rows);
});

app.get("/products-sorted/unchecked", async (req, res) => {
  // typeof check is not a control.
  const sort = req.query.sort;
  if (typeof sort !== "string") return res.sendStatus(400);
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM products ORDER BY ${sort}`);
  res.json(rows);
});

app.get("/orders", async (req, res) => {
  // pg with $1.
  // ok: sql-injection
  const { rows } = await pool.query("SELECT * FROM orders WHERE customer = $1", [req.query.customer]);
  res.json(rows);
});

app.get("/orders/config", async (req, res) => {
  // pg query config object with text/values.
  // ok: sql-injection
  const { rows } = await pool.query({ text: "SELECT * FROM orders WHERE status = $1", values: [req.query.status] });
  res.json(rows);
});

app.get("/orders/config-unsafe", async (req, res) => {
  // pg query config object whose text is a template literal.
  // ruleid: sql-injection
  const { rows } = await pool.query({ text: `SELECT * FROM orders WHERE status = '${req.query.status}'` });
  res.json(rows);
});

app.get("/reports/:period", async (req, res) => {
  // View name from a constant object.
  const view = VIEWS[req.params.period];
  if (!view) return res.sendStatus(404);
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM ${view}`);
  res.json(rows);
});

app.get("/customers", async (req, res) => {
  // knex.raw with a template literal.
  // ruleid: sql-injection
  const result = await knex.raw(`SELECT * FROM customers WHERE email = '${req.query.email}'`);
  res.json(result.rows);
});

app.get("/customers/safe", async (req, res) => {
  // knex.raw with bindings.
  // ok: sql-injection
  const result = await knex.raw("SELECT * FROM customers WHERE email = ?", [req.query.email]);
  res.json(result.rows);
});

app.get("/customers/where-raw", async (req, res) => {
  // knex whereRaw with concatenation.
  // ruleid: sql-injection
  const rows = await knex("customers").whereRaw("country = '" + req.query.country + "'");
  res.json(rows);
});

app.get("/customers/builder", async (req, res) => {
  // The query builder binds values.
  const rows = await knex("customers").where({ country: req.query.country });
  res.json(rows);
});

app.get("/invoices", async (req, res) => {
  // sequelize.query with an interpolated value.
  const status = req.query.status;
  // ruleid: sql-injection
  const rows = await sequelize.query(`SELECT * FROM invoices WHERE status = '${status}'`, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get("/invoices/safe", async (req, res) => {
  // sequelize.query with replacements.
  // ok: sql-injection
  const rows = await sequelize.query("SELECT * FROM invoices WHERE status = :status", {
    replacements: { status: req.query.status },
    type: QueryTypes.SELECT,
  });
  res.json(rows);
});

app.get("/reviews", (req, res) => {
  // sqlite3 db.all with concatenation.
  const product = req.query.product;
  // ruleid: sql-injection
  db.all("SELECT * FROM reviews WHERE product = '" + product + "'", (err, rows) => res.json(rows));
});

app.get("/reviews/safe", (req, res) => {
  // sqlite3 db.all with params.
  // ok: sql-injection
  db.all("SELECT * FROM reviews WHERE product = ?", [req.query.product], (err, rows) => res.json(rows));
});

app.post("/reviews", (req, res) => {
  // sqlite3 db.run with body fields.
  const { product, text } = req.body;
  // ruleid: sql-injection
  db.run(`INSERT INTO reviews (product, body) VALUES ('${product}', '${text}')`);
  res.sendStatus(201);
});

app.get("/escape", async (req, res) => {
  // mysql2 escape() quotes and escapes the value.
  const name = connection.escape(req.query.name);
  // ok: sql-injection
  const [rows] = await connection.query(`SELECT * FROM products WHERE name = ${name}`);
  res.json(rows);
});

app.get("/escape-id", async (req, res) => {
  // mysql2 escapeId() for an identifier.
  const col = mysql.escapeId(String(req.query.col));
  // ok: sql-injection
  const [rows] = await connection.query(`SELECT ${col} FROM products`);
  res.json(rows);
});

app.get("/stats", async (req, res) => {
  // Constant SQL assembled in steps.
  let sql = "SELECT count(*) AS n FROM orders";
  sql += " WHERE status = 'paid'";
  const limit = 1;
  sql += ` LIMIT ${limit}`;
  // ok: sql-injection
  const { rows } = await pool.query(sql);
  res.json(rows[0]);
});

app.listen(3000);
