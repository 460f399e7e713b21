// Link preview, webhook and image proxy service (Express).
// Benchmark corpus, ssrf (CWE-918). Each handler is one case.
const express = require("express");
const axios = require("axios");
const got = require("got");
const https = require("https");
const dns = require("dns").promises;
const net = require("net");

const app = express();
app.use(express.json());

const ALLOWED_HOSTS = new Set(["hooks.slack.com", "api.github.com"]);
const PARTNERS = {
  acme: "https://api.acme.example.com",
  globex: "https://globex.example.com/api",
};
const GEO_API = "https://geo.example.com/v1";

async function isPublicUrl(raw) {
  // Resolves the host and rejects private addresses.
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    return false;
  }
  if (!["http:", "https:"].includes(parsed.protocol)) return false;
  const { address } = await dns.lookup(parsed.hostname);
  return !(address.startsWith("10.") || address.startsWith("127.") || address.startsWith("169.254.") || address.startsWith("192.168."));
}

function assertAllowedHost(raw) {
  const { hostname } = new URL(raw);
  if (!ALLOWED_HOSTS.has(hostname)) {
    throw new Error(`host ${hostname} is not allowed`);
  }
}

app.get("/preview", async (req, res) => {
  // Query string value straight into fetch.
  const url = req.query.url;
  // ruleid: ssrf
  const page = await fetch(url);
  res.json({ status: page.status });
});

app.get("/preview/axios", async (req, res) => {
  // axios.get with a template literal that is only the user value.
  const { target } = req.query;
  // ruleid: ssrf
  const { data } = await axios.get(`${target}`);
  res.send(data);
});

app.post("/webhooks/test", async (req, res) => {
  // Body field through a nested object.
  const hook = req.body.webhook || {};
  // ruleid: ssrf
  await axios.post(hook.url, { event: "ping" }, { timeout: 3000 });
  res.sendStatus(204);
});

app.post("/webhooks/test-allowlisted", async (req, res) => {
  // Hostname allowlist with an early return.
  const hook = req.body.webhook || {};
  let host;
  try {
    host = new URL(hook.url).hostname;
  } catch {
    return res.status(400).send("bad url");
  }
  if (!ALLOWED_HOSTS.has(host)) {
    return res.status(403).send("host not allowed");
  }
  // ok: ssrf
  await axios.post(hook.url, { event: "ping" }, { timeout: 3000 });
  res.sendStatus(204);
});

app.post("/webhooks/test-asserted", async (req, res) => {
  // Same-file validator that throws, called as a statement.
  const { url } = req.body;
  assertAllowedHost(url);
  // ok: ssrf
  await got.post(url, { json: { event: "ping" } });
  res.sendStatus(204);
});

app.get("/image", async (req, res) => {
  // Async validator awaited in the guard.
  const src = String(req.query.src || "");
  if (!(await isPublicUrl(src))) {
    return res.sendStatus(400);
  }
  // ok: ssrf
  const upstream = await fetch(src, { redirect: "manual" });
  res.type(upstream.headers.get("content-type") || "image/png");
  res.send(Buffer.from(await upstream.arrayBuffer()));
});

app.get("/image/logged", async (req, res) => {
  // The validator result is only logged.
  const src = String(req.query.src || "");
  if (!(await isPublicUrl(src))) {
    console.warn("odd image url", src);
  }
  // ruleid: ssrf
  const upstream = await fetch(src);
  res.send(Buffer.from(await upstream.arrayBuffer()));
});

app.get("/image/https-only", async (req, res) => {
  // Protocol-only check.
  const src = new URL(String(req.query.src));
  if (src.protocol !== "https:") return res.sendStatus(400);
  // ruleid: ssrf
  const upstream = await fetch(src);
  res.send(await upstream.text());
});

app.get("/image/includes", async (req, res) => {
  // Substring check on the whole URL: "https://evil.io/?cdn.example.com" passes.
  const src = String(req.query.src);
  if (!src.includes("cdn.example.com")) return res.sendStatus(400);
  // ruleid: ssrf
  const upstream = await fetch(src);
  res.send(await upstream.text());
});

app.get("/partners/:name/status", async (req, res) => {
  // Constant object lookup, with an existence check.
  const base = PARTNERS[req.params.name];
  if (!base) return res.sendStatus(404);
  // ok: ssrf
  const r = await fetch(`${base}/status`);
  res.json(await r.json());
});

app.get("/geo/:ip", async (req, res) => {
  // Constant host with a slash; the user value is only in the path.
  // ok: ssrf
  const r = await axios.get(`${GEO_API}/lookup/${encodeURIComponent(req.params.ip)}`);
  res.json(r.data);
});

app.get("/geo", async (req, res) => {
  // axios params object on a constant URL.
  // ok: ssrf
  const r = await axios.get(GEO_API + "/search", { params: { q: req.query.q } });
  res.json(r.data);
});

app.get("/tenant/:tenant/ping", async (req, res) => {
  // The user's value is the subdomain.
  // ruleid: ssrf
  const r = await fetch(`https://${req.params.tenant}.apps.example.com/ping`);
  res.sendStatus(r.status);
});

app.get("/api-proxy", async (req, res) => {
  // Constant host with no slash before the user's path.
  const path = req.query.path || "";
  // ruleid: ssrf
  const r = await fetch("https://api.example.com" + path);
  res.send(await r.text());
});

app.get("/node/:id/metrics", (req, res) => {
  // Number() coercion: only digits reach the host name.
  const id = Number(req.params.id);
  // ok: ssrf
  https.get(`https://node-${id}.metrics.example.com/`, (up) => up.pipe(res));
});

app.get("/raw-http", (req, res) => {
  // Node's https.get with the user's URL.
  // ruleid: ssrf
  https.get(req.query.u, (up) => up.pipe(res));
});

app.get("/ip-check", async (req, res) => {
  // net.isIP() only checks the shape: "127.0.0.1" is a valid IP.
  const ip = String(req.query.ip);
  if (!net.isIP(ip)) return res.sendStatus(400);
  // ruleid: ssrf
  const r = await fetch(`http://${ip}/`);
  res.send(await r.text());
});

app.get("/select", async (req, res) => {
  // Strict equality with literals.
  const which = req.query.which;
  let target;
  if (which === "primary") {
    target = "https://primary.example.com/health";
  } else {
    target = "https://secondary.example.com/health";
  }
  // ok: ssrf
  const r = await fetch(target);
  res.sendStatus(r.status);
});

app.get("/overwrite", async (req, res) => {
  // Overwritten with a constant before the request.
  let feed = req.query.feed;
  feed = "https://news.example.com/rss";
  // ok: ssrf
  const r = await fetch(feed);
  res.send(await r.text());
});

app.get("/header-callback", async (req, res) => {
  // Header read with req.get().
  const cb = req.get("X-Callback");
  if (typeof cb !== "string") return res.sendStatus(400);
  // ruleid: ssrf
  await got(cb, { method: "POST", json: { ok: true } });
  res.sendStatus(202);
});

app.post("/axios-config", async (req, res) => {
  // axios called with a config object.
  const cfg = { method: "get", url: req.body.url, timeout: 2000 };
  // ruleid: ssrf
  const r = await axios(cfg);
  res.json(r.data);
});

app.listen(3000);
