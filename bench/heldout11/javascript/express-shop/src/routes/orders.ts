// Orders router of a small online shop: Express + pg, a repository class, tenant middleware.
import { Router, type Request, type Response, type NextFunction } from "express";
import { Pool } from "pg";
import fs from "node:fs/promises";
import path from "node:path";
import { execFile, exec } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";
import { assertSku, insideUploads, looksNumeric, SORT_COLUMNS, UPLOAD_ROOT, BadRequest } from "../lib/guards";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const execFileAsync = promisify(execFile);
const router = Router();

const STATUSES = ["pending", "paid", "shipped", "cancelled"] as const;
const OrderFilter = z.object({
  status: z.enum(STATUSES),
  customer: z.string().min(1).max(80),
  limit: z.coerce.number().int().max(100).default(20),
});

interface TenantRequest extends Request {
  tenant?: string;
  sortColumn?: string;
}

function tenantMiddleware(req: TenantRequest, _res: Response, next: NextFunction) {
  req.tenant = req.get("x-tenant") ?? "public";
  next();
}

function sortMiddleware(req: TenantRequest, res: Response, next: NextFunction) {
  const sort = String(req.query.sort ?? "created_at");
  if (!SORT_COLUMNS.has(sort)) {
    return res.status(400).json({ error: "bad sort" });
  }
  req.sortColumn = sort;
  next();
}

router.use(tenantMiddleware);

class OrderRepository {
  constructor(private readonly db: Pool, private readonly schema: string) {}

  async list(status: string, customer: string, limit: number, sort: string) {
    // schema from the x-tenant header via the middleware; status, customer, limit bound
    // ruleid: sql-injection
    return this.db.query(`SELECT * FROM ${this.schema}.orders WHERE status = $1 AND customer ILIKE $2 ORDER BY ${sort} LIMIT $3`, [
      status,
      `%${customer}%`,
      limit,
    ]);
  }

  async bySku(sku: string) {
    // sku passed assertSku (imported, anchored regex, throws) in the only caller [beyond docs]
    // ok: sql-injection
    return this.db.query(`SELECT * FROM public.order_lines WHERE sku = '${sku}'`);
  }

  async notes(orderId: string) {
    // ruleid: sql-injection
    return this.db.query(`SELECT body FROM public.order_notes WHERE order_id = ${orderId}`);
  }
}

router.get("/orders", sortMiddleware, async (req: TenantRequest, res) => {
  const parsed = OrderFilter.safeParse(req.query);
  if (!parsed.success) return res.status(400).json(parsed.error.flatten());
  const { status, customer, limit } = parsed.data;
  const repo = new OrderRepository(pool, req.tenant ?? "public");
  const { rows } = await repo.list(status, customer, limit, req.sortColumn ?? "created_at");
  res.json(rows);
});

router.get("/orders/by-sku/:sku", async (req, res) => {
  try {
    const sku = assertSku(req.params.sku);
    const { rows } = await new OrderRepository(pool, "public").bySku(sku);
    res.json(rows);
  } catch (err) {
    if (err instanceof BadRequest) return res.status(400).end();
    throw err;
  }
});

router.get("/orders/:id/notes", async (req, res) => {
  const { id } = req.params;
  if (!looksNumeric(id)) {
    return res.status(400).end();
  }
  // unanchored \d+ accepts "1 OR 1=1"
  const { rows } = await new OrderRepository(pool, "public").notes(id);
  res.json(rows);
});

