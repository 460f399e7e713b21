// Nitro route: POST /api/import pulls an archive from a partner and records the batch.
import { exec } from "node:child_process";

const ALLOWED_SOURCES = new Set(["cdn.partner.example", "files.partner.example"]);
const BATCH = /^[0-9]{8}-[a-z]{3}$/;

export default defineEventHandler(async (event) => {
  const body = await readBody(event);
  const source = new URL(String(body.source));
  if (!ALLOWED_SOURCES.has(source.hostname)) {
    throw createError({ statusCode: 400, statusMessage: "source host" });
  }
  // hostname allowlisted with a throw
  // ok: ssrf
  const archive = await fetch(source);

  // [extended sink] ofetch's $fetch with a URL from the body
  // ruleid: ssrf
  await $fetch(body.mirror, { method: "POST", body: await archive.arrayBuffer() });

  // a body field in a shell line
  // ruleid: command-injection
  exec(`unzip -o /tmp/import.zip -d /srv/imports/${body.batch}`);

  const db = useDatabase();
  // SQL text starting with DELETE and a body field inside a literal
  // ruleid: sql-injection
  await db.exec(`DELETE FROM imports WHERE batch = '${body.batch}'`);
  // [beyond docs] db0's sql tagged template sends each value as a bound parameter
  // ok: sql-injection
  await db.sql`INSERT INTO imports (batch, source) VALUES (${body.batch}, ${source.hostname})`;

  if (!BATCH.test(String(body.batch))) {
    throw createError({ statusCode: 400, statusMessage: "batch" });
  }
  // batch checked by an anchored digits-dash-letters regex that throws
  // ok: command-injection
  exec(`tar -czf /srv/imports/${body.batch}.tgz /srv/imports/${body.batch}`);
  return { ok: true };
});
