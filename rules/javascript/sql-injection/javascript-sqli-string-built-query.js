const express = require('express');
const mysql = require('mysql2');
const { Pool } = require('pg');
const sqlite3 = require('sqlite3');
const { Sequelize, QueryTypes } = require('sequelize');

const app = express();
const connection = mysql.createConnection({ host: 'localhost' });
const pool = new Pool();
const db = new sqlite3.Database(':memory:');
const sequelize = new Sequelize('sqlite::memory:');
const SORTABLE = ['name', 'created_at'];

// ---------------------------------------------------------------- vulnerable

app.get('/users', (req, res) => {
  const name = req.query.name;
  // ruleid: javascript-sqli-string-built-query
  connection.query("SELECT * FROM users WHERE name = '" + name + "'", (err, rows) => res.json(rows));
});

app.get('/orders/:id', async (req, res) => {
  // ruleid: javascript-sqli-string-built-query
  const { rows } = await pool.query(`SELECT * FROM orders WHERE id = ${req.params.id}`);
  res.json(rows);
});

app.post('/notes', (req, res) => {
  const sql = 'INSERT INTO notes (body) VALUES ("' + req.body.text + '")';
  // ruleid: javascript-sqli-string-built-query
  db.run(sql, () => res.sendStatus(201));
});

app.get('/report', async (req, res) => {
  const sort = req.query.sort;
  // ruleid: javascript-sqli-string-built-query
  const rows = await sequelize.query(`SELECT * FROM sales ORDER BY ${sort}`, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get('/pg-object', async (req, res) => {
  // ruleid: javascript-sqli-string-built-query
  const result = await pool.query({ text: 'SELECT * FROM t WHERE a = ' + req.query.a });
  res.json(result.rows);
});

// ---------------------------------------------------------------- safe

app.get('/users2', (req, res) => {
  // constant SQL with a placeholder; the value is bound
  // ok: javascript-sqli-string-built-query
  connection.query('SELECT * FROM users WHERE name = ?', [req.query.name], (err, rows) => res.json(rows));
});

app.get('/orders2/:id', async (req, res) => {
  // ok: javascript-sqli-string-built-query
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
  res.json(rows);
});

app.get('/orders3', async (req, res) => {
  // ok: javascript-sqli-string-built-query
  const result = await pool.query({ text: 'SELECT * FROM orders WHERE status = $1', values: [req.query.status] });
  res.json(result.rows);
});

app.get('/page', (req, res) => {
  const limit = parseInt(req.query.limit, 10);
  // ok: javascript-sqli-string-built-query
  db.all(`SELECT * FROM items LIMIT ${limit}`, (err, rows) => res.json(rows));
});

app.get('/sorted', async (req, res) => {
  const sort = req.query.sort;
  if (!SORTABLE.includes(sort)) {
    return res.status(400).send('bad sort');
  }
  // ok: javascript-sqli-string-built-query
  const rows = await sequelize.query(`SELECT * FROM sales ORDER BY ${sort}`, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get('/escaped', (req, res) => {
  // ok: javascript-sqli-string-built-query
  connection.query('SELECT * FROM users WHERE name = ' + connection.escape(req.query.name), (e, rows) => res.json(rows));
});

app.get('/replacements', async (req, res) => {
  // ok: javascript-sqli-string-built-query
  const rows = await sequelize.query('SELECT * FROM users WHERE id = :id', { replacements: { id: req.query.id } });
  res.json(rows);
});
