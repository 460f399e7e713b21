const fs = require("fs");
const path = require("path");
const { spawn, execSync } = require("child_process");
const express = require("express");
const multer = require("multer");
const tar = require("tar");
const archiver = require("archiver");

const app = express();
const upload = multer({ dest: "/var/backups/incoming" });
const RESTORE_ROOT = "/var/lib/wiki";
const BACKUPS = path.resolve("/var/backups/wiki");

app.post("/restore", upload.single("archive"), async (req, res) => {
  // [extended sink] tar.x into a folder named by the form field
  // ruleid: path-traversal
  await tar.x({ file: req.file.path, cwd: path.join(RESTORE_ROOT, req.body.space) });
  // [extended sink] multer's own stored path, extracted into a fixed folder
  // ok: path-traversal
  await tar.x({ file: req.file.path, cwd: path.join(RESTORE_ROOT, "staging") });
  res.json({ restored: true });
});

app.get("/backup/:space", (req, res) => {
  const space = path.basename(req.params.space);
  const archive = archiver("zip");
  res.attachment(`${space}.zip`);
  archive.pipe(res);
  // [extended sink] archiver directory() of the basename only
  // ok: path-traversal
  archive.directory(path.join(RESTORE_ROOT, space), false);
  // [extended sink] archiver file() with the raw query value
  // ruleid: path-traversal
  archive.file(path.join(RESTORE_ROOT, String(req.query.extra)), { name: "extra" });
  archive.finalize();
});

app.get("/backups/:name", (req, res) => {
  // Express download with the route parameter joined onto the folder
  // ruleid: path-traversal
  res.download(path.join(BACKUPS, req.params.name));
});

app.post("/backup/verify", (req, res) => {
  const name = String(req.body.name).replace(/[^\w.-]/g, "");
  // every character outside a class removed; dots stay, but no separator
  // ok: command-injection
  const out = execSync(`sha256sum ${BACKUPS}/${name}`).toString();
  // the raw name through spawn with a shell
  // ruleid: command-injection
  spawn("gpg", ["--verify", `${BACKUPS}/${req.body.name}.sig`], { shell: true });
  res.type("text/plain").send(out);
});

app.listen(3005);
