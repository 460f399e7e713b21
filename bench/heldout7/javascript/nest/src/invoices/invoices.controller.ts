import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  HttpException,
  HttpStatus,
  Injectable,
  Param,
  Post,
  Query,
  Redirect,
  Res,
  StreamableFile,
  UseGuards,
} from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import { InjectDataSource } from "@nestjs/typeorm";
import axios from "axios";
import type { Response } from "express";
import { exec, execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import jwt from "jsonwebtoken";
import { firstValueFrom } from "rxjs";
import { DataSource } from "typeorm";

const PDF_ROOT = path.resolve("/srv/billing/pdf");
const TEMPLATE_ROOT = path.resolve("/srv/billing/templates");
const SORTABLE = new Set(["issued_at", "due_at", "total_cents"]);
const FX_BASE = "https://fx.billing-internal.example/v1/";
const WEBHOOK_HOSTS = new Set(["hooks.accounting-partner.example", "erp.customer-portal.example"]);
const execFileAsync = promisify(execFile);

class InvoiceQueryDto {
  customer!: string;
  status?: string;
  sort?: string;
}

@Injectable()
export class BillingScopeGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
    // jsonwebtoken decode() reads the claims without checking the signature
    // ruleid: jwt-not-verified
    const claims = jwt.decode(token) as { scope?: string } | null;
    return claims?.scope === "billing:read";
  }
}

@Controller("invoices")
@UseGuards(BillingScopeGuard)
export class InvoicesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly http: HttpService,
  ) {}

  @Get()
  async list(@Query() q: InvoiceQueryDto) {
    const sort = q.sort && SORTABLE.has(q.sort) ? q.sort : "issued_at";
    // customer bound as $1, sort column only from the allowlist [extended sink]
    // ok: sql-injection
    return this.db.query(`SELECT id, number, total_cents FROM invoices WHERE customer_id = $1 ORDER BY ${sort} DESC`, [q.customer]);
  }

  @Get("search")
  async search(@Query("term") term: string, @Query("status") status = "open") {
    // query values inside quoted literals of DataSource.query [extended sink]
    // ruleid: sql-injection
    return this.db.query(`SELECT id, number FROM invoices WHERE status = '${status}' AND memo ILIKE '%${term}%'`);
  }

  @Get("by-customer")
  async byCustomer(@Query("email") email: string) {
    // query-builder where() with the value interpolated into the condition
    // ruleid: sql-injection
    return this.db.createQueryBuilder().select("i.*").from("invoices", "i").where(`i.customer_email = '${email}'`).getRawMany();
  }

  @Get(":id/lines")
  async lines(@Param("id") id: string) {
    const invoiceId = Number.parseInt(id, 10);
    if (Number.isNaN(invoiceId)) throw new HttpException("bad id", HttpStatus.BAD_REQUEST);
    // named parameter in the builder's parameters object
    // ok: sql-injection
    return this.db
      .createQueryBuilder()
      .select(["l.sku", "l.qty", "l.amount_cents"])
      .from("invoice_lines", "l")
      .where("l.invoice_id = :invoiceId", { invoiceId })
      .getRawMany();
  }

  @Get(":number/pdf")
  async pdf(@Param("number") number: string, @Res() res: Response) {
    // route parameter (decoded, so %2F works) joined under the PDF root, sendFile without root
    // ruleid: path-traversal
    res.sendFile(path.join(PDF_ROOT, `${number}.pdf`));
  }

  @Get(":number/pdf-inline")
  async pdfInline(@Param("number") number: string, @Res() res: Response) {
    // sendFile with a root option
    // ok: path-traversal
    res.sendFile(`${number}.pdf`, { root: PDF_ROOT });
  }

  @Get("attachments/:name")
  async attachment(@Param("name") name: string) {
    const full = path.resolve(PDF_ROOT, "attachments", name);
    if (!full.startsWith(PDF_ROOT + path.sep)) throw new HttpException("forbidden", HttpStatus.FORBIDDEN);
    // resolved path checked against the root plus a separator, throw otherwise
    // ok: path-traversal
    return new StreamableFile(createReadStream(full));
  }

  @Get("templates/:lang")
  async template(@Param("lang") lang: string) {
    if (lang.includes("..")) throw new HttpException("bad language", HttpStatus.BAD_REQUEST);
    // ".." blocklist before path.resolve: an absolute "/etc/x" replaces the base
    // ruleid: path-traversal
    return new StreamableFile(createReadStream(path.resolve(TEMPLATE_ROOT, `${lang}.hbs`)));
  }

  @Get("fx/:currency")
  async fx(@Param("currency") currency: string) {
    // constant base URL ending in "/", the currency encoded into the path [extended sink]
    // ok: ssrf
    const { data } = await firstValueFrom(this.http.get(`${FX_BASE}rates/${encodeURIComponent(currency)}`));
    return data;
  }

  @Post("webhooks/test")
  async testWebhook(@Body() body: { url: string }) {
    // Nest HttpService posting to a URL from the body [extended sink]
    // ruleid: ssrf
    const res = await firstValueFrom(this.http.post(body.url, { event: "invoice.test" }));
    return { status: res.status };
  }

  @Post("webhooks/deliver")
  async deliver(@Body("url") url: string, @Body("invoice") invoice: string) {
    const { hostname, protocol } = new URL(url);
    if (protocol !== "https:" || !WEBHOOK_HOSTS.has(hostname)) {
      throw new HttpException("host not allowed", HttpStatus.BAD_REQUEST);
    }
    // https plus a hostname Set allowlist with a throw
    // ok: ssrf
    await axios.post(url, { event: "invoice.issued", invoice });
    return { delivered: true };
  }

  @Post(":number/render")
  async render(@Param("number") number: string, @Body("paper") paper = "A4") {
    // paper size from the body in an exec command line
    // ruleid: command-injection
    exec(`wkhtmltopdf --page-size ${paper} https://billing.internal.example/print/${number} ${PDF_ROOT}/${number}.pdf`);
    return { queued: true };
  }

  @Post(":number/render-safe")
  async renderSafe(@Param("number") number: string, @Body("paper") paper: string) {
    // execFile with an argument array
    // ok: command-injection
    await execFileAsync("wkhtmltopdf", ["--page-size", paper, `https://billing.internal.example/print/${number}`, path.join(PDF_ROOT, `${path.basename(number)}.pdf`)]);
    return { done: true };
  }

  @Get(":number/pay")
  pay(@Param("number") number: string, @Query("return") returnUrl: string, @Res() res: Response) {
    if (!returnUrl) {
      // constant payment host, invoice number in the query
      // ok: open-redirect
      return res.redirect(`https://pay.provider.example/checkout?invoice=${encodeURIComponent(number)}`);
    }
    // the return URL from the query redirected unchecked
    // ruleid: open-redirect
    return res.redirect(returnUrl);
  }

  @Get("portal")
  @Redirect("https://portal.billing.example", 302)
  portal(@Query("to") to?: string) {
    // Nest's @Redirect: a returned { url } replaces the target [extended sink]
    // ruleid: open-redirect
    if (to) return { url: to };
    return undefined;
  }
}
