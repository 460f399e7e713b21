const express = require('express');
const { exec, execSync, execFile } = require('child_process');
const util = require('util');
const shell = require('shelljs');
const shellescape = require('shell-escape');

const app = express();
const execAsync = util.promisify(exec);
const FORMATS = ['png', 'jpg'];

// ---------------------------------------------------------------- vulnerable

app.get('/ping', (req, res) => {
  const host = req.query.host;
  // ruleid: javascript-cmdi-child-process-exec
  exec('ping -c 1 ' + host, (err, stdout) => res.send(stdout));
});

app.post('/convert', (req, res) => {
  const { format } = req.body;
  // ruleid: javascript-cmdi-child-process-exec
  const out = execSync(`convert in.png out.${format}`);
  res.send(out);
});

app.get('/dig', async (req, res) => {
  // ruleid: javascript-cmdi-child-process-exec
  const { stdout } = await execAsync(`dig +short ${req.query.domain}`);
  res.send(stdout);
});

app.get('/grep', (req, res) => {
  // ruleid: javascript-cmdi-child-process-exec
  res.send(shell.exec('grep -rn ' + req.query.pattern + ' /var/log/app').stdout);
});

app.get('/weak', (req, res) => {
  const host = req.query.host;
  if (!host) {
    return res.sendStatus(400);
  }
  // ruleid: javascript-cmdi-child-process-exec
  exec('nslookup ' + host, (err, stdout) => res.send(stdout));
});

// ---------------------------------------------------------------- safe

app.get('/ping2', (req, res) => {
  // an argument array, no shell
  // ok: javascript-cmdi-child-process-exec
  execFile('ping', ['-c', '1', req.query.host], (err, stdout) => res.send(stdout));
});

app.post('/convert2', (req, res) => {
  const { format } = req.body;
  if (!FORMATS.includes(format)) {
    return res.status(400).send('bad format');
  }
  // ok: javascript-cmdi-child-process-exec
  res.send(execSync(`convert in.png out.${format}`));
});

app.get('/kill', (req, res) => {
  const pid = parseInt(req.query.pid, 10);
  // ok: javascript-cmdi-child-process-exec
  exec('kill -TERM ' + pid, () => res.end());
});

app.get('/ping3', (req, res) => {
  // ok: javascript-cmdi-child-process-exec
  exec('ping -c 1 ' + shellescape([req.query.host]), (err, stdout) => res.send(stdout));
});

app.get('/branch', (req, res) => {
  const name = req.query.name;
  if (!/^[\w.\/-]+$/.test(name)) {
    return res.sendStatus(400);
  }
  // ok: javascript-cmdi-child-process-exec
  exec('git log -1 ' + name, (err, stdout) => res.send(stdout));
});

app.get('/regex', (req, res) => {
  // RegExp.prototype.exec is not a process
  // ok: javascript-cmdi-child-process-exec
  res.json(/^(\d+)-(\d+)$/.exec(req.query.range));
});
