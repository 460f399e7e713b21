// tRPC v11 router with drizzle-orm, zod inputs and outbound fetches.
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { sql, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { exec } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { links, users } from "./schema";

const t = initTRPC.create();
const db = drizzle(process.env.DATABASE_URL!);
const DOCS_DIR = path.resolve("content/docs");
const ALLOWED_FEEDS = new Set(["blog.example.com", "status.example.com"]);

export const appRouter = t.router({
  userByEmail: t.procedure.input(z.object({ email: z.string().email() })).query(async ({ input }) => {
    // drizzle query builder with eq()
    // ok: sql-injection
    return db.select().from(users).where(eq(users.email, input.email));
  }),

  searchLinks: t.procedure.input(z.object({ term: z.string() })).query(async ({ input }) => {
    // drizzle sql template: interpolations are bound parameters [extended sink]
    // ok: sql-injection
    return db.execute(sql`SELECT id, url FROM links WHERE title ILIKE ${"%" + input.term + "%"}`);
  }),

  sortedLinks: t.procedure.input(z.object({ orderBy: z.string() })).query(async ({ input }) => {
    // drizzle sql.raw with a procedure input [extended sink]
    // ruleid: sql-injection
    return db.execute(sql`SELECT id, url FROM links ORDER BY ${sql.raw(input.orderBy)}`);
  }),

  sortedLinksSafe: t.procedure.input(z.object({ orderBy: z.enum(["created_at", "title"]) })).query(async ({ input }) => {
    // z.enum input validated by tRPC before the resolver [extended sink] [beyond docs]
    // ok: sql-injection
    return db.execute(sql`SELECT id, url FROM links ORDER BY ${sql.raw(input.orderBy)}`);
  }),

  unfurl: t.procedure.input(z.object({ url: z.string().url() })).mutation(async ({ input }) => {
    // z.string().url() checks syntax, not the destination
    // ruleid: ssrf
    const res = await fetch(input.url, { redirect: "follow" });
    return { title: (await res.text()).match(/<title>(.*?)<\/title>/)?.[1] ?? null };
  }),

  feed: t.procedure.input(z.object({ url: z.string().url() })).query(async ({ input }) => {
    const parsed = new URL(input.url);
    if (!ALLOWED_FEEDS.has(parsed.hostname)) {
      throw new TRPCError({ code: "FORBIDDEN" });
    }
    // hostname allowlist that throws
    // ok: ssrf
    const res = await fetch(parsed, { redirect: "manual" });
    return res.text();
  }),

  docPage: t.procedure.input(z.object({ slug: z.string() })).query(({ input }) => {
    // procedure input joined under the docs dir
    // ruleid: path-traversal
    return readFileSync(path.join(DOCS_DIR, `${input.slug}.mdx`), "utf8");
  }),

  docPageSafe: t.procedure.input(z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) })).query(({ input }) => {
    // anchored zod regex (no dots or slashes) validated before the resolver [beyond docs]
    // ok: path-traversal
    return readFileSync(path.join(DOCS_DIR, `${input.slug}.mdx`), "utf8");
  }),

  ping: t.procedure.input(z.object({ host: z.string().min(1).max(253) })).mutation(({ input }) => {
    return new Promise<string>((resolve) => {
      // length limits only, then exec
      // ruleid: command-injection
      exec(`ping -c 1 ${input.host}`, (_err, stdout) => resolve(stdout));
    });
  }),

  pingSafe: t.procedure.input(z.object({ host: z.string().ip({ version: "v4" }) })).mutation(({ input }) => {
    return new Promise<string>((resolve) => {
      // z.string().ip() allows only an IPv4 literal [beyond docs]
      // ok: command-injection
      exec(`ping -c 1 ${input.host}`, (_err, stdout) => resolve(stdout));
    });
  }),
});

export type AppRouter = typeof appRouter;
