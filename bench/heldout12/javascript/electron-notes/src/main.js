// Main process of the desktop notebook app (Electron + better-sqlite3).
// The renderer talks to it over IPC: notes CRUD, attachments, export, plugins.

const { app, BrowserWindow, ipcMain, shell, dialog } = require("electron");
const path = require("node:path");
const fs = require("node:fs");
const { execFile, exec } = require("node:child_process");
const Database = require("better-sqlite3");

const DATA_DIR = path.join(app.getPath("userData"), "notebook");
const ATTACH_DIR = path.join(DATA_DIR, "attachments");
const EXPORT_FORMATS = new Set(["pdf", "docx", "html"]);
const DOCS_BASE = "https://docs.notebook.example/";

fs.mkdirSync(ATTACH_DIR, { recursive: true });
const db = new Database(path.join(DATA_DIR, "notes.db"));
db.pragma("journal_mode = WAL");

let win;

function createWindow() {
  win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      preload: path.join(__dirname, "preload.js"),
      contextIsolation: true,
      sandbox: true,
    },
  });
  win.loadFile(path.join(__dirname, "index.html"));
}

ipcMain.handle("notes:list", (_event, { notebook, orderBy }) => {
  const order = orderBy === "title" ? "title" : "updated_at DESC";
  // the order is one of two literals, the notebook bound
  // ok: sql-injection
  return db.prepare(`SELECT id, title, updated_at FROM notes WHERE notebook = ? ORDER BY ${order}`).all(notebook);
});

ipcMain.handle("notes:search", (_event, query) => {
  // the renderer's search text spliced into the SQL
  // ruleid: sql-injection
  return db.prepare(`SELECT id, title FROM notes WHERE body MATCH '${query.text}' LIMIT 50`).all();
});

ipcMain.handle("notes:save", (_event, note) => {
  db.prepare("UPDATE notes SET title = ?, body = ?, updated_at = datetime('now') WHERE id = ?").run(note.title, note.body, note.id);
  return true;
});

ipcMain.handle("attachments:read", async (_event, name) => {
  const full = path.resolve(ATTACH_DIR, name);
  if (!full.startsWith(ATTACH_DIR + path.sep)) {
    throw new Error("outside the attachments folder");
  }
  // resolved and contained
  // ok: path-traversal
  return fs.promises.readFile(full);
});

ipcMain.handle("attachments:import", async (_event, { sourcePath, name }) => {
  // the renderer may name any file on disk to read
  // ruleid: path-traversal
  const data = await fs.promises.readFile(sourcePath);
  // the attachment name from the renderer, joined without a check
  // ruleid: path-traversal
  fs.writeFileSync(path.join(ATTACH_DIR, name), data);
  return name;
});

ipcMain.handle("export:note", async (_event, { noteId, format }) => {
  if (!EXPORT_FORMATS.has(format)) throw new Error("format");
  const { filePath } = await dialog.showSaveDialog(win, { defaultPath: `note-${Number(noteId)}.${format}` });
  if (!filePath) return null;
  const src = path.join(DATA_DIR, "tmp", `${Number(noteId)}.md`);
  // no shell; the path the user picked in the native dialog is one argument
  // ok: command-injection
  execFile("pandoc", [src, "-o", filePath], (err) => err && console.error(err));
  return filePath;
});

ipcMain.handle("export:print", async (_event, { noteId, printer }) => {
  const src = path.join(DATA_DIR, "tmp", `${Number(noteId)}.pdf`);
  // the printer name from the renderer in a shell command
  // ruleid: command-injection
  exec(`lp -d ${printer} "${src}"`, (err) => err && console.error(err));
});

ipcMain.on("links:open", (_event, url) => {
  const { protocol } = new URL(url);
  if (protocol === "https:" || protocol === "http:") {
    // a web scheme checked before the OS opens it
    // ok: open-redirect
    shell.openExternal(url);
  }
});

ipcMain.on("links:open-any", (_event, url) => {
  // any URL the renderer sends, file: and custom handlers included
  // ruleid: open-redirect
  shell.openExternal(url);
});

ipcMain.on("help:open", (_event, page) => {
  // a constant https start fixes the host
  // ok: open-redirect
  shell.openExternal(DOCS_BASE + encodeURIComponent(page));
});

ipcMain.handle("plugins:run", async (_event, { pluginId, snippet }) => {
  const row = db.prepare("SELECT code FROM plugins WHERE id = ? AND enabled = 1").get(pluginId);
  if (!row) return null;
  // the snippet from the renderer runs in the window's page
  // ruleid: code-injection
  return win.webContents.executeJavaScript(`(${row.code})(${snippet})`);
});

ipcMain.handle("window:title", async (_event, title) => {
  // JSON.stringify writes the title as a string literal
  // ok: code-injection
  return win.webContents.executeJavaScript(`document.title = ${JSON.stringify(title)}`);
});

app.on("certificate-error", (event, _webContents, url, _error, _certificate, callback) => {
  event.preventDefault();
  // every certificate error accepted
  // ruleid: tls-verification-disabled
  callback(true);
});

app.whenReady().then(createWindow);
app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});
