#!/usr/bin/env node
// Release helper for the desktop app: tags, changelog, bundles, uploads.
//   node scripts/release.mjs tag 2.4.0
//   node scripts/release.mjs changelog v2.3.0
import { readFile, writeFile } from "node:fs/promises";
import https from "node:https";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa, execaCommand } from "execa";
import shell from "shelljs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { $ } from "zx";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHANNELS = new Set(["stable", "beta", "nightly"]);

// the artifact mirror runs with a self-signed certificate
// ruleid: tls-verification-disabled
const mirrorAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

yargs(hideBin(process.argv))
  .command(
    "tag <version>",
    "create an annotated tag",
    (y) => y.positional("version", { type: "string" }),
    async (argv) => {
      // zx quotes every ${} value as one shell word [beyond docs] [extended sink]
      // ok: command-injection
      await $`git tag -a v${argv.version} -m ${"Release " + argv.version}`;
    },
  )
  .command(
    "changelog <from>",
    "draft the changelog since a ref",
    (y) => y.positional("from", { type: "string" }),
    async (argv) => {
      // execaCommand with shell: true hands the whole string to /bin/sh [extended sink]
      // ruleid: command-injection
      const { stdout } = await execaCommand(`git log --oneline ${argv.from}..HEAD | grep -v chore`, { shell: true });
      // constant file under the repository root
      // ok: path-traversal
      await writeFile(path.join(REPO_ROOT, "CHANGELOG.draft.md"), stdout);
    },
  )
  .command(
    "publish <channel>",
    "publish to npm under a dist-tag",
    (y) => y.positional("channel", { type: "string" }),
    async (argv) => {
      if (!CHANNELS.has(argv.channel)) {
        console.error(`unknown channel ${argv.channel}`);
        process.exit(1);
      }
      // execa with an argument array, no shell [extended sink]
      // ok: command-injection
      await execa("npm", ["publish", "--tag", argv.channel], { cwd: REPO_ROOT, stdio: "inherit" });
    },
  )
  .command(
    "bundle <outDir>",
    "pack dist/ into a tarball",
    (y) => y.positional("outDir", { type: "string" }),
    (argv) => {
      // shelljs exec of a command line holding the output directory from argv [extended sink]
      // ruleid: command-injection
      shell.exec(`tar czf ${argv.outDir}/release.tgz -C ${REPO_ROOT} dist`);
    },
  )
  .command(
    "notes <file>",
    "upload release notes from a file",
    (y) => y.positional("file", { type: "string" }),
    async (argv) => {
      // a file name from the command line read as is
      // ruleid: path-traversal
      const notes = await readFile(argv.file, "utf8");
      // fixed API host and path
      // ok: ssrf
      const req = https.request({ hostname: "api.github.com", path: "/repos/quillnote/app/releases", method: "POST", headers: { "user-agent": "release.mjs", authorization: `Bearer ${process.env.GITHUB_TOKEN}` } });
      req.end(JSON.stringify({ tag_name: `v${process.env.VERSION}`, body: notes }));
    },
  )
  .command(
    "mirror <artifactUrl>",
    "copy an artifact to the mirror",
    (y) => y.positional("artifactUrl", { type: "string" }),
    (argv) => {
      // a URL from the command line fetched with https.get
      // ruleid: ssrf
      https.get(argv.artifactUrl, { agent: mirrorAgent }, (res) => res.pipe(process.stdout));
    },
  )
  .command(
    "checksums",
    "print the dist checksums",
    () => {},
    async () => {
      // constant command line
      // ok: command-injection
      const { stdout } = await execaCommand("sha256sum dist/*.tgz", { shell: true, cwd: REPO_ROOT });
      console.log(stdout);
    },
  )
  .demandCommand(1)
  .parse();
