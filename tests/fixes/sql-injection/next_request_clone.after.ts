// Invoice notes (Next.js route handler): the body of a cloned request is request input;
// the fix binds its fields.
import { NextRequest, NextResponse } from "next/server";
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function POST(req: NextRequest) {
  const payload = await req.clone().json();
  const { rows } = await pool.query("INSERT INTO invoice_notes (invoice_id, note) VALUES ($1, $2) RETURNING id", [payload.invoiceId, payload.note]);
  return NextResponse.json(rows[0], { status: 201 });
}
