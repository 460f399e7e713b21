// Media conversion (Express + child_process).
const express = require("express");
const { exec, spawn } = require("child_process");

const app = express();
app.use(express.json());

app.get("/ping", (req, res) => {
  exec(`ping -c 1 ${req.query.host}`, (err, stdout) => {
    res.send(err ? "unreachable" : stdout);
  });
});

app.post("/convert", (req, res) => {
  const { input, format } = req.body;
  const child = spawn(`ffmpeg -i "uploads/${input}" out.${format}`, { shell: true, cwd: "/srv/media" });
  child.on("close", (code) => res.json({ code }));
});

app.listen(3000);
