// Apollo Server 4 resolvers over knex, Mongoose and a few HTTP integrations.
import { GraphQLError } from "graphql";
import knexFactory from "knex";
import mongoose, { Schema, model } from "mongoose";
import got from "got";
import vm from "node:vm";
import jwt from "jsonwebtoken";
import serialize from "node-serialize";
import crypto from "node:crypto";

const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const Customer = model("Customer", new Schema({ email: String, name: String, tier: String }));
const SEGMENTS = new Set(["trial", "paying", "churned"]);
const RULE_FUNCS: Record<string, (n: number) => number> = { double: (n) => n * 2, square: (n) => n * n };

interface Ctx {
  user?: { id: string };
  token?: string;
}

export const resolvers = {
  Query: {
    customers: async (_: unknown, args: { segment: string }) => {
      // knex.raw with a resolver argument interpolated
      // ruleid: sql-injection
      return knex.raw(`SELECT * FROM customers WHERE segment = '${args.segment}'`);
    },
    customersSafe: async (_: unknown, { segment }: { segment: string }) => {
      if (!SEGMENTS.has(segment)) throw new GraphQLError("bad segment");
      // Set allowlist that throws, then knex.raw
      // ok: sql-injection
      return knex.raw(`SELECT * FROM customers WHERE segment = '${segment}'`);
    },
    customerByEmail: async (_: unknown, { email }: { email: string }) => {
      // knex.raw with a ? binding
      // ok: sql-injection
      return knex.raw("SELECT * FROM customers WHERE email = ?", [email]);
    },
    customerDoc: async (_: unknown, args: { filter: Record<string, unknown> }) => {
      // JSON scalar argument as a whole Mongoose filter
      // ruleid: nosql-injection
      return Customer.findOne(args.filter);
    },
    customerDocSafe: async (_: unknown, args: { filter: Record<string, unknown> }) => {
      // mongoose.sanitizeFilter strips operators
      // ok: nosql-injection
      return Customer.findOne(mongoose.sanitizeFilter(args.filter));
    },
    customerByName: async (_: unknown, { name }: { name: unknown }) => {
      // String() coercion of the field value
      // ok: nosql-injection
      return Customer.find({ name: String(name) });
    },
    customerWhere: async (_: unknown, { predicate }: { predicate: string }) => {
      // $where with an argument string
      // ruleid: nosql-injection
      return Customer.find({ $where: `this.tier == '${predicate}'` });
    },
    enrich: async (_: unknown, { webhook }: { webhook: string }) => {
      // got with a resolver argument URL
      // ruleid: ssrf
      return got(webhook, { timeout: { request: 3000 } }).json();
    },
    country: async (_: unknown, { code }: { code: string }) => {
      // constant host, code in the path
      // ok: ssrf
      return got.get(`https://restcountries.example.com/v3/alpha/${encodeURIComponent(code)}`).json();
    },
  },
  Mutation: {
    applyRule: async (_: unknown, { rule, value }: { rule: string; value: number }) => {
      const fn = RULE_FUNCS[rule];
      if (!fn) throw new GraphQLError("unknown rule");
      return fn(Number(value));
    },
    runFormula: async (_: unknown, { formula }: { formula: string }) => {
      // vm.runInNewContext is not a sandbox
      // ruleid: code-injection
      return vm.runInNewContext(formula, { Math });
    },
    buildFilter: async (_: unknown, { body }: { body: string }) => {
      // new Function with an argument body
      // ruleid: code-injection
      const f = new Function("row", body);
      return String(f({}));
    },
    importPrefs: async (_: unknown, { blob }: { blob: string }) => {
      // node-serialize unserialize of an argument
      // ruleid: unsafe-deserialization
      return serialize.unserialize(Buffer.from(blob, "base64").toString());
    },
    importPrefsJson: async (_: unknown, { blob }: { blob: string }) => {
      // JSON.parse is data-only
      // ok: unsafe-deserialization
      return JSON.parse(Buffer.from(blob, "base64").toString());
    },
  },
};

export function userFromToken(ctx: Ctx) {
  if (!ctx.token) return null;
  // jsonwebtoken decode used as authentication
  // ruleid: jwt-not-verified
  const payload = jwt.decode(ctx.token) as { sub: string } | null;
  return payload?.sub ?? null;
}

export function userFromTokenVerified(ctx: Ctx) {
  if (!ctx.token) return null;
  // verify with a fixed algorithm list
  // ok: jwt-not-verified
  const payload = jwt.verify(ctx.token, process.env.JWT_PUBLIC_KEY!, { algorithms: ["RS256"] }) as { sub: string };
  return payload.sub;
}

export function kidOf(token: string) {
  // complete: true to read the header before verify()
  // ok: jwt-not-verified
  return (jwt.decode(token, { complete: true }) as { header: { kid: string } } | null)?.header.kid;
}

export function apiKeyFingerprint(apiKey: string) {
  // md5 over an API key
  // ruleid: weak-password-hash
  return crypto.createHash("md5").update(apiKey).digest("hex");
}
