"use server";
// Server actions for the account settings page.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { pool } from "@/lib/invoices";

const AVATAR_DIR = path.join(process.cwd(), "public", "avatars");
const LOCALES = new Set(["en", "de", "fr", "es"]);

const ProfileSchema = z.object({
  displayName: z.string().min(1).max(60),
  locale: z.enum(["en", "de", "fr", "es"]),
  website: z.string().url().optional(),
});

type ProfileInput = z.infer<typeof ProfileSchema>;

async function saveProfile(userId: string, input: ProfileInput) {
  const fields: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(input)) {
    values.push(value);
    fields.push(`${key} = $${values.length}`);
  }
  values.push(userId);
  // keys from the parsed schema (zod strips unknown keys), values bound [beyond docs]
  // ok: sql-injection
  await pool.query(`UPDATE profiles SET ${fields.join(", ")} WHERE user_id = $${values.length}`, values);
}

export async function updateProfile(formData: FormData) {
  const jar = await cookies();
  const userId = jar.get("uid")?.value ?? "";
  const input = ProfileSchema.parse({
    displayName: formData.get("displayName"),
    locale: formData.get("locale"),
    website: formData.get("website") || undefined,
  });
  await saveProfile(userId, input);
  revalidatePath("/settings");
}

export async function updateRawProfile(formData: FormData) {
  const patch: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    patch[key] = String(value);
  }
  const sets = Object.keys(patch).map((k) => `${k} = '${patch[k]}'`);
  // keys and values of the raw FormData spliced
  // ruleid: sql-injection
  await pool.query(`UPDATE profiles SET ${sets.join(", ")} WHERE user_id = $1`, [patch.userId]);
}

export async function uploadAvatar(formData: FormData) {
  const file = formData.get("avatar") as File;
  const ext = path.extname(file.name);
  const stored = `${randomUUID()}${ext}`;
  // random name plus extname
  // ok: path-traversal
  await writeFile(path.join(AVATAR_DIR, stored), Buffer.from(await file.arrayBuffer()));
  // the client's file name
  // ruleid: path-traversal
  await writeFile(path.join(AVATAR_DIR, "originals", file.name), Buffer.from(await file.arrayBuffer()));
  return stored;
}

export async function setLocale(formData: FormData) {
  const locale = String(formData.get("locale") ?? "en");
  const jar = await cookies();
  // a locale preference cookie, not a session
  // ok: insecure-cookie
  jar.set("locale", LOCALES.has(locale) ? locale : "en");
  // session cookie without secure/httpOnly
  // ruleid: insecure-cookie
  jar.set("session_id", randomUUID(), { path: "/" });
  const back = String(formData.get("back") ?? "/settings");
  // ruleid: open-redirect
  redirect(back);
}

export async function finishOnboarding(formData: FormData) {
  const step = String(formData.get("step") ?? "");
  const next = LOCALES.has(step) ? `/onboarding/${step}` : "/dashboard";
  // a constant path chosen by an allowlist
  // ok: open-redirect
  redirect(next);
}

export async function importCalendar(formData: FormData) {
  const icsUrl = String(formData.get("icsUrl") ?? "");
  // a server action fetching the form's URL
  // ruleid: ssrf
  const res = await fetch(icsUrl, { cache: "no-store" });
  const body = await res.text();
  const name = String(formData.get("calendarName") ?? "calendar");
  // the form's name picks the file under public/
  // ruleid: path-traversal
  await writeFile(path.join(process.cwd(), "public", "calendars", `${name}.ics`), body);
}
