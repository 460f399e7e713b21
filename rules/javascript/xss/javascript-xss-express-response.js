const express = require('express');
const escapeHtml = require('escape-html');

const app = express();
const LOCALES = new Set(['en', 'fr']);

// ---------------------------------------------------------------- vulnerable

app.get('/search', (req, res) => {
  const q = req.query.q;
  // ruleid: javascript-xss-express-response
  res.send('<h1>Results for ' + q + '</h1>');
});

app.get('/hello/:name', (req, res) => {
  // ruleid: javascript-xss-express-response
  res.status(200).send(`<p>Hello ${req.params.name}</p>`);
});

app.post('/preview', (req, res) => {
  res.setHeader('Content-Type', 'text/html');
  // ruleid: javascript-xss-express-response
  res.end(`<article>${req.body.content}</article>`);
});

app.get('/stream', (req, res) => {
  // ruleid: javascript-xss-express-response
  res.write('<li>' + req.get('Referer') + '</li>');
  res.end();
});

// ---------------------------------------------------------------- safe

app.get('/search2', (req, res) => {
  // ok: javascript-xss-express-response
  res.send('<h1>Results for ' + escapeHtml(req.query.q) + '</h1>');
});

app.get('/search3', (req, res) => {
  // a template with autoescaping
  // ok: javascript-xss-express-response
  res.render('search', { q: req.query.q });
});

app.get('/api', (req, res) => {
  // ok: javascript-xss-express-response
  res.json({ q: req.query.q });
});

app.get('/plain', (req, res) => {
  res.type('text/plain');
  // ok: javascript-xss-express-response
  res.send(req.query.msg);
});

app.get('/locale', (req, res) => {
  const loc = req.query.locale;
  if (!LOCALES.has(loc)) {
    return res.sendStatus(404);
  }
  // ok: javascript-xss-express-response
  res.send(`<html lang="${loc}"></html>`);
});

app.get('/page', (req, res) => {
  const page = parseInt(req.query.page, 10);
  // ok: javascript-xss-express-response
  res.send('<p>page ' + page + '</p>');
});
