import { NextRequest, NextResponse } from "next/server";
import { redirect } from "next/navigation";

export async function GET(request: NextRequest) {
  const destination = request.nextUrl.searchParams.get("destination") ?? "/";
  if (typeof destination !== "string" || !destination.startsWith("/") || destination.startsWith("//") || destination.startsWith("/\\") || /[\u0000-\u001f]/.test(destination)) {
    throw new Error("redirect target must be a path on this site");
  }
  return NextResponse.redirect(new URL(destination, request.url));
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  const url = body.next;
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\") || /[\u0000-\u001f]/.test(url)) {
    throw new Error("redirect target must be a path on this site");
  }
  redirect(url);
}
