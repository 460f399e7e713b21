// TypeScript job runner and Koa-style handlers.
// Benchmark corpus, command-injection (CWE-78).
import { exec, execFile } from "child_process";
import type { Request, Response } from "express";

type Job = { id: string; command: string; args: string[] };

const ALLOWED_COMMANDS: ReadonlySet<string> = new Set(["backup", "reindex"]);

export class JobRunner {
  constructor(private readonly workdir: string) {}

  run(job: Job): Promise<string> {
    // Job field in exec (reported as a warning).
    return new Promise((resolve, reject) => {
      // ruleid: command-injection
      exec(`${job.command} ${job.args.join(" ")}`, { cwd: this.workdir }, (err, out) =>
        err ? reject(err) : resolve(out),
      );
    });
  }

  runChecked(job: Job): Promise<string> {
    // Allowlisted command, execFile for the arguments.
    if (!ALLOWED_COMMANDS.has(job.command)) {
      return Promise.reject(new Error("command not allowed"));
    }
    return new Promise((resolve, reject) => {
      // ok: command-injection
      execFile(`./bin/${job.command}`, job.args, { cwd: this.workdir }, (err, out) =>
        err ? reject(err) : resolve(out),
      );
    });
  }
}

export function archiveHandler(req: Request, res: Response): void {
  // Typed request; a cast is not a check.
  const name = req.query.name as string;
  // ruleid: command-injection
  exec(`tar czf /tmp/${name}.tgz /srv/data`, (err) => res.sendStatus(err ? 500 : 201));
}

export function archiveHandlerChecked(req: Request, res: Response): void {
  // Anchored regex on the typed value.
  const name = String(req.query.name);
  if (!/^[\w-]{1,64}$/.test(name)) {
    res.sendStatus(400);
    return;
  }
  // ok: command-injection
  exec(`tar czf /tmp/${name}.tgz /srv/data`, (err) => res.sendStatus(err ? 500 : 201));
}

export async function koaHandler(ctx: { request: { body: { host: string } }; body: string }): Promise<void> {
  // Koa request body.
  const { host } = ctx.request.body;
  const out = await new Promise<string>((resolve) =>
    // ruleid: command-injection
    exec("dig +short " + host, (_e, stdout) => resolve(stdout)),
  );
  ctx.body = out;
}
