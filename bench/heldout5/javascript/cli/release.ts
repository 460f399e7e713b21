#!/usr/bin/env node
// release: the monorepo's release CLI (commander), run by maintainers and by the release workflow with PR-provided inputs.
import { Command, Option } from "commander";
import { execFileSync, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// npm automation token committed with the tool
// ruleid: hardcoded-secret
const NPM_TOKEN = "npm_R4ndL00kingT0ken9931xz";
// environment variable name, not a value
// ok: hardcoded-secret
const TOKEN_ENV = "NPM_TOKEN";
const TEMPLATE = path.join(__dirname, "templates", "CHANGELOG.hbs");

const program = new Command("release");

program
  .command("publish <pkg>")
  .option("--tag <tag>", "dist-tag", "latest")
  .action((pkg: string, opts: { tag: string }) => {
    // action arguments in a shell command line
    // ruleid: command-injection
    execSync(`npm publish packages/${pkg} --tag ${opts.tag}`, { stdio: "inherit", env: { ...process.env, [TOKEN_ENV]: NPM_TOKEN } });
  });

program
  .command("publish-safe <pkg>")
  .option("--tag <tag>", "dist-tag", "latest")
  .action((pkg: string, opts: { tag: string }) => {
    // execFileSync with an argument array
    // ok: command-injection
    execFileSync("npm", ["publish", path.join("packages", pkg), "--tag", opts.tag], { stdio: "inherit" });
  });

program
  .command("bump")
  .addOption(new Option("--level <level>").choices(["patch", "minor", "major"]).makeOptionMandatory())
  .action((opts: { level: string }) => {
    // commander choices() limits the value [beyond docs]
    // ok: command-injection
    execSync(`npm version ${opts.level} --no-git-tag-version`, { stdio: "inherit" });
  });

program
  .command("notes <title>")
  .option("--out <file>", "where to write the notes", "RELEASE_NOTES.md")
  .action((title: string, opts: { out: string }) => {
    // constant template path
    // ok: path-traversal
    const template = fs.readFileSync(TEMPLATE, "utf8");
    // the --out path is written as given
    // ruleid: path-traversal
    fs.writeFileSync(opts.out, template.replace("{{title}}", title));
  });

program
  .command("exec <script>")
  .action((script: string) => {
    // spawn with shell: true
    // ruleid: command-injection
    spawn(`pnpm run ${script}`, { shell: true, stdio: "inherit" });
  });

program
  .command("hook <cmd>")
  .action((cmd: string) => {
    // node spawn of sh -c with the argument as the script [beyond docs]
    // ruleid: command-injection
    spawn("sh", ["-c", cmd], { stdio: "inherit" });
  });

if (process.argv[2] === "tag") {
  // raw process.argv in a shell command [beyond docs]
  // ruleid: command-injection
  execSync("git tag -a " + process.argv[3] + " -m release", { stdio: "inherit" });
} else {
  program.parse(process.argv);
}
