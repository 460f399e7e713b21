// Task runner of a VS Code extension: runs linters and scripts for the open workspace.

import { exec, execFile, execFileSync, execSync, spawn } from "node:child_process";
import { promises as fsp, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";

const SCRIPT_NAME = /^[a-z0-9:_-]+$/i;
const FORMATTERS = new Map([
  ["prettier", ["npx", "prettier", "--write"]],
  ["biome", ["npx", "@biomejs/biome", "format", "--write"]],
]);

export function lintFile(file: string): string {
  // the file path interpolated into a shell command
  // ruleid: command-injection
  return execSync(`npx eslint --format json ${file}`, { encoding: "utf8" });
}

export function lintFileSafe(file: string): string {
  // execFileSync with an argument array
  // ok: command-injection
  return execFileSync("npx", ["eslint", "--format", "json", "--", file], { encoding: "utf8" });
}

export function blame(file: string, line: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // double quotes around the path do not stop $(...) or a quote in the name
    // ruleid: command-injection
    exec(`git blame -L ${line},${line} -- "${file}"`, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

export function runScript(script: string) {
  // spawn with shell: true joins the arguments into a shell command
  // ruleid: command-injection
  return spawn("npm", ["run", script], { shell: true, cwd: workspaceRoot() });
}

export function runScriptChecked(script: string) {
  if (!SCRIPT_NAME.test(script)) {
    throw new Error(`invalid script name ${script}`);
  }
  // anchored regex that throws before the shell sees the name
  // ok: command-injection
  return spawn("npm", ["run", script], { shell: true, cwd: workspaceRoot() });
}

export function format(tool: string, file: string) {
  const argv = FORMATTERS.get(tool);
  if (!argv) return;
  const [cmd, ...args] = argv;
  // the program comes from a constant Map, the file is one argument
  // ok: command-injection
  execFile(cmd, [...args, file]);
}

export function runConfiguredBuild() {
  const cfg = vscode.workspace.getConfiguration("taskRunner");
  const command = cfg.get<string>("buildCommand", "npm run build");
  // [beyond docs] .vscode/settings.json of a cloned repository chooses the command
  // ruleid: command-injection
  execSync(command, { cwd: workspaceRoot() });
}

function workspaceRoot(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}

export function readTaskFile(rel: string): string {
  // a caller's relative path joined to the workspace root
  // ruleid: path-traversal
  return readFileSync(path.join(workspaceRoot(), rel), "utf8");
}

export function readTaskFileSafe(rel: string): string {
  const root = path.resolve(workspaceRoot());
  const full = path.resolve(root, rel);
  if (!full.startsWith(root + path.sep)) {
    throw new Error("outside the workspace");
  }
  // resolve + startsWith(root + sep), throws
  // ok: path-traversal
  return readFileSync(full, "utf8");
}

export async function readCache(key: string): Promise<string> {
  const full = path.resolve(os.tmpdir(), "task-runner", key);
  if (!full.startsWith(path.resolve(os.tmpdir(), "task-runner"))) {
    throw new Error("bad key");
  }
  // startsWith without a separator: task-runner-evil/ passes
  // ruleid: path-traversal
  return fsp.readFile(full, "utf8");
}

export function writeReport(report: object) {
  // constant path under the temp directory
  // ok: path-traversal
  writeFileSync(path.join(os.tmpdir(), "task-runner-report.json"), JSON.stringify(report));
}

export async function showReadme(webview: vscode.Webview, name: string) {
  // basename() before the read
  // ok: path-traversal
  const md = await fsp.readFile(path.join(workspaceRoot(), path.basename(name)), "utf8");
  // [extended sink] a webview's html set from a file of the (untrusted) workspace, unescaped
  // ruleid: xss
  webview.html = `<pre>${md}</pre>`;
}
