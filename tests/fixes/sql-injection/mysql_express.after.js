// Orders API on MySQL (Express + mysql2).
const express = require("express");
const mysql = require("mysql2");

const app = express();
const connection = mysql.createConnection({ host: process.env.DB_HOST, database: "shop" });

app.get("/orders", (req, res) => {
  connection.query("SELECT * FROM orders WHERE status = ? ORDER BY id", [req.query.status], (err, rows) => {
    if (err) return res.status(500).json({ error: err.message });
    res.json(rows);
  });
});

app.get("/customers/:id/orders", (req, res) => {
  const sql = "SELECT * FROM orders WHERE customer_id = ?";
  connection.query(sql, [req.params.id], (err, rows) => res.json(rows));
});

app.post("/orders/:id/note", (req, res) => {
  const { note } = req.body;
  connection.execute("UPDATE orders SET note = ? WHERE id = ?", [note, req.params.id], (err) => {
    res.sendStatus(err ? 500 : 204);
  });
});

app.listen(3000);
