const express = require('express');
const axios = require('axios');
const got = require('got');

const app = express();
const ALLOWED_HOSTS = new Set(['api.example.com', 'cdn.example.com']);
const API_BASE_URL = 'https://api.example.com';

function isAllowedUrl(raw) {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && ALLOWED_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- vulnerable

app.get('/proxy', async (req, res) => {
  const target = req.query.url;
  // ruleid: javascript-ssrf-http-client-url
  const upstream = await fetch(target);
  res.send(await upstream.text());
});

app.post('/webhook', async (req, res) => {
  const { callback } = req.body;
  // ruleid: javascript-ssrf-http-client-url
  await axios.post(callback, { ok: true });
  res.sendStatus(204);
});

app.get('/status/:host', async (req, res) => {
  // the host is user controlled even though the scheme is fixed
  // ruleid: javascript-ssrf-http-client-url
  const r = await got(`https://${req.params.host}/health`);
  res.send(r.body);
});

app.get('/image', async (req, res) => {
  // ruleid: javascript-ssrf-http-client-url
  const r = await axios({ method: 'get', url: req.query.src, responseType: 'stream' });
  r.data.pipe(res);
});

app.get('/relative', async (req, res) => {
  // new URL(input, base) ignores the base when the input is absolute
  const u = new URL(req.query.path, API_BASE_URL);
  // ruleid: javascript-ssrf-http-client-url
  res.json((await axios.get(u.toString())).data);
});

app.get('/weak', async (req, res) => {
  const target = req.query.url;
  if (!target) {
    return res.status(400).end();
  }
  // ruleid: javascript-ssrf-http-client-url
  res.send(await (await fetch(target)).text());
});

app.get('/logged', async (req, res) => {
  const target = req.query.url;
  if (!isAllowedUrl(target)) {
    console.warn('unexpected host', target);
  }
  // the check does not stop the request
  // ruleid: javascript-ssrf-http-client-url
  res.send(await (await fetch(target)).text());
});

// ---------------------------------------------------------------- safe

app.get('/user/:id', async (req, res) => {
  // constant scheme and host; user data only in the path
  // ok: javascript-ssrf-http-client-url
  const r = await fetch(`https://api.example.com/users/${req.params.id}`);
  res.json(await r.json());
});

app.get('/search', async (req, res) => {
  // ok: javascript-ssrf-http-client-url
  const r = await axios.get('https://api.example.com/search?q=' + encodeURIComponent(req.query.q));
  res.json(r.data);
});

app.get('/item', async (req, res) => {
  // ok: javascript-ssrf-http-client-url
  const r = await got(`${API_BASE_URL}/items/${req.query.item}`);
  res.send(r.body);
});

app.get('/proxy2', async (req, res) => {
  const target = req.query.url;
  if (!isAllowedUrl(target)) {
    return res.status(403).send('forbidden');
  }
  // ok: javascript-ssrf-http-client-url
  const upstream = await fetch(target);
  res.send(await upstream.text());
});

app.get('/proxy3', async (req, res) => {
  const target = req.query.url;
  if (!ALLOWED_HOSTS.has(new URL(target).hostname)) throw new Error('host not allowed');
  // ok: javascript-ssrf-http-client-url
  res.send((await axios.get(target)).data);
});

app.get('/port', async (req, res) => {
  const port = Number(req.query.port);
  // ok: javascript-ssrf-http-client-url
  res.send(await (await fetch('http://localhost:' + port + '/health')).text());
});
