import { exec } from "node:child_process";
import type { Request, Response } from "express";

export function optimize(req: Request, res: Response): void {
  const file = req.body.file as string;
  const cmd = "optipng -o7 uploads/" + file;
  exec(cmd, (err) => res.sendStatus(err ? 500 : 204));
}

export function resize(file: string, size: string): Promise<void> {
  return new Promise((resolve, reject) => {
    exec(`convert ${file} -resize ${size} out.png`, (err) => (err ? reject(err) : resolve()));
  });
}
