import Koa from 'koa';
import axios from 'axios';

const app = new Koa();
const allowed: string[] = ['https://hooks.example.com/a', 'https://hooks.example.com/b'];
const client = axios.create({ timeout: 2000 });

app.use(async (ctx: Koa.Context) => {
  const hook: string = ctx.request.body.hook;
  // ruleid: javascript-ssrf-http-client-url
  await client.post(hook, { event: 'ping' });

  // ruleid: javascript-ssrf-http-client-url
  const api = axios.create({ baseURL: ctx.query.tenant as string });

  if (allowed.includes(hook)) {
    // ok: javascript-ssrf-http-client-url
    await client.post(hook, { event: 'ping' });
  }

  const page: number = parseInt(ctx.query.page as string, 10);
  // ok: javascript-ssrf-http-client-url
  ctx.body = (await fetch(`https://api.example.com/list?page=${page}`)).status;
});
