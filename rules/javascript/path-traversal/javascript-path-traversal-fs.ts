import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Context } from 'koa';

const ROOT = '/srv/docs';

export async function doc(ctx: Context): Promise<void> {
  const name = ctx.query.doc as string;
  // ruleid: javascript-path-traversal-fs
  ctx.body = await readFile(path.join(ROOT, name), 'utf8');
}

export async function docChecked(ctx: Context): Promise<void> {
  const full = path.resolve(ROOT, ctx.query.doc as string);
  if (!full.startsWith(ROOT + path.sep)) {
    ctx.throw(404);
    return;
  }
  // ok: javascript-path-traversal-fs
  ctx.body = await readFile(full, 'utf8');
}
