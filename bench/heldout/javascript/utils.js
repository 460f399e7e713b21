// lib/utils.js: grab-bag of helpers shared by the server and the scripts.
"use strict";

const fs = require("fs");
const path = require("path");
const { exec, execSync } = require("child_process");
const axios = require("axios");
const { pool } = require("./db");

const POSTS_DIR = path.join(__dirname, "..", "content", "posts");
const CONFIG_FILE = path.join(__dirname, "..", "config", "default.json");
const VERSION_RE = /^\d+\.\d+\.\d+$/;

/** Reads and parses a JSON file (reported as a warning: any path). */
function readJson(file) {
  // ruleid: path-traversal
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Loads the default configuration shipped with the app. */
function readConfig() {
  // ok: path-traversal
  return JSON.parse(fs.readFileSync(CONFIG_FILE, "utf8"));
}

/** Promise wrapper around exec (reported as a warning). */
function run(cmd, options = {}) {
  return new Promise((resolve, reject) => {
    // ruleid: command-injection
    exec(cmd, { maxBuffer: 10 * 1024 * 1024, ...options }, (err, stdout, stderr) => {
      if (err) return reject(Object.assign(err, { stderr }));
      resolve(stdout.trim());
    });
  });
}

/** Tags a release after checking the version with an anchored pattern. */
function gitTag(version) {
  if (!VERSION_RE.test(version)) {
    throw new Error(`invalid version: ${version}`);
  }
  // ok: command-injection
  execSync(`git tag -a v${version} -m "release ${version}"`, { stdio: "inherit" });
}

/** Sets an element's HTML (reported as a warning). */
function setHtml(el, html) {
  // ruleid: xss
  el.innerHTML = html;
}

/** Sets an element's text. */
function setText(el, text) {
  // ok: xss
  el.textContent = text;
}

/** Downloads a URL to a file (reported as warnings on both sinks). */
async function downloadTo(url, dest) {
  // ruleid: ssrf
  const res = await axios.get(url, { responseType: "arraybuffer", timeout: 15000 });
  // ruleid: path-traversal
  fs.writeFileSync(dest, Buffer.from(res.data));
  return dest;
}

/** Generic filtered select: table and column names from the caller. */
async function findWhere(table, filters) {
  const keys = Object.keys(filters);
  const where = keys.map((k, i) => `${k} = $${i + 1}`).join(" AND ");
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM ${table} WHERE ${where}`, Object.values(filters));
  return rows;
}

/** Same lookup with placeholders only and a constant table. */
async function findUserByEmail(email) {
  // ok: sql-injection
  const { rows } = await pool.query("SELECT id, email, name FROM users WHERE email = $1", [email]);
  return rows[0] || null;
}

/** Reads a post by slug after stripping everything but [a-z0-9-]. */
function readPost(slug) {
  const safe = String(slug).toLowerCase().replace(/[^a-z0-9-]/g, "");
  // ok: path-traversal
  return fs.readFileSync(path.join(POSTS_DIR, `${safe}.md`), "utf8");
}

/** Reads a post by slug; the ".md" suffix check does not stop "../". */
function readPostLoose(slug) {
  const file = slug.endsWith(".md") ? slug : `${slug}.md`;
  // ruleid: path-traversal
  return fs.readFileSync(path.join(POSTS_DIR, file), "utf8");
}

module.exports = {
  readJson,
  readConfig,
  run,
  gitTag,
  setHtml,
  setText,
  downloadTo,
  findWhere,
  findUserByEmail,
  readPost,
  readPostLoose,
};
