// Next.js 15 App Router route handlers for the docs site (app/api/**/route.ts, merged into one file).
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Pool } from "pg";
import { z } from "zod";

const pool = new Pool({ connectionString: process.env.POSTGRES_URL });
const CONTENT_DIR = path.join(process.cwd(), "content");
const OG_HOSTS = new Set(["images.unsplash.com", "avatars.githubusercontent.com"]);
const SITE = "https://docs.example.com";

// GET /api/og-image?src=...
export async function GET_ogImage(req: NextRequest) {
  const src = req.nextUrl.searchParams.get("src") ?? "";
  // handler parameter's search params used as the fetch URL
  // ruleid: ssrf
  const upstream = await fetch(src, { cache: "no-store" });
  return new NextResponse(upstream.body, { headers: { "content-type": upstream.headers.get("content-type") ?? "image/png" } });
}

// GET /api/og-image/v2?src=...
export async function GET_ogImageV2(req: NextRequest) {
  const raw = req.nextUrl.searchParams.get("src") ?? "";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return NextResponse.json({ error: "bad url" }, { status: 400 });
  }
  if (url.protocol !== "https:" || !OG_HOSTS.has(url.hostname)) {
    return NextResponse.json({ error: "host not allowed" }, { status: 400 });
  }
  // protocol + hostname allowlist with early return
  // ok: ssrf
  const upstream = await fetch(url, { cache: "no-store", redirect: "error" });
  return new NextResponse(upstream.body);
}

// GET /api/docs/[...slug]
export async function GET_doc(req: NextRequest, { params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  const file = path.join(CONTENT_DIR, ...slug) + ".mdx";
  // catch-all segments joined into a path; '..' segments are not refused
  // ruleid: path-traversal
  const source = await readFile(file, "utf8");
  return NextResponse.json({ source });
}

// GET /api/docs/v2/[...slug]
export async function GET_docV2(req: NextRequest, { params }: { params: Promise<{ slug: string[] }> }) {
  const { slug } = await params;
  const file = path.resolve(CONTENT_DIR, ...slug) + ".mdx";
  if (!file.startsWith(CONTENT_DIR + path.sep)) {
    return NextResponse.json({ error: "not found" }, { status: 404 });
  }
  // containment check with separator
  // ok: path-traversal
  const source = await readFile(file, "utf8");
  return NextResponse.json({ source });
}

const FeedbackBody = z.object({ page: z.string().max(200), helpful: z.boolean(), comment: z.string().max(2000) });

// POST /api/feedback
export async function POST_feedback(req: Request) {
  const body = FeedbackBody.parse(await req.json());
  // parameterized insert
  // ok: sql-injection
  await pool.query("INSERT INTO feedback (page, helpful, comment) VALUES ($1, $2, $3)", [body.page, body.helpful, body.comment]);
  return NextResponse.json({ ok: true });
}

// GET /api/feedback/stats?page=...
export async function GET_feedbackStats(req: NextRequest) {
  const page = req.nextUrl.searchParams.get("page") ?? "";
  // raw search param in the SQL text
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT helpful, count(*) FROM feedback WHERE page = '${page}' GROUP BY helpful`);
  return NextResponse.json(rows);
}

// GET /api/auth/callback?next=...
export async function GET_authCallback(req: NextRequest) {
  const next = req.nextUrl.searchParams.get("next") ?? "/";
  const jar = await cookies();
  // [beyond docs] Next.js cookies().set of a session cookie with no options
  // ruleid: insecure-cookie
  jar.set("docs_session", req.nextUrl.searchParams.get("code") ?? "");
  // [beyond docs] new URL(user, base) keeps an absolute user URL: host can change
  // ruleid: open-redirect
  return NextResponse.redirect(new URL(next, req.url));
}

// GET /api/auth/callback/v2?next=...
export async function GET_authCallbackV2(req: NextRequest) {
  const target = new URL(req.nextUrl.searchParams.get("next") ?? "/", SITE);
  const jar = await cookies();
  // [beyond docs] Next.js cookies().set with both flags
  // ok: insecure-cookie
  jar.set("docs_session", crypto.randomUUID(), { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
  if (target.origin !== SITE) {
    // [beyond docs] constant target
    // ok: open-redirect
    return NextResponse.redirect(SITE);
  }
  // [beyond docs] origin compared with the site's own origin before redirecting
  // ok: open-redirect
  return NextResponse.redirect(target);
}
