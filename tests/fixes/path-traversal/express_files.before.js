// File server for uploads (Express).
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const UPLOAD_DIR = path.join(__dirname, "uploads");

app.get("/file", (req, res) => {
  fs.readFile(path.join(__dirname, "uploads", req.query.file), (err, data) => {
    if (err) return res.sendStatus(404);
    res.send(data);
  });
});

app.get("/uploads/:name", (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, req.params.name));
});

app.post("/stream", (req, res) => {
  fs.createReadStream(`${UPLOAD_DIR}/${req.body.file}`).pipe(res);
});

app.listen(3000);
