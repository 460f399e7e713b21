// OAuth callback: exchange the code, set the session, send the user back.
import { NextRequest, NextResponse } from "next/server";

const TOKEN_URL = "https://auth.portal.example/oauth/token";
const SAFE_PATH = /^\/(?!\/)[\w\-/]*$/;

function safeReturnPath(raw: string | null): string {
  if (!raw || !SAFE_PATH.test(raw)) return "/";
  return raw;
}

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("code") ?? "";
  const state = req.nextUrl.searchParams.get("state");
  // constant token endpoint
  // ok: ssrf
  const tokenRes = await fetch(TOKEN_URL, { method: "POST", body: new URLSearchParams({ code }) });
  const { access_token } = await tokenRes.json();
  const issuer = req.nextUrl.searchParams.get("iss") ?? "";
  // the issuer from the callback query picks the userinfo host
  // ruleid: ssrf
  const profile = await fetch(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
  const back = safeReturnPath(state);
  // anchored path regex, no second slash at the start, no backslash
  // ok: open-redirect
  const res = NextResponse.redirect(new URL(back, req.url));
  // ok: insecure-cookie
  res.cookies.set("session", access_token, { httpOnly: true, secure: true, sameSite: "lax" });
  await profile.text();
  return res;
}

export async function POST(req: NextRequest) {
  const form = await req.formData();
  const returnTo = String(form.get("returnTo") ?? "/");
  const safe = safeReturnPath(returnTo);
  console.info("return path", safe);
  // the checked copy is logged, the raw form value is used
  // ruleid: open-redirect
  return NextResponse.redirect(new URL(returnTo, req.url));
}
