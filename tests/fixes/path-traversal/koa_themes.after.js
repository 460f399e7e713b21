const Koa = require("koa");
const Router = require("@koa/router");
const fs = require("fs");
const path = require("path");

const app = new Koa();
const router = new Router();
const THEMES_DIR = "/srv/themes";
const ATTACHMENTS = "/var/lib/attachments";

router.get("/themes", async (ctx) => {
  const root = path.resolve(THEMES_DIR);
  const resolved = path.resolve(THEMES_DIR + "/" + ctx.query.file);
  if (!resolved.startsWith(root + path.sep)) {
    return ctx.throw(400, "path not allowed");
  }
  ctx.body = await fs.promises.readFile(resolved, "utf8");
});

router.post("/attachments/copy", async (ctx) => {
  const { from } = ctx.request.body;
  // An arrow function with an expression body gets a block for the check.
  const openSource = () => {
    const root = path.resolve(ATTACHMENTS);
    const resolved = path.resolve(`${ATTACHMENTS}/${from}`);
    if (!resolved.startsWith(root + path.sep)) {
      return ctx.throw(400, "path not allowed");
    }
    return fs.createReadStream(resolved);
  };
  ctx.body = openSource();
});

app.use(router.routes());
app.listen(3000);
