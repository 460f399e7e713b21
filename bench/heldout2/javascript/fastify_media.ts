// Media service on Fastify 4 (TypeScript): uploads, transcoding, link previews.
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import cors from "@fastify/cors";
import cookie from "@fastify/cookie";
import { exec, execSync } from "node:child_process";
import { promises as fsp } from "node:fs";
import fs from "node:fs";
import path from "node:path";
import https from "node:https";
import mysql from "mysql2/promise";

const fastify = Fastify({ logger: true });
const UPLOADS = path.resolve(process.env.UPLOAD_DIR ?? "/srv/media/uploads");
const PRESETS: Record<string, string> = { small: "-vf scale=640:-2", hd: "-vf scale=1280:-2", fhd: "-vf scale=1920:-2" };
const db = mysql.createPool({ uri: process.env.MYSQL_URL });

// any origin with credentials
// ruleid: permissive-cors
await fastify.register(cors, { origin: "*", credentials: true });
await fastify.register(cookie, { secret: process.env.COOKIE_SECRET });

type MediaParams = { id: string };
type PreviewQuery = { url?: string };

fastify.get("/media/:id", async (request: FastifyRequest<{ Params: MediaParams }>, reply: FastifyReply) => {
  // Fastify route parameter (handler parameter) joined to the upload root
  // ruleid: path-traversal
  const data = await fsp.readFile(path.join(UPLOADS, request.params.id));
  return reply.type("application/octet-stream").send(data);
});

fastify.get("/media/:id/poster", async (request: FastifyRequest<{ Params: MediaParams }>, reply) => {
  const id = request.params.id;
  if (!/^[a-f0-9]{32}$/.test(id)) return reply.code(400).send();
  // anchored hex regex with early return
  // ok: path-traversal
  return reply.type("image/jpeg").send(fs.createReadStream(path.join(UPLOADS, `${id}.jpg`)));
});

fastify.post("/media/:id/transcode", async (request: FastifyRequest<{ Params: MediaParams; Body: { preset: string } }>, reply) => {
  const preset = PRESETS[request.body.preset];
  if (!preset) return reply.code(400).send({ error: "unknown preset" });
  const id = request.params.id.replace(/[^a-f0-9]/g, "");
  // [beyond docs] preset from a constant object; id reduced to hex characters by a global replace
  // ok: command-injection
  exec(`ffmpeg -y -i ${UPLOADS}/${id}.mp4 ${preset} ${UPLOADS}/${id}-out.mp4`, (err) => {
    request.log.info({ err }, "transcode finished");
  });
  return reply.code(202).send();
});

fastify.post("/media/:id/probe", async (request: FastifyRequest<{ Params: MediaParams; Body: { stream: string } }>, reply) => {
  // body field in execSync
  // ruleid: command-injection
  const out = execSync(`ffprobe -v quiet -select_streams ${request.body.stream} -show_streams ${UPLOADS}/${request.params.id}.mp4`);
  return reply.send(out.toString());
});

fastify.get("/preview", async (request: FastifyRequest<{ Querystring: PreviewQuery }>, reply) => {
  const url = request.query.url ?? "";
  // link preview fetch of a query URL
  // ruleid: ssrf
  const upstream = await fetch(url, { redirect: "follow" });
  return reply.send({ status: upstream.status, type: upstream.headers.get("content-type") });
});

fastify.get("/cdn/:id", async (request: FastifyRequest<{ Params: MediaParams }>, reply) => {
  // constant host, id in the path
  // ok: ssrf
  https.get(`https://cdn.media.example.com/v/${encodeURIComponent(request.params.id)}`, (res) => res.pipe(reply.raw));
  return reply;
});

fastify.get("/oembed", async (request: FastifyRequest<{ Querystring: { provider: string; url: string } }>, reply) => {
  const provider = request.query.provider;
  if (provider !== "youtube" && provider !== "vimeo") return reply.code(400).send();
  // provider compared with literals picks the host; url only in the query string
  // ok: ssrf
  const r = await fetch(`https://${provider === "youtube" ? "www.youtube.com" : "vimeo.com"}/oembed?url=${encodeURIComponent(request.query.url)}`);
  return reply.send(await r.json());
});

fastify.get("/library", async (request: FastifyRequest<{ Querystring: { owner: string; order?: string } }>, reply) => {
  const order = request.query.order === "oldest" ? "ASC" : "DESC";
  // owner bound, direction picked from literals
  // ok: sql-injection
  const [rows] = await db.query(`SELECT id, title FROM media WHERE owner = ? ORDER BY created_at ${order}`, [request.query.owner]);
  return reply.send(rows);
});

fastify.get("/library/tags", async (request: FastifyRequest<{ Querystring: { tags: string } }>, reply) => {
  const list = request.query.tags.split(",").map((t) => `'${t.trim()}'`).join(", ");
  // IN list of quoted tags built from the query string
  // ruleid: sql-injection
  const [rows] = await db.query(`SELECT id FROM media_tags WHERE tag IN (${list})`);
  return reply.send(rows);
});

fastify.post("/login", async (request: FastifyRequest<{ Body: { user: string } }>, reply) => {
  const sid = crypto.randomUUID();
  // auth cookie with path and httpOnly but no secure
  // ruleid: insecure-cookie
  reply.setCookie("media_sid", sid, { path: "/", httpOnly: true });
  // Fastify reply.redirect with a query value as target
  // ruleid: open-redirect
  return reply.redirect((request.query as { next?: string }).next ?? "/");
});

fastify.post("/login/v2", async (request, reply) => {
  const sid = crypto.randomUUID();
  // flags set
  // ok: insecure-cookie
  reply.setCookie("media_sid", sid, { path: "/", httpOnly: true, secure: true, sameSite: "lax", signed: true });
  // ok: open-redirect
  return reply.redirect("/library");
});

await fastify.listen({ port: 8081, host: "0.0.0.0" });
