// Astro API endpoints for link-preview cards.
import type { APIRoute } from "astro";
import { readFileSync } from "node:fs";
import path from "node:path";

const CARD_DIR = path.resolve("./cards");
const THEMES = new Set(["light", "dark", "sepia"]);

export const GET: APIRoute = async ({ url, redirect }) => {
  const target = url.searchParams.get("u") ?? "";
  // a query value fetched as the whole URL
  // ruleid: ssrf
  const page = await fetch(target);

  const slug = url.searchParams.get("slug") ?? "";
  // the slug fills only the path of a fixed host
  // ok: ssrf
  const cached = await fetch(`https://cards.cdn.example/v2/${encodeURIComponent(slug)}.json`);

  const next = url.searchParams.get("next");
  if (next) {
    // [extended sink] Astro's context.redirect with a query value
    // ruleid: open-redirect
    return redirect(next, 302);
  }
  return new Response(JSON.stringify({ status: page.status, cached: cached.status }), {
    headers: { "Content-Type": "application/json" },
  });
};

export const POST: APIRoute = async ({ request }) => {
  const form = await request.formData();
  const title = String(form.get("title") ?? "");
  const theme = String(form.get("theme") ?? "light");
  if (!THEMES.has(theme)) {
    return new Response("bad theme", { status: 400 });
  }
  // theme allowlisted before it names the file
  // ok: path-traversal
  const css = readFileSync(path.join(CARD_DIR, `${theme}.css`), "utf8");
  // [extended sink] a text/html Response with the posted title inside
  // ruleid: xss
  return new Response(`<style>${css}</style><h1>${title}</h1>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
};

export const PUT: APIRoute = async ({ params, request }) => {
  const body = await request.json();
  // a body field used as the file name under the card directory
  // ruleid: path-traversal
  const existing = readFileSync(path.join(CARD_DIR, body.file), "utf8");
  // [extended sink] a text/html Response with the title escaped by a global replace of & and <
  // ok: xss
  return new Response(`<h1>${String(body.title).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</h1>${existing.length}`, {
    headers: { "Content-Type": "text/html" },
  });
};
