import { error, json } from "@sveltejs/kit";
import { exec } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { RequestHandler } from "./$types";

const run = promisify(exec);
const EXPORT_DIR = path.resolve("/srv/recipes/exports");
const FORMATS = { pdf: "pdf", epub: "epub", md: "markdown" } as const;

export const GET: RequestHandler = async ({ params, url }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id)) error(400, "bad id");
  const format = FORMATS[(url.searchParams.get("format") ?? "pdf") as keyof typeof FORMATS] ?? "pdf";
  const out = path.join(EXPORT_DIR, `${id}.${format}`);
  // id coerced with Number(), format from a constant object; promisified exec [extended sink]
  // ok: command-injection
  await run(`pandoc /srv/recipes/md/${id}.md -t ${format} -o ${out}`);
  // the same coerced id and looked-up format
  // ok: path-traversal
  const body = await readFile(out);
  return new Response(body, { headers: { "Content-Type": "application/octet-stream" } });
};

export const POST: RequestHandler = async ({ params, request }) => {
  const { template } = await request.json();
  const id = Number(params.id);
  // template name from the JSON body (request.json()) in a shell command; promisified exec [beyond docs] [extended sink]
  // ruleid: command-injection
  await run(`pandoc /srv/recipes/md/${id}.md --template=${template} -o ${EXPORT_DIR}/${id}.pdf`);
  return json({ ok: true });
};

export const PUT: RequestHandler = async ({ params, url }) => {
  const style = url.searchParams.get("style") ?? "default";
  // a style name from the URL read from the styles folder
  // ruleid: path-traversal
  const css = await readFile(path.join("/srv/recipes/styles", `${style}.css`), "utf8");
  return json({ id: params.id, css });
};
