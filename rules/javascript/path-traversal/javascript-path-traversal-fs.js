const express = require('express');
const fs = require('fs');
const fsp = require('node:fs/promises');
const path = require('path');

const app = express();
const BASE = path.resolve(__dirname, 'uploads');
const REPORTS = ['daily.csv', 'weekly.csv'];

// ---------------------------------------------------------------- vulnerable

app.get('/download', (req, res) => {
  const file = path.join(BASE, req.query.name);
  // ruleid: javascript-path-traversal-fs
  fs.createReadStream(file).pipe(res);
});

app.get('/read', async (req, res) => {
  // ruleid: javascript-path-traversal-fs
  const data = await fsp.readFile(`${BASE}/${req.params.file}`, 'utf8');
  res.send(data);
});

app.post('/save', (req, res) => {
  // ruleid: javascript-path-traversal-fs
  fs.writeFileSync(path.resolve(BASE, req.body.name), req.body.content);
  res.sendStatus(201);
});

app.delete('/files/:name', async (req, res) => {
  // ruleid: javascript-path-traversal-fs
  await fs.promises.unlink(BASE + '/' + req.params.name);
  res.sendStatus(204);
});

app.get('/naive', (req, res) => {
  // a prefix check on the raw value does not stop "../"
  const name = req.query.name;
  if (!name.startsWith('reports/')) {
    return res.sendStatus(403);
  }
  // ruleid: javascript-path-traversal-fs
  res.send(fs.readFileSync(path.join(BASE, name)));
});

// ---------------------------------------------------------------- safe

app.get('/download2', (req, res) => {
  const file = path.resolve(BASE, req.query.name);
  if (!file.startsWith(BASE + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: javascript-path-traversal-fs
  fs.createReadStream(file).pipe(res);
});

app.get('/avatar', (req, res) => {
  const name = path.basename(req.query.name);
  // ok: javascript-path-traversal-fs
  fs.createReadStream(path.join(BASE, name)).pipe(res);
});

app.get('/report', async (req, res) => {
  const report = req.query.report;
  if (!REPORTS.includes(report)) {
    return res.sendStatus(404);
  }
  // ok: javascript-path-traversal-fs
  res.send(await fsp.readFile(path.join('/srv/reports', report)));
});

app.get('/invoice', (req, res) => {
  const id = Number(req.query.id);
  // ok: javascript-path-traversal-fs
  fs.createReadStream(`/srv/invoices/${id}.pdf`).pipe(res);
});

app.get('/encoded', (req, res) => {
  // encodeURIComponent() leaves no "/" in the name
  // ok: javascript-path-traversal-fs
  res.send(fs.readFileSync(path.join(BASE, encodeURIComponent(req.query.name))));
});
