import { NextRequest, NextResponse } from "next/server";
import { redirect } from "next/navigation";

export async function GET(request: NextRequest) {
  const destination = request.nextUrl.searchParams.get("destination") ?? "/";
  return NextResponse.redirect(new URL(destination, request.url));
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  redirect(body.next);
}
