// Reports module of a NestJS backend: repository + service injected into the controller.

import { BadRequestException, Body, Controller, Get, Injectable, Param, Post, Query, Res } from "@nestjs/common";
import axios from "axios";
import type { Response } from "express";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { Pool } from "pg";

const REPORT_DIR = path.resolve("/var/lib/reports");
const SORT_MAP = new Map([
  ["newest", "created_at DESC"],
  ["oldest", "created_at ASC"],
  ["title", "title ASC"],
]);
const REGION_RE = /^(eu|us|apac)$/;
const METRICS_BASE = process.env.METRICS_URL ?? "https://metrics.internal.example.com";

@Injectable()
export class ReportsRepository {
  constructor(private readonly pool: Pool) {}

  byRegion(region: string) {
    // region interpolated into a quoted literal
    // ruleid: sql-injection
    return this.pool.query(`SELECT id, title FROM reports WHERE region = '${region}'`);
  }

  byId(id: string) {
    // $1 placeholder
    // ok: sql-injection
    return this.pool.query("SELECT * FROM reports WHERE id = $1", [id]);
  }

  sorted(sort: string) {
    const orderBy = SORT_MAP.get(sort) ?? "created_at DESC";
    // ORDER BY from a constant Map with a constant fallback
    // ok: sql-injection
    return this.pool.query(`SELECT id, title FROM reports ORDER BY ${orderBy} LIMIT 100`);
  }

  byTag(tag: string) {
    const clean = tag.replace(/'/g, "''");
    // quotes doubled by hand
    // ruleid: sql-injection
    return this.pool.query(`SELECT id FROM reports WHERE '${clean}' = ANY(tags)`);
  }

  page(limit: string) {
    // parseInt coercion
    // ok: sql-injection
    return this.pool.query(`SELECT id FROM reports ORDER BY id LIMIT ${parseInt(limit, 10) || 20}`);
  }
}

@Injectable()
export class ReportsService {
  constructor(private readonly repo: ReportsRepository) {}

  forRegion(region: string) {
    if (!REGION_RE.test(region)) {
      throw new BadRequestException("unknown region");
    }
    return this.repo.byRegion(region);
  }

  forRegionUnchecked(region: string) {
    return this.repo.byRegion(region);
  }
}

@Controller("reports")
export class ReportsController {
  constructor(
    private readonly service: ReportsService,
    private readonly repo: ReportsRepository,
  ) {}

  @Get("region/:region")
  region(@Param("region") region: string) {
    return this.service.forRegion(region);
  }

  @Get("legacy-region")
  legacyRegion(@Query("r") region: string) {
    return this.service.forRegionUnchecked(region);
  }

  @Get("tag")
  tag(@Query("tag") tag: string) {
    return this.repo.byTag(tag);
  }

  @Get("list")
  list(@Query("sort") sort: string, @Query("limit") limit: string) {
    return Promise.all([this.repo.sorted(sort), this.repo.page(limit)]);
  }

  @Get("download/:file")
  download(@Param("file") file: string, @Res() res: Response) {
    // a route parameter joined to the report directory (Express decodes %2F)
    // ruleid: path-traversal
    res.download(path.join(REPORT_DIR, file));
  }

  @Get("view/:file")
  view(@Param("file") file: string, @Res() res: Response) {
    // sendFile with a root option
    // ok: path-traversal
    res.sendFile(file, { root: REPORT_DIR });
  }

  @Get("raw")
  async raw(@Query("name") name: string) {
    const full = path.resolve(REPORT_DIR, name);
    if (!full.startsWith(REPORT_DIR + path.sep)) {
      throw new BadRequestException("outside reports");
    }
    // resolve + startsWith(base + sep) that throws
    // ok: path-traversal
    return readFile(full, "utf8");
  }

  @Get("stream")
  stream(@Query("name") name: string, @Res() res: Response) {
    if (name.includes("..")) {
      throw new BadRequestException("no dots");
    }
    // blocklist of ".." only; an absolute name passes path.resolve
    // ruleid: path-traversal
    createReadStream(path.resolve(REPORT_DIR, name)).pipe(res);
  }

  @Post("render")
  async render(@Body() body: { chartUrl: string }) {
    // the chart image URL from the JSON body
    // ruleid: ssrf
    const img = await axios.get(body.chartUrl, { responseType: "arraybuffer" });
    return img.data;
  }

  @Get("metrics/:name")
  async metrics(@Param("name") name: string) {
    // configured base URL followed by a path
    // ok: ssrf
    const r = await fetch(`${METRICS_BASE}/api/v1/query?name=${encodeURIComponent(name)}`);
    return r.json();
  }

  @Get("go")
  go(@Query("next") next: string, @Res() res: Response) {
    // a query value as the redirect target
    // ruleid: open-redirect
    res.redirect(next);
  }

  @Get("back")
  back(@Query("page") page: string, @Res() res: Response) {
    // constant path prefix
    // ok: open-redirect
    res.redirect(`/reports?page=${encodeURIComponent(page)}`);
  }
}
