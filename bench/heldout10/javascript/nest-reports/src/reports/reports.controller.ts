import { BadRequestException, Body, Controller, Get, Param, ParseIntPipe, Post, Query, Redirect, Res } from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import { InjectDataSource } from "@nestjs/typeorm";
import { firstValueFrom } from "rxjs";
import { DataSource } from "typeorm";
import type { Response } from "express";
import * as path from "node:path";

const REPORT_DIR = "/srv/reports/pdf";
const GROUP_COLUMNS = new Set(["region", "channel", "product_line"]);
const PARTNER_API = "https://api.partner-bi.example/v3/";

@Controller("reports")
export class ReportsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly http: HttpService,
  ) {}

  @Get(":id")
  async byId(@Param("id", ParseIntPipe) id: number) {
    // ParseIntPipe makes the id a number
    // ok: sql-injection
    return this.dataSource.query(`SELECT * FROM report WHERE id = ${id}`);
  }

  @Get()
  async search(@Query("owner") owner: string, @Query("group") group: string) {
    const qb = this.dataSource.createQueryBuilder().select("r").from("report", "r");
    // owner is passed in the parameters object
    // ok: sql-injection
    qb.where("r.owner = :owner", { owner });
    // the group column spliced into a condition string
    // ruleid: sql-injection
    qb.andWhere(`r.${group} IS NOT NULL`);
    return qb.getMany();
  }

  @Get("totals/:group")
  async totals(@Param("group") group: string) {
    if (!GROUP_COLUMNS.has(group)) throw new BadRequestException("unknown group");
    // allowlisted column with a throw
    // ok: sql-injection
    return this.dataSource.query(`SELECT ${group}, SUM(amount) FROM sale GROUP BY ${group}`);
  }

  @Get("file/:name")
  download(@Param("name") name: string, @Res() res: Response) {
    // sendFile with root keeps the name inside the folder
    // ok: path-traversal
    res.sendFile(name, { root: REPORT_DIR });
  }

  @Get("raw/:name")
  raw(@Param("name") name: string, @Res() res: Response) {
    // the route parameter joined onto the folder
    // ruleid: path-traversal
    res.download(path.join(REPORT_DIR, name));
  }

  @Post("sync")
  async sync(@Body() body: { dataset: string; endpoint: string }) {
    // constant https base; the dataset only fills the path
    // ok: ssrf
    await firstValueFrom(this.http.get(PARTNER_API + encodeURIComponent(body.dataset)));
    // the endpoint from the body
    // ruleid: ssrf
    const { data } = await firstValueFrom(this.http.post(body.endpoint, { dataset: body.dataset }));
    return data;
  }

  @Get("open")
  @Redirect()
  open(@Query("to") to: string) {
    // [extended sink] the @Redirect handler returns the caller's URL
    // ruleid: open-redirect
    return { url: to };
  }
}
