// Timesheets on SQL Server (Express + mssql): @name placeholders bound with input().
const express = require("express");
const sql = require("mssql");

const app = express();
const poolPromise = sql.connect(process.env.MSSQL_URL);

app.get("/timesheets", async (req, res) => {
  const pool = await poolPromise;
  const { employee, week } = req.query;
  const result = await pool.request().query(`SELECT * FROM timesheets WHERE employee = '${employee}' AND week = ${week}`);
  res.json(result.recordset);
});

app.delete("/timesheets/:id", async (req, res) => {
  const pool = await poolPromise;
  const deleteRequest = pool.request();
  await deleteRequest.query("DELETE FROM timesheets WHERE id = " + req.params.id);
  res.sendStatus(204);
});

app.listen(3000);
