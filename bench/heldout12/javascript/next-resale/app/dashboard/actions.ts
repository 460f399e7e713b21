"use server";

// Seller dashboard server actions of the ticket resale marketplace:
// payout settings, listing photos, CSV export and account deletion.

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { mkdir, unlink, writeFile, readFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { exec } from "node:child_process";
import { promisify } from "node:util";
import { Pool } from "pg";
import { z } from "zod";

const run = promisify(exec);
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const PHOTO_ROOT = path.resolve(process.env.PHOTO_ROOT ?? "/var/lib/resale/photos");
const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT ?? "/var/lib/resale/exports");
const PAYOUT_PROVIDERS: Record<string, string> = {
  stripe: "https://connect.stripe.com/express/oauth/authorize",
  paypal: "https://www.paypal.com/connect",
};

const PayoutForm = z.object({
  provider: z.enum(["stripe", "paypal"]),
  currency: z.enum(["EUR", "GBP", "USD"]),
  statementName: z.string().min(2).max(22),
});

async function sellerId(): Promise<number> {
  const jar = await cookies();
  const raw = jar.get("seller")?.value ?? "";
  const id = Number.parseInt(raw, 10);
  if (!Number.isFinite(id)) redirect("/login");
  return id;
}

export async function savePayoutSettings(formData: FormData) {
  const seller = await sellerId();
  const { provider, currency, statementName } = PayoutForm.parse(Object.fromEntries(formData));
  // z.enum values, a number, and a bound statement name
  // ok: sql-injection
  await pool.query(
    `UPDATE sellers SET payout_provider = '${provider}', currency = '${currency}', statement_name = $1 WHERE id = ${seller}`,
    [statementName],
  );
  revalidatePath("/dashboard");
  // a lookup in a constant map of provider URLs
  // ok: open-redirect
  redirect(PAYOUT_PROVIDERS[provider]);
}

export async function uploadPhoto(formData: FormData) {
  const seller = await sellerId();
  const file = formData.get("photo") as File;
  const listingId = String(formData.get("listingId") ?? "");
  const dir = path.join(PHOTO_ROOT, String(seller));
  await mkdir(dir, { recursive: true });
  const stored = `${randomUUID()}${path.extname(file.name)}`;
  // a random name plus extname under the seller's numeric folder
  // ok: path-traversal
  await writeFile(path.join(dir, stored), Buffer.from(await file.arrayBuffer()));
  // the client's own file name, as sent
  // ruleid: path-traversal
  await writeFile(path.join(dir, "originals", file.name), Buffer.from(await file.arrayBuffer()));
  // the listing id from the form inside the SQL text
  // ruleid: sql-injection
  await pool.query(`UPDATE listings SET photo = $1 WHERE id = ${listingId} AND seller_id = $2`, [stored, seller]);
}

export async function removePhoto(formData: FormData) {
  const seller = await sellerId();
  const name = String(formData.get("name") ?? "");
  const target = path.resolve(PHOTO_ROOT, String(seller), name);
  if (!target.startsWith(path.join(PHOTO_ROOT, String(seller)) + path.sep)) {
    throw new Error("not your photo");
  }
  // [extended sink] fs/promises unlink of a resolved, contained path
  // ok: path-traversal
  await unlink(target);
}

export async function exportSales(formData: FormData) {
  const seller = await sellerId();
  const format = String(formData.get("format") ?? "csv");
  const label = String(formData.get("label") ?? "sales");
  const out = path.join(EXPORT_ROOT, `${seller}-${Date.now()}.${format === "xlsx" ? "xlsx" : "csv"}`);
  // [extended sink] a promisified exec; the label travels into the shell command line
  // ruleid: command-injection
  await run(`psql "$DATABASE_URL" -c "\\copy (SELECT * FROM sales WHERE seller_id = ${seller}) TO '${out}' CSV HEADER" && echo ${label} > ${out}.label`);
  // a file name chosen by the code
  // ok: path-traversal
  return (await readFile(out)).toString("base64");
}

export async function compressPhotos(formData: FormData) {
  const seller = await sellerId();
  const quality = Number(formData.get("quality") ?? 80);
  // [extended sink] a promisified exec with a number and a numeric folder
  // ok: command-injection
  await run(`mogrify -quality ${quality} ${path.join(PHOTO_ROOT, String(seller))}/*.jpg`);
}

export async function deleteAccount(formData: FormData) {
  const seller = await sellerId();
  const confirm = String(formData.get("confirm") ?? "");
  if (confirm !== "DELETE") {
    const from = String(formData.get("from") ?? "/dashboard");
    // the form's "from" path after a failed confirmation
    // ruleid: open-redirect
    redirect(from);
  }
  await pool.query("DELETE FROM sellers WHERE id = $1", [seller]);
  const jar = await cookies();
  jar.delete("seller");
  redirect("/goodbye");
}

export async function setDisplayCurrency(formData: FormData) {
  const currency = String(formData.get("currency") ?? "EUR");
  const jar = await cookies();
  // a display preference, not a session cookie
  // ok: insecure-cookie
  jar.set("display_currency", currency, { path: "/" });
}
