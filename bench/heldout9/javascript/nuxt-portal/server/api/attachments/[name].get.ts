// Customer portal: download an attachment, from local storage or from the archive mirror.
import { readFile } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";

const ATTACH_DIR = resolve(process.env.ATTACH_DIR ?? "/srv/portal/attachments");
const MIRRORS: Record<string, string> = {
  eu: "https://archive-eu.portal.example.com/",
  us: "https://archive-us.portal.example.com/",
};

export default defineEventHandler(async (event) => {
  const name = getRouterParam(event, "name") ?? "";
  const { mirror, region, version, back } = getQuery(event) as Record<string, string | undefined>;

  if (mirror) {
    // a mirror URL from the query string, fetched by the server
    // ruleid: ssrf
    return $fetch(`${mirror}/files/${name}`, { responseType: "arrayBuffer" });
  }
  if (region) {
    const base = MIRRORS[region];
    if (!base) throw createError({ statusCode: 400, statusMessage: "unknown region" });
    // a constant map of https://host/ bases
    // ok: ssrf
    return $fetch(`${base}files/${encodeURIComponent(name)}`, { responseType: "arrayBuffer" });
  }

  if (version) {
    // the version joined into the path next to the basename of the name
    // ruleid: path-traversal
    return readFile(join(ATTACH_DIR, version, basename(name)));
  }

  const full = resolve(ATTACH_DIR, name);
  if (!full.startsWith(ATTACH_DIR + sep)) {
    // the back parameter as the redirect target
    // ruleid: open-redirect
    return sendRedirect(event, back ?? "/attachments", 302);
  }
  // resolve + startsWith(base + sep) with the early return above
  // ok: path-traversal
  return readFile(full);
});
