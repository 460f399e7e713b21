import { Handlers } from "$fresh/server.ts";

const SNIPPET_ROOT = "/srv/snippets/raw";
const LANGS = new Set(["ts", "py", "go", "rs", "sql"]);

export const handler: Handlers = {
  async GET(req) {
    const url = new URL(req.url);
    const name = url.searchParams.get("name") ?? "";
    // query-string name appended to the snippet folder
    // ruleid: path-traversal
    const text = await Deno.readTextFile(`${SNIPPET_ROOT}/${name}`);
    // declared text/plain, not HTML
    // ok: xss
    return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8" } });
  },

  async POST(req) {
    const form = await req.formData();
    const lang = String(form.get("lang") ?? "");
    const body = String(form.get("body") ?? "");
    if (!LANGS.has(lang)) return new Response("unsupported language", { status: 400 });
    const id = crypto.randomUUID();
    // random UUID as the name, language from a Set allowlist
    // ok: path-traversal
    await Deno.writeTextFile(`${SNIPPET_ROOT}/${id}.${lang}`, body);
    // Location header with a constant path and the UUID [extended sink]
    // ok: open-redirect
    return new Response(null, { status: 303, headers: { Location: `/share/${id}` } });
  },

  async DELETE(req) {
    const name = new URL(req.url).searchParams.get("name") ?? "";
    const file = `${SNIPPET_ROOT}/${name.replace(/[^\w-]/g, "")}.txt`;
    // every character outside [\w-] removed globally
    // ok: path-traversal
    await Deno.remove(file);
    return new Response(null, { status: 204 });
  },
};
