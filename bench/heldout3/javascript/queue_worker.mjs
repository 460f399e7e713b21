// BullMQ workers for a document-conversion pipeline (ESM).
import { Worker } from "bullmq";
import { exec, execFile } from "node:child_process";
import { promises as fsp } from "node:fs";
import path from "node:path";
import axios from "axios";
import libxmljs from "libxmljs2";
import mysql from "mysql2/promise";

const connection = { host: process.env.REDIS_HOST ?? "127.0.0.1", port: 6379 };
const WORK_DIR = path.resolve("/var/lib/convert");
const db = await mysql.createConnection(process.env.MYSQL_URL);
const FORMATS = new Set(["pdf", "html", "epub"]);

export async function convert(job) {
  const { input, format } = job.data;
  if (!FORMATS.has(format)) throw new Error("format");
  return new Promise((resolve, reject) => {
    // job input path in an exec command (format allowlisted, input not)
    // ruleid: command-injection
    exec(`pandoc ${input} -o ${WORK_DIR}/out.${format}`, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

export async function convertSafe(job) {
  const { input, format } = job.data;
  if (!FORMATS.has(format)) throw new Error("format");
  return new Promise((resolve, reject) => {
    // execFile argument array
    // ok: command-injection
    execFile("pandoc", [path.join(WORK_DIR, path.basename(input)), "-o", `${WORK_DIR}/out.${format}`], (err) => (err ? reject(err) : resolve()));
  });
}

export async function readOutput(job) {
  // job data joined under the work dir
  // ruleid: path-traversal
  return fsp.readFile(path.join(WORK_DIR, job.data.output));
}

export async function readManifest() {
  // constant path
  // ok: path-traversal
  return fsp.readFile(path.join(WORK_DIR, "manifest.json"), "utf8");
}

export async function notify(job) {
  // job callback URL posted with axios
  // ruleid: ssrf
  await axios.post(job.data.callbackUrl, { id: job.id, state: "done" });
}

export async function audit(job) {
  const { docId, actor } = job.data;
  // mysql2 execute with placeholders
  // ok: sql-injection
  await db.execute("INSERT INTO audit (doc_id, actor) VALUES (?, ?)", [docId, actor]);
  // mysql2 query of a job field in a template literal
  // ruleid: sql-injection
  await db.query(`UPDATE documents SET state = 'converted' WHERE owner = '${actor}'`);
}

export async function parseMeta(job) {
  const xml = await fsp.readFile(path.join(WORK_DIR, path.basename(job.data.meta)), "utf8");
  // libxmljs with noent: true
  // ruleid: xxe-parser-config
  const doc = libxmljs.parseXml(xml, { noent: true });
  // libxmljs without noent
  // ok: xxe-parser-config
  const doc2 = libxmljs.parseXml(xml, { nonet: true });
  return [doc.root()?.name(), doc2.root()?.name()];
}

new Worker("convert", convert, { connection });
new Worker("notify", notify, { connection });
new Worker("audit", audit, { connection });
