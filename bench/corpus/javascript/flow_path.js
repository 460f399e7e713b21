// Harder data flow for path-traversal (Express).
// Benchmark corpus, path-traversal (CWE-22).
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
app.use(express.json());

const BASE = path.resolve("/srv/files");
const NAMES = new Set(["a.txt", "b.txt"]);

function under(name) {
  // Same-file helper that joins (no check).
  return path.join(BASE, name);
}

function safePath(name) {
  // Same-file helper that resolves and throws outside BASE.
  const full = path.resolve(BASE, name);
  if (!full.startsWith(BASE + path.sep)) throw new Error("outside");
  return full;
}

function nameFrom(req) {
  return req.query.name || "index.txt";
}

app.get("/flow/helper", (req, res) => {
  // Request value through a joining helper.
  // ruleid: path-traversal
  res.send(fs.readFileSync(under(req.query.name)));
});

app.get("/flow/helper-safe", (req, res) => {
  // Helper that checks and throws.
  // ok: path-traversal
  res.send(fs.readFileSync(safePath(String(req.query.name))));
});

app.get("/flow/helper-source", (req, res) => {
  // Helper that reads the request.
  // ruleid: path-traversal
  res.send(fs.readFileSync(path.join(BASE, nameFrom(req))));
});

app.get("/flow/closure", (req, res) => {
  // Captured by a callback.
  const name = req.query.name;
  fs.access(BASE, () => {
    // ruleid: path-traversal
    fs.readFile(path.join(BASE, name), (err, data) => res.send(data));
  });
});

app.post("/flow/destructure", (req, res) => {
  // Nested destructuring from the body.
  const {
    file: { dir, name },
  } = req.body;
  // ruleid: path-traversal
  res.send(fs.readFileSync(path.join(BASE, dir, name)));
});

app.get("/flow/promise", (req, res) => {
  // Promise chain carrying the query value.
  Promise.resolve(req.query.name)
    .then((n) => path.join(BASE, n))
    // ruleid: path-traversal
    .then((p) => fs.promises.readFile(p))
    .then((data) => res.send(data));
});

app.get("/flow/async", async (req, res) => {
  // Awaited promise resolving to the query value.
  const name = await Promise.resolve(req.query.name);
  // ruleid: path-traversal
  res.send(await fs.promises.readFile(path.join(BASE, name)));
});

app.post("/flow/for-each", (req, res) => {
  // forEach over body names.
  (req.body.names || []).forEach((n) => {
    // ruleid: path-traversal
    fs.unlinkSync(path.join(BASE, n));
  });
  res.sendStatus(204);
});

app.post("/flow/for-of-allowlist", (req, res) => {
  // for...of with an allowlist and continue.
  const out = [];
  for (const n of req.body.names || []) {
    if (!NAMES.has(n)) continue;
    // ok: path-traversal
    out.push(fs.readFileSync(path.join(BASE, n), "utf8"));
  }
  res.json(out);
});

app.get("/flow/map", (req, res) => {
  // map callback reading files.
  const names = String(req.query.names).split(",");
  // ruleid: path-traversal
  res.json(names.map((n) => fs.readFileSync(path.join(BASE, n), "utf8").length));
});

app.get("/flow/try-catch", (req, res) => {
  // catch keeps the raw name.
  let p;
  try {
    p = safePath(String(req.query.name));
  } catch {
    p = String(req.query.name);
  }
  // ruleid: path-traversal
  res.send(fs.readFileSync(p));
});

app.get("/flow/try-catch-safe", (req, res) => {
  // catch responds and returns.
  let p;
  try {
    p = safePath(String(req.query.name));
  } catch {
    return res.sendStatus(403);
  }
  // ok: path-traversal
  res.send(fs.readFileSync(p));
});

app.get("/flow/branch", (req, res) => {
  // Only the empty case is replaced.
  let name = req.query.name;
  if (!name) {
    name = "index.txt";
  }
  // ruleid: path-traversal
  res.send(fs.readFileSync(path.join(BASE, name)));
});

app.get("/flow/dead", (req, res) => {
  // Assigned only in a branch that never runs.
  let name = "index.txt";
  if (false) {
    name = req.query.name;
  }
  // ok: path-traversal
  res.send(fs.readFileSync(path.join(BASE, name)));
});

app.get("/flow/overwrite", (req, res) => {
  // Overwritten with a constant.
  let name = req.query.name;
  name = "index.txt";
  // ok: path-traversal
  res.send(fs.readFileSync(path.join(BASE, name)));
});

class Exporter {
  constructor(target) {
    this.target = path.join("/srv/exports", target);
  }

  write(text) {
    // Field derived from a constructor parameter (reported as a warning).
    // ruleid: path-traversal
    fs.writeFileSync(this.target, text);
  }
}

app.post("/flow/class", (req, res) => {
  new Exporter(req.body.filename).write("done");
  res.sendStatus(201);
});

module.exports = { app, Exporter };
