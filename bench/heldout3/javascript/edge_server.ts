// Request-handler servers: a Deno.serve image proxy and a Bun.serve admin API.
import { Database } from "bun:sqlite";
import { exec } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, normalize, resolve, sep } from "node:path";

const PUBLIC_DIR = resolve("./public");
const IMAGE_HOSTS = new Set(["images.example.com", "cdn.example.net"]);
const sqlite = new Database("admin.sqlite");

function isAllowedImage(u: URL): boolean {
  return u.protocol === "https:" && IMAGE_HOSTS.has(u.hostname);
}

export async function denoHandler(req: Request): Promise<Response> {
  const { searchParams, pathname } = new URL(req.url);
  if (pathname === "/img") {
    const src = searchParams.get("src") ?? "";
    // searchParams URL fetched with no check
    // ruleid: ssrf
    const upstream = await fetch(src);
    return new Response(upstream.body, { headers: { "content-type": "image/webp" } });
  }
  if (pathname === "/img-safe") {
    const src = new URL(searchParams.get("src") ?? "");
    if (!isAllowedImage(src)) {
      return new Response("forbidden", { status: 403 });
    }
    // same-file validator returning an allowlist check, early return
    // ok: ssrf
    const upstream = await fetch(src);
    return new Response(upstream.body, { headers: { "content-type": "image/webp" } });
  }
  if (pathname.startsWith("/static/")) {
    const rel = normalize(decodeURIComponent(pathname.slice("/static/".length)));
    const full = resolve(PUBLIC_DIR, rel);
    if (!full.startsWith(PUBLIC_DIR + sep)) {
      return new Response("forbidden", { status: 403 });
    }
    // containment check on the resolved path
    // ok: path-traversal
    return new Response(await readFile(full));
  }
  if (pathname.startsWith("/raw/")) {
    // decoded path segment joined under public (%2e%2e%2f climbs out)
    // ruleid: path-traversal
    return new Response(await readFile(join(PUBLIC_DIR, decodeURIComponent(pathname.slice(5)))));
  }
  if (pathname === "/deno-file") {
    // Deno.readTextFile of a searchParams value [extended sink]
    // ruleid: path-traversal
    return new Response(await Deno.readTextFile(searchParams.get("path") ?? ""));
  }
  if (pathname === "/convert") {
    const fmt = searchParams.get("fmt") ?? "png";
    // Deno.Command with an argument array, no shell [extended sink]
    // ok: command-injection
    const out = await new Deno.Command("magick", { args: ["input.webp", `out.${fmt}`] }).output();
    return new Response(out.stdout);
  }
  return new Response("not found", { status: 404 });
}

export const bunServer = {
  port: 3001,
  async fetch(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname === "/users") {
      const role = url.searchParams.get("role") ?? "member";
      // bun:sqlite query() with a bound parameter [extended sink]
      // ok: sql-injection
      const rows = sqlite.query("SELECT id, email FROM users WHERE role = ?").all(role);
      return Response.json(rows);
    }
    if (url.pathname === "/users/search") {
      const email = url.searchParams.get("email") ?? "";
      // bun:sqlite query() of an interpolated value [extended sink]
      // ruleid: sql-injection
      const rows = sqlite.query(`SELECT id FROM users WHERE email LIKE '%${email}%'`).all();
      return Response.json(rows);
    }
    if (url.pathname === "/backup" && req.method === "POST") {
      const { label } = (await req.json()) as { label: string };
      // Bun.spawn with sh -c and a body value [extended sink]
      // ruleid: command-injection
      const proc = Bun.spawn(["sh", "-c", `sqlite3 admin.sqlite .dump > /backups/${label}.sql`]);
      await proc.exited;
      return new Response("ok");
    }
    if (url.pathname === "/restart" && req.method === "POST") {
      const { service } = (await req.json()) as { service: string };
      return new Promise((done) => {
        // exec with a JSON body value from a Request
        // ruleid: command-injection
        exec(`systemctl restart ${service}`, (err) => done(new Response(err ? "failed" : "ok")));
      });
    }
    if (url.pathname === "/logs") {
      // Bun.file of a searchParams value [extended sink]
      // ruleid: path-traversal
      return new Response(Bun.file(`/var/log/admin/${url.searchParams.get("name")}`));
    }
    return new Response("not found", { status: 404 });
  },
};
