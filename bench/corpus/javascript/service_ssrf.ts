// TypeScript services and a Node script that call HTTP APIs.
// Benchmark corpus, ssrf (CWE-918).
import axios, { AxiosInstance } from "axios";
import got from "got";
import type { Request, Response } from "express";

const ALLOWED = new Set<string>(["api.stripe.com", "api.github.com"]);
const STATUS_URL: string = "https://status.example.com/summary.json";

interface WebhookConfig {
  url: string;
  secret?: string;
}

export class WebhookSender {
  private readonly target: string;

  constructor(config: WebhookConfig) {
    this.target = config.url;
  }

  async send(body: unknown): Promise<number> {
    // Field set from a constructor parameter (reported as a warning).
    // ruleid: ssrf
    const res = await fetch(this.target, { method: "POST", body: JSON.stringify(body) });
    return res.status;
  }
}

export class CheckedWebhookSender {
  private readonly target: string;

  constructor(config: WebhookConfig) {
    const host = new URL(config.url).hostname;
    if (!ALLOWED.has(host)) {
      throw new Error("webhook host not allowed");
    }
    this.target = config.url;
  }

  async send(body: unknown): Promise<number> {
    // The constructor refuses hosts outside the allowlist before storing the URL.
    // ok: ssrf
    const res = await fetch(this.target, { method: "POST", body: JSON.stringify(body) });
    return res.status;
  }
}

export async function fetchStatus(): Promise<unknown> {
  // Constant typed URL.
  // ok: ssrf
  const res = await got(STATUS_URL).json();
  return res;
}

export async function proxyHandler(req: Request, res: Response): Promise<void> {
  // Typed Express handler; a cast does not check anything.
  const target = req.query.target as string;
  // ruleid: ssrf
  const upstream = await axios.get<string>(target, { responseType: "text" });
  res.send(upstream.data);
}

export async function proxyHandlerChecked(req: Request, res: Response): Promise<void> {
  // Allowlist on the parsed URL, typed.
  const target = new URL(String(req.query.target));
  if (!ALLOWED.has(target.hostname)) {
    res.sendStatus(403);
    return;
  }
  // ok: ssrf
  const upstream = await axios.get<string>(target.toString(), { responseType: "text" });
  res.send(upstream.data);
}

export async function getFromBase(baseURL: string, path: string): Promise<unknown> {
  // An axios instance created with a parameter as its base URL (reported as a warning).
  const client: AxiosInstance = axios.create({ baseURL, timeout: 5000 });
  // ruleid: ssrf
  const res = await client.get(path);
  return res.data;
}

export async function pingAll(hosts: string[]): Promise<boolean[]> {
  // Parameter array mapped to requests (reported as a warning).
  return Promise.all(
    // ruleid: ssrf
    hosts.map((h) => fetch(`https://${h}/ping`).then((r) => r.ok)),
  );
}

async function cli(): Promise<void> {
  // Node script: the first command-line argument.
  const [, , url] = process.argv;
  // ruleid: ssrf
  const res = await fetch(url);
  console.log(res.status);
}

async function cliFromEnv(): Promise<void> {
  // Environment configuration.
  const url = process.env.HEALTHCHECK_URL ?? "https://example.com/health";
  // ok: ssrf
  const res = await fetch(url);
  console.log(res.status);
}

void cli();
void cliFromEnv();
