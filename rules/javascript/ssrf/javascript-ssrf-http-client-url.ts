import { HttpService } from '@nestjs/axios';
import { BadRequestException, Body, Controller, Get, Injectable, Post, Query } from '@nestjs/common';
import { error, json } from '@sveltejs/kit';
import axios from 'axios';
import Koa from 'koa';
import { firstValueFrom } from 'rxjs';
import type { PageServerLoad, RequestHandler } from './$types';

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

// ---------------------------------------------------------------- NestJS HttpService

const PARTNER_HOSTS = new Set(['api.partner.example', 'hooks.slack.com']);

@Controller('preview')
export class PreviewController {
  constructor(private readonly http: HttpService) {}

  @Get()
  async preview(@Query('url') url: string) {
    // ruleid: javascript-ssrf-http-client-url
    const { data } = await this.http.axiosRef.get(url);
    return data;
  }

  @Post('import')
  async import(@Body() body: { feed: string }) {
    // ruleid: javascript-ssrf-http-client-url
    const result = await firstValueFrom(this.http.get(body.feed));
    return result.data;
  }

  @Get('status')
  async status(@Query('service') service: string) {
    // a constant host: the client picks only the path
    // ok: javascript-ssrf-http-client-url
    const result = await firstValueFrom(this.http.get(`https://status.partner.example/${service}`));
    return result.data;
  }
}

@Injectable()
export class WebhookController {
  constructor(private readonly httpService: HttpService) {}

  @Post('hooks/test')
  async test(@Body('target') target: string) {
    // ruleid: javascript-ssrf-http-client-url
    const response = await firstValueFrom(this.httpService.post(target, { ping: true }));
    return response.status;
  }

  @Post('hooks/test-checked')
  async testChecked(@Body('target') target: string) {
    if (!PARTNER_HOSTS.has(new URL(target).hostname)) {
      throw new BadRequestException('host not allowed');
    }
    // ok: javascript-ssrf-http-client-url
    const response = await firstValueFrom(this.httpService.post(target, { ping: true }));
    return response.status;
  }
}

// ---------------------------------------------------------------- SvelteKit

const FEEDS: Record<string, string> = {
  news: 'https://feeds.example.com/news.json',
  blog: 'https://feeds.example.com/blog.json',
};

export const load: PageServerLoad = async ({ url, fetch }) => {
  // the fetch of a load function requests from the server
  const target = url.searchParams.get('src') ?? '';
  // ruleid: javascript-ssrf-http-client-url
  const res = await fetch(target);
  return { preview: await res.text() };
};

export const POST: RequestHandler = async (event) => {
  const { hook } = await event.request.json();
  // ruleid: javascript-ssrf-http-client-url
  await event.fetch(hook, { method: 'POST' });
  return json({ ok: true });
};

export const PUT: RequestHandler = async (event) => {
  const feed = event.url.searchParams.get('feed') ?? '';
  if (!Object.values(FEEDS).includes(feed)) {
    throw error(404, 'unknown feed');
  }
  // ok: javascript-ssrf-http-client-url
  const res = await event.fetch(feed);
  return json(await res.json());
};

export const PATCH: RequestHandler = async (event) => {
  // a relative path: SvelteKit resolves it against the app's own origin
  // ok: javascript-ssrf-http-client-url
  const res = await event.fetch(`/api/items/${event.params.id}`);
  return json(await res.json());
};

export const DELETE: RequestHandler = async (event) => {
  // ok: javascript-ssrf-http-client-url
  const res = await event.fetch('/api/feeds/' + event.params.feed, { method: 'DELETE' });
  return json({ ok: res.ok });
};

export const OPTIONS: RequestHandler = async (event) => {
  // "//host" after the slash is another host, not a path
  // ruleid: javascript-ssrf-http-client-url
  const res = await event.fetch('/' + event.url.searchParams.get('next'));
  return json({ ok: res.ok });
};
