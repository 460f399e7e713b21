// Electron main process of a desktop notes app: IPC handlers called by the renderer (which shows synced, shared notes).
import { app, BrowserWindow, dialog, ipcMain, shell } from "electron";
import { exec, execFile } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";

const NOTES_DIR = path.join(app.getPath("userData"), "notes");
const SCRIPTS = new Set(["build", "lint", "export-pdf"]);
const THEMES: Record<string, string> = { dark: "dark", light: "light", sepia: "sepia" };
let win: BrowserWindow | null = null;

function noteFile(name: string): string {
  const resolved = path.resolve(NOTES_DIR, name);
  if (!resolved.startsWith(NOTES_DIR + path.sep)) {
    throw new Error("outside the notes folder");
  }
  return resolved;
}

ipcMain.handle("notes:read", async (_event, name: string) => {
  // renderer-supplied name joined to the notes folder
  // ruleid: path-traversal
  return fs.promises.readFile(path.join(NOTES_DIR, name), "utf8");
});

ipcMain.handle("notes:read-checked", async (_event, name: string) => {
  // same-file helper resolves, checks containment with a separator, throws otherwise
  // ok: path-traversal
  return fs.promises.readFile(noteFile(name), "utf8");
});

ipcMain.handle("notes:export", async (_event, dest: string, body: string) => {
  // renderer chooses the destination path
  // ruleid: path-traversal
  fs.writeFileSync(dest, body);
});

ipcMain.handle("notes:export-dialog", async (_event, body: string) => {
  const { filePath } = await dialog.showSaveDialog({ defaultPath: "note.md" });
  if (!filePath) return;
  // the user picks the path in a native dialog
  // ok: path-traversal
  fs.writeFileSync(filePath, body);
});

ipcMain.handle("links:open", async (_event, url: string) => {
  // renderer URL handed to the OS
  // ruleid: open-redirect
  await shell.openExternal(url);
});

ipcMain.handle("links:open-web", async (_event, url: string) => {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return;
  }
  // web scheme check with an early return
  // ok: open-redirect
  await shell.openExternal(parsed.toString());
});

ipcMain.on("scripts:run", (_event, name: string) => {
  // renderer-chosen npm script name in a shell command
  // ruleid: command-injection
  exec(`npm run ${name}`, { cwd: NOTES_DIR });
});

ipcMain.on("scripts:run-checked", (_event, name: string) => {
  if (!SCRIPTS.has(name)) {
    return;
  }
  // allowlisted script name
  // ok: command-injection
  exec(`npm run ${name}`, { cwd: NOTES_DIR });
  // execFile without a shell
  // ok: command-injection
  execFile("npm", ["run", name], { cwd: NOTES_DIR });
});

ipcMain.on("theme:set", (_event, theme: string) => {
  // renderer string spliced into script run in the page
  // ruleid: code-injection
  win?.webContents.executeJavaScript(`document.body.dataset.theme = "${theme}"`);
  // theme from a constant table
  // ok: code-injection
  win?.webContents.executeJavaScript(`document.body.dataset.theme = "${THEMES[theme] ?? "light"}"`);
});

function checkForUpdates() {
  https.get(
    "https://updates.notes.example.com/latest.json",
    // certificate checks turned off for the update feed
    // ruleid: tls-verification-disabled
    { rejectUnauthorized: false },
    (res) => res.resume(),
  );
}

app.whenReady().then(() => {
  win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, "preload.js") } });
  win.loadFile("index.html");
  checkForUpdates();
});
