const express = require('express');
const { spawn, spawnSync, execFile } = require('node:child_process');

const app = express();
const TOOLS = new Set(['uptime', 'df']);

// ---------------------------------------------------------------- vulnerable

app.get('/archive', (req, res) => {
  // ruleid: javascript-cmdi-spawn-shell
  const p = spawn(`tar czf /tmp/${req.query.name}.tgz /srv/data`, { shell: true });
  p.on('close', () => res.end());
});

app.get('/grep', (req, res) => {
  const pattern = req.query.pattern;
  // arguments are joined into one shell command line when shell is set
  // ruleid: javascript-cmdi-spawn-shell
  const r = spawnSync('grep', ['-rn', pattern, '/var/log/app'], { shell: '/bin/bash' });
  res.send(r.stdout);
});

app.post('/run', (req, res) => {
  // an explicit shell program with -c
  // ruleid: javascript-cmdi-spawn-shell
  execFile('sh', ['-c', req.body.script], (err, stdout) => res.send(stdout));
});

app.get('/win', (req, res) => {
  // ruleid: javascript-cmdi-spawn-shell
  spawn('cmd.exe', ['/c', 'type ' + req.query.file]).stdout.pipe(res);
});

// ---------------------------------------------------------------- safe

app.get('/archive2', (req, res) => {
  // no shell: the name is one argument
  // ok: javascript-cmdi-spawn-shell
  const p = spawn('tar', ['czf', `/tmp/${req.query.name}.tgz`, '/srv/data']);
  p.on('close', () => res.end());
});

app.get('/grep2', (req, res) => {
  // ok: javascript-cmdi-spawn-shell
  const r = spawnSync('grep', ['-rn', req.query.pattern, '/var/log/app'], { shell: false });
  res.send(r.stdout);
});

app.get('/tool', (req, res) => {
  const tool = req.query.tool;
  if (!TOOLS.has(tool)) {
    return res.sendStatus(404);
  }
  // ok: javascript-cmdi-spawn-shell
  spawn(tool, { shell: true }).stdout.pipe(res);
});

app.get('/sleep', (req, res) => {
  const secs = Number(req.query.secs);
  // ok: javascript-cmdi-spawn-shell
  execFile('sh', ['-c', 'sleep ' + secs], () => res.end());
});
