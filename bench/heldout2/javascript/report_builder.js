// Report builder service: user-defined columns, XML imports, saved layouts (Express, CommonJS).
const express = require("express");
const vm = require("node:vm");
const { runInNewContext } = require("node:vm");
const libxmljs = require("libxmljs2");
const { XMLParser } = require("fast-xml-parser");
const xml2js = require("xml2js");
const { unserialize } = require("node-serialize");
const { Parser } = require("expr-eval");

const app = express();
app.use(express.json({ limit: "1mb" }));
app.use(express.text({ type: ["application/xml", "text/xml"], limit: "5mb" }));

const AGGREGATES = new Map([
  ["sum", (xs) => xs.reduce((a, b) => a + b, 0)],
  ["avg", (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1)],
  ["max", (xs) => Math.max(...xs)],
]);
const exprParser = new Parser();
const DOCBOOK_CATALOG = "<!DOCTYPE book SYSTEM 'docbook.dtd'><book/>";

app.post("/columns/preview", (req, res) => {
  const { formula, rows } = req.body;
  // body formula compiled into a function
  // ruleid: code-injection
  const fn = new Function("row", `return (${formula});`);
  res.json(rows.map((r) => fn(r)));
});

app.post("/columns/preview/v2", (req, res) => {
  const { formula, rows } = req.body;
  // expression parser with a fixed grammar instead of the language evaluator
  // ok: code-injection
  const expr = exprParser.parse(String(formula));
  res.json(rows.map((r) => expr.evaluate(r)));
});

app.post("/columns/aggregate/:name", (req, res) => {
  const agg = AGGREGATES.get(req.params.name);
  if (!agg) return res.sendStatus(404);
  // table of allowed operations
  // ok: code-injection
  res.json({ value: agg(req.body.values.map(Number)) });
});

app.post("/sandbox/run", (req, res) => {
  const context = vm.createContext({ rows: req.body.rows, result: null });
  // vm is not a sandbox
  // ruleid: code-injection
  vm.runInContext(req.body.script, context, { timeout: 1000 });
  res.json({ result: context.result });
});

app.post("/sandbox/run/v2", (req, res) => {
  // destructured runInNewContext on a body value
  // ruleid: code-injection
  const result = runInNewContext(`(${req.body.expression})`, { Math }, { timeout: 500 });
  res.json({ result });
});

app.post("/sandbox/compile", (req, res) => {
  // new vm.Script on request text
  // ruleid: code-injection
  const script = new vm.Script(req.body.source, { filename: "user.js" });
  res.json({ ok: Boolean(script) });
});

app.get("/sandbox/builtin", (_req, res) => {
  // constant code
  // ok: code-injection
  const script = new vm.Script("1 + 1");
  res.json({ value: script.runInNewContext({}) });
});

app.post("/columns/typed", (req, res) => {
  const factor = Number(req.body.factor);
  // Number() coercion before building the function body
  // ok: code-injection
  const scale = new Function("x", `return x * ${factor};`);
  res.json(req.body.values.map(scale));
});

app.post("/import/xml", (req, res) => {
  // libxmljs with entity substitution turned on
  // ruleid: xxe-parser-config
  const doc = libxmljs.parseXml(req.body, { noent: true });
  res.json({ root: doc.root().name() });
});

app.post("/import/xml/dtd", (req, res) => {
  // DTD loading plus entity substitution via parseXmlString
  // ruleid: xxe-parser-config
  const doc = libxmljs.parseXmlString(req.body, { dtdload: true, noent: true, nonet: false });
  res.json({ root: doc.root().name() });
});

app.post("/import/xml/v2", (req, res) => {
  // libxmljs defaults (entities left as references)
  // ok: xxe-parser-config
  const doc = libxmljs.parseXml(req.body);
  res.json({ root: doc.root().name() });
});

app.post("/import/xml/v3", (req, res) => {
  // explicit noent: false
  // ok: xxe-parser-config
  const doc = libxmljs.parseXml(req.body, { noent: false, noblanks: true });
  res.json({ root: doc.root().name() });
});

app.post("/import/xml/v4", (req, res) => {
  // fast-xml-parser does not resolve external entities
  // ok: xxe-parser-config
  const obj = new XMLParser({ ignoreAttributes: false }).parse(req.body);
  res.json(Object.keys(obj));
});

app.post("/import/xml/v5", async (req, res) => {
  // [beyond docs] xml2js (sax-js) does not resolve external entities
  // ok: xxe-parser-config
  const obj = await xml2js.parseStringPromise(req.body);
  res.json(Object.keys(obj));
});

function loadDocbookCatalog() {
  // constant document, but the parser is still configured to resolve entities
  // ruleid: xxe-parser-config
  return libxmljs.parseXml(DOCBOOK_CATALOG, { noent: true, dtdload: true });
}

async function parseAsyncUpload(xml) {
  // async variant with noent
  // ruleid: xxe-parser-config
  return libxmljs.parseXmlAsync(xml, { noent: true });
}

app.post("/layouts/restore", (req, res) => {
  // saved layout restored with node-serialize from the body
  // ruleid: unsafe-deserialization
  const layout = unserialize(req.body.layout);
  res.json({ widgets: layout.widgets.length });
});

function restoreLayout(serialized) {
  // helper parameter (unknown callers) into unserialize
  // ruleid: unsafe-deserialization
  return require("node-serialize").unserialize(serialized);
}

app.post("/layouts/restore/v2", (req, res) => {
  // JSON instead of node-serialize
  // ok: unsafe-deserialization
  const layout = JSON.parse(req.body.layout);
  res.json({ widgets: layout.widgets.length });
});

module.exports = { app, loadDocbookCatalog, parseAsyncUpload, restoreLayout };
