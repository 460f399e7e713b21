// app/api/[...slug]/route.ts and friends of a Next.js 15 docs site, collected in one module.

import { PrismaClient } from "@prisma/client";
import { sql } from "@vercel/postgres";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { redirect } from "next/navigation";
import { NextRequest, NextResponse } from "next/server";

const prisma = new PrismaClient();
const CONTENT_DIR = path.join(process.cwd(), "content");
const OG_HOSTS = new Set(["og.docs-site.dev", "cdn.docs-site.dev"]);
const LOCALES: Record<string, string> = { en: "en-US", de: "de-DE", fr: "fr-FR" };

export async function GET(req: NextRequest, { params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  // the catch-all route segments joined under the content directory
  // ruleid: path-traversal
  const md = await readFile(path.join(CONTENT_DIR, ...slug) + ".md", "utf8");
  return new NextResponse(md);
}

export async function POST(req: NextRequest) {
  const { file } = await req.json();
  const full = path.resolve(CONTENT_DIR, file);
  if (!full.startsWith(CONTENT_DIR + path.sep)) {
    return NextResponse.json({ error: "outside" }, { status: 400 });
  }
  // resolve + startsWith(base + sep)
  // ok: path-traversal
  return new NextResponse(await readFile(full, "utf8"));
}

export async function og(req: NextRequest) {
  const target = req.nextUrl.searchParams.get("image") ?? "";
  // an image URL from the query string
  // ruleid: ssrf
  const upstream = await fetch(target);
  return new NextResponse(upstream.body);
}

export async function ogChecked(req: NextRequest) {
  const target = new URL(req.nextUrl.searchParams.get("image") ?? "", "https://og.docs-site.dev");
  if (!OG_HOSTS.has(target.hostname)) {
    return new NextResponse(null, { status: 400 });
  }
  // hostname Set allowlist
  // ok: ssrf
  const upstream = await fetch(target);
  return new NextResponse(upstream.body);
}

export async function search(req: NextRequest) {
  const q = req.nextUrl.searchParams.get("q") ?? "";
  // $queryRawUnsafe with a template literal
  // ruleid: sql-injection
  const rows = await prisma.$queryRawUnsafe(`SELECT slug FROM pages WHERE title ILIKE '%${q}%'`);
  // tagged $queryRaw sends ${} as parameters
  // ok: sql-injection
  const safe = await prisma.$queryRaw`SELECT slug FROM pages WHERE title ILIKE ${"%" + q + "%"}`;
  return NextResponse.json({ rows, safe });
}

export async function feedback(req: NextRequest) {
  const form = await req.formData();
  const page = String(form.get("page"));
  // [beyond docs] @vercel/postgres's sql tag binds each ${} as a parameter
  // ok: sql-injection
  await sql`INSERT INTO feedback (page, body) VALUES (${page}, ${String(form.get("body"))})`;
  // $executeRawUnsafe with a positional parameter
  // ok: sql-injection
  await prisma.$executeRawUnsafe("UPDATE pages SET votes = votes + 1 WHERE slug = $1", page);
  return NextResponse.json({ ok: true });
}

export async function signin(req: NextRequest) {
  const from = req.nextUrl.searchParams.get("from") ?? "/";
  // a new URL on the request's own origin with the path encoded in the query
  // ok: open-redirect
  return NextResponse.redirect(new URL("/login?from=" + encodeURIComponent(from), req.url));
}

export async function out(req: NextRequest) {
  const dest = req.nextUrl.searchParams.get("dest") ?? "/";
  // NextResponse.redirect to a query value
  // ruleid: open-redirect
  return NextResponse.redirect(dest);
}

export default async function LocalePage({ searchParams }: { searchParams: Promise<{ lang?: string; next?: string }> }) {
  const { lang, next } = await searchParams;
  if (next) {
    // redirect() from next/navigation with a searchParams value
    // ruleid: open-redirect
    redirect(next);
  }
  // locale looked up in a constant record
  // ok: open-redirect
  redirect(`/${LOCALES[lang ?? "en"] ?? "en-US"}/docs`);
}
