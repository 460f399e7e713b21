const express = require('express');
const knex = require('knex')({ client: 'pg' });
const { Sequelize } = require('sequelize');
const { Product } = require('./models');
const { PrismaClient } = require('@prisma/client');

const app = express();
const prisma = new PrismaClient();
const COLUMNS = new Set(['name', 'price']);

// ---------------------------------------------------------------- vulnerable

app.get('/products', async (req, res) => {
  // ruleid: javascript-sqli-raw-fragment
  const rows = await knex('products').whereRaw(`name LIKE '%${req.query.q}%'`);
  res.json(rows);
});

app.get('/sorted', async (req, res) => {
  const col = req.query.sort;
  // ruleid: javascript-sqli-raw-fragment
  const rows = await knex('products').orderByRaw(col + ' DESC');
  res.json(rows);
});

app.get('/stats', async (req, res) => {
  // ruleid: javascript-sqli-raw-fragment
  const result = await knex.raw('SELECT count(*) FROM ' + req.query.table);
  res.json(result.rows);
});

app.get('/prisma', async (req, res) => {
  // ruleid: javascript-sqli-raw-fragment
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name = '${req.query.name}'`);
  res.json(rows);
});

app.get('/literal', async (req, res) => {
  const rows = await Product.findAll({
    // ruleid: javascript-sqli-raw-fragment
    where: Sequelize.literal(`price > (SELECT avg(price) FROM products WHERE cat = '${req.query.cat}')`),
  });
  res.json(rows);
});

// ---------------------------------------------------------------- safe

app.get('/products2', async (req, res) => {
  // ok: javascript-sqli-raw-fragment
  const rows = await knex('products').whereRaw('name LIKE ?', [`%${req.query.q}%`]);
  res.json(rows);
});

app.get('/stats2', async (req, res) => {
  // ?? binds an identifier
  // ok: javascript-sqli-raw-fragment
  const result = await knex.raw('SELECT count(*) FROM ??', [req.query.table]);
  res.json(result.rows);
});

app.get('/prisma2', async (req, res) => {
  // the tagged template sends ${} values as parameters
  // ok: javascript-sqli-raw-fragment
  const rows = await prisma.$queryRaw`SELECT * FROM "User" WHERE name = ${req.query.name}`;
  res.json(rows);
});

app.get('/sorted2', async (req, res) => {
  const col = req.query.sort;
  if (!COLUMNS.has(col)) {
    return res.sendStatus(400);
  }
  // ok: javascript-sqli-raw-fragment
  const rows = await knex('products').orderByRaw(col + ' DESC');
  res.json(rows);
});

app.get('/top', async (req, res) => {
  const n = Number(req.query.n);
  // ok: javascript-sqli-raw-fragment
  const rows = await knex.raw(`SELECT * FROM products ORDER BY sales DESC LIMIT ${n}`);
  res.json(rows);
});
