// src/webhooks/dispatcher.ts: outgoing webhooks and integration pings.
import axios, { AxiosInstance } from "axios";
import got from "got";
import https from "node:https";
import type { Request, Response } from "express";
import { createHmac } from "node:crypto";

const ALLOWED_WEBHOOK_HOSTS = new Set(["hooks.slack.com", "discord.com", "events.pagerduty.com"]);

export interface Subscription {
  id: string;
  url: string;
  secret: string;
}

function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

// Same-file validator that throws unless the host is allowlisted.
function assertAllowedUrl(raw: string): URL {
  const u = new URL(raw);
  if (u.protocol !== "https:" || !ALLOWED_WEBHOOK_HOSTS.has(u.hostname)) {
    throw new Error(`webhook host not allowed: ${u.hostname}`);
  }
  return u;
}

export class WebhookDispatcher {
  private readonly http: AxiosInstance;

  constructor() {
    this.http = axios.create({ timeout: 5000, maxRedirects: 0 });
  }

  // Subscription URL posted to through an axios instance (reported as a warning). [extended sink]
  async deliver(sub: Subscription, payload: unknown): Promise<number> {
    const body = JSON.stringify(payload);
    // ruleid: ssrf
    const res = await this.http.post(sub.url, body, {
      headers: { "Content-Type": "application/json", "X-Signature": sign(sub.secret, body) },
    });
    return res.status;
  }

  // Hostname allowlist with a throw before the request.
  async deliverChecked(sub: Subscription, payload: unknown): Promise<number> {
    const { hostname, protocol } = new URL(sub.url);
    if (protocol !== "https:" || !ALLOWED_WEBHOOK_HOSTS.has(hostname)) {
      throw new Error("host not allowed");
    }
    // ok: ssrf
    const res = await axios.post(sub.url, payload, { timeout: 5000 });
    return res.status;
  }

  // Suffix check: "evil-slack.com" ends with "slack.com".
  async deliverSlack(sub: Subscription, text: string): Promise<void> {
    if (!new URL(sub.url).hostname.endsWith("slack.com")) {
      throw new Error("not a slack webhook");
    }
    // ruleid: ssrf
    await axios.post(sub.url, { text });
  }

  // Substring check on the whole URL.
  async pingDiscord(url: string): Promise<boolean> {
    if (!url.includes("discord.com")) return false;
    // ruleid: ssrf
    const res = await got.head(url, { throwHttpErrors: false });
    return res.statusCode < 400;
  }

  // Validated through assertAllowedUrl(), which throws.
  async deliverViaFetch(sub: Subscription, payload: unknown): Promise<number> {
    const target = assertAllowedUrl(sub.url);
    // ok: ssrf
    const res = await fetch(target, { method: "POST", body: JSON.stringify(payload) });
    return res.status;
  }

  // Status page URL from the environment.
  async openIncident(title: string): Promise<void> {
    // ok: ssrf
    await axios.post(`${process.env.STATUSPAGE_URL}/incidents`, { incident: { name: title } });
  }

  // https.get on a caller-supplied URL.
  probe(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
      // ruleid: ssrf
      https.get(url, (res) => resolve(res.statusCode ?? 0)).on("error", reject);
    });
  }

  // https.request with a fixed hostname; the id only fills the path.
  fetchIncident(id: string): Promise<string> {
    return new Promise((resolve, reject) => {
      // ok: ssrf
      const req = https.request(
        { hostname: "api.pagerduty.com", path: `/incidents/${encodeURIComponent(id)}`, method: "GET" },
        (res) => {
          let data = "";
          res.on("data", (c) => (data += c));
          res.on("end", () => resolve(data));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }
}

// Express handler: "test this webhook" button, URL from the body after a truthiness check.
export async function testWebhook(req: Request, res: Response) {
  const { url } = req.body as { url?: string };
  if (!url) return res.status(400).json({ error: "url required" });
  try {
    // ruleid: ssrf
    const r = await axios.get(url, { timeout: 3000 });
    return res.json({ ok: true, status: r.status });
  } catch (err) {
    return res.status(502).json({ ok: false });
  }
}
