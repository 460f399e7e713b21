import { exec, execFile } from "node:child_process";
import { promises as fsp } from "node:fs";
import path from "node:path";
import { BrowserWindow, app, dialog, ipcMain, shell } from "electron";

const NOTES_DIR = path.join(app.getPath("documents"), "Notes");
let win: BrowserWindow | null = null;

function createWindow() {
  win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: { preload: path.join(__dirname, "preload.js"), contextIsolation: true, sandbox: true },
  });
  win.loadFile(path.join(__dirname, "../renderer/index.html"));
}

// links clicked inside a note: the renderer sends whatever URL the note contains
ipcMain.handle("note:open-link", async (_event, url: string) => {
  // the note's URL is handed to the OS as it is (file:, smb:, custom schemes)
  // ruleid: open-redirect
  await shell.openExternal(url);
});

ipcMain.handle("note:open-link-safe", async (_event, url: string) => {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  // only web URLs reach the OS
  // ok: open-redirect
  await shell.openExternal(parsed.href);
  return true;
});

ipcMain.handle("help:open", async (_event, topic: string) => {
  // a constant https start fixes the scheme and host
  // ok: open-redirect
  await shell.openExternal(`https://docs.notes.example.com/help/${encodeURIComponent(topic)}`);
});

ipcMain.handle("note:read", async (_event, relPath: string) => {
  // the renderer's path joined to the notes folder
  // ruleid: path-traversal
  return fsp.readFile(path.join(NOTES_DIR, relPath), "utf8");
});

ipcMain.handle("note:read-safe", async (_event, relPath: string) => {
  const full = path.resolve(NOTES_DIR, relPath);
  if (!full.startsWith(NOTES_DIR + path.sep)) throw new Error("outside the notes folder");
  // resolve + startsWith(base + sep), throw otherwise
  // ok: path-traversal
  return fsp.readFile(full, "utf8");
});

ipcMain.handle("note:import", async () => {
  const picked = await dialog.showOpenDialog({ properties: ["openFile"], filters: [{ name: "Markdown", extensions: ["md"] }] });
  if (picked.canceled) return null;
  // the user picked this file in the system dialog
  // ok: path-traversal
  return fsp.readFile(picked.filePaths[0], "utf8");
});

ipcMain.handle("sync:pull", async (_event, repoPath: string) => {
  // the repository path from the renderer inside a shell command
  // ruleid: command-injection
  exec(`git -C ${repoPath} pull --rebase`, (err) => win?.webContents.send("sync:done", !err));
  // the same pull with an argument list
  // ok: command-injection
  execFile("git", ["-C", repoPath, "pull", "--rebase"], (err) => win?.webContents.send("sync:done", !err));
});

ipcMain.handle("window:set-title", async (_event, title: string) => {
  // the title is pasted into a script string run in the page
  // ruleid: code-injection
  await win?.webContents.executeJavaScript(`document.title = '${title}'`);
  // JSON.stringify() turns the title into a quoted string literal [beyond docs]
  // ok: code-injection
  await win?.webContents.executeJavaScript(`document.title = ${JSON.stringify(title)}`);
});

app.on("certificate-error", (event, _webContents, _url, _error, _certificate, callback) => {
  event.preventDefault();
  // every certificate error is accepted for every host [beyond docs]
  // ruleid: tls-verification-disabled
  callback(true);
});

app.whenReady().then(createWindow);
