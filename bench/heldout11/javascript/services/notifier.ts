// Notification service for a project-management app: webhooks, chat integrations, e-mail previews.
// Exported and used by the API layer (callers in other modules).
import axios, { type AxiosInstance } from "axios";
import dns from "node:dns/promises";
import net from "node:net";
import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";

const CHAT_HOSTS = new Set(["hooks.slack.com", "discord.com", "chat.googleapis.com"]);
const TEMPLATE_DIR = path.resolve("templates", "email");

export interface WebhookTarget {
  url: string;
  secret?: string;
  events: string[];
}

function isPrivate(ip: string): boolean {
  return /^(10\.|127\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip) || ip === "::1";
}

async function assertPublicUrl(raw: string): Promise<URL> {
  const url = new URL(raw);
  if (url.protocol !== "https:") throw new Error("https only");
  const addrs = await dns.lookup(url.hostname, { all: true });
  if (addrs.some((a) => isPrivate(a.address))) throw new Error("private address");
  return url;
}

export class WebhookNotifier {
  private readonly http: AxiosInstance;

  constructor(private readonly target: WebhookTarget, timeoutMs = 5000) {
    this.http = axios.create({ timeout: timeoutMs });
  }

  async send(event: string, payload: unknown) {
    if (!this.target.events.includes(event)) return;
    // the target URL from the constructor, only the event checked
    // ruleid: ssrf
    await this.http.post(this.target.url, { event, payload });
  }

  async sendChecked(event: string, payload: unknown) {
    const url = await assertPublicUrl(this.target.url);
    // every resolved address tested, but by a hand-written private-range regex that misses 0.0.0.0, fc00::/7 and ::ffff:127.0.0.1 [beyond docs]
    // ruleid: ssrf
    await this.http.post(url.href, { event, payload });
  }
}

export async function postToChat(webhookUrl: string, text: string) {
  const { hostname } = new URL(webhookUrl);
  if (!CHAT_HOSTS.has(hostname)) {
    throw new Error(`unsupported chat host ${hostname}`);
  }
  // destructured hostname allowlisted, throw otherwise
  // ok: ssrf
  await axios.post(webhookUrl, { text });
}

export async function postToChatLoose(webhookUrl: string, text: string) {
  const host = new URL(webhookUrl).hostname;
  const known = [...CHAT_HOSTS].some((h) => host.includes(h));
  if (!known) console.warn("unknown chat host", host);
  // substring test, verdict only logged
  // ruleid: ssrf
  await axios.post(webhookUrl, { text });
}

export async function pingIp(ip: string) {
  if (!net.isIP(ip) || isPrivate(ip)) throw new Error("bad ip");
  // an IP literal checked against a private-range regex (misses 0.0.0.0, [::ffff:127.0.0.1] forms, 100.64/10)
  // ruleid: ssrf
  return axios.get(`http://${ip}:8080/health`);
}

export async function saveTemplatePreview(templateName: string, html: string) {
  const safe = templateName.replace(/[^a-z0-9_-]/gi, "");
  await mkdir(TEMPLATE_DIR, { recursive: true });
  // every character outside the class removed
  // ok: path-traversal
  await writeFile(path.join(TEMPLATE_DIR, `${safe}.html`), html);
}

export async function saveTemplateDraft(templateName: string, html: string) {
  const name = templateName.replace("../", "");
  // replaces only the first "../"
  // ruleid: path-traversal
  await writeFile(path.join(TEMPLATE_DIR, "drafts", `${name}.html`), html);
}

export async function fetchAvatar(avatarUrl: string): Promise<Buffer> {
  const url = new URL(avatarUrl);
  if (!/^https:\/\/avatars\.githubusercontent\.com\//.test(url.href)) {
    throw new Error("avatars from GitHub only");
  }
  // regex fixing scheme and host
  // ok: ssrf
  const { data } = await axios.get(url.href, { responseType: "arraybuffer" });
  return Buffer.from(data);
}

export async function fetchAttachment(attachmentUrl: string, dir: string, fileName: string) {
  // ruleid: ssrf
  const { data } = await axios.get(attachmentUrl, { responseType: "arraybuffer" });
  // the caller's directory and file name
  // ruleid: path-traversal
  await writeFile(path.join(dir, fileName), data);
}

export async function renderTemplate(name: string, vars: Record<string, string>) {
  // the template body is compiled as code with the caller's variables
  const body = Object.entries(vars).map(([k, v]) => `const ${k} = ${JSON.stringify(v)};`).join("\n");
  // ruleid: code-injection
  return new Function(`${body}\nreturn \`${name}\`;`)();
}
