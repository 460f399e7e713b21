import { execFile } from "node:child_process";
import type { Request, Response } from "express";

export function optimize(req: Request, res: Response): void {
  const file = req.body.file as string;
  execFile("optipng", ["-o7", `uploads/${file}`], (err) => res.sendStatus(err ? 500 : 204));
}

export function resize(file: string, size: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("convert", [file, "-resize", size, "out.png"], (err) => (err ? reject(err) : resolve()));
  });
}
