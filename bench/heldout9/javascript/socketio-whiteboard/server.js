"use strict";

const { exec, execFile } = require("child_process");
const fs = require("fs");
const http = require("http");
const path = require("path");
const vm = require("vm");
const express = require("express");
const session = require("express-session");
const jwt = require("jsonwebtoken");
const mongoose = require("mongoose");
const mongoSanitize = require("mongo-sanitize");
const { Server } = require("socket.io");

const EXPORT_DIR = path.resolve(process.env.EXPORT_DIR || "./exports");

const Board = mongoose.model("Board", new mongoose.Schema({ name: String, owner: String, tags: [String] }));
const Stroke = mongoose.model("Stroke", new mongoose.Schema({ boardId: String, author: String, points: Array }));

const app = express();
app.use(express.json());
// a cookie session with no CSRF middleware and no SameSite, on a file with POST routes
// ruleid: missing-csrf
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // the session cookie is sent over plain HTTP too
    // ruleid: insecure-cookie
    cookie: { secure: false, httpOnly: true },
  }),
);

app.post("/boards", async (req, res) => {
  const board = await Board.create({ name: String(req.body.name), owner: req.session.userId });
  res.status(201).json(board);
});

const server = http.createServer(app);
const io = new Server(server, {
  // Socket.IO's cors option reflecting every origin, with credentials [extended sink]
  // ruleid: permissive-cors
  cors: { origin: true, credentials: true },
});

io.on("connection", (socket) => {
  const token = socket.handshake.auth.token;
  // the token's claims are read without checking its signature
  // ruleid: jwt-not-verified
  const claims = jwt.decode(token);
  // verified with a fixed algorithm list
  // ok: jwt-not-verified
  const verified = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });

  socket.on("board:join", async ({ boardId }) => {
    // the payload's boardId can be an object such as {"$ne": null}
    // ruleid: nosql-injection
    const board = await Board.findOne({ _id: boardId, owner: claims.sub });
    // String() forces a string
    // ok: nosql-injection
    const same = await Board.findOne({ _id: String(boardId), owner: verified.sub });
    socket.join(String(boardId));
    socket.emit("board:state", board || same);
  });

  socket.on("strokes:search", async (payload, ack) => {
    // the whole payload filter is passed to find()
    // ruleid: nosql-injection
    const strokes = await Stroke.find(payload.filter).limit(500);
    // mongo-sanitize strips $-keys first
    // ok: nosql-injection
    const clean = await Stroke.find(mongoSanitize(payload.filter)).limit(500);
    ack({ strokes, clean });
  });

  socket.on("boards:tagged", async ({ tag }, ack) => {
    // a $where string built from the tag
    // ruleid: nosql-injection
    const boards = await Board.find({ $where: `this.tags.indexOf('${tag}') >= 0` });
    ack(boards);
  });

  socket.on("board:export", async ({ boardId, name }, ack) => {
    const strokes = await Stroke.find({ boardId: String(boardId) });
    // the export name from the client names the file
    // ruleid: path-traversal
    fs.writeFile(path.join(EXPORT_DIR, `${name}.json`), JSON.stringify(strokes), (err) => ack({ ok: !err }));
  });

  socket.on("board:archive", ({ boardId, archiveName }, ack) => {
    const dir = path.join(EXPORT_DIR, path.basename(String(boardId)));
    // the archive name is put into a shell command
    // ruleid: command-injection
    exec(`zip -r ${archiveName}.zip ${dir}`, { cwd: EXPORT_DIR }, (err) => ack({ ok: !err }));
    // an argument list without a shell
    // ok: command-injection
    execFile("zip", ["-r", `${path.basename(String(archiveName))}.zip`, dir], { cwd: EXPORT_DIR }, (err) => ack({ ok: !err }));
  });

  socket.on("shape:compute", ({ formula, x }, ack) => {
    // vm is not a sandbox; the client's formula runs
    // ruleid: code-injection
    const value = vm.runInNewContext(formula, { x: Number(x), Math });
    ack({ value });
  });
});

server.listen(Number(process.env.PORT || 3000));
