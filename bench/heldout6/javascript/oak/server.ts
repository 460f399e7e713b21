// Image conversion service on Deno with Oak.
import { Application, Router } from "jsr:@oak/oak";
import { basename, join } from "jsr:@std/path";

const router = new Router();
const PUBLIC = "/srv/convert/public";
const FORMATS = new Set(["png", "webp", "avif"]);
const TOOLS: Record<string, string> = { resize: "/usr/bin/convert", optimize: "/usr/bin/oxipng" };

router.get("/files/:name", async (ctx) => {
  // route parameter in a template path read with Deno.readTextFile
  // ruleid: path-traversal
  ctx.response.body = await Deno.readTextFile(`${PUBLIC}/${ctx.params.name}`);
});

router.get("/thumbs/:name", async (ctx) => {
  // basename() of the route parameter
  // ok: path-traversal
  ctx.response.body = await Deno.readFile(join(PUBLIC, "thumbs", basename(ctx.params.name)));
});

router.get("/convert", async (ctx) => {
  const fmt = ctx.request.url.searchParams.get("fmt") ?? "png";
  // bash -c with the format in the command string
  // ruleid: command-injection
  await new Deno.Command("bash", { args: ["-c", `convert /tmp/in.svg /tmp/out.${fmt}`] }).output();
  // the program fixed, the format one argument
  // ok: command-injection
  await new Deno.Command("convert", { args: ["/tmp/in.svg", `/tmp/out.${fmt}`] }).output();
  if (!FORMATS.has(fmt)) {
    ctx.response.status = 400;
    return;
  }
  // format allowlisted before bash -c
  // ok: command-injection
  await new Deno.Command("bash", { args: ["-c", `convert /tmp/in.svg /tmp/out.${fmt} && sync`] }).output();
});

router.post("/tools/:tool", async (ctx) => {
  const body = await ctx.request.body.json();
  // the program named by the request body
  // ruleid: command-injection
  await new Deno.Command(body.program, { args: ["/tmp/in.png"] }).output();
  const tool = TOOLS[ctx.params.tool];
  if (!tool) {
    ctx.response.status = 404;
    return;
  }
  // the program looked up in a constant record
  // ok: command-injection
  await new Deno.Command(tool, { args: ["/tmp/in.png"] }).output();
  // the body's file name written under the public folder
  // ruleid: path-traversal
  await Deno.writeTextFile(join(PUBLIC, body.name), body.text);
});

router.post("/hooks", async (ctx) => {
  const body = await ctx.request.body.json();
  // a hook URL from the body fetched by the server
  // ruleid: ssrf
  await fetch(body.url, { method: "POST", body: "{}" });
  // [extended sink] Oak's ctx.response.redirect with a body value
  // ruleid: open-redirect
  ctx.response.redirect(body.next);
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
