import { Request, Response } from 'express';
import sql from 'mssql';
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });

export async function findUser(req: Request, res: Response) {
  const email = req.body.email as string;
  // ruleid: javascript-sqli-string-built-query
  const users = await dataSource.query(`SELECT * FROM "user" WHERE email = '${email}'`);
  // ok: javascript-sqli-string-built-query
  const same = await dataSource.query('SELECT * FROM "user" WHERE email = $1', [email]);
  res.json({ users, same });
}

// ---------------------------------------------------------------- mssql (node-mssql)

const poolPromise = new sql.ConnectionPool(process.env.MSSQL_URL as string).connect();

export async function stockByWarehouse(req: Request, res: Response) {
  const pool = await poolPromise;
  // ruleid: javascript-sqli-string-built-query
  const result = await pool.request().query(`SELECT sku, qty FROM stock WHERE warehouse = '${req.params.code}'`);
  res.json(result.recordset);
}

export async function recentOrders(req: Request, res: Response) {
  const pool = await poolPromise;
  const customer = req.query.customer as string;
  const ordersRequest = new sql.Request(pool);
  // ruleid: javascript-sqli-string-built-query
  const result = await ordersRequest.batch(`SELECT TOP 20 * FROM orders WHERE customer = '${customer}'`);
  res.json(result.recordset);
}

export async function suppliersByRegion(req: Request, res: Response) {
  const pool = await poolPromise;
  const request = pool.request();
  // ruleid: javascript-sqli-string-built-query
  const result = await request.batch("SELECT name FROM suppliers WHERE region = '" + req.query.region + "'");
  res.json(result.recordset);
}

export async function stockBySku(req: Request, res: Response) {
  const pool = await poolPromise;
  // input() binds the value to @sku: the text holds only the placeholder
  // ok: javascript-sqli-string-built-query
  const result = await pool.request().input('sku', sql.VarChar, req.params.sku).query('SELECT qty FROM stock WHERE sku = @sku');
  res.json(result.recordset);
}

export async function stockByBin(req: Request, res: Response) {
  const pool = await poolPromise;
  const request = pool.request();
  // the tagged template sends each ${} as a parameter
  // ok: javascript-sqli-string-built-query
  const result = await request.query`SELECT sku FROM stock WHERE bin = ${req.params.bin}`;
  res.json(result.recordset);
}

export async function stockReport(req: Request, res: Response) {
  const pool = await poolPromise;
  // a stored procedure by constant name, its inputs bound
  // ok: javascript-sqli-string-built-query
  const result = await pool.request().input('from', sql.Date, req.body.from).execute('usp_stock_report');
  res.json(result.recordset);
}
