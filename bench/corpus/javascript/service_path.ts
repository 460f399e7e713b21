// TypeScript storage service, Koa routes and a Node CLI.
// Benchmark corpus, path-traversal (CWE-22).
import { promises as fs, createWriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Router from "@koa/router";

const ROOT = path.resolve("/srv/storage");
const router = new Router();

export class Storage {
  constructor(private readonly root: string = ROOT) {}

  async read(key: string): Promise<Buffer> {
    // Method parameter joined to the root (reported as a warning).
    // ruleid: path-traversal
    return readFile(path.join(this.root, key));
  }

  async readChecked(key: string): Promise<Buffer> {
    // path.relative() check: refuses results that start with ".." or are absolute.
    const full = path.resolve(this.root, key);
    const rel = path.relative(this.root, full);
    if (rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new Error("outside storage root");
    }
    // ok: path-traversal
    return readFile(full);
  }

  async write(key: string, data: Buffer): Promise<void> {
    // Parameter as the destination (reported as a warning).
    // ruleid: path-traversal
    await writeFile(path.resolve(this.root, key), data);
  }
}

router.get("/files/:name", async (ctx) => {
  // Koa route param.
  // ruleid: path-traversal
  ctx.body = await fs.readFile(path.join(ROOT, ctx.params.name));
});

router.get("/files-safe/:name", async (ctx) => {
  // Koa route param reduced to a basename.
  const name = path.basename(ctx.params.name);
  // ok: path-traversal
  ctx.body = await fs.readFile(path.join(ROOT, name));
});

router.post("/upload", async (ctx) => {
  // Koa body field as the destination of a write stream.
  const { filename } = ctx.request.body as { filename: string };
  // ruleid: path-traversal
  const out = createWriteStream(path.join(ROOT, "incoming", filename));
  ctx.req.pipe(out);
  ctx.status = 202;
});

router.get("/by-id/:id", async (ctx) => {
  // Anchored hex id check with an early return.
  const id: string = ctx.params.id;
  if (!/^[a-f0-9]{32}$/.test(id)) {
    ctx.status = 400;
    return;
  }
  // ok: path-traversal
  ctx.body = await fs.readFile(path.join(ROOT, "blobs", id));
});

async function cli(): Promise<void> {
  // Node CLI: the path comes from argv.
  const input = process.argv[2];
  // ruleid: path-traversal
  const text = await readFile(input, "utf8");
  console.log(text.length);
}

async function cliEnv(): Promise<void> {
  // Environment configuration.
  const logFile = process.env.LOG_FILE ?? "/var/log/storage.log";
  // ok: path-traversal
  await writeFile(logFile, "started\n", { flag: "a" });
}

void cli();
void cliEnv();

export default router;
