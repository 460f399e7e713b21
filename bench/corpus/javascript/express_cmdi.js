// Network diagnostics and media service (Express, child_process).
// Benchmark corpus, command-injection (CWE-78).
const express = require("express");
const { exec, execFile, execSync, spawn } = require("child_process");
const { quote } = require("shell-quote");
const net = require("net");

const app = express();
app.use(express.json());

const PRESETS = { small: "-vf scale=320:-1", large: "-vf scale=1280:-1" };
const FORMATS = new Set(["mp4", "webm"]);

function isHostname(h) {
  return typeof h === "string" && /^[a-zA-Z0-9.-]{1,253}$/.test(h) && !h.startsWith("-");
}

app.get("/ping", (req, res) => {
  // Query value in exec().
  const host = req.query.host;
  // ruleid: command-injection
  exec(`ping -c 1 ${host}`, (err, stdout) => res.send(stdout));
});

app.get("/ping/execfile", (req, res) => {
  // execFile with an argument array: no shell.
  const host = String(req.query.host);
  // ok: command-injection
  execFile("ping", ["-c", "1", "--", host], (err, stdout) => res.send(stdout));
});

app.get("/ping/validated", (req, res) => {
  // Same-file validator with an early return.
  const host = req.query.host;
  if (!isHostname(host)) return res.sendStatus(400);
  // ok: command-injection
  exec(`ping -c 1 ${host}`, (err, stdout) => res.send(stdout));
});

app.get("/ping/isip", (req, res) => {
  // net.isIP() accepts only IPv4/IPv6 literals.
  const ip = String(req.query.ip);
  if (net.isIP(ip) === 0) return res.sendStatus(400);
  // ok: command-injection
  exec("ping -c 1 " + ip, (err, stdout) => res.send(stdout));
});

app.get("/ping/quoted", (req, res) => {
  // shell-quote's quote().
  const host = String(req.query.host);
  // ok: command-injection
  exec("ping -c 1 " + quote([host]), (err, stdout) => res.send(stdout));
});

app.get("/ping/hand-quoted", (req, res) => {
  // Double quotes by hand do not stop $() expansion.
  const host = String(req.query.host);
  // ruleid: command-injection
  exec(`ping -c 1 "${host}"`, (err, stdout) => res.send(stdout));
});

app.post("/convert", (req, res) => {
  // Body fields in a spawned shell.
  const { input, format } = req.body;
  // ruleid: command-injection
  const child = spawn(`ffmpeg -i ${input} out.${format}`, { shell: true });
  child.on("close", (code) => res.json({ code }));
});

app.post("/convert/args", (req, res) => {
  // spawn without a shell.
  const { input, format } = req.body;
  if (!FORMATS.has(format)) return res.sendStatus(400);
  // ok: command-injection
  const child = spawn("ffmpeg", ["-i", input, `out.${format}`]);
  child.on("close", (code) => res.json({ code }));
});

app.post("/convert/preset", (req, res) => {
  // Preset from a constant object.
  const preset = PRESETS[req.body.size];
  if (!preset) return res.sendStatus(400);
  // ok: command-injection
  exec(`ffmpeg -i /srv/in.mp4 ${preset} /srv/out.mp4`, () => res.sendStatus(202));
});

app.post("/convert/sh-c", (req, res) => {
  // sh -c with the user's text inside the script.
  // ruleid: command-injection
  const child = spawn("sh", ["-c", `ffmpeg -i ${req.body.input} out.mp4`]);
  child.on("close", (code) => res.json({ code }));
});

app.get("/disk", (req, res) => {
  // Constant command.
  // ok: command-injection
  res.send(execSync("df -h | head -5").toString());
});

app.get("/count/:n", (req, res) => {
  // Number() coercion.
  const n = Number(req.params.n);
  // ok: command-injection
  res.send(execSync(`seq 1 ${n}`).toString());
});

app.get("/git/log", (req, res) => {
  // Header value in execSync.
  const author = req.headers["x-author"];
  // ruleid: command-injection
  res.send(execSync("git log --author=" + author).toString());
});

app.get("/git/log/includes", (req, res) => {
  // Blocklist of one character is not a control.
  const author = String(req.query.author);
  if (author.includes(";")) return res.sendStatus(400);
  // ruleid: command-injection
  res.send(execSync("git log --author=" + author).toString());
});

app.get("/whois/:domain", (req, res) => {
  // Route parameter in require("child_process").exec inline.
  // ruleid: command-injection
  require("child_process").exec("whois " + req.params.domain, (e, out) => res.send(out));
});

app.listen(3000);
