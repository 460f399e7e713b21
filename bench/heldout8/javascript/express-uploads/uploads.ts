// Document and avatar uploads for an Express app (multer to a temp folder, then into the store).
import express from "express";
import multer from "multer";
import path from "node:path";
import fs from "node:fs";
import { exec, execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import libxmljs from "libxmljs2";

const UPLOAD_DIR = path.resolve("data/uploads");
const upload = multer({ dest: "data/tmp" });
export const uploads = express.Router();

uploads.post("/avatars", upload.single("avatar"), (req, res) => {
  const ext = path.extname(req.file!.originalname).toLowerCase();
  if (![".png", ".jpg", ".webp"].includes(ext)) return res.status(400).end();
  const dest = path.join(UPLOAD_DIR, "avatars", `${randomUUID()}${ext}`);
  // random file name; multer's own temp path [beyond docs]
  // ok: path-traversal
  fs.writeFileSync(dest, fs.readFileSync(req.file!.path));
  res.status(201).json({ url: `/avatars/${path.basename(dest)}` });
});

uploads.post("/documents", upload.single("doc"), (req, res) => {
  const folder = req.body.folder ?? "inbox";
  const target = path.join(UPLOAD_DIR, folder, req.file!.originalname);
  // body folder and the client's original name joined into the store
  // ruleid: path-traversal
  fs.writeFileSync(target, fs.readFileSync(req.file!.path));
  res.sendStatus(201);
});

uploads.get("/documents/:folder/:name", (req, res) => {
  // sendFile with root; folder reduced by basename
  // ok: path-traversal
  res.sendFile(req.params.name, { root: path.join(UPLOAD_DIR, path.basename(req.params.folder)) });
});

uploads.get("/documents/raw", (req, res) => {
  const rel = String(req.query.path ?? "").replace(/\.\.\//g, "");
  // a single pass of replace leaves "../" out of "....//"
  // ruleid: path-traversal
  res.sendFile(path.join(UPLOAD_DIR, rel));
});

uploads.delete("/documents/:name", (req, res) => {
  // decoded route parameter (%2F) in the unlinked path [extended sink]
  // ruleid: path-traversal
  fs.unlinkSync(path.join(UPLOAD_DIR, "inbox", req.params.name));
  res.sendStatus(204);
});

uploads.post("/documents/:id/xml", upload.single("doc"), (req, res) => {
  // multer's own random temp path [beyond docs]
  // ok: path-traversal
  const xml = fs.readFileSync(req.file!.path, "utf8");
  // libxmljs with entity substitution on
  // ruleid: xxe-parser-config
  const doc = libxmljs.parseXml(xml, { noent: true });
  // default options: entities left as references
  // ok: xxe-parser-config
  const plain = libxmljs.parseXml(xml);
  res.json({ root: doc.root()?.name(), children: plain.root()?.childNodes().length ?? 0 });
});

uploads.post("/documents/:id/thumbnail", upload.single("page"), (req, res) => {
  const size = req.body.size ?? "256x256";
  // size from the body in a shell command
  // ruleid: command-injection
  exec(`convert ${req.file!.path}[0] -resize ${size} ${UPLOAD_DIR}/thumbs/${randomUUID()}.png`, (err) => res.sendStatus(err ? 500 : 201));
});

uploads.post("/documents/:id/thumbnail-v2", upload.single("page"), (req, res) => {
  const width = Number(req.body.width ?? 256);
  // argument list, numeric width
  // ok: command-injection
  execFile("convert", [`${req.file!.path}[0]`, "-resize", `${width}x${width}`, path.join(UPLOAD_DIR, "thumbs", `${randomUUID()}.png`)], (err) => res.sendStatus(err ? 500 : 201));
});
