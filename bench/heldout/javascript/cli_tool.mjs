#!/usr/bin/env node
// scripts/release-notes.mjs: small release helper.
//   release-notes.mjs notes <changelog-file> <since-date>
//   release-notes.mjs check <package-name>
//   release-notes.mjs fetch <url>
import { readFileSync, writeFileSync, createReadStream } from "node:fs";
import { execSync, execFileSync } from "node:child_process";
import path from "node:path";
import process from "node:process";
import readline from "node:readline";

const OUT_DIR = process.env.OUT_DIR ?? "dist";
const [, , command, ...rest] = process.argv;

function countLines(file) {
  return new Promise((resolve) => {
    let n = 0;
    // Constant file next to the script.
    // ok: path-traversal
    const rl = readline.createInterface({ input: createReadStream(path.resolve(process.cwd(), "package.json")) });
    rl.on("line", () => n++);
    rl.on("close", () => resolve(n));
  });
}

async function notes(changelogFile, since) {
  // Changelog path from argv.
  // ruleid: path-traversal
  const changelog = readFileSync(changelogFile, "utf8");
  // Date from argv in a shell command.
  // ruleid: command-injection
  const log = execSync(`git log --since=${since} --pretty=format:%s`, { encoding: "utf8" });
  // Same value without a shell.
  // ok: command-injection
  const authors = execFileSync("git", ["log", `--since=${since}`, "--pretty=format:%an"], { encoding: "utf8" });
  const summary = { changelog: changelog.slice(0, 2000), commits: log.split("\n"), authors: [...new Set(authors.split("\n"))] };
  // Output under an env/constant directory.
  // ok: path-traversal
  writeFileSync(path.join(OUT_DIR, "release-notes.json"), JSON.stringify(summary, null, 2));
}

async function check(pkg) {
  // Fixed registry host; the package name is encoded.
  // ok: ssrf
  const res = await fetch(`https://registry.npmjs.org/${encodeURIComponent(pkg)}`);
  const meta = await res.json();
  console.log(`${pkg}: latest ${meta["dist-tags"]?.latest}`);
  // ok: command-injection
  const packed = execSync("npm pack --dry-run --json", { encoding: "utf8" });
  console.log(`local tarball: ${JSON.parse(packed)[0].filename}`);
}

async function fetchUrl(url) {
  // URL from argv.
  // ruleid: ssrf
  const res = await fetch(url);
  console.log(res.status, await res.text());
}

async function main() {
  switch (command) {
    case "notes":
      await notes(rest[0], rest[1]);
      break;
    case "check":
      await check(rest[0]);
      break;
    case "fetch":
      await fetchUrl(rest[0]);
      break;
    default:
      console.log(`lines in package.json: ${await countLines()}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
