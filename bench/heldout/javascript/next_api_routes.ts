// app/api/posts/route.ts (+ a pages/api handler kept here during the migration)
import { NextRequest, NextResponse } from "next/server";
import type { NextApiRequest, NextApiResponse } from "next";
import { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { promises as fs } from "fs";
import path from "path";

const prisma = new PrismaClient();
const CONTENT_DIR = path.join(process.cwd(), "content");
const EMBED_HOSTS = new Set(["www.youtube.com", "player.vimeo.com", "open.spotify.com"]);

type PostRow = { id: number; title: string; views: number };

// Search term interpolated into $queryRawUnsafe. [extended sink]
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get("q") ?? "";
  // ruleid: sql-injection
  const rows = await prisma.$queryRawUnsafe<PostRow[]>(`SELECT id, title, views FROM "Post" WHERE title ILIKE '%${q}%' LIMIT 20`);
  return NextResponse.json(rows);
}

// Tagged $queryRaw: interpolations become bound parameters. [extended sink]
export async function searchPostsSafe(request: NextRequest) {
  const q = request.nextUrl.searchParams.get("q") ?? "";
  const pattern = `%${q}%`;
  // ok: sql-injection
  const rows = (await prisma.$queryRaw`SELECT id, title, views FROM "Post" WHERE title ILIKE ${pattern} LIMIT 20`) as PostRow[];
  return NextResponse.json(rows);
}

// View counter: id coerced with Number() before $executeRawUnsafe. [extended sink]
export async function incrementViews(request: NextRequest) {
  const id = Number(request.nextUrl.searchParams.get("id"));
  if (!Number.isInteger(id)) return NextResponse.json({ error: "bad id" }, { status: 400 });
  // ok: sql-injection
  await prisma.$executeRawUnsafe(`UPDATE "Post" SET views = views + 1 WHERE id = ${id}`);
  return NextResponse.json({ ok: true });
}

const ImportBody = z.object({ url: z.string().url(), tags: z.array(z.string()).default([]) });

// zod .url() only checks the syntax.
export async function POST(request: Request) {
  const body = ImportBody.parse(await request.json());
  // ruleid: ssrf
  const upstream = await fetch(body.url, { headers: { Accept: "text/html" } });
  const html = await upstream.text();
  const post = await prisma.post.create({ data: { title: body.url, body: html, tags: body.tags.join(",") } });
  return NextResponse.json(post, { status: 201 });
}

const EmbedBody = z.object({
  url: z
    .string()
    .url()
    .refine((u) => EMBED_HOSTS.has(new URL(u).hostname), { message: "host not allowed" }),
});

// zod refine() with a hostname allowlist; parse() throws on failure.
export async function resolveEmbed(request: Request) {
  const { url } = EmbedBody.parse(await request.json());
  // ok: ssrf
  const res = await fetch(`https://noembed.com/embed?url=${encodeURIComponent(url)}`);
  // ok: ssrf
  const page = await fetch(url, { redirect: "manual" });
  return NextResponse.json({ oembed: await res.json(), status: page.status });
}

// new URL(input, base): an absolute input ignores the base.
export async function ogImage(request: NextRequest) {
  const img = request.nextUrl.searchParams.get("img") ?? "/default.png";
  // ruleid: ssrf
  const upstream = await fetch(new URL(img, "https://cdn.example.com"));
  return new NextResponse(upstream.body, { headers: { "Content-Type": "image/png" } });
}

// Same image proxy with the input encoded into a path under a fixed host.
export async function ogImageSafe(request: NextRequest) {
  const img = request.nextUrl.searchParams.get("img") ?? "default.png";
  // ok: ssrf
  const upstream = await fetch(`https://cdn.example.com/og/${encodeURIComponent(img)}`);
  return new NextResponse(upstream.body, { headers: { "Content-Type": "image/png" } });
}

// pages/api/content/[slug].ts: slug from the query joined under CONTENT_DIR.
export async function contentHandler(req: NextApiRequest, res: NextApiResponse) {
  const { slug } = req.query;
  try {
    // ruleid: path-traversal
    const source = await fs.readFile(path.join(CONTENT_DIR, `${slug}.mdx`), "utf8");
    res.status(200).json({ source });
  } catch {
    res.status(404).json({ error: "not found" });
  }
}

// Same handler with an anchored slug pattern and an early return.
export async function contentHandlerSafe(req: NextApiRequest, res: NextApiResponse) {
  const { slug } = req.query;
  if (typeof slug !== "string" || !/^[a-z0-9-]+$/.test(slug)) {
    return res.status(400).json({ error: "bad slug" });
  }
  // ok: path-traversal
  const source = await fs.readFile(path.join(CONTENT_DIR, `${slug}.mdx`), "utf8");
  res.status(200).json({ source });
}
