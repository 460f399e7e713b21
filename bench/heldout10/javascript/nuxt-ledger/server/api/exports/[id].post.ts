import { readFile } from "node:fs/promises";
import { join, basename } from "node:path";
import { execFile } from "node:child_process";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.LEDGER_DB });
const EXPORT_DIR = "/var/ledger/exports";
const FORMATS = ["csv", "xlsx", "pdf"] as const;

export default defineEventHandler(async (event) => {
  const id = getRouterParam(event, "id");
  const { format, account, since, notify } = await readBody(event);
  if (!FORMATS.includes(format)) {
    throw createError({ statusCode: 400, statusMessage: "unknown format" });
  }
  // $1/$2 placeholders
  // ok: sql-injection
  const { rows } = await pool.query("SELECT * FROM entry WHERE account = $1 AND booked >= $2", [account, since]);
  // the account spliced into a second query
  // ruleid: sql-injection
  await pool.query(`UPDATE export_job SET account = '${account}' WHERE id = ${Number(id)}`);
  // the format passed the FORMATS check with a throw
  // ok: path-traversal
  const template = await readFile(join(EXPORT_DIR, "templates", `${format}.tpl`), "utf8");
  // the route parameter as a file name
  // ruleid: path-traversal
  const previous = await readFile(join(EXPORT_DIR, `${id}.${format}`), "utf8").catch(() => "");
  // basename of the route parameter
  // ok: path-traversal
  const manifest = await readFile(join(EXPORT_DIR, basename(String(id)), "manifest.json"), "utf8").catch(() => "{}");
  // execFile with arguments, no shell
  // ok: command-injection
  execFile("ledger-export", ["--account", String(account), "--format", format]);
  if (notify) {
    // Nitro's $fetch to a URL from the body
    // ruleid: ssrf
    await $fetch(notify, { method: "POST", body: { id, rows: rows.length } });
  }
  const back = getQuery(event).back;
  if (typeof back === "string" && back.startsWith("/exports/")) {
    // a longer constant path prefix
    // ok: open-redirect
    return sendRedirect(event, back);
  }
  return { template: template.length, previous: previous.length, manifest };
});
