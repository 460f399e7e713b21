// Realtime server of the collaborative whiteboard (socket.io + Express,
// boards in MySQL, stroke history in MongoDB through Mongoose).

import express from "express";
import { createServer } from "node:http";
import { Server } from "socket.io";
import mysql from "mysql2/promise";
import mongoose, { Schema, model } from "mongoose";
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { exec } from "node:child_process";
import { z } from "zod";

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, {
  // an explicit list of origins with credentials
  // ok: permissive-cors
  cors: { origin: ["https://board.example.com", "https://staging.board.example.com"], credentials: true },
});

const db = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 });
mongoose.connect(process.env.MONGO_URL ?? "mongodb://localhost/whiteboard");

const Stroke = model(
  "Stroke",
  new Schema({ board: String, author: String, points: [Number], color: String, at: Date }),
);

const SNAPSHOT_DIR = path.resolve(process.env.SNAPSHOT_DIR ?? "/var/lib/whiteboard/snapshots");
const EXPORT_TYPES = new Set(["png", "svg", "pdf"]);

const JoinMsg = z.object({ board: z.string().regex(/^[a-z0-9]{12}$/), name: z.string().max(40) });

type BoardRow = { id: string; title: string; owner: string };

io.on("connection", (socket) => {
  socket.on("join", async (payload) => {
    const { board, name } = JoinMsg.parse(payload);
    socket.join(board);
    // the board id matched an anchored regex in the schema; the name is bound
    // ok: sql-injection
    await db.query(`INSERT INTO presence (board, name) VALUES ('${board}', ?)`, [name]);
    socket.to(board).emit("joined", { name });
  });

  socket.on("rename", async (msg: { board: string; title: string }) => {
    // the new title from the message inside the SQL text
    // ruleid: sql-injection
    await db.query(`UPDATE boards SET title = '${msg.title}' WHERE id = ?`, [msg.board]);
    io.to(msg.board).emit("renamed", { title: msg.title });
  });

  socket.on("list", async (msg: { owner: string; sort?: string }, ack: (rows: BoardRow[]) => void) => {
    const sort = msg.sort === "title" ? "title" : "updated_at";
    // the sort column is one of two literals, the owner bound
    // ok: sql-injection
    const [rows] = await db.query(`SELECT id, title, owner FROM boards WHERE owner = ? ORDER BY ${sort} DESC`, [msg.owner]);
    ack(rows as BoardRow[]);
  });

  socket.on("history", async (msg: { board: string; filter?: Record<string, unknown> }, ack) => {
    // the client's filter object, operators and all
    // ruleid: nosql-injection
    const strokes = await Stroke.find({ board: msg.board, ...msg.filter }).limit(500);
    ack(strokes);
  });

  socket.on("erase", async (msg: { board: string; author: unknown }) => {
    if (typeof msg.author !== "string") return;
    // a type check that leaves a string
    // ok: nosql-injection
    await Stroke.deleteMany({ board: String(msg.board), author: msg.author });
    io.to(String(msg.board)).emit("erased", { author: msg.author });
  });

  socket.on("clear-by", async (msg) => {
    // the author value can be {"$ne": null}: every stroke of the board goes
    // ruleid: nosql-injection
    await Stroke.deleteMany({ board: String(msg.board), author: msg.author });
  });

  socket.on("snapshot", async (msg: { board: string; name: string; svg: string }) => {
    const file = path.join(SNAPSHOT_DIR, msg.board, `${msg.name}.svg`);
    // the board and name of the message join the snapshot path unchecked
    // ruleid: path-traversal
    await writeFile(file, msg.svg);
  });

  socket.on("load-snapshot", async (msg: { board: string; name: string }, ack) => {
    const file = path.resolve(SNAPSHOT_DIR, msg.board, `${path.basename(msg.name)}.svg`);
    if (!file.startsWith(SNAPSHOT_DIR + path.sep)) return ack({ error: "bad path" });
    // resolved and contained, returned otherwise
    // ok: path-traversal
    ack({ svg: await readFile(file, "utf8") });
  });

  socket.on("export", (msg: { board: string; type: string; dpi: string }) => {
    if (!EXPORT_TYPES.has(msg.type)) return;
    const src = path.join(SNAPSHOT_DIR, "latest.svg");
    // the type is allowlisted but the dpi goes into the shell command as sent
    // ruleid: command-injection
    exec(`rsvg-convert -f ${msg.type} -d ${msg.dpi} ${src} -o /tmp/export.${msg.type}`, (err) => {
      socket.emit("exported", { ok: !err });
    });
  });

  socket.on("embed", async (msg: { url: string }) => {
    // the server fetches whatever URL a participant pastes
    // ruleid: ssrf
    const res = await fetch(msg.url);
    socket.emit("embed-meta", { type: res.headers.get("content-type") });
  });

  socket.on("formula", (msg: { expr: string }) => {
    if (!/^[0-9+\-*/(). ]+$/.test(msg.expr)) return;
    // an anchored arithmetic pattern before the evaluation
    // ok: code-injection
    const value = Function(`"use strict"; return (${msg.expr});`)();
    socket.emit("formula-result", { value });
  });
});

app.get("/boards/:id/title", async (req, res) => {
  const [rows] = await db.query("SELECT title FROM boards WHERE id = ?", [req.params.id]);
  const title = (rows as BoardRow[])[0]?.title ?? "";
  const by = req.query.by;
  // [extended sink] res.send of HTML; the stored title is the database's value, the "by" query value is raw
  // ruleid: xss
  res.send(`<h1>${title}</h1><p>shared by ${by}</p>`);
});

httpServer.listen(Number(process.env.PORT ?? 3030));
