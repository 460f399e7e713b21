// Shop API on Bun with Elysia and bun:sqlite.
import { Database } from "bun:sqlite";
import { Elysia, t } from "elysia";
import { basename } from "node:path";

const db = new Database("/srv/shop/shop.sqlite");
const UPLOADS = "/srv/shop/uploads";

export const app = new Elysia()
  .get("/items/:id", ({ params }) => {
    // bun:sqlite prepare() with the route param in the SQL text
    // ruleid: sql-injection
    return db.prepare(`SELECT * FROM items WHERE id = ${params.id}`).get();
  })
  .get("/items/by-sku/:sku", ({ params: { sku } }) => {
    // ? placeholder with the value passed to get()
    // ok: sql-injection
    return db.prepare("SELECT * FROM items WHERE sku = ?").get(sku);
  })
  .get(
    "/items",
    ({ query }) => {
      // [beyond docs] an Elysia query schema of string literals limits sort to "name" or "price"
      // ok: sql-injection
      return db.prepare(`SELECT * FROM items ORDER BY ${query.sort}`).all();
    },
    { query: t.Object({ sort: t.Union([t.Literal("name"), t.Literal("price")]) }) },
  )
  .get(
    "/search",
    ({ query }) => {
      // [beyond docs] t.String() admits any text
      // ruleid: sql-injection
      return db.prepare(`SELECT * FROM items WHERE name LIKE '%${query.q}%'`).all();
    },
    { query: t.Object({ q: t.String() }) },
  )
  .post("/items/:id/delete", ({ params }) => {
    // bun:sqlite run() with the param in a DELETE
    // ruleid: sql-injection
    db.run(`DELETE FROM items WHERE id = '${params.id}'`);
    return { ok: true };
  })
  .get("/thumb", ({ query }) => {
    // sh -c with the file name in the command string
    // ruleid: command-injection
    Bun.spawn(["sh", "-c", `convert ${UPLOADS}/${query.file} -resize 64x64 /tmp/thumb.png`]);
    // the fixed program with the file as one argument
    // ok: command-injection
    Bun.spawn(["convert", `${UPLOADS}/${query.file}`, "-resize", "64x64", "/tmp/thumb.png"]);
    return "queued";
  })
  .get("/download", ({ query }) => {
    // Bun.file with the query name under the uploads folder
    // ruleid: path-traversal
    return Bun.file(`${UPLOADS}/${query.name}`);
  })
  .post("/upload", async ({ body }) => {
    // basename() of the body name before Bun.write
    // ok: path-traversal
    await Bun.write(`${UPLOADS}/${basename(body.name)}`, body.data);
    return { ok: true };
  }, { body: t.Object({ name: t.String(), data: t.File() }) })
  .get("/fetch-image", async ({ query }) => {
    // a query URL fetched by the server
    // ruleid: ssrf
    const res = await fetch(query.src);
    return new Response(await res.arrayBuffer());
  })
  .get("/out", ({ query, redirect }) => {
    // [extended sink] Elysia's redirect() with a query value
    // ruleid: open-redirect
    return redirect(query.to);
  })
  .listen(3000);
