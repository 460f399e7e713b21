// src/routes/files.ts: storage routes (Express + multer, TypeScript)
import { Router, Request, Response, NextFunction } from "express";
import multer from "multer";
import path from "node:path";
import fs from "node:fs";
import { createReadStream } from "node:fs";

const router = Router();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
const STORAGE = path.resolve(process.env.STORAGE_DIR ?? "./storage");

const wrap =
  (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
    fn(req, res).catch(next);

// Route parameter joined under STORAGE and sent.
router.get("/files/:name", (req: Request, res: Response) => {
  // ruleid: path-traversal
  res.sendFile(path.join(STORAGE, req.params.name));
});

// sendFile with root.
router.get("/public/:name", (req: Request, res: Response) => {
  // ok: path-traversal
  res.sendFile(req.params.name, { root: path.join(STORAGE, "public") });
});

// resolve + startsWith(base + sep) with an early return.
router.get("/stream", (req: Request, res: Response) => {
  const full = path.resolve(STORAGE, String(req.query.path ?? ""));
  if (!full.startsWith(STORAGE + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: path-traversal
  createReadStream(full).on("error", () => res.sendStatus(404)).pipe(res);
});

// resolve + startsWith(base) without a separator: "../storage-backup/..." passes.
router.get("/stream2", (req: Request, res: Response) => {
  const full = path.resolve(STORAGE, String(req.query.path ?? ""));
  if (!full.startsWith(STORAGE)) {
    return res.sendStatus(403);
  }
  // ruleid: path-traversal
  createReadStream(full).on("error", () => res.sendStatus(404)).pipe(res);
});

// normalize() and strip leading "../" segments, then path.join (which does not reset on "/").
router.get("/docs", (req: Request, res: Response) => {
  const requested = String(req.query.file ?? "index.md");
  const safe = path.normalize(requested).replace(/^(\.\.(\/|\\|$))+/, "");
  // ok: path-traversal
  fs.readFile(path.join(STORAGE, "docs", safe), "utf8", (err, text) => {
    if (err) return res.sendStatus(404);
    res.type("text/markdown").send(text);
  });
});

// Single-pass replace of "../": "....//" collapses back to "../".
router.get("/docs2", (req: Request, res: Response) => {
  const requested = String(req.query.file ?? "index.md").replace(/\.\.\//g, "");
  // ruleid: path-traversal
  fs.readFile(path.join(STORAGE, "docs", requested), "utf8", (err, text) => {
    if (err) return res.sendStatus(404);
    res.type("text/markdown").send(text);
  });
});

// Uploaded file's original name used as the destination.
router.post("/upload", upload.single("file"), (req: Request, res: Response) => {
  const file = req.file;
  if (!file) return res.status(400).json({ error: "no file" });
  // ruleid: path-traversal
  fs.writeFileSync(path.join(STORAGE, "incoming", file.originalname), file.buffer);
  res.status(201).json({ name: file.originalname });
});

// basename() on the original name.
router.post("/upload2", upload.single("file"), (req: Request, res: Response) => {
  const file = req.file;
  if (!file) return res.status(400).json({ error: "no file" });
  const name = path.basename(file.originalname);
  // ok: path-traversal
  fs.writeFileSync(path.join(STORAGE, "incoming", name), file.buffer);
  res.status(201).json({ name });
});

// Export id coerced with Number().
router.get("/exports/:id", (req: Request, res: Response) => {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id)) return res.sendStatus(400);
  // ok: path-traversal
  res.download(path.join(STORAGE, "exports", `${id}.zip`));
});

// Only a presence check on the key before reading.
router.get(
  "/meta",
  wrap(async (req, res) => {
    const key = req.query.key as string;
    if (!key) return res.status(400).json({ error: "key required" });
    // ruleid: path-traversal
    const raw = await fs.promises.readFile(path.join(STORAGE, "meta", key), "utf8");
    return res.json(JSON.parse(raw));
  }),
);

export default router;
