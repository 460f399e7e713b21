// Node release script (ES modules, execa, shelljs).
// Benchmark corpus, command-injection (CWE-78).
import { exec, execSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { execa, execaCommand } from "execa";
import shell from "shelljs";

const execAsync = promisify(exec);
const PACKAGES = ["core", "cli", "web"];

export async function bump(version) {
  // Parameter in a promisified exec (reported as a warning).
  // ruleid: command-injection
  await execAsync(`npm version ${version} --no-git-tag-version`);
}

export async function bumpSafe(version) {
  // execa with an argument array.
  // ok: command-injection
  await execa("npm", ["version", version, "--no-git-tag-version"]);
}

export async function runLine(line) {
  // execaCommand parses a command line (reported as a warning).
  // ruleid: command-injection
  await execaCommand(line);
}

export function tag(name) {
  // shelljs exec with a parameter (reported as a warning).
  // ruleid: command-injection
  shell.exec(`git tag ${name}`);
}

export function buildAll() {
  // Loop over constants.
  for (const pkg of PACKAGES) {
    // ok: command-injection
    execSync(`npm run build --workspace=packages/${pkg}`, { stdio: "inherit" });
  }
}

export function publishFromArgv() {
  // process.argv in execSync.
  const registry = process.argv[2];
  // ruleid: command-injection
  execSync(`npm publish --registry ${registry}`, { stdio: "inherit" });
}

export function publishFromEnv() {
  // Environment configuration.
  const registry = process.env.NPM_REGISTRY || "https://registry.npmjs.org";
  // ok: command-injection
  execSync(`npm publish --registry ${registry}`, { stdio: "inherit" });
}

export function lint(files) {
  // spawnSync with shell: true and a parameter array (reported as a warning).
  // ruleid: command-injection
  return spawnSync("eslint", files, { shell: true, stdio: "inherit" });
}

export function lintSafe(files) {
  // spawnSync without a shell.
  // ok: command-injection
  return spawnSync("eslint", ["--", ...files], { stdio: "inherit" });
}
