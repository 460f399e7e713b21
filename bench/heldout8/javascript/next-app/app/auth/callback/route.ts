// OAuth callback and sign-out routes (Next.js App Router).
import { NextRequest, NextResponse } from "next/server";
import { cookies } from "next/headers";
import { exchangeCode } from "@/lib/auth";

function localPath(next: string | null): string {
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) {
    return next;
  }
  return "/dashboard";
}

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("code");
  const next = req.nextUrl.searchParams.get("next") ?? "/dashboard";
  if (!code) {
    return NextResponse.json({ error: "missing_code" }, { status: 400 });
  }
  const session = await exchangeCode(code);
  // session cookie with both flags
  // ok: insecure-cookie
  (await cookies()).set("session", session.id, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
  // refresh token cookie without secure
  // ruleid: insecure-cookie
  (await cookies()).set("refresh_token", session.refreshToken, { httpOnly: true, path: "/auth" });
  // an absolute next replaces the base
  // ruleid: open-redirect
  return NextResponse.redirect(new URL(next, req.url));
}

export async function POST(req: NextRequest) {
  const form = await req.formData();
  const next = String(form.get("next") ?? "/dashboard");
  // "/\t/evil.example" passes the prefix checks and the URL parser drops the tab [beyond docs]
  // ruleid: open-redirect
  return NextResponse.redirect(new URL(localPath(next), req.url), 303);
}

export async function PATCH(req: NextRequest) {
  const next = req.nextUrl.searchParams.get("next") ?? "/dashboard";
  const target = new URL(next, req.nextUrl.origin);
  if (target.origin !== req.nextUrl.origin) {
    return NextResponse.json({ error: "cross-origin next" }, { status: 400 });
  }
  // same-origin check on the parsed target, redirect to the checked URL
  // ok: open-redirect
  return NextResponse.redirect(target);
}

export async function DELETE(req: NextRequest) {
  const jar = await cookies();
  jar.delete("session");
  jar.delete("refresh_token");
  const returnTo = req.nextUrl.searchParams.get("returnTo") ?? "/";
  // returnTo from the query
  // ruleid: open-redirect
  return NextResponse.redirect(returnTo);
}
