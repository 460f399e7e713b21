import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { execa } from "execa";
import { z } from "zod";
import { db } from "../db";
import { products } from "../db/schema";
import { protectedProcedure, router } from "../trpc";

const CATALOG_DIR = path.resolve(process.env.CATALOG_DIR ?? "./catalog");
const IMAGE_DIR = path.resolve(process.env.IMAGE_DIR ?? "./public/images");

export const catalogRouter = router({
  bySku: protectedProcedure.input(z.object({ sku: z.string() })).query(async ({ input }) => {
    // drizzle's query builder and the sql tag bind the sku
    // ok: sql-injection
    const rows = await db.execute(sql`select * from products where sku = ${input.sku}`);
    const row = await db.select().from(products).where(eq(products.sku, input.sku));
    return { rows: rows.rows, row };
  }),

  list: protectedProcedure
    .input(z.object({ sort: z.enum(["name", "price", "updated_at"]), dir: z.enum(["asc", "desc"]) }))
    .query(async ({ input }) => {
      // sort and direction are closed z.enum fields
      // ok: sql-injection
      return db.execute(sql.raw(`select id, name, price from products order by ${input.sort} ${input.dir} limit 100`));
    }),

  search: protectedProcedure.input(z.object({ q: z.string().min(1).max(64) })).query(async ({ input }) => {
    // a length-limited z.string() is any text
    // ruleid: sql-injection
    return db.execute(sql.raw(`select id, name from products where name ilike '%${input.q}%'`));
  }),

  sheet: protectedProcedure.input(z.object({ file: z.string() })).query(async ({ input }) => {
    // the file name joined to the catalog directory as it came
    // ruleid: path-traversal
    return readFile(path.join(CATALOG_DIR, input.file), "utf8");
  }),

  sheetByName: protectedProcedure.input(z.object({ file: z.string() })).query(async ({ input }) => {
    // basename() keeps the last segment only
    // ok: path-traversal
    return readFile(path.join(CATALOG_DIR, path.basename(input.file)), "utf8");
  }),

  sheetBySlug: protectedProcedure
    .input(z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) }))
    .query(async ({ input }) => {
      // an anchored slug regex in the input schema: no separator or dot [beyond docs]
      // ok: path-traversal
      return readFile(path.join(CATALOG_DIR, `${input.slug}.json`), "utf8");
    }),

  importFeed: protectedProcedure.input(z.object({ feedUrl: z.string().url() })).mutation(async ({ input }) => {
    // z.string().url() checks the syntax, not the host
    // ruleid: ssrf
    const res = await fetch(input.feedUrl);
    const items = (await res.json()) as Array<{ sku: string; name: string }>;
    // writes under a fixed name
    // ok: path-traversal
    await writeFile(path.join(CATALOG_DIR, "last-import.json"), JSON.stringify(items));
    return { imported: items.length };
  }),

  resizeImage: protectedProcedure
    .input(z.object({ image: z.string(), width: z.coerce.number().int().positive() }))
    .mutation(async ({ input }) => {
      const source = path.join(IMAGE_DIR, path.basename(input.image));
      // execa with an argument list, no shell [extended sink]
      // ok: command-injection
      await execa("convert", [source, "-resize", `${input.width}x`, `${source}.web.jpg`]);
      // execa asked for a shell, with the image name in the command [extended sink]
      // ruleid: command-injection
      await execa(`convert ${source} -strip ${source}.strip.jpg`, { shell: true });
      return { ok: true };
    }),

  purgeCache: protectedProcedure.input(z.object({ prefix: z.string() })).mutation(async ({ input, ctx }) => {
    if (!ctx.user.isAdmin) throw new TRPCError({ code: "FORBIDDEN" });
    // an admin-only procedure still runs the prefix through a shell [extended sink]
    // ruleid: command-injection
    await execa(`rm -rf ${IMAGE_DIR}/cache/${input.prefix}*`, { shell: true });
    return { ok: true };
  }),
});
