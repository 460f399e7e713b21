import type { APIRoute } from "astro";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { exec } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";

const run = promisify(exec);
const db = new Database("./data/shares.db");
const CARDS = path.resolve("./public/cards");
const THEMES = new Set(["light", "dark", "sepia"]);

export const GET: APIRoute = async ({ url }) => {
  const slug = url.searchParams.get("slug") ?? "";
  // better-sqlite3 with a positional placeholder
  // ok: sql-injection
  const share = db.prepare("SELECT * FROM shares WHERE slug = ?").get(slug);
  const theme = url.searchParams.get("theme") ?? "light";
  // the theme spliced into the SQL
  // ruleid: sql-injection
  const count = db.prepare(`SELECT COUNT(*) AS n FROM shares WHERE theme = '${theme}'`).get();
  return new Response(JSON.stringify({ share, count }), { headers: { "Content-Type": "application/json" } });
};

export const POST: APIRoute = async ({ request, redirect }) => {
  const form = await request.formData();
  const title = String(form.get("title") ?? "");
  const theme = String(form.get("theme") ?? "light");
  if (!THEMES.has(theme)) return new Response("bad theme", { status: 400 });
  // the theme passed the THEMES allowlist with an early return
  // ok: path-traversal
  const template = await readFile(path.join(CARDS, `${theme}.svg`), "utf8");
  const name = String(form.get("name") ?? "card");
  // the card name from the form in the output path
  // ruleid: path-traversal
  await writeFile(path.join(CARDS, "out", `${name}.svg`), template.replace("{{title}}", title));
  // [extended sink] a promisified exec with the name in the command
  // ruleid: command-injection
  await run(`rsvg-convert -o ${CARDS}/out/${name}.png ${CARDS}/out/${name}.svg`);
  const back = String(form.get("back") ?? "/");
  // [extended sink] the endpoint context's redirect() with a form value
  // ruleid: open-redirect
  return redirect(back, 303);
};
