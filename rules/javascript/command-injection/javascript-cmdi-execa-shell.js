import express from 'express';
import { execa, execaSync } from 'execa';
import { quote } from 'shell-quote';

const app = express();
const FORMATS = new Set(['png', 'webp']);

// ---------------------------------------------------------------- vulnerable

app.post('/thumbnail', async (req, res) => {
  // with shell: true execa hands the string to /bin/sh
  // ruleid: javascript-cmdi-execa-shell
  const { stdout } = await execa(`convert ${req.body.source} thumb.png`, { shell: true });
  res.send(stdout);
});

app.get('/purge', async (req, res) => {
  // the file and its arguments are joined with spaces for the shell
  // ruleid: javascript-cmdi-execa-shell
  await execa('rm', ['-rf', `/var/cache/${req.query.prefix}`], { shell: '/bin/bash' });
  res.end();
});

app.get('/du', (req, res) => {
  // ruleid: javascript-cmdi-execa-shell
  res.send(execaSync('sh', ['-c', 'du -sh /srv/' + req.query.dir]).stdout);
});

// ---------------------------------------------------------------- safe

app.post('/thumbnail2', async (req, res) => {
  // no shell: the source is one argument
  // ok: javascript-cmdi-execa-shell
  const { stdout } = await execa('convert', [req.body.source, 'thumb.png']);
  res.send(stdout);
});

app.post('/thumbnail3', async (req, res) => {
  // ok: javascript-cmdi-execa-shell
  const { stdout } = await execa(`convert ${quote([req.body.source])} thumb.png`, { shell: true });
  res.send(stdout);
});

app.get('/convert', async (req, res) => {
  const format = req.query.format;
  if (!FORMATS.has(format)) {
    return res.sendStatus(400);
  }
  // ok: javascript-cmdi-execa-shell
  await execa(`convert in.png out.${format}`, { shell: true });
  res.end();
});
