#!/usr/bin/env node
// Build and publish script: node build/release.mjs <channel> [--notes "text"]
import { execFileSync, execSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const channel = process.argv[2] ?? "beta";
const notesIdx = process.argv.indexOf("--notes");
const notes = notesIdx > 0 ? process.argv[notesIdx + 1] : "";
const CHANNELS = new Set(["beta", "stable"]);

// the version read from the project's own package.json
// ok: command-injection
execSync(`npm version ${pkg.version} --no-git-tag-version --allow-same-version`, { stdio: "inherit" });

// a fixed shell line with a configured registry from the environment
// ok: command-injection
execSync(`npm publish --registry ${process.env.NPM_REGISTRY ?? "https://registry.npmjs.org"}`, { stdio: "inherit" });

// [beyond docs] process.argv release notes on a shell line (held-out 5's verdict: argv is an origin)
// ruleid: command-injection
execSync(`git tag -a v${pkg.version} -m "${notes}"`, { stdio: "inherit" });

// the same tag through execFileSync, no shell
// ok: command-injection
execFileSync("git", ["tag", "-a", `v${pkg.version}`, "-m", notes], { stdio: "inherit" });

if (!CHANNELS.has(channel)) {
  console.error(`unknown channel ${channel}`);
  process.exit(1);
}
// [beyond docs] channel allowlisted with a process.exit() early exit, run through a shell
// ok: command-injection
spawn(`npm dist-tag add ${pkg.name}@${pkg.version} ${channel}`, { shell: true, stdio: "inherit" });

// [beyond docs] the output file named on the command line
// ruleid: path-traversal
writeFileSync(process.argv[3] ?? "dist/RELEASE.txt", `${pkg.name} ${pkg.version}\n${notes}\n`);
