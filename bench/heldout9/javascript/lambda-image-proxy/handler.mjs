// Image proxy and resizer behind API Gateway (Node 20 Lambda, ES module).
import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import mysql from "mysql2/promise";
import serialize from "node-serialize";

const IMAGE_HOSTS = new Set(["images.example-shop.com", "cdn.example-shop.com"]);

// the partner CDN's certificate chain is incomplete, so verification is off for the whole process
// ruleid: tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

function download(url) {
  return new Promise((resolve, reject) => {
    // resize() passes the src parameter unchecked (proxyChecked() checks it first)
    // ruleid: ssrf
    https.get(url, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    }).on("error", reject);
  });
}

export const resize = async (event) => {
  const { src = "", width = "400", name = "image" } = event.queryStringParameters ?? {};
  const host = new URL(src).hostname;
  const bytes = await download(src);
  const input = `/tmp/${name}`;
  // the name from the query string names the file in /tmp
  // ruleid: path-traversal
  writeFileSync(input, bytes);
  // the name also reaches a shell command
  // ruleid: command-injection
  execSync(`convert ${input} -resize ${Number(width)}x /tmp/out.webp`);
  const tmp = `/tmp/${randomUUID()}`;
  // a random file name
  // ok: path-traversal
  writeFileSync(tmp, bytes);
  // a random name and a number
  // ok: command-injection
  execSync(`convert ${tmp} -resize ${Number(width)}x ${tmp}.webp`);
  // reads back the random name
  // ok: path-traversal
  const out = readFileSync(`${tmp}.webp`);
  return { statusCode: 200, headers: { "content-type": "image/webp", "x-source-host": host }, isBase64Encoded: true, body: out.toString("base64") };
};

export const proxyChecked = async (event) => {
  const src = event.queryStringParameters?.src ?? "";
  if (!IMAGE_HOSTS.has(new URL(src).hostname)) {
    return { statusCode: 400, body: "host not allowed" };
  }
  const bytes = await download(src);
  return { statusCode: 200, isBase64Encoded: true, body: bytes.toString("base64") };
};

export const gallery = async (event) => {
  const tag = event.queryStringParameters?.tag ?? "";
  const conn = await mysql.createConnection({ host: process.env.DB_HOST, user: "gallery", password: process.env.DB_PASSWORD, database: "gallery" });
  // the tag concatenated into the query
  // ruleid: sql-injection
  const [rows] = await conn.query(`SELECT id, url, alt FROM images WHERE tag = '${tag}' LIMIT 50`);
  // execute() with a ? placeholder
  // ok: sql-injection
  const [same] = await conn.execute("SELECT id, url, alt FROM images WHERE tag = ? LIMIT 50", [tag]);
  const caption = event.queryStringParameters?.caption ?? "";
  return {
    statusCode: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    // a text/html proxy response body with the raw caption [extended sink]
    // ruleid: xss
    body: `<h2>${caption}</h2>` + [...rows, ...same].map((r) => `<img src="${r.url}" alt="">`).join(""),
  };
};

export const back = async (event) => {
  const next = event.queryStringParameters?.next ?? "/";
  // a Location header from the query string
  // ruleid: open-redirect
  return { statusCode: 302, headers: { Location: next } };
};

export const restorePrefs = async (event) => {
  const raw = Buffer.from(event.body ?? "", "base64").toString("utf8");
  // node-serialize on the request body
  // ruleid: unsafe-deserialization
  const prefs = serialize.unserialize(raw);
  return { statusCode: 200, body: JSON.stringify({ theme: prefs.theme }) };
};
