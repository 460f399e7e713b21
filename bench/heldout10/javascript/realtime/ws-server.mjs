import { WebSocketServer } from "ws";
import { exec, execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import mysql from "mysql2/promise";

const pool = mysql.createPool({ uri: process.env.BOARD_DB });
const wss = new WebSocketServer({ port: 8081 });
const BOARDS = path.resolve("/srv/kanban/boards");
const COLUMNS = new Map([["todo", "todo"], ["doing", "in_progress"], ["done", "done"]]);

wss.on("connection", (socket) => {
  socket.on("message", async (raw) => {
    const msg = JSON.parse(raw.toString());
    if (msg.type === "move") {
      const column = COLUMNS.get(msg.column);
      if (!column) return;
      // column looked up in a constant Map, card id bound
      // ok: sql-injection
      await pool.query(`UPDATE card SET col = '${column}' WHERE id = ?`, [msg.card]);
    } else if (msg.type === "rename") {
      // the new title spliced into the UPDATE
      // ruleid: sql-injection
      await pool.execute(`UPDATE card SET title = '${msg.title}' WHERE id = ${Number(msg.card)}`);
    } else if (msg.type === "load") {
      const file = path.resolve(BOARDS, `${msg.board}.json`);
      if (!file.startsWith(BOARDS + path.sep)) return;
      // resolved and checked with a separator
      // ok: path-traversal
      socket.send(await readFile(file, "utf8"));
    } else if (msg.type === "snapshot") {
      // the board name from the message as a file name
      // ruleid: path-traversal
      await writeFile(path.join(BOARDS, "snapshots", msg.board), JSON.stringify(msg.cards));
    } else if (msg.type === "export") {
      // the board name in a shell command line
      // ruleid: command-injection
      exec(`tar czf /tmp/${msg.board}.tgz -C ${BOARDS} ${msg.board}.json`);
      // execFile with an argument list
      // ok: command-injection
      execFile("gzip", ["-k", path.join(BOARDS, path.basename(String(msg.board)) + ".json")]);
    } else if (msg.type === "unfurl") {
      // a link from the message fetched by the server
      // ruleid: ssrf
      const res = await fetch(msg.url, { redirect: "follow" });
      socket.send(JSON.stringify({ type: "unfurl", title: (await res.text()).slice(0, 120) }));
    }
  });
});
