import { Handlers } from "$fresh/server.ts";

const FORMATTERS: Record<string, string[]> = {
  ts: ["deno", "fmt", "-"],
  py: ["ruff", "format", "-"],
  go: ["gofmt"],
};
const UNFURL_HOSTS = new Set(["github.com", "gist.github.com", "gitlab.com"]);

async function unfurl(target: string): Promise<Response> {
  const u = new URL(target);
  if (u.protocol !== "https:" || !UNFURL_HOSTS.has(u.hostname)) {
    return new Response("host not allowed", { status: 403 });
  }
  // https plus a hostname Set allowlist, early return
  // ok: ssrf
  const res = await fetch(u, { redirect: "manual" });
  const title = /<title>([^<]*)<\/title>/i.exec(await res.text())?.[1] ?? "";
  return Response.json({ title });
}

export const handler: Handlers = {
  async GET(req) {
    const params = new URL(req.url).searchParams;
    const link = params.get("unfurl");
    if (link) return unfurl(link);
    const q = params.get("q") ?? "";
    // the query in an HTML Response
    // ruleid: xss
    return new Response(`<html><body><h2>Snippets matching ${q}</h2></body></html>`, {
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  },

  async POST(req) {
    const lang = new URL(req.url).searchParams.get("lang") ?? "ts";
    const argv = FORMATTERS[lang];
    if (!argv) return new Response("unknown formatter", { status: 400 });
    // program and arguments from a constant record
    // ok: command-injection
    const proc = new Deno.Command(argv[0], { args: argv.slice(1), stdin: "piped", stdout: "piped" }).spawn();
    await req.body?.pipeTo(proc.stdin);
    const { stdout } = await proc.output();
    return new Response(stdout);
  },

  async PUT(req) {
    const tool = new URL(req.url).searchParams.get("tool") ?? "deno";
    // the program itself chosen by the query string
    // ruleid: command-injection
    const out = await new Deno.Command(tool, { args: ["--version"] }).output();
    return new Response(new TextDecoder().decode(out.stdout));
  },

  async PATCH(req) {
    const pattern = new URL(req.url).searchParams.get("grep") ?? "";
    // the pattern inside a bash -c command string, quoted by hand
    // ruleid: command-injection
    const out = await new Deno.Command("bash", { args: ["-c", `grep -rn '${pattern}' /srv/snippets/raw | head -50`] }).output();
    return new Response(out.stdout);
  },
};
