// workers/deploy.ts: consumes deploy jobs from the queue and builds/tags/pushes images.
import { exec, execFile, execSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const execAsync = promisify(exec);
const WORK_DIR = process.env.DEPLOY_WORK_DIR ?? "/var/lib/deployer";
const LOG_DIR = path.join(WORK_DIR, "logs");
const REGISTRY = process.env.REGISTRY ?? "registry.example.com";
const SHA_RE = /^[0-9a-f]{40}$/;

export interface DeployJob {
  id: string;
  repo: string;
  branch: string;
  commit: string;
  env: "staging" | "production";
  buildArgs?: string;
  manifestPath?: string;
  tag: string;
}

export class DeployWorker {
  private log: string[] = [];

  // Job fields (the queue payload) formatted into a shell command (reported as a warning).
  checkout(job: DeployJob): string {
    const dir = path.join(WORK_DIR, "src", String(Date.now()));
    // ruleid: command-injection
    execSync(`git clone --depth 50 --branch ${job.branch} ${job.repo} ${dir}`, { stdio: "pipe" });
    return dir;
  }

  // Commit checked with an anchored SHA pattern before execSync.
  showCommit(dir: string, job: DeployJob): string {
    if (!SHA_RE.test(job.commit)) {
      throw new Error(`invalid commit ${job.commit}`);
    }
    // ok: command-injection
    return execSync(`git show --stat ${job.commit}`, { cwd: WORK_DIR, encoding: "utf8" });
  }

  // execFile with an argument array.
  pin(dir: string, job: DeployJob): Promise<void> {
    return new Promise((resolve, reject) => {
      // ok: command-injection
      execFile("git", ["checkout", "--detach", job.commit], { cwd: dir }, (err) => (err ? reject(err) : resolve()));
    });
  }

  // spawn without a shell.
  install(dir: string): Promise<number> {
    return new Promise((resolve) => {
      // ok: command-injection
      const child = spawn("npm", ["ci", "--ignore-scripts"], { cwd: dir, stdio: "inherit" });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  }

  // Environment compared with literals at runtime, then used in a shell command.
  build(dir: string, job: DeployJob): Promise<number> {
    if (job.env !== "staging" && job.env !== "production") {
      throw new Error("unknown environment");
    }
    return new Promise((resolve) => {
      // ok: command-injection
      const child = spawn(`npm run build -- --mode=${job.env}`, { cwd: dir, shell: true, stdio: "inherit" });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  }

  // Free-form build arguments passed to a shell.
  buildWithArgs(dir: string, job: DeployJob): Promise<number> {
    return new Promise((resolve) => {
      // ruleid: command-injection
      const child = spawn(`npm run build -- ${job.buildArgs ?? ""}`, { cwd: dir, shell: true });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  }

  // Explicit "sh -c" with an interpolated tag. [extended sink]
  archive(dir: string, job: DeployJob): void {
    // ruleid: command-injection
    spawn("sh", ["-c", `tar czf /tmp/${job.tag}.tgz dist`], { cwd: dir, stdio: "inherit" });
  }

  // Promisified exec with job fields. [extended sink]
  async tagImage(job: DeployJob): Promise<void> {
    // ruleid: command-injection
    await execAsync(`docker tag app:${job.tag} ${REGISTRY}/app:${job.tag}`);
  }

  // Constant command.
  currentRevision(): string {
    // ok: command-injection
    return execSync("git rev-parse HEAD", { cwd: WORK_DIR, encoding: "utf8" }).trim();
  }

  // Manifest path from the job joined under the checkout.
  readManifest(dir: string, job: DeployJob): unknown {
    const rel = job.manifestPath ?? "deploy.json";
    // ruleid: path-traversal
    return JSON.parse(readFileSync(path.join(dir, rel), "utf8"));
  }

  // Log file named after a timestamp.
  flushLog(): void {
    // ok: path-traversal
    writeFileSync(path.join(LOG_DIR, `deploy-${Date.now()}.log`), this.log.join("\n"));
  }
}
