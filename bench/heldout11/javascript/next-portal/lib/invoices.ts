// Invoice data access for the portal; imported by the route handler and server actions.
import { Pool } from "pg";
import { Prisma, PrismaClient } from "@prisma/client";

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const prisma = new PrismaClient();

export const INVOICE_VIEWS = {
  open: "invoices_open",
  paid: "invoices_paid",
  overdue: "invoices_overdue",
} as const;

export type InvoiceView = keyof typeof INVOICE_VIEWS;

export function isInvoiceView(v: string): v is InvoiceView {
  return Object.prototype.hasOwnProperty.call(INVOICE_VIEWS, v);
}

export async function invoicesForAccount(accountId: string, view: InvoiceView) {
  // view looked up in a constant map, account bound
  // ok: sql-injection
  return pool.query(`SELECT * FROM ${INVOICE_VIEWS[view]} WHERE account_id = $1`, [accountId]);
}

export async function searchInvoices(term: string) {
  // Prisma tagged template binds the term
  // ok: sql-injection
  return prisma.$queryRaw`SELECT id, number FROM "Invoice" WHERE number ILIKE ${"%" + term + "%"}`;
}

export async function searchInvoicesUnsafe(term: string) {
  // exported helper, callers elsewhere
  // ruleid: sql-injection
  return prisma.$queryRawUnsafe(`SELECT id, number FROM "Invoice" WHERE number ILIKE '%${term}%'`);
}

export async function invoiceColumns(cols: string[]) {
  // columns quoted by hand (no doubling of ") and passed through Prisma.raw
  // ruleid: sql-injection
  return prisma.$queryRaw`SELECT ${Prisma.join(cols.map((c) => Prisma.raw(`"${c}"`)))} FROM "Invoice" LIMIT 50`;
}

export async function invoicesByTag(tags: string[]) {
  const list = tags.map((t) => `'${t.replace(/'/g, "''")}'`).join(",");
  // quotes doubled by hand in a map callback
  // ruleid: sql-injection
  return pool.query(`SELECT * FROM invoices WHERE tag IN (${list})`);
}
