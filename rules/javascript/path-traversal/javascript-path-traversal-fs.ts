import { readFile } from 'node:fs/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Request, Response } from 'express';
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

// ---------------------------------------------------------------- Azure Storage downloadToFile

const CACHE_DIR = path.resolve('/var/cache/blobs');
const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE as string);

export async function mirrorBlob(req: Request, res: Response) {
  const client = blobs.getContainerClient('exports').getBlobClient(req.params.blob);
  // downloadToFile writes the blob where the local path points
  // ruleid: javascript-path-traversal-fs
  await client.downloadToFile(path.join(CACHE_DIR, req.body.target));
  res.sendStatus(204);
}

export async function mirrorBlobByName(req: Request, res: Response) {
  const client = blobs.getContainerClient('exports').getBlobClient(req.params.blob);
  // ok: javascript-path-traversal-fs
  await client.downloadToFile(path.join(CACHE_DIR, path.basename(req.params.blob)));
  res.sendStatus(204);
}
