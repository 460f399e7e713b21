// Recipe API on Koa: koa-router, knex next to raw SQL, a service object, uploads.
const Router = require("@koa/router");
const knex = require("knex")({ client: "pg", connection: process.env.DATABASE_URL });
const axios = require("axios");
const path = require("path");
const fs = require("fs");
const { spawn } = require("child_process");
const Joi = require("joi");

const router = new Router({ prefix: "/api" });

const CUISINES = new Set(["italian", "thai", "mexican", "indian"]);
const NUTRITION_API = "https://nutrition.example.net/v1/";
const PHOTO_DIR = path.resolve(__dirname, "..", "photos");

const searchSchema = Joi.object({
  cuisine: Joi.string().valid(...CUISINES),
  q: Joi.string().max(100).allow(""),
  page: Joi.number().integer().min(1).default(1),
});

function recipeService(db) {
  return {
    async byCuisine(cuisine, q, page) {
      // knex builder binds q; cuisine is a Joi valid() value
      // ok: sql-injection
      return db("recipes").where("cuisine", cuisine).andWhere("title", "ilike", `%${q}%`).offset((page - 1) * 20).limit(20);
    },
    async byAuthor(author) {
      // raw with the author spliced
      // ruleid: sql-injection
      return db.raw(`SELECT * FROM recipes WHERE author = '${author}'`);
    },
    async byAuthorBound(author) {
      // ok: sql-injection
      return db.raw("SELECT * FROM recipes WHERE author = ?", [author]);
    },
    async orderedBy(column) {
      // knex whereRaw with a column from the caller [extended sink]
      // ruleid: sql-injection
      return db("recipes").whereRaw(`${column} IS NOT NULL`).orderBy("id");
    },
  };
}

const recipes = recipeService(knex);

router.get("/recipes", async (ctx) => {
  const { value, error } = searchSchema.validate(ctx.query);
  if (error) ctx.throw(400, error.message);
  ctx.body = await recipes.byCuisine(value.cuisine, value.q, value.page);
});

router.get("/recipes/by/:author", async (ctx) => {
  ctx.body = ctx.query.bound ? await recipes.byAuthorBound(ctx.params.author) : await recipes.byAuthor(ctx.params.author);
});

router.get("/recipes/with/:column", async (ctx) => {
  ctx.body = await recipes.orderedBy(ctx.params.column);
});

router.get("/recipes/:id/nutrition", async (ctx) => {
  const id = Number(ctx.params.id);
  // constant base, number in the path
  // ok: ssrf
  const { data } = await axios.get(`${NUTRITION_API}recipes/${id}`);
  ctx.body = data;
});

router.post("/recipes/import", async (ctx) => {
  const { sourceUrl } = ctx.request.body;
  let url;
  try {
    url = new URL(sourceUrl);
  } catch {
    ctx.throw(400, "bad url");
  }
  // new URL() only checks the format
  // ruleid: ssrf
  const { data } = await axios.get(url.toString());
  ctx.body = { length: data.length };
});

router.get("/photos/:name", async (ctx) => {
  const name = path.basename(ctx.params.name);
  ctx.type = path.extname(name);
  // basename
  // ok: path-traversal
  ctx.body = fs.createReadStream(path.join(PHOTO_DIR, name));
});

router.get("/photos/:cuisine/:name", async (ctx) => {
  const { cuisine, name } = ctx.params;
  if (!CUISINES.has(cuisine)) ctx.throw(404);
  // cuisine allowlisted (ctx.throw exits), name not
  // ruleid: path-traversal
  ctx.body = fs.createReadStream(path.join(PHOTO_DIR, cuisine, name));
});

router.post("/photos/:name/resize", async (ctx) => {
  const name = path.basename(ctx.params.name);
  const { width } = ctx.request.body;
  // spawn with shell: true and the width from the body
  // ruleid: command-injection
  spawn(`convert ${PHOTO_DIR}/${name} -resize ${width} ${PHOTO_DIR}/thumb-${name}`, { shell: true });
  // no shell, argument list
  // ok: command-injection
  spawn("convert", [path.join(PHOTO_DIR, name), "-resize", String(Number(width)), path.join(PHOTO_DIR, `thumb-${name}`)]);
  ctx.status = 202;
});

router.get("/recipes/:id/print", async (ctx) => {
  const recipe = await knex("recipes").where("id", Number(ctx.params.id)).first();
  const note = ctx.query.note || "";
  ctx.type = "html";
  // the query's note in an HTML Koa body [extended sink]
  // ruleid: xss
  ctx.body = `<article><h1>${recipe.title}</h1><p>${note}</p></article>`;
});

router.get("/out", async (ctx) => {
  const target = String(ctx.query.url || "/");
  // ruleid: open-redirect
  ctx.redirect(target);
});

router.get("/cuisine/:c", async (ctx) => {
  const c = ctx.params.c;
  // allowlisted cuisine in a constant path
  // ok: open-redirect
  ctx.redirect(CUISINES.has(c) ? `/recipes?cuisine=${c}` : "/recipes");
});

module.exports = router;

const vm = require("vm");
const { exec } = require("child_process");

const UNIT_FACTORS = { g: 1, kg: 1000, oz: 28.35, lb: 453.6 };

router.post("/recipes/scale", async (ctx) => {
  const { expression, servings } = ctx.request.body;
  // an expression from the body run in a vm context (not a security boundary)
  // ruleid: code-injection
  const factor = vm.runInNewContext(expression, { servings: Number(servings) });
  ctx.body = { factor };
});

router.post("/recipes/convert", async (ctx) => {
  const { unit, amount } = ctx.request.body;
  const factor = UNIT_FACTORS[unit];
  if (factor === undefined) ctx.throw(400, "unknown unit");
  ctx.body = { grams: Number(amount) * factor };
});

router.post("/recipes/:id/pdf", async (ctx) => {
  const id = Number.parseInt(ctx.params.id, 10);
  const { paper = "a4", title } = ctx.request.body;
  // default parameter for paper, but the body's title is spliced
  // ruleid: command-injection
  exec(`wkhtmltopdf --page-size ${paper} --title "${title}" http://localhost:3000/print/${id} /tmp/recipe-${id}.pdf`);
  ctx.status = 202;
});

router.post("/recipes/:id/pdf-safe", async (ctx) => {
  const id = Number.parseInt(ctx.params.id, 10);
  const paper = ["a4", "letter"].includes(ctx.request.body.paper) ? ctx.request.body.paper : "a4";
  // id parsed, paper from a literal list
  // ok: command-injection
  exec(`wkhtmltopdf --page-size ${paper} http://localhost:3000/print/${id} /tmp/recipe-${id}.pdf`);
  ctx.status = 202;
});

router.get("/photos/by-path", async (ctx) => {
  const rel = String(ctx.query.p || "");
  const full = path.resolve(PHOTO_DIR, rel);
  if (!full.startsWith(PHOTO_DIR)) ctx.throw(403);
  // prefix test without a separator: /photos-private passes
  // ruleid: path-traversal
  ctx.body = fs.createReadStream(full);
});

router.get("/photos/by-path-v2", async (ctx) => {
  const rel = String(ctx.query.p || "");
  const full = path.resolve(PHOTO_DIR, rel);
  if (!full.startsWith(PHOTO_DIR + path.sep)) ctx.throw(403);
  // resolved, separator-terminated prefix, ctx.throw exits
  // ok: path-traversal
  ctx.body = fs.createReadStream(full);
});
