const http = require('http');
const https = require('node:https');
const express = require('express');

const app = express();
const UPSTREAMS = ['internal-a.example.com', 'internal-b.example.com'];

// ---------------------------------------------------------------- vulnerable

app.get('/fetch', (req, res) => {
  // ruleid: javascript-ssrf-node-http-request
  https.get(req.query.url, (up) => up.pipe(res));
});

app.get('/ping', (req, res) => {
  // ruleid: javascript-ssrf-node-http-request
  const r = http.request({ hostname: req.query.host, port: 80, path: '/ping' }, (up) => up.pipe(res));
  r.end();
});

app.post('/relay', (req, res) => {
  const target = 'http://' + req.body.server + ':8080/relay';
  // ruleid: javascript-ssrf-node-http-request
  http.request(target, { method: 'POST' }).end(JSON.stringify(req.body.payload));
  res.end();
});

// ---------------------------------------------------------------- safe

app.get('/fetch2', (req, res) => {
  // constant host; the user value is only the path
  // ok: javascript-ssrf-node-http-request
  const r = https.request({ hostname: 'api.example.com', path: '/v1/' + encodeURIComponent(req.query.id) }, (up) => up.pipe(res));
  r.end();
});

app.get('/ping2', (req, res) => {
  const host = req.query.host;
  if (!UPSTREAMS.includes(host)) {
    return res.sendStatus(403);
  }
  // ok: javascript-ssrf-node-http-request
  http.get({ host, path: '/ping' }, (up) => up.pipe(res));
});

app.get('/doc', (req, res) => {
  // ok: javascript-ssrf-node-http-request
  https.get(`https://docs.example.com/${req.query.page}`, (up) => up.pipe(res));
});
