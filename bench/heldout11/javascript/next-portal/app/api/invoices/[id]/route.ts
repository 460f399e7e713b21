// Invoice API: App Router route handlers.
import { NextRequest, NextResponse } from "next/server";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { invoicesForAccount, isInvoiceView, pool, searchInvoices } from "@/lib/invoices";

const PDF_DIR = path.join(process.cwd(), "storage", "invoices");
const Patch = z.object({
  note: z.string().max(500),
  status: z.enum(["open", "paid", "void"]),
});

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = req.nextUrl.searchParams.get("view") ?? "open";
  if (!isInvoiceView(view)) {
    return NextResponse.json({ error: "bad view" }, { status: 400 });
  }
  const { rows } = await invoicesForAccount(id, view);
  const format = req.nextUrl.searchParams.get("format");
  if (format === "pdf") {
    // route id joined under the storage dir
    // ruleid: path-traversal
    const pdf = await fs.readFile(path.join(PDF_DIR, `${id}.pdf`));
    return new NextResponse(pdf, { headers: { "Content-Type": "application/pdf" } });
  }
  const q = req.nextUrl.searchParams.get("q");
  if (q) return NextResponse.json(await searchInvoices(q));
  return NextResponse.json(rows);
}

export async function PATCH(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = Patch.parse(await req.json());
  // status is a z.enum, note bound, id bound
  // ok: sql-injection
  await pool.query(`UPDATE invoices SET status = '${body.status}', note = $1 WHERE id = $2`, [body.note, id]);
  const raw = await req.clone().json();
  // the unparsed body's note spliced
  // ruleid: sql-injection
  await pool.query(`INSERT INTO invoice_audit (invoice_id, note) VALUES ($1, '${raw.note}')`, [id]);
  return NextResponse.json({ ok: true });
}

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const safeId = Number(id);
  if (!Number.isInteger(safeId)) return NextResponse.json({ error: "bad id" }, { status: 400 });
  const { webhook } = (await req.json()) as { webhook: string };
  // Number() id, but the webhook URL is the body's
  // ruleid: ssrf
  await fetch(webhook, { method: "POST", body: JSON.stringify({ invoice: safeId }) });
  // constant origin, number in the path
  // ok: ssrf
  await fetch(`https://ledger.internal.example/invoices/${safeId}/sent`, { method: "POST" });
  return NextResponse.json({ ok: true });
}
