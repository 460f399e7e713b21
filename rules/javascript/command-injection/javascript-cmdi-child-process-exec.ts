import * as cp from 'node:child_process';
import { Request, Response } from 'express';

export function archive(req: Request, res: Response): void {
  const name = req.params.name;
  // ruleid: javascript-cmdi-child-process-exec
  cp.exec(`tar czf /tmp/${name}.tgz /srv/data`, () => res.end());
  // ok: javascript-cmdi-child-process-exec
  cp.execFile('tar', ['czf', `/tmp/${name}.tgz`, '/srv/data'], () => res.end());
}
