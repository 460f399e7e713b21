// AWS Lambda (Node 20) behind API Gateway: invoice lookups and PDF rendering.
import { execSync, execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import https from "node:https";
import mysql from "mysql2/promise";
import serialize from "node-serialize";

// a payment provider key written into the handler module
// ruleid: hardcoded-secret
const PAYMENTS_API_KEY = "pay-live-51Hx9aQ2eZvKYlo2C7fG3kL0";
// an environment variable name, not a secret
// ok: hardcoded-secret
const SIGNING_SECRET_VAR = "INVOICE_SIGNING_SECRET";
// TLS verification off for the PDF service agent
// ruleid: tls-verification-disabled
const pdfAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

const pool = mysql.createPool({ host: process.env.DB_HOST, user: "invoices", database: "billing" });
const TEMPLATES = { standard: "/opt/templates/standard.html", compact: "/opt/templates/compact.html" };
const SORTS = new Set(["issued_at", "total", "customer"]);

export const handler = async (event) => {
  const qs = event.queryStringParameters ?? {};
  const body = event.body ? JSON.parse(event.body) : {};

  // a download token made from Math.random
  // ruleid: weak-randomness
  const downloadToken = Math.random().toString(36).slice(2);
  // the share token from crypto.randomBytes
  // ok: weak-randomness
  const shareToken = randomBytes(24).toString("hex");
  // the portal password hashed with MD5
  // ruleid: weak-password-hash
  const pwDigest = body.password ? createHash("md5").update(body.password).digest("hex") : null;
  // a cart cookie from the Cookie header restored with node-serialize
  // ruleid: unsafe-deserialization
  const cart = serialize.unserialize(decodeURIComponent(event.headers?.cookie?.split("cart=")[1] ?? "{}"));

  // query-string customer in a quoted SQL literal
  // ruleid: sql-injection
  const [rows] = await pool.query(`SELECT * FROM invoices WHERE customer = '${qs.customer}'`);
  // the customer bound with ?
  // ok: sql-injection
  const [same] = await pool.query("SELECT * FROM invoices WHERE customer = ?", [qs.customer]);

  const sort = SORTS.has(qs.sort) ? qs.sort : "issued_at";
  // sort column limited by a Set membership in a conditional expression
  // ok: sql-injection
  await pool.query(`SELECT id FROM invoices ORDER BY ${sort} DESC LIMIT 20`);

  // template picked from a constant object, default when the key is unknown
  // ok: path-traversal
  const tpl = readFileSync(TEMPLATES[qs.layout] ?? TEMPLATES.standard, "utf8");
  // a body path read from the local filesystem
  // ruleid: path-traversal
  const logo = readFileSync(`/opt/assets/${body.logo}`);

  // the invoice number in a shell line
  // ruleid: command-injection
  execSync(`wkhtmltopdf /tmp/${body.invoice}.html /tmp/${body.invoice}.pdf`);
  // an argument list, no shell
  // ok: command-injection
  execFileSync("wkhtmltopdf", [`/tmp/${body.invoice}.html`, `/tmp/${body.invoice}.pdf`]);

  // a callback URL from the body requested with https.get
  // ruleid: ssrf
  https.get(body.callback, (res) => res.resume());

  if (qs.return_to) {
    // [extended sink] a 302 with the Location header taken from the query string
    // ruleid: open-redirect
    return { statusCode: 302, headers: { Location: qs.return_to }, body: "" };
  }
  return { statusCode: 200, body: JSON.stringify({ rows, same, tpl: tpl.length, logo: logo.length, downloadToken, shareToken, pwDigest, cart, agent: Boolean(pdfAgent) }) };
};
