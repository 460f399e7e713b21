import express, { type Request, type Response } from "express";
import { spawn, execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Op, Sequelize } from "sequelize";
import { Clip } from "../models/clip";

export const router = express.Router();
const sequelize = new Sequelize(process.env.DATABASE_URL!);
const MEDIA_ROOT = path.resolve("/srv/media");
const PRESETS: Record<string, string[]> = { "720p": ["-vf", "scale=-2:720"], "1080p": ["-vf", "scale=-2:1080"] };
const ALLOWED_NEXT = new Set(["/library", "/uploads", "/settings"]);

router.get("/clips", async (req: Request, res: Response) => {
  const { sort = "createdAt", q = "" } = req.query as Record<string, string>;
  // Sequelize.literal with the sort expression from the query
  // ruleid: sql-injection
  const clips = await Clip.findAll({ where: { title: { [Op.iLike]: `%${q}%` } }, order: [[Sequelize.literal(sort), "DESC"]] });
  res.json(clips);
});

router.get("/clips/count", async (req: Request, res: Response) => {
  // replacements bind the tag
  // ok: sql-injection
  const [rows] = await sequelize.query("SELECT COUNT(*) FROM clips WHERE tag = :tag", { replacements: { tag: req.query.tag } });
  res.json(rows);
});

router.post("/clips/:id/transcode", async (req: Request, res: Response) => {
  const preset = PRESETS[req.body.preset];
  if (!preset) return res.status(400).json({ error: "unknown preset" });
  const input = path.join(MEDIA_ROOT, path.basename(req.body.file));
  // argument list without a shell
  // ok: command-injection
  spawn("ffmpeg", ["-i", input, ...preset, `${input}.${req.body.preset}.mp4`]);
  // the same tool through a shell with the raw title in the metadata flag
  // ruleid: command-injection
  spawn(`ffmpeg -i ${input} -metadata title="${req.body.title}" ${input}.tagged.mp4`, { shell: true });
  res.status(202).end();
});

router.get("/clips/:id/thumb", async (req: Request, res: Response) => {
  const at = Number(req.query.at ?? 1);
  // execFile with an argument list; the number is converted
  // ok: command-injection
  execFile("ffmpegthumbnailer", ["-i", path.join(MEDIA_ROOT, `${Number(req.params.id)}.mp4`), "-t", String(at), "-o", "-"]);
  res.end();
});

router.get("/stream/:name", (req: Request, res: Response) => {
  const full = path.resolve(MEDIA_ROOT, req.params.name);
  if (!full.startsWith(MEDIA_ROOT + path.sep)) return res.sendStatus(403);
  // resolve + startsWith(root + sep) with an early return
  // ok: path-traversal
  fs.createReadStream(full).pipe(res);
});

router.get("/captions", (req: Request, res: Response) => {
  const file = String(req.query.file);
  if (!file.endsWith(".vtt")) return res.sendStatus(400);
  // an extension check is no containment check
  // ruleid: path-traversal
  fs.createReadStream(path.join(MEDIA_ROOT, "captions", file)).pipe(res);
});

router.get("/player", (req: Request, res: Response) => {
  const title = String(req.query.title ?? "");
  // [extended sink] res.send of HTML with the raw title
  // ruleid: xss
  res.send(`<html><body><h1>${title}</h1><video src="/stream/${encodeURIComponent(title)}"></video></body></html>`);
});

router.post("/done", (req: Request, res: Response) => {
  const next = String(req.body.next ?? "/library");
  // a Set of fixed paths
  // ok: open-redirect
  if (ALLOWED_NEXT.has(next)) return res.redirect(next);
  // the unchecked fallback redirect to the Referer header
  // ruleid: open-redirect
  res.redirect(req.get("referer") ?? "/library");
});

router.get("/proxy-thumb", async (req: Request, res: Response) => {
  const src = String(req.query.src);
  if (!src.startsWith("https://")) return res.sendStatus(400);
  // a scheme-only check
  // ruleid: ssrf
  const upstream = await fetch(src);
  res.type("image/jpeg").send(Buffer.from(await upstream.arrayBuffer()));
});

const OEMBED_HOSTS = new Set(["www.youtube.com", "vimeo.com"]);

router.get("/oembed", async (req: Request, res: Response) => {
  const target = new URL(String(req.query.url));
  if (!OEMBED_HOSTS.has(target.hostname)) return res.sendStatus(400);
  // host allowlist on the parsed URL
  // ok: ssrf
  const meta = await fetch(`https://${target.hostname}/oembed?url=${encodeURIComponent(target.href)}`);
  res.json(await meta.json());
});

router.get("/oembed/any", async (req: Request, res: Response) => {
  const { provider } = req.query as Record<string, string>;
  if (!provider.includes("youtube.com")) return res.sendStatus(400);
  // a substring check on the whole URL
  // ruleid: ssrf
  const meta = await fetch(provider);
  res.json(await meta.json());
});

router.post("/clips/:id/publish", async (req: Request, res: Response) => {
  const { channel } = req.body;
  // spawn with shell: true and the channel name
  // ruleid: command-injection
  spawn("publish-clip", ["--channel", channel, req.params.id], { shell: true });
  // the session token in a cookie without flags
  // ruleid: insecure-cookie
  res.cookie("media_session", req.body.token);
  // both flags set
  // ok: insecure-cookie
  res.cookie("media_auth", req.body.token, { secure: true, httpOnly: true, sameSite: "lax" });
  res.redirect(303, `/clips/${Number(req.params.id)}`);
});

router.get("/clips/:id/share", async (req: Request, res: Response) => {
  const base = String(req.query.base ?? "https://media.example");
  // the base URL of the redirect comes from the query
  // ruleid: open-redirect
  res.redirect(`${base}/clips/${Number(req.params.id)}`);
});
