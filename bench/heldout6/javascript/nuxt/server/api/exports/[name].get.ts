// Nitro route: GET /api/exports/:name?format=... serves generated exports.
import { readFile } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";

const EXPORTS = resolve("/srv/app/exports");
const FORMATS: Record<string, string> = { csv: "text/csv", json: "application/json" };

export default defineEventHandler(async (event) => {
  const name = getRouterParam(event, "name") ?? "";
  const { format, preset } = getQuery(event);

  // router param joined under a constant directory
  // ruleid: path-traversal
  const raw = await readFile(join(EXPORTS, name));

  // basename() keeps only the file name
  // ok: path-traversal
  const meta = await readFile(join(EXPORTS, basename(name) + ".meta.json"), "utf8");

  const presetPath = resolve(EXPORTS, "presets", String(preset));
  if (!presetPath.startsWith(EXPORTS + sep)) {
    throw createError({ statusCode: 403, statusMessage: "outside exports" });
  }
  // resolve + startsWith(base + sep) with a throw
  // ok: path-traversal
  const presetText = await readFile(presetPath, "utf8");

  const type = FORMATS[String(format)] ?? "application/octet-stream";
  setResponseHeader(event, "content-type", type);
  return { raw: raw.length, meta, presetText };
});