router.get("/orders/summary", async (req, res) => {
  const { status } = OrderFilter.pick({ status: true }).parse(req.query);
  // z.enum field of a parsed schema
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT count(*) FROM public.orders WHERE status = '${status}'`);
  res.json(rows[0]);
});

router.get("/orders/export", async (req, res) => {
  const customer = req.query.customer as string;
  const checked = OrderFilter.shape.customer.safeParse(customer);
  if (!checked.success) return res.status(400).end();
  // z.string() admits any text up to 80 characters
  // ruleid: sql-injection
  const { rows } = await pool.query("SELECT * FROM public.orders WHERE customer = '" + customer + "'");
  res.json(rows);
});

router.get("/uploads/:name", async (req, res) => {
  try {
    const full = insideUploads(req.params.name);
    // imported containment helper that throws [beyond docs]
    // ok: path-traversal
    const data = await fs.readFile(full);
    res.type("application/octet-stream").send(data);
  } catch {
    res.status(404).end();
  }
});

router.get("/uploads/raw/:name", async (req, res) => {
  const target = path.join(UPLOAD_ROOT, req.params.name);
  insideUploads(path.basename(target));
  // the check ran on the basename, the full joined path is read
  // ruleid: path-traversal
  const data = await fs.readFile(target);
  res.send(data);
});

router.delete("/uploads/:name", async (req, res) => {
  const names = String(req.query.names ?? req.params.name).split(",");
  for (const n of names) {
    // each element of the split list goes to unlink [extended sink]
    // ruleid: path-traversal
    await fs.unlink(path.join(UPLOAD_ROOT, n));
  }
  res.status(204).end();
});

router.post("/orders/:id/invoice", async (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  const lang = req.body.lang ?? "en";
  // parseInt id; lang is free text in a shell string [extended sink]
  // ruleid: command-injection
  await promisify(exec)(`invoice-render --order ${id} --lang ${lang}`);
  // execFile with an argument list
  // ok: command-injection
  await execFileAsync("invoice-render", ["--order", String(id), "--lang", lang]);
  res.status(202).end();
});

export default router;

const REPORT_KINDS = new Set(["daily", "weekly", "monthly"]);

async function runReport(kind: string, since: string) {
  // callers: /reports/run checks kind and parses since; /reports/adhoc passes both raw
  // ruleid: command-injection
  const { stdout } = await promisify(exec)(`report-gen ${kind} --since ${since}`);
  return stdout;
}

router.post("/reports/run", async (req, res) => {
  const { kind, since } = req.body as { kind: string; since: string };
  if (!REPORT_KINDS.has(kind)) return res.status(400).end();
  const sinceDate = new Date(since).toISOString();
  res.json({ out: await runReport(kind, sinceDate) });
});

router.post("/reports/adhoc", async (req, res) => {
  const { kind, since } = req.body;
  res.json({ out: await runReport(kind, since) });
});

router.get("/orders/:id/label", async (req, res) => {
  const carrier = String(req.query.carrier ?? "");
  // the carrier picks the host of the label service
  // ruleid: ssrf
  const r = await fetch(`https://${carrier}/labels/${encodeURIComponent(req.params.id)}`);
  res.type("application/pdf").send(Buffer.from(await r.arrayBuffer()));
});

router.get("/orders/:id/track", async (req, res) => {
  const carrier = String(req.query.carrier ?? "");
  const bases: Record<string, string> = {
    ups: "https://onlinetools.ups.com/track/",
    dhl: "https://api.dhl.com/track/",
  };
  const base = bases[carrier];
  if (!base) return res.status(400).end();
  // carrier looked up in a local constant object of https://host/ bases
  // ok: ssrf
  const r = await fetch(base + encodeURIComponent(req.params.id));
  res.json(await r.json());
});

router.get("/orders/:id/receipt", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM public.orders WHERE id = $1", [req.params.id]);
  const note = String(req.query.note ?? "");
  // the query's note in the HTML receipt [extended sink]
  // ruleid: xss
  res.send(`<html><body><h1>Receipt ${rows[0].id}</h1><p>${note}</p></body></html>`);
});

router.get("/orders/:id/receipt-safe", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM public.orders WHERE id = $1", [req.params.id]);
  // only the database row's numeric id [extended sink]
  // ok: xss
  res.send(`<html><body><h1>Receipt ${Number(rows[0].id)}</h1></body></html>`);
});
