// File server for uploads (Express).
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const UPLOAD_DIR = path.join(__dirname, "uploads");

app.get("/file", (req, res) => {
  const root = path.resolve(__dirname, "uploads");
  const resolved = path.resolve(path.join(__dirname, "uploads", req.query.file));
  if (!resolved.startsWith(root + path.sep)) {
    return res.status(400).send("path not allowed");
  }
  fs.readFile(resolved, (err, data) => {
    if (err) return res.sendStatus(404);
    res.send(data);
  });
});

app.get("/uploads/:name", (req, res) => {
  res.sendFile(req.params.name, { root: UPLOAD_DIR });
});

app.post("/stream", (req, res) => {
  const root = path.resolve(UPLOAD_DIR);
  const resolved = path.resolve(`${UPLOAD_DIR}/${req.body.file}`);
  if (!resolved.startsWith(root + path.sep)) {
    return res.status(400).send("path not allowed");
  }
  fs.createReadStream(resolved).pipe(res);
});

app.listen(3000);
