// Socket.IO chat server with rooms, slash commands and avatars.
const { Server } = require("socket.io");
const { exec, execFile } = require("child_process");
const fs = require("fs");
const path = require("path");
const mongoose = require("mongoose");

const Message = mongoose.model("Message", new mongoose.Schema({ room: String, user: String, text: String }));
const AVATARS = path.join(__dirname, "avatars");
const COMMANDS = { uptime: "uptime", disk: "df -h /" };

const io = new Server(3001, {
  // [extended sink] Socket.IO's cors option: credentials with the origin reflected by origin: true
  // ruleid: permissive-cors
  cors: { origin: true, credentials: true },
});

io.on("connection", (socket) => {
  socket.on("history", async (payload) => {
    // a payload field that can be an object, used as a filter value
    // ruleid: nosql-injection
    const msgs = await Message.find({ room: payload.room });
    // the field coerced with String()
    // ok: nosql-injection
    const mine = await Message.find({ room: String(payload.room), user: String(payload.user) });
    socket.emit("history", msgs.concat(mine));
  });

  socket.on("command", (name, args) => {
    const cmd = COMMANDS[name];
    if (!cmd) return;
    // the command looked up in a constant object
    // ok: command-injection
    exec(cmd, (err, out) => socket.emit("command", out));
    // the payload's extra arguments appended to the shell line
    // ruleid: command-injection
    exec(`${cmd} ${args}`, (err, out) => socket.emit("command", out));
  });

  socket.on("whois", (domain) => {
    // execFile with an argument array
    // ok: command-injection
    execFile("whois", [String(domain)], (err, out) => socket.emit("whois", out));
  });

  socket.on("avatar", ({ user, image }) => {
    // the user name from the payload as the file name
    // ruleid: path-traversal
    fs.writeFileSync(path.join(AVATARS, `${user}.png`), Buffer.from(image, "base64"));
    const safe = path.basename(String(user));
    // basename() of the user name
    // ok: path-traversal
    fs.writeFileSync(path.join(AVATARS, `${safe}.thumb.png`), Buffer.from(image, "base64"));
  });

  socket.on("calc", (expr) => {
    if (!/^[0-9+\-*/(). ]+$/.test(expr)) return;
    // an anchored arithmetic-only regex guards the Function body
    // ok: code-injection
    socket.emit("calc", new Function(`return (${expr});`)());
  });

  socket.on("script", (code) => {
    // a chat payload run with vm.runInNewContext
    // ruleid: code-injection
    socket.emit("script", require("vm").runInNewContext(code, {}));
  });
});
