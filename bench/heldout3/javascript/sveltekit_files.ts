// SvelteKit server endpoints (+server.ts style) for a file-sharing app.
import { error, json, redirect, type RequestHandler } from "@sveltejs/kit";
import { env } from "$env/dynamic/private";
import Database from "better-sqlite3";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { execFile, exec } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { z } from "zod";

const db = new Database(env.SHARES_DB ?? "/var/lib/shares/shares.db");
const STORE = path.resolve("/srv/shares");
const execFileP = promisify(execFile);
const execP = promisify(exec);

const ShareSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/),
  visibility: z.enum(["private", "team", "public"]),
});

export const GET: RequestHandler = async ({ url, params }) => {
  const owner = url.searchParams.get("owner") ?? "";
  // better-sqlite3 prepared statement with a bound value [extended sink]
  // ok: sql-injection
  const rows = db.prepare("SELECT id, name FROM shares WHERE owner = ?").all(owner);
  // better-sqlite3 prepare of an interpolated searchParams value [extended sink]
  // ruleid: sql-injection
  const tagged = db.prepare(`SELECT id FROM shares WHERE tag = '${url.searchParams.get("tag")}'`).all();
  return json({ rows, tagged, folder: params.folder });
};

export const DELETE: RequestHandler = async ({ params }) => {
  // better-sqlite3 exec with a route parameter [extended sink]
  // ruleid: sql-injection
  db.exec(`DELETE FROM shares WHERE slug = '${params.slug}'`);
  return new Response(null, { status: 204 });
};

export const POST: RequestHandler = async ({ request }) => {
  const body = ShareSchema.parse(await request.json());
  // zod regex + enum validation (parse throws) before the insert [extended sink] [beyond docs]
  // ok: sql-injection
  db.exec(`INSERT INTO shares (slug, visibility) VALUES ('${body.name}', '${body.visibility}')`);
  await mkdir(path.join(STORE, body.name), { recursive: true });
  return json({ ok: true }, { status: 201 });
};

export const PUT: RequestHandler = async ({ request, params }) => {
  const name = params.file ?? "";
  const full = path.resolve(STORE, name);
  if (!full.startsWith(STORE + path.sep)) {
    throw error(403, "outside store");
  }
  // resolve + startsWith(base + sep) with a throw
  // ok: path-traversal
  await writeFile(full, Buffer.from(await request.arrayBuffer()));
  return new Response(null, { status: 204 });
};

export const PATCH: RequestHandler = async ({ request, params }) => {
  // route parameter joined under the store
  // ruleid: path-traversal
  await writeFile(path.join(STORE, params.file ?? "untitled"), await request.text());
  return new Response(null, { status: 204 });
};

export async function load({ url }: { url: URL }) {
  const file = url.searchParams.get("file") ?? "README.md";
  // searchParams value resolved under the store without a check
  // ruleid: path-traversal
  const text = await readFile(path.resolve(STORE, file), "utf8");
  return { text };
}

export async function thumbnail({ url }: { url: URL }) {
  const file = url.searchParams.get("file") ?? "";
  // promisified execFile with an argument array
  // ok: command-injection
  const { stdout } = await execFileP("vipsthumbnail", [path.join(STORE, path.basename(file)), "-s", "128"]);
  return { stdout };
}

export async function archive({ url }: { url: URL }) {
  const folder = url.searchParams.get("folder") ?? "";
  // promisified exec with a searchParams value [extended sink]
  // ruleid: command-injection
  const { stdout } = await execP(`tar czf /tmp/share.tgz -C ${STORE} ${folder}`);
  return { stdout };
}

export async function openShare({ url }: { url: URL }) {
  const to = url.searchParams.get("to") ?? "/";
  // SvelteKit redirect() to a searchParams value [extended sink]
  // ruleid: open-redirect
  throw redirect(303, to);
}
