// Harder data flow for command-injection (Express).
// Benchmark corpus, command-injection (CWE-78).
const express = require("express");
const { exec, execSync } = require("child_process");

const app = express();
app.use(express.json());

const TOOLS = new Set(["uptime", "df", "free"]);

function cmdFor(tool, arg) {
  // Same-file helper that builds a command line.
  return `${tool} ${arg}`;
}

function hostOf(req) {
  return req.query.host || "localhost";
}

function assertTool(t) {
  if (!TOOLS.has(t)) throw new Error("unknown tool");
}

function sh(cmd) {
  // Wrapper around the shell (reported as a warning).
  // ruleid: command-injection
  return execSync(cmd).toString();
}

app.get("/flow/helper", (req, res) => {
  // Request value through a helper.
  // ruleid: command-injection
  exec(cmdFor("nslookup", req.query.name), (e, out) => res.send(out));
});

app.get("/flow/helper-source", (req, res) => {
  // Helper returning request data.
  // ruleid: command-injection
  res.send(execSync("ping -c 1 " + hostOf(req)).toString());
});

app.get("/flow/assert", (req, res) => {
  // Validator that throws, as a statement.
  const tool = String(req.query.tool);
  assertTool(tool);
  // ok: command-injection
  res.send(execSync(tool).toString());
});

app.get("/flow/wrapper", (req, res) => {
  // The wrapper above is the sink; this passes it the request.
  res.send(sh("host " + req.query.name));
});

app.post("/flow/destructure", (req, res) => {
  // Array destructuring from the body.
  const [src, dst] = req.body.pair;
  // ruleid: command-injection
  exec(`cp ${src} ${dst}`, () => res.sendStatus(204));
});

app.post("/flow/destructure-default", (req, res) => {
  // Object destructuring with a constant default.
  const { level = "1" } = req.body;
  // ruleid: command-injection
  exec("nice -n " + level + " ./job.sh", () => res.sendStatus(202));
});

app.get("/flow/closure", (req, res) => {
  // Captured by a callback run later.
  const dir = req.query.dir;
  process.nextTick(() => {
    // ruleid: command-injection
    exec(`du -sh ${dir}`, (e, out) => res.send(out));
  });
});

app.get("/flow/promise", (req, res) => {
  // Value through a promise chain.
  Promise.resolve(req.query.pkg)
    .then((p) => p.trim())
    .then((p) => {
      // ruleid: command-injection
      exec("npm view " + p + " version", (e, out) => res.send(out));
    });
});

app.post("/flow/for-each", (req, res) => {
  // forEach over body items.
  (req.body.files || []).forEach((f) => {
    // ruleid: command-injection
    execSync("rm -f /tmp/uploads/" + f);
  });
  res.sendStatus(204);
});

app.post("/flow/for-of-checked", (req, res) => {
  // for...of with a regex check and continue.
  for (const f of req.body.files || []) {
    if (!/^[\w.-]+$/.test(f)) continue;
    // ok: command-injection
    execSync("rm -f /tmp/uploads/" + f);
  }
  res.sendStatus(204);
});

app.get("/flow/try-catch", (req, res) => {
  // catch keeps the raw value.
  let n;
  try {
    n = JSON.parse(req.query.n);
  } catch {
    n = req.query.n;
  }
  // ruleid: command-injection
  res.send(execSync(`seq 1 ${n}`).toString());
});

app.get("/flow/ternary", (req, res) => {
  // Ternary between a constant and the user's value.
  const tool = TOOLS.has(req.query.tool) ? req.query.tool : req.query.fallback;
  // ruleid: command-injection
  res.send(execSync(tool).toString());
});

app.get("/flow/ternary-safe", (req, res) => {
  // Ternary between the allowlisted value and a constant.
  const tool = TOOLS.has(req.query.tool) ? req.query.tool : "uptime";
  // ok: command-injection
  res.send(execSync(tool).toString());
});

app.get("/flow/dead", (req, res) => {
  // Assigned only in a branch that never runs.
  let cmd = "uptime";
  if (false) {
    cmd = req.query.cmd;
  }
  // ok: command-injection
  res.send(execSync(cmd).toString());
});

app.get("/flow/overwrite", (req, res) => {
  // Overwritten with a constant.
  let cmd = req.query.cmd;
  cmd = "uptime";
  // ok: command-injection
  res.send(execSync(cmd).toString());
});

class Task {
  constructor(body) {
    this.cmd = body.cmd;
  }

  start() {
    // Field from a constructor parameter (reported as a warning).
    // ruleid: command-injection
    return execSync(this.cmd);
  }
}

app.post("/flow/class", (req, res) => {
  res.send(new Task(req.body).start().toString());
});

module.exports = { app, Task };
