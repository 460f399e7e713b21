// Electron main process of a markdown notes desktop app.
const { app, BrowserWindow, ipcMain, shell, dialog } = require("electron");
const path = require("node:path");
const fs = require("node:fs");
const { exec, execFile } = require("node:child_process");
const https = require("node:https");

const NOTES_DIR = path.join(app.getPath("documents"), "Notes");
const EXPORTERS = new Map([
  ["pdf", ["pandoc", "--to=pdf"]],
  ["docx", ["pandoc", "--to=docx"]],
]);

function createWindow() {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    webPreferences: { preload: path.join(__dirname, "preload.js"), contextIsolation: true, sandbox: true },
  });
  win.loadFile("index.html");
}

ipcMain.handle("notes:read", async (_event, name) => {
  // renderer-supplied name joined under the notes dir
  // ruleid: path-traversal
  return fs.promises.readFile(path.join(NOTES_DIR, name), "utf8");
});

ipcMain.handle("notes:read-safe", async (_event, name) => {
  const full = path.resolve(NOTES_DIR, name);
  if (!full.startsWith(NOTES_DIR + path.sep)) {
    throw new Error("outside notes dir");
  }
  // resolve + startsWith(base + sep)
  // ok: path-traversal
  return fs.promises.readFile(full, "utf8");
});

ipcMain.handle("notes:save", async (_event, { name, body }) => {
  // basename before writing
  // ok: path-traversal
  fs.writeFileSync(path.join(NOTES_DIR, path.basename(name)), body);
});

ipcMain.handle("notes:export", async (_event, { name, format }) => {
  const exporter = EXPORTERS.get(format);
  if (!exporter) throw new Error("unknown format");
  const [cmd, flag] = exporter;
  const src = path.join(NOTES_DIR, path.basename(name));
  return new Promise((resolve, reject) => {
    // execFile with an argument array
    // ok: command-injection
    execFile(cmd, [flag, src, "-o", `${src}.${format}`], (err) => (err ? reject(err) : resolve(true)));
  });
});

ipcMain.handle("notes:grep", async (_event, needle) => {
  return new Promise((resolve) => {
    // renderer-supplied search text in an exec command line
    // ruleid: command-injection
    exec(`grep -rl "${needle}" "${NOTES_DIR}"`, (_err, stdout) => resolve(stdout.split("\n")));
  });
});

ipcMain.handle("links:preview", async (_event, url) => {
  return new Promise((resolve) => {
    // https.get of a renderer-supplied URL
    // ruleid: ssrf
    https.get(url, (res) => resolve(res.statusCode));
  });
});

ipcMain.handle("links:open", async (_event, url) => {
  const parsed = new URL(url);
  if (parsed.protocol === "https:" || parsed.protocol === "http:") {
    await shell.openExternal(parsed.toString());
  }
});

ipcMain.handle("sync:pull", async () => {
  return new Promise((resolve) => {
    const req = https.request(
      // constant host, certificate check disabled for a self-hosted sync server
      // ruleid: tls-verification-disabled
      { host: "sync.notes.example", path: "/pull", method: "GET", rejectUnauthorized: false },
      (res) => resolve(res.statusCode),
    );
    req.end();
  });
});

ipcMain.handle("dialog:import", async () => {
  const { filePaths } = await dialog.showOpenDialog({ properties: ["openFile"] });
  if (!filePaths.length) return null;
  // path chosen by the user in the native dialog
  // ok: path-traversal
  return fs.readFileSync(filePaths[0], "utf8");
});

app.whenReady().then(createWindow);
