// Outbound integrations: ERP over mTLS, Postgres replica, SMTP, legacy SOAP, Redis (TypeScript).
import axios from "axios";
import fs from "node:fs";
import https from "node:https";
import tls from "node:tls";
import nodemailer from "nodemailer";
import { Client } from "pg";
import Redis from "ioredis";
import request from "request";
import got from "got";

const ERP_CA = fs.readFileSync("/etc/ssl/certs/erp-ca.pem");

// ERP client pinned to its CA
// ok: tls-verification-disabled
const erpAgent = new https.Agent({ ca: ERP_CA, keepAlive: true });
export const erp = axios.create({ baseURL: "https://erp.internal.example/api", httpsAgent: erpAgent, timeout: 15_000 });

// self-signed staging host: verification off on the agent
// ruleid: tls-verification-disabled
const stagingAgent = new https.Agent({ rejectUnauthorized: false });
export const staging = axios.create({ baseURL: "https://staging.internal.example/api", httpsAgent: stagingAgent });

export function replicaClient(): Client {
  return new Client({
    connectionString: process.env.REPLICA_URL,
    // managed database certificate not checked
    // ruleid: tls-verification-disabled
    ssl: { rejectUnauthorized: false },
  });
}

export function primaryClient(): Client {
  return new Client({
    connectionString: process.env.PRIMARY_URL,
    // provider CA bundle, verification on
    // ok: tls-verification-disabled
    ssl: { rejectUnauthorized: true, ca: fs.readFileSync("/etc/ssl/certs/rds-global-bundle.pem", "utf8") },
  });
}

export const mailer = nodemailer.createTransport({
  host: "smtp.mailprovider.example",
  port: 587,
  // SMTP password literal in the auth object
  // ruleid: hardcoded-secret
  auth: { user: "notifications@example.com", pass: "Sm7p-N0tify-2025!" },
  // STARTTLS certificate not checked
  // ruleid: tls-verification-disabled
  tls: { rejectUnauthorized: false },
});

export const mailerFromEnv = nodemailer.createTransport({
  host: "smtp.mailprovider.example",
  port: 465,
  secure: true,
  // ok: hardcoded-secret
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

export function legacySoap(body: string) {
  return new Promise((resolve, reject) => {
    request.post(
      {
        url: "https://soap.legacy.example/Service.asmx",
        body,
        // request library: strictSSL off
        // ruleid: tls-verification-disabled
        strictSSL: false,
      },
      (err: unknown, _res: unknown, data: string) => (err ? reject(err) : resolve(data)),
    );
  });
}

export function rawTlsProbe(host: string) {
  // hostname check replaced by a no-op
  // ruleid: tls-verification-disabled
  const socket = tls.connect({ host, port: 443, servername: host, checkServerIdentity: () => undefined });
  socket.on("secureConnect", () => socket.end());
}

export function pinnedTlsProbe(host: string, fingerprint: string) {
  // custom identity check that pins a fingerprint (returns an Error on mismatch)
  // ok: tls-verification-disabled
  const socket = tls.connect({
    host,
    port: 443,
    checkServerIdentity: (_h, cert) => (cert.fingerprint256 === fingerprint ? undefined : new Error("fingerprint mismatch")),
  });
  socket.on("secureConnect", () => socket.end());
}

export function disableGlobally() {
  if (process.env.ALLOW_SELF_SIGNED) {
    // [beyond docs] process-wide switch in bracket form
    // ruleid: tls-verification-disabled
    process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
  }
}

// process-wide switch
// ruleid: tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

export const cache = new Redis({
  host: "cache.internal.example",
  port: 6380,
  // literal password for the cache
  // ruleid: hardcoded-secret
  password: "r3dis-Cache-Pa55",
  // ok: tls-verification-disabled
  tls: { servername: "cache.internal.example" },
});

export async function fetchInvoice(invoiceUrl: string) {
  // got with TLS checks off, URL from the caller
  // ruleid: tls-verification-disabled
  // ruleid: ssrf
  return got(invoiceUrl, { https: { rejectUnauthorized: false } }).json();
}

export async function fetchRates() {
  // constant host, verification on
  // ok: tls-verification-disabled
  // ok: ssrf
  return got("https://rates.example.com/v1/latest", { https: { rejectUnauthorized: true } }).json();
}

export async function erpOrder(orderId: string) {
  // axios instance method with a constant base URL and an id in the path
  // [extended sink] method of an axios.create() instance
  // ok: ssrf
  return (await erp.get(`/orders/${encodeURIComponent(orderId)}`)).data;
}
