import http from "node:http";
import type { Request, Response } from "express";

export class WebhookService {
  async deliver(url: string, payload: unknown): Promise<number> {
    const res = await fetch(url, { method: "POST", body: JSON.stringify(payload) });
    return res.status;
  }
}

export function proxyMetrics(req: Request, res: Response): void {
  const host = req.query.host as string;
  http.get(`http://${host}:9100/metrics`, (upstream) => upstream.pipe(res));
}
