import { exec, execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import path from "node:path";
import cors from "@fastify/cors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { request as undiciRequest } from "undici";

const EXPORT_DIR = path.resolve(process.env.EXPORT_DIR ?? "/srv/exports");

type ExportQuery = { format: "csv" | "xlsx"; owner: string; returnTo?: string; msg?: string };

export default async function exportRoutes(app: FastifyInstance) {
  // every origin reflected, with credentials
  // ruleid: permissive-cors
  await app.register(cors, {
    origin: true,
    credentials: true,
  });

  app.get(
    "/exports",
    {
      schema: {
        querystring: {
          type: "object",
          required: ["format", "owner"],
          properties: { format: { type: "string", enum: ["csv", "xlsx"] }, owner: { type: "string" } },
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: ExportQuery }>, reply: FastifyReply) => {
      const { format, owner } = request.query;
      // the owner between quotes in the SQL text
      // ruleid: sql-injection
      const { rows } = await app.pg.query(`SELECT id, name FROM exports WHERE owner = '${owner}' AND format = $1`, [format]);
      // the route's JSON schema limits format to two values [beyond docs]
      // ok: command-injection
      exec(`report-cli build --format ${format}`, () => undefined);
      // the owner has no such limit
      // ruleid: command-injection
      exec(`report-cli build --format ${format} --owner ${owner}`, () => undefined);
      // an argument list
      // ok: command-injection
      execFile("report-cli", ["build", "--format", format, "--owner", owner], () => undefined);
      return reply.send({ rows });
    },
  );

  app.get("/exports/files/:file", async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    // the route parameter joined to the export directory
    // ruleid: path-traversal
    return reply.type("application/octet-stream").send(createReadStream(path.join(EXPORT_DIR, request.params.file)));
  });

  app.get("/exports/safe/:file", async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const full = path.resolve(EXPORT_DIR, request.params.file);
    if (!full.startsWith(EXPORT_DIR + path.sep)) {
      return reply.code(403).send();
    }
    // resolve + startsWith(base + sep)
    // ok: path-traversal
    return reply.send(createReadStream(full));
  });

  app.get("/exports/done", async (request: FastifyRequest<{ Querystring: ExportQuery }>, reply: FastifyReply) => {
    // reply.redirect to the returnTo parameter
    // ruleid: open-redirect
    return reply.redirect(request.query.returnTo ?? "/exports");
  });

  app.get("/exports/notice", async (request: FastifyRequest<{ Querystring: ExportQuery }>, reply: FastifyReply) => {
    // an HTML reply with the raw message [extended sink]
    // ruleid: xss
    return reply.type("text/html").send(`<div class="notice">${request.query.msg ?? ""}</div>`);
  });

  app.post("/exports/:id/deliver", async (request: FastifyRequest<{ Params: { id: string }; Body: { callback: string; next: string } }>, reply: FastifyReply) => {
    const { callback, next } = request.body;
    // undici's request() to the callback from the body
    // ruleid: ssrf
    await undiciRequest(callback, { method: "POST", body: JSON.stringify({ id: request.params.id }) });
    // a Location header from the body
    // ruleid: open-redirect
    return reply.code(303).header("Location", next).send();
  });

  app.post("/exports/session", async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.headers["x-export-token"] as string;
    // an export token cookie with secure turned off
    // ruleid: insecure-cookie
    reply.setCookie("export_token", token, { httpOnly: true, secure: false, path: "/exports" });
    return reply.send({ ok: true });
  });
}
