const Koa = require("koa");
const Router = require("@koa/router");
const fs = require("fs");

const app = new Koa();
const router = new Router();
const THEMES_DIR = "/srv/themes";
const ATTACHMENTS = "/var/lib/attachments";

router.get("/themes", async (ctx) => {
  ctx.body = await fs.promises.readFile(THEMES_DIR + "/" + ctx.query.file, "utf8");
});

router.post("/attachments/copy", async (ctx) => {
  const { from } = ctx.request.body;
  // An arrow function with an expression body gets a block for the check.
  const openSource = () => fs.createReadStream(`${ATTACHMENTS}/${from}`);
  ctx.body = openSource();
});

app.use(router.routes());
app.listen(3000);
