// Cloudflare Worker (module syntax) for a small blog: D1 for posts, R2 for images.
export interface Env {
  DB: D1Database;
  IMAGES: R2Bucket;
  ORIGIN: string;
}

const IMAGE_HOSTS = new Set(["images.blog.example", "cdn.blog.example"]);

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const slug = url.searchParams.get("slug") ?? "";

    if (url.pathname === "/out") {
      // the redirect target straight from the query
      // ruleid: open-redirect
      return Response.redirect(url.searchParams.get("to") ?? "/", 302);
    }
    if (url.pathname === "/moved") {
      // a constant path of two characters or more in front of the slug, on the worker's own origin
      // ok: open-redirect
      return Response.redirect(new URL(`/posts/${slug}`, url.origin).toString(), 301);
    }

    // D1 prepare() with the slug in a quoted literal
    // ruleid: sql-injection
    const post = await env.DB.prepare(`SELECT title, body FROM posts WHERE slug = '${slug}'`).first();
    // D1 prepare() with ? and bind()
    // ok: sql-injection
    const same = await env.DB.prepare("SELECT title, body FROM posts WHERE slug = ?").bind(slug).first();

    const img = url.searchParams.get("img") ?? "";
    // an image URL from the query fetched by the worker
    // ruleid: ssrf
    const proxied = await fetch(img);
    const imgUrl = new URL(img);
    if (IMAGE_HOSTS.has(imgUrl.hostname)) {
      // inside a hostname allowlist check
      // ok: ssrf
      await fetch(imgUrl.toString(), { cf: { cacheTtl: 3600 } });
    }

    // [extended sink] text/html Response with the slug escaped by a character-class escaper
    // ok: xss
    const safe = new Response(`<h1 data-slug="${escapeAttr(slug)}">${escapeAttr(String(same?.title ?? ""))}</h1>`, {
      headers: { "content-type": "text/html" },
    });
    if (!post) {
      // [extended sink] text/html Response with the raw slug
      // ruleid: xss
      return new Response(`<p>No post called ${slug}</p>`, { status: 404, headers: { "content-type": "text/html" } });
    }
    return proxied.ok ? safe : new Response("upstream", { status: 502 });
  },
};
