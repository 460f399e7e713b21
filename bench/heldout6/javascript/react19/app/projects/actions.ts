"use server";
// React 19 server actions for the projects area (Next.js App Router).
import { sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { db } from "@/db";

const UPLOADS = path.resolve("./uploads");
const Rename = z.object({ id: z.coerce.number(), name: z.string().min(1).max(80) });
const Visibility = z.enum(["private", "team", "public"]);

export async function renameProject(formData: FormData) {
  const name = String(formData.get("name") ?? "");
  const id = Number(formData.get("id"));
  // drizzle sql.raw() with the form field inside a quoted literal
  // ruleid: sql-injection
  await db.execute(sql.raw(`UPDATE projects SET name = '${name}' WHERE id = ${id}`));
  // drizzle's sql tagged template binds both values
  // ok: sql-injection
  await db.execute(sql`UPDATE projects SET name = ${name} WHERE id = ${id}`);
  // a fixed path with the numeric id
  // ok: open-redirect
  redirect(`/projects/${id}`);
}

export async function setVisibility(formData: FormData) {
  const parsed = Rename.parse({ id: formData.get("id"), name: formData.get("name") });
  const visibility = Visibility.parse(formData.get("visibility"));
  // z.enum result and a z.coerce.number() field in the SQL text
  // ok: sql-injection
  await db.execute(sql.raw(`UPDATE projects SET visibility = '${visibility}' WHERE id = ${parsed.id}`));
  // a z.string() field admits any text
  // ruleid: sql-injection
  await db.execute(sql.raw(`UPDATE projects SET name = '${parsed.name}' WHERE id = ${parsed.id}`));
}

export async function finishOnboarding(formData: FormData) {
  const returnTo = String(formData.get("returnTo") ?? "/");
  // the form's returnTo value as the redirect target
  // ruleid: open-redirect
  redirect(returnTo);
}

export async function uploadCover(formData: FormData) {
  const file = formData.get("cover") as File;
  const bytes = Buffer.from(await file.arrayBuffer());
  // the uploaded file's own name joined under the uploads folder
  // ruleid: path-traversal
  await writeFile(path.join(UPLOADS, file.name), bytes);
  const safeName = file.name.replace(/[^\w-]/g, "");
  // every character outside [\w-] removed, global flag
  // ok: path-traversal
  await writeFile(path.join(UPLOADS, `${safeName}.img`), bytes);
}

export async function importFromUrl(formData: FormData) {
  const source = String(formData.get("source") ?? "");
  // the form URL fetched by the server action
  // ruleid: ssrf
  const res = await fetch(source);
  const store = await cookies();
  // a session cookie set with no options
  // ruleid: insecure-cookie
  store.set("import_session", String(res.status));
  // secure and httpOnly set
  // ok: insecure-cookie
  store.set("session_token", String(res.status), { secure: true, httpOnly: true, sameSite: "lax" });
}
