// Harder data flow for ssrf (Express and Node).
// Benchmark corpus, ssrf (CWE-918): closures, destructuring, promise chains,
// callbacks, same-file helpers, classes, loops, try/catch and branches.
const express = require("express");
const axios = require("axios");

const app = express();
app.use(express.json());

const ALLOWED = new Set(["api.partner.example.com"]);
const DEFAULT_FEED = "https://news.example.com/feed";

function targetOf(req) {
  // Helper that reads the request.
  return req.query.target;
}

function withBase(base, path) {
  return `${base.replace(/\/$/, "")}/${path}`;
}

function isAllowed(url) {
  try {
    return ALLOWED.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

app.get("/flow/helper", async (req, res) => {
  // Value returned by a same-file helper that reads the request.
  const t = targetOf(req);
  // ruleid: ssrf
  const r = await fetch(t);
  res.sendStatus(r.status);
});

app.get("/flow/helper-base", async (req, res) => {
  // User base URL through a helper that joins strings.
  // ruleid: ssrf
  const r = await fetch(withBase(req.query.base, "status"));
  res.sendStatus(r.status);
});

app.get("/flow/helper-const", async (req, res) => {
  // Same helper, constant base.
  // ok: ssrf
  const r = await fetch(withBase("https://docs.example.com/", req.query.page));
  res.sendStatus(r.status);
});

app.get("/flow/closure", (req, res) => {
  // URL captured by a callback passed to setTimeout.
  const url = req.query.url;
  setTimeout(() => {
    // ruleid: ssrf
    fetch(url).catch(() => {});
  }, 10);
  res.sendStatus(202);
});

app.post("/flow/destructure", async (req, res) => {
  // Nested destructuring with a default and a rename.
  const {
    hook: { url: hookUrl = DEFAULT_FEED },
  } = req.body;
  // ruleid: ssrf
  await axios.post(hookUrl, {});
  res.sendStatus(204);
});

app.post("/flow/array-destructure", async (req, res) => {
  // Array destructuring of a split header.
  const [scheme, rest] = String(req.headers["x-upstream"]).split("://");
  // ruleid: ssrf
  const r = await fetch(`${scheme}://${rest}`);
  res.sendStatus(r.status);
});

app.get("/flow/promise-chain", (req, res) => {
  // The user value travels through Promise.resolve().then().
  Promise.resolve(req.query.url)
    .then((u) => u.trim())
    // ruleid: ssrf
    .then((u) => fetch(u))
    .then((r) => res.sendStatus(r.status));
});

app.post("/flow/for-each", (req, res) => {
  // forEach callback over the body's array.
  const urls = req.body.urls || [];
  urls.forEach((u) => {
    // ruleid: ssrf
    axios.head(u).catch(() => {});
  });
  res.sendStatus(202);
});

app.post("/flow/for-of-filtered", async (req, res) => {
  // for...of with an allowlist check that skips bad items.
  const out = [];
  for (const u of req.body.urls || []) {
    if (!isAllowed(u)) continue;
    // ok: ssrf
    out.push((await fetch(u)).status);
  }
  res.json(out);
});

app.post("/flow/for-of", async (req, res) => {
  // for...of without a check.
  const out = [];
  for (const u of req.body.urls || []) {
    // ruleid: ssrf
    out.push((await fetch(u)).status);
  }
  res.json(out);
});

app.get("/flow/try-catch", async (req, res) => {
  // The catch block falls back to the raw input.
  let target;
  try {
    target = new URL(req.query.path, "https://docs.example.com/").toString();
  } catch {
    target = req.query.path;
  }
  // ruleid: ssrf
  const r = await fetch(target);
  res.sendStatus(r.status);
});

app.get("/flow/branch", async (req, res) => {
  // One branch keeps the user's URL.
  let src = DEFAULT_FEED;
  if (req.query.custom) {
    src = req.query.custom;
  }
  // ruleid: ssrf
  const r = await fetch(src);
  res.sendStatus(r.status);
});

app.get("/flow/dead-branch", async (req, res) => {
  // The user's value is assigned only in a branch that never runs.
  let src = DEFAULT_FEED;
  if (false) {
    src = req.query.custom;
  }
  // ok: ssrf
  const r = await fetch(src);
  res.sendStatus(r.status);
});

app.get("/flow/ternary", async (req, res) => {
  // Ternary with the user value on one side.
  const src = req.query.mode === "default" ? DEFAULT_FEED : req.query.src;
  // ruleid: ssrf
  const r = await fetch(src);
  res.sendStatus(r.status);
});

app.get("/flow/ternary-safe", async (req, res) => {
  // Ternary between two constants.
  const src = req.query.mode === "eu" ? "https://eu.example.com/feed" : DEFAULT_FEED;
  // ok: ssrf
  const r = await fetch(src);
  res.sendStatus(r.status);
});

app.get("/flow/object-field", async (req, res) => {
  // Stored in an object field and read back.
  const job = { retries: 2 };
  job.url = req.query.url;
  // ruleid: ssrf
  const r = await fetch(job.url);
  res.sendStatus(r.status);
});

app.get("/flow/spread", async (req, res) => {
  // Object spread of the query into an options object.
  const opts = { timeout: 1000, ...req.query };
  // ruleid: ssrf
  const r = await axios.get(opts.url, { timeout: opts.timeout });
  res.sendStatus(r.status);
});

app.get("/flow/or-default", async (req, res) => {
  // || default on the user value.
  const src = req.query.src || DEFAULT_FEED;
  // ruleid: ssrf
  const r = await fetch(src);
  res.sendStatus(r.status);
});

class Crawler {
  constructor(start) {
    this.start = start;
    this.seen = new Set();
  }

  async crawl() {
    // Class field set from a constructor parameter (reported as a warning).
    // ruleid: ssrf
    const r = await fetch(this.start);
    return r.text();
  }
}

class StatusPoller {
  constructor() {
    this.url = "https://status.example.com/api";
  }

  async poll() {
    // Field set from a constant.
    // ok: ssrf
    return (await fetch(this.url)).json();
  }
}

app.get("/flow/class", async (req, res) => {
  res.send(await new Crawler(req.query.start).crawl());
});

app.get("/flow/local-const-helper", async (req, res) => {
  // A local arrow function whose only caller passes a constant.
  const ping = (u) =>
    // ok: ssrf
    fetch(u).then((r) => r.ok);
  res.json({ up: await ping("https://www.example.com/") });
});

app.get("/flow/async-iife", (req, res) => {
  // Async IIFE capturing the request value.
  const target = req.query.t;
  (async () => {
    // ruleid: ssrf
    await axios.get(target);
  })();
  res.sendStatus(202);
});

app.get("/flow/reassign-safe", async (req, res) => {
  // Replaced with a constant in both branches.
  let src = req.query.src;
  if (src === "eu") {
    src = "https://eu.example.com/feed";
  } else {
    src = DEFAULT_FEED;
  }
  // ok: ssrf
  const r = await fetch(src);
  res.sendStatus(r.status);
});

module.exports = { app, Crawler, StatusPoller };
