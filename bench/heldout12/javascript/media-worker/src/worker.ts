// BullMQ worker of the video-course platform: transcodes uploads, builds
// thumbnails and subtitles, and notifies the instructor's integrations.
// Jobs are added by the API (`queue.add("transcode", { ... })`).

import { Worker, type Job } from "bullmq";
import { exec, execFile, spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import IORedis from "ioredis";
import mysql from "mysql2/promise";
import { pipeline } from "node:stream/promises";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const connection = new IORedis(process.env.REDIS_URL ?? "redis://localhost:6379", { maxRetriesPerRequest: null });
const db = mysql.createPool({ uri: process.env.MYSQL_URL });

const WORK_ROOT = path.resolve(process.env.WORK_ROOT ?? "/var/lib/courses/work");
const PUBLISH_ROOT = path.resolve(process.env.PUBLISH_ROOT ?? "/var/lib/courses/public");
const PRESETS: Record<string, string[]> = {
  "720p": ["-vf", "scale=-2:720", "-b:v", "2500k"],
  "1080p": ["-vf", "scale=-2:1080", "-b:v", "5000k"],
};
const SUBTITLE_LANGS = new Set(["en", "de", "fr", "es", "pt"]);

interface TranscodeData {
  lessonId: number;
  source: string;
  preset: string;
  watermark?: string;
}

interface ThumbData {
  lessonId: number;
  atSeconds: string;
  outputName: string;
}

interface NotifyData {
  lessonId: number;
  webhookUrl: string;
  title: string;
}

function workDir(lessonId: number): string {
  return path.join(WORK_ROOT, String(Number(lessonId)));
}

async function transcode(job: Job<TranscodeData>) {
  const { lessonId, source, preset, watermark } = job.data;
  const args = PRESETS[preset];
  if (!args) throw new Error(`unknown preset ${preset}`);
  const dir = workDir(lessonId);
  await mkdir(dir, { recursive: true });
  const out = path.join(dir, `${preset}.mp4`);
  // no shell; the source is one argument of ffmpeg
  // ok: command-injection
  const child = spawn("ffmpeg", ["-y", "-i", source, ...args, out]);
  await new Promise((resolve, reject) => child.on("close", (code) => (code === 0 ? resolve(code) : reject(code))));
  if (watermark) {
    // the watermark text of the job lands inside a shell command line
    // ruleid: command-injection
    await execAsync(`ffmpeg -y -i ${out} -vf "drawtext=text='${watermark}':x=10:y=10" ${out}.wm.mp4`);
  }
  await db.execute("UPDATE lessons SET status = 'ready', video_path = ? WHERE id = ?", [out, lessonId]);
  return out;
}

async function thumbnail(job: Job<ThumbData>) {
  const { lessonId, atSeconds, outputName } = job.data;
  const dir = workDir(lessonId);
  const seconds = Number.parseFloat(atSeconds);
  const target = path.join(PUBLISH_ROOT, "thumbs", outputName);
  // execFile without a shell, every value its own argument
  // ok: command-injection
  await execFileAsync("ffmpeg", ["-y", "-ss", String(seconds), "-i", path.join(dir, "720p.mp4"), "-frames:v", "1", target]);
  // the job's output name decides where the copy is written
  // ruleid: path-traversal
  await writeFile(`${target}.json`, JSON.stringify({ lessonId, seconds }));
}

async function subtitles(job: Job<{ lessonId: number; lang: string; vtt: string }>) {
  const { lessonId, lang, vtt } = job.data;
  if (!SUBTITLE_LANGS.has(lang)) {
    throw new Error("unsupported language");
  }
  // the language is allowlisted, the lesson id a number
  // ok: path-traversal
  await writeFile(path.join(PUBLISH_ROOT, String(Number(lessonId)), `${lang}.vtt`), vtt);
  // lang allowlisted above, lessonId spliced raw into SQL
  // ruleid: sql-injection
  await db.query(`INSERT INTO subtitles (lesson_id, lang) VALUES (${lessonId}, '${lang}')`);
}

async function importFromUrl(job: Job<{ lessonId: number; url: string }>) {
  const { lessonId, url } = job.data;
  const dir = workDir(lessonId);
  await mkdir(dir, { recursive: true });
  const dest = path.join(dir, `${randomUUID()}.upload`);
  // the instructor's URL is fetched by the worker inside the cluster
  // ruleid: ssrf
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`download failed: ${res.status}`);
  // a random name in the lesson's work directory
  // ok: path-traversal
  await pipeline(res.body as unknown as NodeJS.ReadableStream, createWriteStream(dest));
  return dest;
}

async function publish(job: Job<{ lessonId: number; file: string }>) {
  const { lessonId, file } = job.data;
  const src = path.resolve(workDir(lessonId), file);
  if (!src.startsWith(WORK_ROOT + path.sep)) {
    throw new Error("file outside the work root");
  }
  // resolved and contained, thrown otherwise
  // ok: path-traversal
  const data = await readFile(src);
  const name = path.basename(file);
  // basename of the job's file name under the lesson's public folder
  // ok: path-traversal
  await writeFile(path.join(PUBLISH_ROOT, String(Number(lessonId)), name), data);
}

async function cleanup(job: Job<{ lessonId: number; keep: string }>) {
  const dir = workDir(job.data.lessonId);
  // the keep pattern becomes part of a find command run by a shell
  // ruleid: command-injection
  await execAsync(`find ${dir} -type f ! -name '${job.data.keep}' -delete`);
  await rm(path.join(dir, "tmp"), { recursive: true, force: true });
}

async function notify(job: Job<NotifyData>) {
  const { lessonId, webhookUrl, title } = job.data;
  const [rows] = await db.execute("SELECT instructor_email FROM lessons WHERE id = ?", [lessonId]);
  // the webhook URL stored with the job, no host check
  // ruleid: ssrf
  await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ lessonId, title, to: (rows as Array<{ instructor_email: string }>)[0]?.instructor_email }),
  });
}

async function readManifest(job: Job<{ manifestPath: string }>) {
  // the manifest path as the job carries it
  // ruleid: path-traversal
  const stream = createReadStream(job.data.manifestPath, "utf8");
  let text = "";
  for await (const chunk of stream) text += chunk;
  return JSON.parse(text);
}

export const worker = new Worker(
  "media",
  async (job: Job) => {
    switch (job.name) {
      case "transcode":
        return transcode(job);
      case "thumbnail":
        return thumbnail(job);
      case "subtitles":
        return subtitles(job);
      case "import":
        return importFromUrl(job);
      case "publish":
        return publish(job);
      case "cleanup":
        return cleanup(job);
      case "notify":
        return notify(job);
      case "manifest":
        return readManifest(job);
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  },
  { connection, concurrency: 2 },
);

worker.on("failed", (job, err) => console.error(`job ${job?.id} failed`, err));
