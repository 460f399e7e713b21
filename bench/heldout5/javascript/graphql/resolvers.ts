// Apollo Server resolvers of the events platform; resolver args come from the client's GraphQL query.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { createReadStream } from "node:fs";
import path from "node:path";
import jwt from "jsonwebtoken";
import { jwtVerify } from "jose";
import knex from "knex";
import mongoose from "mongoose";
import { z } from "zod";

const db = knex({ client: "pg", connection: process.env.DATABASE_URL });
const EXPORT_DIR = "/srv/events/exports";
const WEBHOOK_HOSTS = new Set(["hooks.slack.com", "discord.com"]);
const Event = mongoose.model("Event", new mongoose.Schema({ type: String, venue: String, capacity: Number }));
const StatusInput = z.object({ id: z.coerce.number(), status: z.enum(["draft", "published", "cancelled"]) });
const secretKey = new TextEncoder().encode(process.env.JWT_SECRET ?? "");

interface Context {
  userId: string | null;
}

const typeDefs = `#graphql
  type Query { events(search: String, orderBy: String): [String], eventsWhere(where: String): [String], exportFile(name: String!): String }
  type Mutation { setStatus(input: String!): Boolean, testWebhook(url: String!): Int }
`;

export const resolvers = {
  Query: {
    events: async (_parent: unknown, args: { search?: string; orderBy?: string }) => {
      // resolver argument inside knex.raw text
      // ruleid: sql-injection
      const rows = await db.raw(`SELECT title FROM events WHERE title ILIKE '%${args.search ?? ""}%'`);
      // knex.raw with a ? binding
      // ok: sql-injection
      const more = await db.raw("SELECT title FROM events WHERE title ILIKE ?", [`%${args.search ?? ""}%`]);
      return [...rows.rows, ...more.rows].map((r: { title: string }) => r.title);
    },
    eventsWhere: async (_parent: unknown, args: { where: string }) => {
      const filter = JSON.parse(args.where);
      // a client-written JSON filter passed whole to find()
      // ruleid: nosql-injection
      return (await Event.find(filter)).map((e) => e.type);
    },
    eventsOfType: async (_parent: unknown, args: { type: string }) => {
      // a GraphQL String argument cannot be an object [beyond docs]
      // ok: nosql-injection
      return (await Event.find({ type: args.type })).map((e) => e.venue);
    },
    exportFile: (_parent: unknown, args: { name: string }) => {
      // resolver argument joined onto the export directory
      // ruleid: path-traversal
      const stream = createReadStream(path.join(EXPORT_DIR, args.name));
      return new Promise((resolve) => stream.on("data", (d) => resolve(String(d))));
    },
    exportFileSafe: (_parent: unknown, args: { name: string }) => {
      // basename of the argument
      // ok: path-traversal
      const stream = createReadStream(path.join(EXPORT_DIR, path.basename(args.name)));
      return new Promise((resolve) => stream.on("data", (d) => resolve(String(d))));
    },
  },
  Mutation: {
    setStatus: async (_parent: unknown, args: { input: unknown }) => {
      const input = StatusInput.parse(args.input);
      // zod schema in this file: id coerced to a number, status a closed enum
      // ok: sql-injection
      await db.raw(`UPDATE events SET status = '${input.status}' WHERE id = ${input.id}`);
      return true;
    },
    rename: async (_parent: unknown, args: { id: string; title: string }) => {
      // knex whereRaw with the argument in the text [extended sink]
      // ruleid: sql-injection
      await db("events").whereRaw(`id = '${args.id}'`).update({ title: args.title });
      return true;
    },
    testWebhook: async (_parent: unknown, args: { url: string }) => {
      // client-chosen webhook URL posted to by the server
      // ruleid: ssrf
      const res = await fetch(args.url, { method: "POST", body: "{}" });
      return res.status;
    },
    testWebhookChecked: async (_parent: unknown, args: { url: string }) => {
      const target = new URL(args.url);
      if (target.protocol !== "https:" || !WEBHOOK_HOSTS.has(target.hostname)) {
        throw new Error("webhook host not allowed");
      }
      // parsed hostname in an allowlist, throw otherwise
      // ok: ssrf
      const res = await fetch(target, { method: "POST", body: "{}" });
      return res.status;
    },
  },
};

async function context({ req }: { req: { headers: Record<string, string | undefined> } }): Promise<Context> {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  if (!token) return { userId: null };
  if (req.headers["x-legacy-client"]) {
    // legacy clients: claims read without verifying the signature
    // ruleid: jwt-not-verified
    const claims = jwt.decode(token) as { sub?: string } | null;
    return { userId: claims?.sub ?? null };
  }
  // jose verification
  // ok: jwt-not-verified
  const { payload } = await jwtVerify(token, secretKey, { algorithms: ["HS256"] });
  return { userId: String(payload.sub) };
}

const server = new ApolloServer<Context>({ typeDefs, resolvers });
await startStandaloneServer(server, { context, listen: { port: 4000 } });
