// Ticket resale marketplace: search, seat-map proxy and transfer webhooks
// (Next.js 15 App Router route handlers, Postgres through `postgres.js` and `pg`).

import { NextRequest, NextResponse } from "next/server";
import { cookies } from "next/headers";
import postgres from "postgres";
import { Pool } from "pg";
import { z } from "zod";
import { createHmac, timingSafeEqual } from "node:crypto";

const sqlTag = postgres(process.env.DATABASE_URL!);
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const SORTS = {
  soonest: "e.starts_at ASC",
  cheapest: "l.price_cents ASC",
  best: "l.section_rank ASC",
} as const;

const SearchParams = z.object({
  city: z.string().max(80).optional(),
  sort: z.enum(["soonest", "cheapest", "best"]).default("soonest"),
  page: z.coerce.number().int().min(1).default(1),
  venue: z.string().optional(),
});

const SEATMAP_BASE = "https://seatmaps.venues.example/v1/";
const TRANSFER_SECRET = process.env.TRANSFER_WEBHOOK_SECRET ?? "";

type ListingRow = { id: number; event: string; section: string; price_cents: number };

export async function GET(req: NextRequest) {
  const parsed = SearchParams.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  const { city, sort, page, venue } = parsed.data;
  const offset = (page - 1) * 30;
  // tagged template values are bound; the order comes from a constant map keyed by z.enum
  // ok: sql-injection
  const rows: ListingRow[] = await sqlTag`
    SELECT l.id, e.name AS event, l.section, l.price_cents
    FROM listings l JOIN events e ON e.id = l.event_id
    WHERE (${city ?? null}::text IS NULL OR e.city = ${city ?? null})
    ORDER BY ${sqlTag.unsafe(SORTS[sort])} LIMIT 30 OFFSET ${offset}`;
  if (venue) {
    // z.string() admits any text: the venue is spliced into the SQL
    // ruleid: sql-injection
    const extra = await pool.query(`SELECT count(*) FROM listings WHERE venue_slug = '${venue}'`);
    return NextResponse.json({ rows, venueTotal: extra.rows[0].count });
  }
  return NextResponse.json({ rows });
}

export async function POST(req: NextRequest) {
  const body = await req.json();
  const section: string = body.section ?? "";
  const maxPrice = Number(body.maxPrice ?? 0);
  // the section from the JSON body, inside a quoted literal
  // ruleid: sql-injection
  const { rows } = await pool.query(
    "SELECT id, price_cents FROM listings WHERE section = '" + section + "' AND price_cents <= " + maxPrice,
  );
  return NextResponse.json(rows);
}

export async function PUT(req: NextRequest) {
  const form = await req.formData();
  const listingId = Number(form.get("listingId"));
  const note = String(form.get("note") ?? "");
  // a number and a bound note
  // ok: sql-injection
  await pool.query("UPDATE listings SET seller_note = $1 WHERE id = $2", [note, listingId]);
  const back = String(form.get("back") ?? "/dashboard");
  // the back field of the form, unchecked
  // ruleid: open-redirect
  return NextResponse.redirect(new URL(back, req.url), 303);
}

export async function PATCH(req: NextRequest) {
  const venue = req.nextUrl.searchParams.get("venue") ?? "";
  const { hostname } = new URL(SEATMAP_BASE);
  // the venue only fills the path after a constant https host
  // ok: ssrf
  const map = await fetch(`${SEATMAP_BASE}${encodeURIComponent(venue)}.svg`, { headers: { host: hostname } });
  const svg = await map.text();
  return new NextResponse(svg, { headers: { "content-type": "image/svg+xml" } });
}

export async function DELETE(req: NextRequest) {
  const mirror = req.nextUrl.searchParams.get("mirror");
  if (mirror) {
    // the seat map of another mirror the caller names
    // ruleid: ssrf
    const alt = await fetch(new URL("/v1/default.svg", mirror));
    return new NextResponse(await alt.text(), { headers: { "content-type": "image/svg+xml" } });
  }
  const jar = await cookies();
  // clearing a cookie by max-age 0
  // ok: insecure-cookie
  jar.set("resale_session", "", { maxAge: 0 });
  return NextResponse.json({ ok: true });
}

export async function OPTIONS(req: NextRequest) {
  const raw = await req.text();
  const sig = req.headers.get("x-transfer-signature") ?? "";
  const expected = createHmac("sha256", TRANSFER_SECRET).update(raw).digest("hex");
  if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
    return NextResponse.json({ error: "bad signature" }, { status: 401 });
  }
  const event = JSON.parse(raw) as { ticketId: number; toEmail: string; returnUrl?: string };
  // bound values
  // ok: sql-injection
  await pool.query("UPDATE tickets SET holder_email = $1 WHERE id = $2", [event.toEmail, event.ticketId]);
  const res = NextResponse.json({ ok: true });
  // a transfer session cookie set without Secure or HttpOnly
  // ruleid: insecure-cookie
  res.cookies.set("transfer_session", String(event.ticketId));
  return res;
}
