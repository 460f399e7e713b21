"use strict";

// Internal documentation portal on hapi: spaces of Markdown pages, PDF export, XML imports.
const { exec, execFile } = require("child_process");
const fs = require("fs");
const path = require("path");
const Hapi = require("@hapi/hapi");
const axios = require("axios");
const escapeHtml = require("escape-html");
const libxmljs = require("libxmljs2");
const { Pool } = require("pg");

const DOCS_DIR = path.resolve(process.env.DOCS_DIR || "./docs");
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const init = async () => {
  const server = Hapi.server({ port: 3000, host: "0.0.0.0" });

  // the session cookie explicitly allowed over HTTP (isSecure: false)
  // ruleid: insecure-cookie
  server.state("session", {
    ttl: 24 * 60 * 60 * 1000,
    isSecure: false,
    isHttpOnly: true,
    encoding: "iron",
    password: process.env.COOKIE_PASSWORD,
  });

  server.route({
    method: "GET",
    path: "/spaces/{space}/pages",
    handler: async (request) => {
      // the route parameter in the SQL text
      // ruleid: sql-injection
      const { rows } = await pool.query(`SELECT slug, title FROM pages WHERE space = '${request.params.space}'`);
      // bound $1
      // ok: sql-injection
      const same = await pool.query("SELECT slug, title FROM pages WHERE space = $1", [request.params.space]);
      return { rows, count: same.rowCount };
    },
  });

  server.route({
    method: "GET",
    path: "/raw/{file*}",
    handler: async (request, h) => {
      // the wildcard path under the docs directory
      // ruleid: path-traversal
      const text = await fs.promises.readFile(path.join(DOCS_DIR, request.params.file), "utf8");
      // basename only
      // ok: path-traversal
      const flat = await fs.promises.readFile(path.join(DOCS_DIR, path.basename(request.params.file)), "utf8");
      return h.response(text || flat).type("text/markdown");
    },
  });

  server.route({
    method: "GET",
    path: "/banner",
    handler: (request, h) => {
      // an HTML response with the raw title [extended sink]
      // ruleid: xss
      return h.response(`<div class="banner">${request.query.title}</div>`).type("text/html");
    },
  });

  server.route({
    method: "GET",
    path: "/banner-safe",
    handler: (request, h) => {
      // escape-html first [extended sink]
      // ok: xss
      return h.response(`<div class="banner">${escapeHtml(request.query.title)}</div>`).type("text/html");
    },
  });

  server.route({
    method: "GET",
    path: "/login/done",
    handler: (request, h) => {
      // the next parameter as the redirect target
      // ruleid: open-redirect
      return h.redirect(request.query.next || "/");
    },
  });

  server.route({
    method: "POST",
    path: "/pages/{slug}/export",
    handler: async (request) => {
      const src = path.join(DOCS_DIR, path.basename(request.params.slug) + ".md");
      const { paper } = request.payload;
      // the payload's paper size in a pandoc command line
      // ruleid: command-injection
      exec(`pandoc ${src} -V papersize=${paper} -o /tmp/export.pdf`);
      // an argument list
      // ok: command-injection
      execFile("pandoc", [src, "-V", `papersize=${paper}`, "-o", "/tmp/export.pdf"]);
      return { queued: true };
    },
  });

  server.route({
    method: "POST",
    path: "/import/link-check",
    handler: async (request) => {
      // axios to a URL from the payload
      // ruleid: ssrf
      const res = await axios.get(request.payload.url, { timeout: 5000 });
      return { status: res.status };
    },
  });

  server.route({
    method: "POST",
    path: "/import/docbook",
    handler: async (request) => {
      // libxmljs with entity substitution on, reading the uploaded DocBook
      // ruleid: xxe-parser-config
      const doc = libxmljs.parseXml(request.payload.toString(), { noent: true, dtdload: true });
      // the default options
      // ok: xxe-parser-config
      const plain = libxmljs.parseXml(request.payload.toString());
      return { title: (doc.get("//title") || plain.get("//title")).text() };
    },
  });

  await server.start();
};

init();
