// BullMQ workers of the data-import pipeline. Jobs are enqueued by the web app.

import Database from "better-sqlite3";
import { Job, Worker } from "bullmq";
import { execSync, spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import got from "got";
import knexFactory from "knex";

const IMPORT_DIR = path.resolve("/srv/imports");
const db = new Database("/srv/imports/staging.db");
const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const connection = { host: process.env.REDIS_HOST ?? "localhost", port: 6379 };

type ImportJob = { sourceUrl: string; target: string; batch: string; feed: string; archive: string; email: string };

async function download(job: Job<ImportJob>) {
  const { sourceUrl, target } = job.data;
  // the job's source URL, no host check
  // ruleid: ssrf
  const res = await fetch(sourceUrl);
  // the job's target name joined to the import dir
  // ruleid: path-traversal
  await writeFile(path.join(IMPORT_DIR, target), Buffer.from(await res.arrayBuffer()));
}

async function partnerFeed(job: Job<ImportJob>) {
  // fixed host, encoded feed name
  // ok: ssrf
  const body = await got(`https://cdn.partner-feeds.io/feeds/${encodeURIComponent(job.data.feed)}.json`).text();
  // a constant file name
  // ok: path-traversal
  await writeFile(path.join(IMPORT_DIR, "partner-latest.json"), body);
}

function unpack(job: Job<ImportJob>) {
  const archive = path.join(IMPORT_DIR, job.data.archive);
  const dir = path.join(IMPORT_DIR, "unpacked", job.data.batch);
  // exec string with two job values
  // ruleid: command-injection
  execSync(`unzip -o ${archive} -d ${dir}`);
  // spawnSync with an argument list, no shell
  // ok: command-injection
  spawnSync("unzip", ["-o", archive, "-d", dir]);
}

function stage(job: Job<ImportJob>) {
  // better-sqlite3 prepared statement with ? values
  // ok: sql-injection
  db.prepare("INSERT INTO batches (id, source) VALUES (?, ?)").run(job.data.batch, job.data.sourceUrl);
  // exec of an interpolated DELETE
  // ruleid: sql-injection
  db.exec(`DELETE FROM staging WHERE batch = '${job.data.batch}'`);
}

async function dedupe(job: Job<ImportJob>) {
  const { email } = job.data;
  // knex query builder
  // ok: sql-injection
  const existing = await knex("contacts").where({ email }).first();
  // [extended sink] whereRaw with the value interpolated
  // ruleid: sql-injection
  const fuzzy = await knex("contacts").whereRaw(`lower(email) = lower('${email}')`);
  // knex.raw with a binding
  // ok: sql-injection
  await knex.raw("UPDATE contacts SET seen = now() WHERE email = ?", [email]);
  return existing ?? fuzzy[0];
}

function logTo(job: Job<ImportJob>) {
  const name = path.basename(job.data.target);
  // basename of the target
  // ok: path-traversal
  return createWriteStream(path.join(IMPORT_DIR, "logs", name + ".log"));
}

new Worker<ImportJob>(
  "imports",
  async (job) => {
    switch (job.name) {
      case "download":
        return download(job);
      case "partner":
        return partnerFeed(job);
      case "unpack":
        return unpack(job);
      case "stage":
        return stage(job);
      case "dedupe":
        return dedupe(job);
      default:
        logTo(job).end(`unknown job ${job.name}\n`);
    }
  },
  { connection },
);
