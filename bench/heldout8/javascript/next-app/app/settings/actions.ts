"use server";
// Server actions of the settings pages (drizzle over Postgres, uploads to local disk).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth";

const AVATAR_DIR = path.join(process.cwd(), "public", "avatars");
const MemberSort = z.enum(["name", "joined_at", "role"]);

export async function updateDisplayName(formData: FormData) {
  const name = String(formData.get("displayName") ?? "");
  const userId = (await cookies()).get("uid")?.value;
  // drizzle's sql template binds each value
  // ok: sql-injection
  await db.execute(sql`UPDATE users SET display_name = ${name} WHERE id = ${userId}`);
}

export async function listMembers(formData: FormData) {
  const column = String(formData.get("column") ?? "name");
  // form value inside sql.raw
  // ruleid: sql-injection
  return db.execute(sql.raw(`SELECT id, name, role FROM members ORDER BY ${column}`));
}

export async function listMembersChecked(formData: FormData) {
  const column = MemberSort.parse(formData.get("column"));
  // z.enum defined in the file
  // ok: sql-injection
  return db.execute(sql.raw(`SELECT id, name, role FROM members ORDER BY ${column}`));
}

export async function searchMembers(formData: FormData) {
  const term = z.string().min(2).max(40).parse(formData.get("q"));
  // a length-limited string is still any text
  // ruleid: sql-injection
  return db.execute(sql.raw(`SELECT id, name FROM members WHERE name ILIKE '%${term}%'`));
}

export async function uploadAvatar(formData: FormData) {
  const file = formData.get("avatar") as File;
  const bytes = Buffer.from(await file.arrayBuffer());
  // the browser-supplied file name joined to the avatar folder
  // ruleid: path-traversal
  await writeFile(path.join(AVATAR_DIR, file.name), bytes);
}

export async function uploadAvatarRenamed(formData: FormData) {
  const file = formData.get("avatar") as File;
  const ext = path.extname(file.name).toLowerCase();
  const stored = `${randomUUID()}${ext}`;
  // random name plus the extension path.extname() keeps (it holds no separator) [beyond docs]
  // ok: path-traversal
  await writeFile(path.join(AVATAR_DIR, stored), Buffer.from(await file.arrayBuffer()));
  return `/avatars/${stored}`;
}

export async function signIn(prev: unknown, formData: FormData) {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  const user = await verifyCredentials(email, password);
  if (!user) return { error: "Invalid credentials" };
  const jar = await cookies();
  // session cookie with Secure and HttpOnly
  // ok: insecure-cookie
  jar.set("session", String(user.id), { httpOnly: true, secure: true, sameSite: "lax" });
  // remember-me cookie with no options
  // ruleid: insecure-cookie
  jar.set("remember_me", randomUUID());
  const callbackUrl = String(formData.get("callbackUrl") ?? "/");
  // callbackUrl from the form
  // ruleid: open-redirect
  redirect(callbackUrl);
}
