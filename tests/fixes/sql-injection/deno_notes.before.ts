import { Client } from "https://deno.land/x/postgres@v0.17.0/mod.ts";

const db = new Client(Deno.env.get("DATABASE_URL"));

Deno.serve(async (req) => {
  const tag = new URL(req.url).searchParams.get("tag") ?? "";
  const { rows } = await db.queryObject(`SELECT id, title FROM note WHERE tag = '${tag}'`);
  return Response.json(rows);
});
