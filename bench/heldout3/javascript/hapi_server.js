"use strict";
// Ticketing API on @hapi/hapi 21 with pg and child_process.

const Hapi = require("@hapi/hapi");
const Boom = require("@hapi/boom");
const path = require("node:path");
const fs = require("node:fs");
const { exec, execFile } = require("node:child_process");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const ATTACHMENTS = path.resolve("/srv/tickets/attachments");
const PRIORITIES = new Set(["low", "normal", "high", "urgent"]);
const EXPORT_FORMATS = { csv: "--format=csv", json: "--format=json" };

const init = async () => {
  const server = Hapi.server({ port: 3000, host: "0.0.0.0" });

  server.route({
    method: "GET",
    path: "/tickets",
    handler: async (request, h) => {
      const { status } = request.query;
      // Hapi query value in a template literal
      // ruleid: sql-injection
      const { rows } = await pool.query(`SELECT id, title FROM tickets WHERE status = '${status}'`);
      return rows;
    },
  });

  server.route({
    method: "GET",
    path: "/tickets/{id}",
    handler: async (request, h) => {
      // route parameter bound as $1
      // ok: sql-injection
      const { rows } = await pool.query("SELECT * FROM tickets WHERE id = $1", [request.params.id]);
      return rows[0] ?? Boom.notFound();
    },
  });

  server.route({
    method: "PATCH",
    path: "/tickets/{id}/priority",
    handler: async (request, h) => {
      const { priority } = request.payload;
      if (!PRIORITIES.has(priority)) {
        throw Boom.badRequest("unknown priority");
      }
      // Set allowlist that throws before the query
      // ok: sql-injection
      await pool.query(`UPDATE tickets SET priority = '${priority}' WHERE id = $1`, [request.params.id]);
      return h.response().code(204);
    },
  });

  server.route({
    method: "POST",
    path: "/tickets/search",
    handler: async (request, h) => {
      const where = request.payload.filters.map((f) => `${f.field} = '${f.value}'`).join(" AND ");
      // payload filters mapped and joined into a WHERE clause
      // ruleid: sql-injection
      const { rows } = await pool.query("SELECT id FROM tickets WHERE " + where);
      return rows;
    },
  });

  server.route({
    method: "GET",
    path: "/attachments/{name}",
    handler: (request, h) => {
      // route parameter joined under the attachments dir
      // ruleid: path-traversal
      return fs.createReadStream(path.join(ATTACHMENTS, request.params.name));
    },
  });

  server.route({
    method: "GET",
    path: "/attachments-safe/{name}",
    handler: (request, h) => {
      const full = path.resolve(ATTACHMENTS, request.params.name);
      if (!full.startsWith(ATTACHMENTS + path.sep)) {
        throw Boom.forbidden();
      }
      // resolve + startsWith(base + sep) with a throw
      // ok: path-traversal
      return fs.createReadStream(full);
    },
  });

  server.route({
    method: "POST",
    path: "/attachments",
    handler: async (request, h) => {
      const { filename, content } = request.payload;
      // payload file name written without a check
      // ruleid: path-traversal
      await fs.promises.writeFile(path.join(ATTACHMENTS, filename), content);
      return h.response().code(201);
    },
  });

  server.route({
    method: "GET",
    path: "/export",
    handler: (request, h) => {
      const flag = EXPORT_FORMATS[request.query.format] ?? EXPORT_FORMATS.csv;
      return new Promise((resolve) => {
        // format flag from a constant object lookup
        // ok: command-injection
        exec(`ticket-export ${flag} --out /tmp/export`, (err, stdout) => resolve(stdout));
      });
    },
  });

  server.route({
    method: "GET",
    path: "/whois",
    handler: (request, h) => {
      const domain = request.query.domain;
      return new Promise((resolve) => {
        // Hapi query value in exec
        // ruleid: command-injection
        exec("whois " + domain, (err, stdout) => resolve(stdout));
      });
    },
  });

  server.route({
    method: "GET",
    path: "/whois-safe",
    handler: (request, h) => {
      return new Promise((resolve) => {
        // execFile with an argument array
        // ok: command-injection
        execFile("whois", [request.query.domain], (err, stdout) => resolve(stdout));
      });
    },
  });

  server.route({
    method: "GET",
    path: "/sso/return",
    handler: (request, h) => {
      // Hapi h.redirect to a query value [extended sink]
      // ruleid: open-redirect
      return h.redirect(request.query.returnTo);
    },
  });

  server.route({
    method: "GET",
    path: "/sso/return-safe",
    handler: (request, h) => {
      // constant path with the id in the query [extended sink]
      // ok: open-redirect
      return h.redirect(`/tickets?highlight=${encodeURIComponent(request.query.id)}`);
    },
  });

  // session cookie state without isSecure/isHttpOnly [beyond docs]
  // ruleid: insecure-cookie
  server.state("session", { ttl: 86400000, isSecure: false, isHttpOnly: false, encoding: "base64json" });

  await server.start();
};

init();
