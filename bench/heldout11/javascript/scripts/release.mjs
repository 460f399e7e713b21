#!/usr/bin/env node
// Release helper for the mobile app: tags, builds and uploads. Run as `node release.mjs <channel> <version>`.
import { execSync, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";

const CHANNELS = ["beta", "stable"];
const SEMVER = /^\d+\.\d+\.\d+$/;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

const [, , channel = "beta", version = "", ...extra] = process.argv;

function fail(msg) {
  console.error(msg);
  process.exit(1);
}

if (!CHANNELS.includes(channel)) fail(`unknown channel ${channel}`);
if (!SEMVER.test(version)) fail(`bad version ${version}`);

const notesFile = extra[0] ?? "CHANGELOG.md";

function tag() {
  // channel allowlisted, version anchored semver, fail() exits the process [beyond docs]
  // ok: command-injection
  execSync(`git tag -a v${version}-${channel} -m "release ${version}"`, { cwd: ROOT, stdio: "inherit" });
}

function build(flags) {
  // extra argv flags joined into the shell string
  // ruleid: command-injection
  execSync(`npx expo build --channel ${channel} ${flags.join(" ")}`, { cwd: ROOT, stdio: "inherit" });
}

function upload(artifact) {
  // execFileSync with an argument list
  // ok: command-injection
  execFileSync("gsutil", ["cp", artifact, `gs://app-releases/${channel}/`], { stdio: "inherit" });
}

function notes() {
  // a notes file named on the command line
  // ruleid: path-traversal
  const text = readFileSync(path.join(ROOT, notesFile), "utf8");
  const section = text.split("\n## ").find((s) => s.startsWith(version)) ?? "";
  // the version passed the anchored semver test, fail() exits otherwise [beyond docs]
  // ok: path-traversal
  writeFileSync(path.join(ROOT, "dist", `notes-${version}.md`), section);
  // constant destination, argv notes file as the source
  // ruleid: path-traversal
  copyFileSync(path.join(ROOT, notesFile), path.join(ROOT, "dist", "NOTES.md"));
}

async function announce() {
  const hook = process.env.RELEASE_WEBHOOK;
  // configuration, not input
  // ok: ssrf
  await fetch(hook, { method: "POST", body: JSON.stringify({ text: `v${version} on ${channel}` }) });
  const mirror = extra[1];
  if (mirror) {
    // a mirror URL from argv
    // ruleid: ssrf
    await fetch(mirror, { method: "POST", body: version });
  }
}

tag();
build(extra.slice(2));
upload(path.join(ROOT, "dist", `app-${version}.aab`));
notes();
await announce();

export function bumpBuildNumber(file = "app.json") {
  // an exported function's file parameter (default "app.json"), callers elsewhere
  // ruleid: path-traversal
  const cfg = JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));
  cfg.expo.android.versionCode += 1;
  // ruleid: path-traversal
  writeFileSync(path.join(ROOT, file), JSON.stringify(cfg, null, 2));
  const branch = execSync("git rev-parse --abbrev-ref HEAD").toString().trim();
  // the branch name read back from git (a command's output, not input)
  // ok: command-injection
  execSync(`git commit -am "bump build on ${branch}"`);
  return cfg.expo.android.versionCode;
}

export function signArtifact(artifact, keyAlias = process.env.KEY_ALIAS) {
  // an exported function's artifact path in a shell string
  // ruleid: command-injection
  execSync(`apksigner sign --ks-key-alias ${keyAlias} ${artifact}`, { stdio: "inherit" });
}
