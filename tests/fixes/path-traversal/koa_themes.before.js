const Koa = require("koa");
const Router = require("@koa/router");
const fs = require("fs");

const app = new Koa();
const router = new Router();
const THEMES_DIR = "/srv/themes";

router.get("/themes", async (ctx) => {
  ctx.body = await fs.promises.readFile(THEMES_DIR + "/" + ctx.query.file, "utf8");
});

app.use(router.routes());
app.listen(3000);
