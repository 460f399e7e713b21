// Property listings on AdonisJS 6 (Lucid, VineJS). Routes in start/routes.ts map to these methods.
import app from "@adonisjs/core/services/app";
import type { HttpContext } from "@adonisjs/core/http";
import db from "@adonisjs/lucid/services/db";
import vine from "@vinejs/vine";
import got from "got";
import path from "node:path";
import Listing from "#models/listing";

const ORDERINGS = { low: "price_cents ASC", high: "price_cents DESC", new: "created_at DESC" } as const;

const importValidator = vine.compile(
  vine.object({
    feedUrl: vine.string().url(),
    agency: vine.string().trim().maxLength(80),
  }),
);

export default class ListingsController {
  async index({ request, response }: HttpContext) {
    const { city = "", sort = "new" } = request.qs();
    const order = ORDERINGS[sort as keyof typeof ORDERINGS] ?? ORDERINGS.new;
    // city bound with ?, ORDER BY from a constant object [extended sink]
    // ok: sql-injection
    const result = await db.rawQuery(`SELECT id, title, price_cents FROM listings WHERE city = ? ORDER BY ${order}`, [city]);
    return response.json(result.rows);
  }

  async search({ request }: HttpContext) {
    const term = request.input("term", "");
    // term from request.input() in an ILIKE literal of rawQuery [beyond docs] [extended sink]
    // ruleid: sql-injection
    const result = await db.rawQuery(`SELECT id, title FROM listings WHERE title ILIKE '%${term}%' LIMIT 50`);
    return result.rows;
  }

  async byAgent({ params }: HttpContext) {
    // route parameter in a Lucid whereRaw condition [extended sink]
    // ruleid: sql-injection
    return Listing.query().whereRaw(`agent_id = ${params.agentId}`).orderBy("created_at", "desc").limit(20);
  }

  async importFeed({ request }: HttpContext) {
    const { feedUrl } = await request.validateUsing(importValidator);
    // VineJS url() checks the syntax, not the host [beyond docs]
    // ruleid: ssrf
    const body = await got(feedUrl, { timeout: { request: 10_000 } }).text();
    return { bytes: body.length };
  }

  async mapTile({ params, response }: HttpContext) {
    // fixed tile host; coordinates coerced with Number()
    // ok: ssrf
    const tile = await got(`https://tiles.mapprovider.example/${Number(params.z)}/${Number(params.x)}/${Number(params.y)}.png`).buffer();
    return response.header("content-type", "image/png").send(tile);
  }

  async brochure({ params, response }: HttpContext) {
    // wildcard route segments joined under storage/brochures and downloaded [extended sink]
    // ruleid: path-traversal
    return response.download(app.makePath("storage/brochures", ...params["*"]));
  }

  async photo({ params, response }: HttpContext) {
    // basename of the route parameter [extended sink]
    // ok: path-traversal
    return response.attachment(app.makePath("storage/photos", path.basename(params.file)));
  }

  async goBack({ request, response }: HttpContext) {
    const to = request.input("to", "/listings");
    // a request.input() value as the redirect path [beyond docs] [extended sink]
    // ruleid: open-redirect
    return response.redirect().toPath(to);
  }

  async afterSave({ params, response }: HttpContext) {
    // target built from a named route [extended sink]
    // ok: open-redirect
    return response.redirect().toRoute("listings.show", { id: params.id });
  }

  async preview({ request, response }: HttpContext) {
    const { title, body } = request.only(["title", "body"]);
    response.header("content-type", "text/html; charset=utf-8");
    // request.only() values in an HTML body [beyond docs] [extended sink]
    // ruleid: xss
    return response.send(`<article><h2>${title}</h2>${body}</article>`);
  }
}
