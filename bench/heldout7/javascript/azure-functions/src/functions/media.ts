// Media helpers on Azure Functions (Node v4 programming model): thumbnails, usage, links.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { BlobServiceClient } from "@azure/storage-blob";
import { execSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import serialize from "node-serialize";
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.PG_CONNECTION });
const blobs = BlobServiceClient.fromConnectionString(process.env.AzureWebJobsStorage ?? "");
const ALLOWED_SOURCE_HOSTS = new Set(["cdn.contoso-media.example", "images.contoso.example"]);
const SIZES = new Set(["64x64", "128x128", "512x512"]);
const DEFAULT_PREFS_B64 = Buffer.from('{"theme":"light","grid":true}').toString("base64");

app.http("makeThumbnail", {
  methods: ["POST"],
  authLevel: "function",
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const source = new URL(request.query.get("source") ?? "");
    const size = request.query.get("size") ?? "128x128";
    if (source.protocol !== "https:" || !ALLOWED_SOURCE_HOSTS.has(source.hostname)) {
      return { status: 400, body: "source host not allowed" };
    }
    if (!SIZES.has(size)) return { status: 400, body: "unsupported size" };
    // https plus a hostname Set allowlist, early return
    // ok: ssrf
    const img = Buffer.from(await (await fetch(source)).arrayBuffer());
    const dir = await mkdtemp(path.join(os.tmpdir(), "thumb-"));
    // mkdtemp's own directory and a constant name
    // ok: path-traversal
    await writeFile(path.join(dir, "in"), img);
    // size from a Set allowlist checked above
    // ok: command-injection
    execSync(`convert ${dir}/in -thumbnail ${size} ${dir}/out.png`);
    context.log(`thumbnail ${size} for ${source.hostname}`);
    // mkdtemp's own directory and a constant name
    // ok: path-traversal
    return { body: await readFile(path.join(dir, "out.png")), headers: { "content-type": "image/png" } };
  },
});

app.http("fetchAvatar", {
  methods: ["GET"],
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    const avatarUrl = request.query.get("url") ?? "";
    // a query-string URL fetched as is
    // ruleid: ssrf
    const res = await fetch(avatarUrl);
    return { body: Buffer.from(await res.arrayBuffer()), headers: { "content-type": "image/png" } };
  },
});

app.http("resize", {
  methods: ["POST"],
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    const body = (await request.json()) as { blob: string; geometry: string };
    // geometry from the JSON body (request.json()) in an execSync command line [beyond docs]
    // ruleid: command-injection
    execSync(`convert /tmp/in/${path.basename(body.blob)} -resize ${body.geometry} /tmp/out/${path.basename(body.blob)}`);
    return { status: 204 };
  },
});

app.http("usage", {
  methods: ["GET"],
  route: "tenants/{tenant}/usage",
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    const tenant = request.params.tenant;
    const month = request.query.get("month") ?? "";
    // route and query values inside quoted literals
    // ruleid: sql-injection
    const { rows } = await pool.query(`SELECT day, bytes FROM usage WHERE tenant = '${tenant}' AND to_char(day, 'YYYY-MM') = '${month}'`);
    return { jsonBody: rows };
  },
});

app.http("exportBlob", {
  methods: ["GET"],
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    const name = request.query.get("name") ?? "";
    const local = path.join(os.tmpdir(), name);
    // blob SDK downloadToFile writes at a local path built from the query [extended sink]
    // ruleid: path-traversal
    await blobs.getContainerClient("exports").getBlobClient(name).downloadToFile(local);
    // the same local path read back
    // ruleid: path-traversal
    const data = await readFile(local);
    return { body: data, headers: { "content-type": "application/octet-stream" } };
  },
});

app.http("shortLink", {
  methods: ["GET"],
  route: "go/{code}",
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    // code bound as $1
    // ok: sql-injection
    const { rows } = await pool.query("SELECT target FROM links WHERE code = $1", [request.params.code]);
    // the target stored by staff in the links table, not request data [extended sink]
    // ok: open-redirect
    return { status: 302, headers: { Location: rows[0]?.target ?? "/" } };
  },
});

app.http("loginCallback", {
  methods: ["GET"],
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    const returnUrl = request.query.get("returnUrl") ?? "/";
    // the query's returnUrl as the Location header of an Azure Functions response [extended sink]
    // ruleid: open-redirect
    return { status: 302, headers: { location: returnUrl } };
  },
});

app.http("restorePrefs", {
  methods: ["GET"],
  handler: async (request: HttpRequest): Promise<HttpResponseInit> => {
    const raw = request.headers.get("x-prefs") ?? DEFAULT_PREFS_B64;
    // a request header decoded and handed to node-serialize
    // ruleid: unsafe-deserialization
    const prefs = serialize.unserialize(Buffer.from(raw, "base64").toString("utf8"));
    return { jsonBody: prefs };
  },
});
