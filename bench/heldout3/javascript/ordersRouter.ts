// Orders router for an Express 5 app, written in TypeScript.
import { Router, type Request, type Response } from "express";
import { execSync, execFileSync, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import * as fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import fetch from "node-fetch";
import { request as undiciRequest } from "undici";
import ky from "ky";
import axios from "axios";

export const ordersRouter = Router();

const db = mysql.createPool({ uri: process.env.MYSQL_URL });
const INVOICE_DIR = path.resolve(__dirname, "..", "invoices");
const CARRIER_APIS: Record<string, string> = {
  dhl: "https://api.dhl.example/track",
  ups: "https://api.ups.example/track",
};
const SORTABLE = new Map([
  ["date", "created_at"],
  ["total", "total_cents"],
]);

interface OrderQuery {
  customer?: string;
  sort?: string;
}

ordersRouter.get("/", async (req: Request<{}, {}, {}, OrderQuery>, res: Response) => {
  const customer = req.query.customer ?? "";
  const column = SORTABLE.get(req.query.sort ?? "date") ?? "created_at";
  // customer bound with ?, column from a constant Map
  // ok: sql-injection
  const [rows] = await db.query(`SELECT * FROM orders WHERE customer = ? ORDER BY ${column}`, [customer]);
  res.json(rows);
});

ordersRouter.get("/by-status/:status", async (req: Request, res: Response) => {
  // route parameter in a template literal
  // ruleid: sql-injection
  const [rows] = await db.execute(`SELECT * FROM orders WHERE status = '${req.params.status}'`);
  res.json(rows);
});

ordersRouter.get("/recent", async (req: Request, res: Response) => {
  const limit = Number.parseInt(String(req.query.limit ?? "20"), 10);
  // parseInt coercion
  // ok: sql-injection
  const [rows] = await db.query(`SELECT * FROM orders ORDER BY created_at DESC LIMIT ${limit}`);
  res.json(rows);
});

ordersRouter.post("/notes", async (req: Request, res: Response) => {
  const { orderId, note } = req.body as { orderId: number; note: string };
  // destructured body value concatenated
  // ruleid: sql-injection
  await db.query("UPDATE orders SET note = '" + note + "' WHERE id = " + orderId);
  res.sendStatus(204);
});

ordersRouter.get("/invoices/:file", (req: Request, res: Response) => {
  // sendFile with a root option
  // ok: path-traversal
  res.sendFile(req.params.file, { root: INVOICE_DIR });
});

ordersRouter.get("/invoices-legacy/:file", (req: Request, res: Response) => {
  // sendFile of a joined path
  // ruleid: path-traversal
  res.sendFile(path.join(INVOICE_DIR, req.params.file));
});

ordersRouter.get("/invoices-text", async (req: Request, res: Response) => {
  const name = String(req.query.name);
  if (name.includes("..")) {
    return res.sendStatus(400);
  }
  // '..' blocklist (absolute paths pass); fs/promises readFile
  // ruleid: path-traversal
  const text = await readFile(path.join(INVOICE_DIR, name), "utf8");
  res.type("text/plain").send(text);
});

ordersRouter.get("/invoices-download", (req: Request, res: Response) => {
  const name = path.basename(String(req.query.name));
  // basename then download
  // ok: path-traversal
  res.download(path.join(INVOICE_DIR, name));
});

ordersRouter.delete("/invoices/:file", (req: Request, res: Response) => {
  // fs.unlinkSync of a joined route parameter [extended sink]
  // ruleid: path-traversal
  fs.unlinkSync(path.join(INVOICE_DIR, req.params.file));
  res.sendStatus(204);
});

ordersRouter.post("/labels", (req: Request, res: Response) => {
  const { trackingNo } = req.body;
  // execSync with a body value
  // ruleid: command-injection
  const pdf = execSync(`label-print --tracking ${trackingNo} --stdout`);
  res.type("application/pdf").send(pdf);
});

ordersRouter.post("/labels-safe", (req: Request, res: Response) => {
  // execFileSync with arguments
  // ok: command-injection
  const pdf = execFileSync("label-print", ["--tracking", String(req.body.trackingNo), "--stdout"]);
  res.type("application/pdf").send(pdf);
});

ordersRouter.post("/labels-batch", (req: Request, res: Response) => {
  // spawn with shell: true and a body value
  // ruleid: command-injection
  const child = spawn(`label-print --batch ${req.body.batch}`, { shell: true });
  child.on("close", (code) => res.json({ code }));
});

ordersRouter.post("/labels-batch-safe", (req: Request, res: Response) => {
  // spawn without a shell
  // ok: command-injection
  const child = spawn("label-print", ["--batch", String(req.body.batch)]);
  child.on("close", (code) => res.json({ code }));
});

ordersRouter.get("/track/:carrier/:code", async (req: Request, res: Response) => {
  const base = CARRIER_APIS[req.params.carrier];
  if (!base) {
    return res.sendStatus(404);
  }
  // carrier base URL from a constant record, code in the path
  // ok: ssrf
  const r = await fetch(`${base}/${encodeURIComponent(req.params.code)}`);
  res.json(await r.json());
});

ordersRouter.post("/webhooks/test", async (req: Request, res: Response) => {
  // undici request to a body URL [extended sink]
  // ruleid: ssrf
  const { statusCode } = await undiciRequest(req.body.url, { method: "POST", body: "{}" });
  res.json({ statusCode });
});

ordersRouter.post("/webhooks/ky", async (req: Request, res: Response) => {
  // ky.post to a body URL [extended sink]
  // ruleid: ssrf
  const out = await ky.post(req.body.url, { json: { ping: true } }).json();
  res.json(out);
});

ordersRouter.get("/fx", async (req: Request, res: Response) => {
  // axios with a constant host and a params object
  // ok: ssrf
  const { data } = await axios.get("https://fx.example.com/latest", { params: { base: req.query.base } });
  res.json(data);
});

ordersRouter.get("/proxy-image", async (req: Request, res: Response) => {
  const url = new URL(String(req.query.src));
  if (url.protocol !== "https:") {
    return res.sendStatus(400);
  }
  // scheme-only check
  // ruleid: ssrf
  const r = await fetch(url.toString());
  res.type(r.headers.get("content-type") ?? "image/png").send(Buffer.from(await r.arrayBuffer()));
});

ordersRouter.get("/after-checkout", (req: Request, res: Response) => {
  const next = String(req.query.next ?? "/orders");
  // redirect to a query value
  // ruleid: open-redirect
  res.redirect(next);
});

ordersRouter.get("/after-checkout-safe", (req: Request, res: Response) => {
  // constant path prefix of two characters or more
  // ok: open-redirect
  res.redirect(`/orders/${encodeURIComponent(String(req.query.id))}`);
});
