import { Client } from "https://deno.land/x/postgres@v0.19.3/mod.ts";

const db = new Client(Deno.env.get("NOTES_DB"));
await db.connect();
const NOTES_DIR = "/srv/notes";
const EXPORT_TOOLS = new Set(["pandoc", "wkhtmltopdf"]);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

Deno.serve(async (req) => {
  const url = new URL(req.url);
  const owner = url.searchParams.get("owner") ?? "";
  if (url.pathname === "/notes") {
    // [extended sink] deno-postgres tagged template binds the owner
    // ok: sql-injection
    const { rows } = await db.queryObject`SELECT id, title FROM note WHERE owner = ${owner}`;
    return Response.json(rows);
  }
  if (url.pathname === "/notes/tagged") {
    const tag = url.searchParams.get("tag") ?? "";
    // [extended sink] queryObject called with a built string
    // ruleid: sql-injection
    const { rows } = await db.queryObject(`SELECT id FROM note WHERE '${tag}' = ANY(tags)`);
    return Response.json(rows);
  }
  if (url.pathname === "/notes/raw") {
    const name = url.searchParams.get("name") ?? "";
    // Deno.readTextFile with the query value
    // ruleid: path-traversal
    const text = await Deno.readTextFile(`${NOTES_DIR}/${name}.md`);
    // the note rendered in a page with the title escaped
    // ok: xss
    return new Response(`<h1>${escapeHtml(name)}</h1><pre>${escapeHtml(text)}</pre>`, { headers: { "Content-Type": "text/html" } });
  }
  if (url.pathname === "/notes/preview") {
    const body = await req.text();
    // the posted body served as HTML
    // ruleid: xss
    return new Response(`<article>${body}</article>`, { headers: { "content-type": "text/html" } });
  }
  if (url.pathname === "/export") {
    const tool = url.searchParams.get("tool") ?? "pandoc";
    const file = url.searchParams.get("file") ?? "";
    if (!EXPORT_TOOLS.has(tool)) return new Response("bad tool", { status: 400 });
    // the tool is allowlisted and the file is one argument
    // ok: command-injection
    const out = await new Deno.Command(tool, { args: [`${NOTES_DIR}/${file.replace(/[^\w-]/g, "")}.md`] }).output();
    return new Response(out.stdout);
  }
  if (url.pathname === "/export/custom") {
    const script = url.searchParams.get("script") ?? "";
    // sh -c with the query value
    // ruleid: command-injection
    await new Deno.Command("sh", { args: ["-c", script] }).output();
    return new Response("ok");
  }
  if (url.pathname === "/import") {
    const src = url.searchParams.get("src") ?? "";
    // fetch of a URL from the query string
    // ruleid: ssrf
    const res = await fetch(src);
    // writes under a name built from Date.now()
    // ok: path-traversal
    await Deno.writeTextFile(`${NOTES_DIR}/import-${Date.now()}.md`, await res.text());
    return new Response("imported");
  }
  return new Response("not found", { status: 404 });
});
