// Next.js 15 App Router route handler: download, query and rebuild a saved report.
import { NextRequest, NextResponse } from "next/server";
import { readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { exec } from "node:child_process";
import { promisify } from "node:util";
import { prisma } from "@/lib/prisma";

const REPORTS_DIR = path.join(process.cwd(), "storage", "reports");
const FORMATS = new Set(["pdf", "csv", "xlsx"]);
const execAsync = promisify(exec);

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = req.nextUrl.searchParams.get("format") ?? "pdf";
  // format from the query becomes part of the file name
  // ruleid: path-traversal
  const data = await readFile(path.join(REPORTS_DIR, `${id}.${format}`));
  return new NextResponse(data, { headers: { "Content-Type": "application/octet-stream" } });
}

export async function HEAD(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = req.nextUrl.searchParams.get("format") ?? "pdf";
  if (!FORMATS.has(format) || !/^[0-9a-f-]{36}$/.test(id)) {
    return new NextResponse(null, { status: 400 });
  }
  // format from a Set, id matched by an anchored UUID pattern, early return
  // ok: path-traversal
  const data = await readFile(path.join(REPORTS_DIR, `${id}.${format}`));
  return new NextResponse(null, { headers: { "Content-Length": String(data.length) } });
}

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = await req.json();
  // Prisma tagged template binds each value
  // ok: sql-injection
  const rows = await prisma.$queryRaw`SELECT * FROM report_rows WHERE report_id = ${id} AND label = ${body.label}`;
  // report id and groupBy from the body spliced into $queryRawUnsafe
  // ruleid: sql-injection
  const totals = await prisma.$queryRawUnsafe(`SELECT ${body.groupBy}, SUM(amount) FROM report_rows WHERE report_id = '${id}' GROUP BY ${body.groupBy}`);
  // $queryRawUnsafe with positional values
  // ok: sql-injection
  const count = await prisma.$queryRawUnsafe("SELECT count(*) FROM report_rows WHERE report_id = $1", id);
  return NextResponse.json({ rows, totals, count });
}

export async function PUT(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { locale } = await req.json();
  // route param and body locale in a shell command
  // ruleid: command-injection
  await execAsync(`node scripts/build-report.js --id ${id} --locale ${locale}`);
  return NextResponse.json({ rebuilt: true });
}

export async function DELETE(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const file = path.resolve(REPORTS_DIR, `${id}.pdf`);
  if (!file.startsWith(REPORTS_DIR + path.sep)) {
    return new NextResponse(null, { status: 400 });
  }
  // resolve + startsWith(base + sep) [extended sink]
  // ok: path-traversal
  await unlink(file);
  const cached = path.join(REPORTS_DIR, "cache", req.nextUrl.searchParams.get("cache") ?? `${id}.json`);
  // cache file name from the query, unlinked without a check [extended sink]
  // ruleid: path-traversal
  await unlink(cached);
  return new NextResponse(null, { status: 204 });
}
