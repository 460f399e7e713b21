import Koa from 'koa';
import he from 'he';

const app = new Koa();

app.use(async (ctx: Koa.Context) => {
  const name = ctx.query.name as string;
  if (ctx.path === '/raw') {
    // ruleid: javascript-xss-express-response
    ctx.body = `<h1>Hi ${name}</h1>`;
  } else {
    // ok: javascript-xss-express-response
    ctx.body = `<h1>Hi ${he.encode(name)}</h1>`;
  }
});
