// Media conversion (Express + child_process).
const express = require("express");
const { execFile, spawn } = require("child_process");

const app = express();
app.use(express.json());

app.get("/ping", (req, res) => {
  execFile("ping", ["-c", "1", req.query.host], (err, stdout) => {
    res.send(err ? "unreachable" : stdout);
  });
});

app.post("/convert", (req, res) => {
  const { input, format } = req.body;
  const child = spawn("ffmpeg", ["-i", `uploads/${input}`, `out.${format}`], { cwd: "/srv/media" });
  child.on("close", (code) => res.json({ code }));
});

app.listen(3000);
