export interface Env {
  DB: D1Database;
  ASSETS_ORIGIN: string;
}

const ALLOWED_AVATAR_HOSTS = new Set(["avatars.githubusercontent.com", "secure.gravatar.com"]);
const CHANGELOG = "https://changelog.status-board.example/entries/";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/incidents") {
      const service = url.searchParams.get("service") ?? "";
      // D1 prepare with a bound value
      // ok: sql-injection
      const { results } = await env.DB.prepare("SELECT * FROM incidents WHERE service = ?1").bind(service).all();
      return Response.json(results);
    }
    if (url.pathname === "/incidents/search") {
      const text = url.searchParams.get("text") ?? "";
      // [extended sink] D1 prepare with the search text in the SQL
      // ruleid: sql-injection
      const { results } = await env.DB.prepare(`SELECT * FROM incidents WHERE title LIKE '%${text}%'`).all();
      return Response.json(results);
    }
    if (url.pathname === "/badge") {
      const label = url.searchParams.get("label") ?? "status";
      // the label escaped with a same-file global-replace escaper
      // ok: xss
      return new Response(`<svg xmlns="http://www.w3.org/2000/svg"><text>${escapeHtml(label)}</text></svg>`, { headers: { "Content-Type": "text/html" } });
    }
    if (url.pathname === "/notice") {
      const msg = url.searchParams.get("msg") ?? "";
      // an HTML Response with the raw message
      // ruleid: xss
      return new Response(`<!doctype html><p class="notice">${msg}</p>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    if (url.pathname === "/avatar") {
      const src = new URL(url.searchParams.get("src") ?? "");
      if (!ALLOWED_AVATAR_HOSTS.has(src.hostname)) return new Response("forbidden", { status: 403 });
      // host allowlist on the parsed URL with an early return
      // ok: ssrf
      return fetch(src.toString());
    }
    if (url.pathname === "/changelog") {
      // constant https host, the entry id only fills the path
      // ok: ssrf
      return fetch(CHANGELOG + url.searchParams.get("entry"));
    }
    if (url.pathname === "/webhook-test") {
      const { target } = (await request.json()) as { target: string };
      // the Worker posts to a URL from the request body
      // ruleid: ssrf
      return fetch(target, { method: "POST", body: "ping" });
    }
    if (url.pathname === "/go") {
      const to = url.searchParams.get("to") ?? "/";
      // Response.redirect to the query value
      // ruleid: open-redirect
      return Response.redirect(to, 302);
    }
    if (url.pathname === "/home") {
      // a redirect that keeps this origin and only the path of the query value
      // ok: open-redirect
      return Response.redirect(new URL("/dashboard", url.origin).toString(), 302);
    }
    return new Response("not found", { status: 404 });
  },
};
