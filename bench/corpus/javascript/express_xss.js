// Express routes that return HTML.
// Benchmark corpus, xss (CWE-79): res.send() with a string responds as text/html.
const express = require("express");
const escapeHtml = require("escape-html");

const app = express();
app.set("view engine", "ejs");

app.get("/hello", (req, res) => {
  // Query value in an HTML response.
  // ruleid: xss
  res.send(`<h1>Hello ${req.query.name}</h1>`);
});

app.get("/hello/escaped", (req, res) => {
  // escape-html.
  // ok: xss
  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);
});

app.get("/hello/render", (req, res) => {
  // EJS <%= %> escapes template variables.
  // ok: xss
  res.render("hello", { name: req.query.name });
});

app.get("/hello/json", (req, res) => {
  // JSON response is not HTML.
  // ok: xss
  res.json({ hello: req.query.name });
});

app.get("/error", (req, res) => {
  // Header value written into the error page.
  const ua = req.get("User-Agent");
  // ruleid: xss
  res.status(400).send("<p>Unsupported browser: " + ua + "</p>");
});

app.get("/items/:id", (req, res) => {
  // parseInt coercion.
  const id = parseInt(req.params.id, 10);
  // ok: xss
  res.send(`<h1>Item ${id}</h1>`);
});

app.post("/comment", express.urlencoded({ extended: false }), (req, res) => {
  // res.write with a body field.
  res.setHeader("Content-Type", "text/html");
  // ruleid: xss
  res.write(`<blockquote>${req.body.comment}</blockquote>`);
  res.end();
});

app.listen(3000);
