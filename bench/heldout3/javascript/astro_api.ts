// Astro 5 API routes (src/pages/api/*.ts) for a documentation site.
import type { APIRoute } from "astro";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { execFile } from "node:child_process";
import pg from "pg";

const pool = new pg.Pool({ connectionString: import.meta.env.DATABASE_URL });
const CONTENT = path.resolve("src/content");
const LOCALES = new Set(["en", "de", "fr", "ja"]);
const SEARCH_API = "https://search.docs.example.com";
const GUIDES: Record<string, string> = { start: "getting-started.md", deploy: "deploying.md" };

export const GET: APIRoute = async ({ url, params }) => {
  const locale = params.locale ?? "en";
  if (!LOCALES.has(locale)) {
    return new Response("unknown locale", { status: 404 });
  }
  // Set allowlist with an early return
  // ok: path-traversal
  const index = await readFile(path.join(CONTENT, locale, "index.json"), "utf8");
  const guide = GUIDES[url.searchParams.get("guide") ?? "start"] ?? GUIDES.start;
  // file name from a constant record
  // ok: path-traversal
  const body = await readFile(path.join(CONTENT, locale, guide), "utf8");
  return new Response(JSON.stringify({ index, body }));
};

export const search: APIRoute = async ({ url }) => {
  const q = url.searchParams.get("q") ?? "";
  // constant host, query in the query string
  // ok: ssrf
  const res = await fetch(`${SEARCH_API}/v1/search?q=${encodeURIComponent(q)}`);
  // pg placeholders
  // ok: sql-injection
  await pool.query("INSERT INTO searches (term) VALUES ($1)", [q]);
  return new Response(await res.text());
};

export const feedback: APIRoute = async ({ request }) => {
  const { page, rating, comment } = await request.json();
  const score = Number(rating);
  // Number() coercion, other values bound
  // ok: sql-injection
  await pool.query(`INSERT INTO feedback (page, rating, comment) VALUES ($1, ${score}, $2)`, [page, comment]);
  // JSON body value inside the SQL text
  // ruleid: sql-injection
  await pool.query(`UPDATE pages SET last_comment = '${comment}' WHERE slug = $1`, [page]);
  return new Response(null, { status: 204 });
};

export const lint: APIRoute = async ({ url }) => {
  const file = path.basename(url.searchParams.get("file") ?? "index.md");
  return new Promise((resolve) => {
    // execFile with arguments, basename'd file
    // ok: command-injection
    execFile("markdownlint", [path.join(CONTENT, file)], (err, stdout) => resolve(new Response(stdout)));
  });
};

export const raw: APIRoute = async ({ params }) => {
  // route parameter resolved under the content dir without a check
  // ruleid: path-traversal
  return new Response(await readFile(path.resolve(CONTENT, params.slug ?? ""), "utf8"));
};

export const goto: APIRoute = async ({ url, redirect }) => {
  const to = url.searchParams.get("to") ?? "/";
  if (!to.startsWith("/docs/")) {
    return redirect("/docs/");
  }
  // path prefix check with a 6-character constant prefix before the redirect [extended sink]
  // ok: open-redirect
  return redirect(to);
};

export const proxy: APIRoute = async ({ url }) => {
  const target = url.searchParams.get("target") ?? "";
  if (!target.startsWith(SEARCH_API + "/")) {
    return new Response("forbidden", { status: 403 });
  }
  // prefix check on the constant host followed by '/' [beyond docs]
  // ok: ssrf
  return fetch(target);
};
