// File server, uploads and exports (Express).
// Benchmark corpus, path-traversal (CWE-22).
const express = require("express");
const fs = require("fs");
const fsp = require("fs/promises");
const path = require("path");

const app = express();
app.use(express.json());

const UPLOAD_DIR = path.resolve(__dirname, "uploads");
const PUBLIC = new Set(["terms.pdf", "privacy.pdf"]);
const TEMPLATES = { invoice: "templates/invoice.html", receipt: "templates/receipt.html" };

function assertInside(base, p) {
  // Throws unless p resolves inside base.
  const full = path.resolve(base, p);
  if (!full.startsWith(base + path.sep)) {
    throw new Error("outside base");
  }
  return full;
}

app.get("/download", (req, res) => {
  // Query value joined to the upload dir.
  const file = path.join(UPLOAD_DIR, req.query.file);
  // ruleid: path-traversal
  res.download(file);
});

app.get("/download/root", (req, res) => {
  // sendFile with { root } refuses paths that leave the root.
  // ok: path-traversal
  res.sendFile(String(req.query.file), { root: UPLOAD_DIR });
});

app.get("/download/contained", (req, res) => {
  // resolve + startsWith(base + sep) with an early return.
  const full = path.resolve(UPLOAD_DIR, String(req.query.file));
  if (!full.startsWith(UPLOAD_DIR + path.sep)) return res.sendStatus(403);
  // ok: path-traversal
  res.sendFile(full);
});

app.get("/download/prefix", (req, res) => {
  // startsWith(base) without the separator: "uploads-private/..." passes.
  const full = path.resolve(UPLOAD_DIR, String(req.query.file));
  if (!full.startsWith(UPLOAD_DIR)) return res.sendStatus(403);
  // ruleid: path-traversal
  res.sendFile(full);
});

app.get("/download/normalized", (req, res) => {
  // normalize() keeps leading "../".
  const rel = path.normalize(String(req.query.file));
  // ruleid: path-traversal
  res.sendFile(path.join(UPLOAD_DIR, rel));
});

app.get("/download/asserted", (req, res) => {
  // Same-file validator that throws and returns the resolved path.
  const full = assertInside(UPLOAD_DIR, String(req.query.file));
  // ok: path-traversal
  res.sendFile(full);
});

app.get("/download/basename", async (req, res) => {
  // basename() drops directories.
  const name = path.basename(String(req.query.file));
  // ok: path-traversal
  res.send(await fsp.readFile(path.join(UPLOAD_DIR, name)));
});

app.get("/download/dotdot", (req, res) => {
  // includes("..") blocklist: an absolute path walks around it with resolve().
  const name = String(req.query.file);
  if (name.includes("..")) return res.sendStatus(400);
  // ruleid: path-traversal
  fs.createReadStream(path.resolve(UPLOAD_DIR, name)).pipe(res);
});

app.get("/download/strip", (req, res) => {
  // One replace of "../" turns "....//" back into "../".
  const name = String(req.query.file).replace("../", "");
  // ruleid: path-traversal
  fs.createReadStream(UPLOAD_DIR + "/" + name).pipe(res);
});

app.get("/public/:name", (req, res) => {
  // Allowlisted names.
  if (!PUBLIC.has(req.params.name)) return res.sendStatus(404);
  // ok: path-traversal
  res.sendFile(path.join(__dirname, "public", req.params.name));
});

app.get("/public-raw/:name", (req, res) => {
  // Route param in sendFile with __dirname.
  // ruleid: path-traversal
  res.sendFile(path.join(__dirname, "public", req.params.name));
});

app.get("/templates/:key", (req, res) => {
  // Constant object lookup.
  const rel = TEMPLATES[req.params.key];
  if (!rel) return res.sendStatus(404);
  // ok: path-traversal
  res.send(fs.readFileSync(path.join(__dirname, rel), "utf8"));
});

app.post("/notes", (req, res) => {
  // Body field as the file name to write.
  const { title, text } = req.body;
  // ruleid: path-traversal
  fs.writeFileSync(path.join(__dirname, "notes", `${title}.md`), text);
  res.sendStatus(201);
});

app.post("/notes/id", (req, res) => {
  // Numeric id only.
  const id = Number.parseInt(req.body.id, 10);
  // ok: path-traversal
  fs.writeFileSync(path.join(__dirname, "notes", `${id}.md`), String(req.body.text));
  res.sendStatus(201);
});

app.delete("/files/:name", async (req, res) => {
  // fs.promises.unlink with a route param.
  // ruleid: path-traversal
  await fs.promises.unlink(path.join(UPLOAD_DIR, req.params.name));
  res.sendStatus(204);
});

app.get("/version", (req, res) => {
  // Constant path.
  // ok: path-traversal
  res.send(fs.readFileSync(path.join(__dirname, "VERSION"), "utf8"));
});

app.get("/cookie-theme", (req, res) => {
  // Cookie value in a readFile path.
  const theme = req.cookies.theme || "light";
  // ruleid: path-traversal
  fs.readFile(`./themes/${theme}.css`, "utf8", (err, css) => res.type("css").send(css));
});

app.listen(3000);
