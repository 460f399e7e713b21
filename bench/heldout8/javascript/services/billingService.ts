// Billing services of a plain TypeScript backend (no framework): knex and Sequelize repositories,
// ERP and currency clients, invoice storage on disk. Imported by the HTTP layer in another package.
import type { Knex } from "knex";
import { QueryTypes, Sequelize } from "sequelize";
import axios from "axios";
import { promises as fsp } from "node:fs";
import path from "node:path";

const erp = axios.create({ baseURL: "https://erp.internal.example/api/", timeout: 5000 });
const REGIONS = new Set(["eu", "us", "apac"]);

export class InvoiceService {
  constructor(
    private readonly db: Knex,
    private readonly storageRoot: string,
  ) {}

  async search(term: string, orderBy: string) {
    // ? for the value and ?? for the identifier: both bound by knex
    // ok: sql-injection
    return this.db.raw("SELECT * FROM invoices WHERE memo ILIKE ? ORDER BY ??", [`%${term}%`, orderBy]);
  }

  async totalsSince(date: string) {
    // method parameter spliced into knex.raw
    // ruleid: sql-injection
    return this.db.raw(`SELECT SUM(total) AS total FROM invoices WHERE issued_at >= '${date}'`);
  }

  async overdue(days: number) {
    // bound value [extended sink]
    // ok: sql-injection
    return this.db("invoices").whereRaw("due_at < now() - (? * interval '1 day')", [days]);
  }

  async byRegion(region: string) {
    // knex whereRaw text with the parameter [extended sink]
    // ruleid: sql-injection
    return this.db("invoices").whereRaw(`region = '${region}'`);
  }

  async byRegionChecked(region: string) {
    if (!REGIONS.has(region)) throw new Error(`unknown region ${region}`);
    // allowlist Set with a throw [extended sink]
    // ok: sql-injection
    return this.db("invoices").whereRaw(`region = '${region}'`);
  }

  async readPdf(invoiceNo: string) {
    const root = path.resolve(this.storageRoot);
    const file = path.resolve(root, `${invoiceNo}.pdf`);
    if (!file.startsWith(root + path.sep)) throw new Error("bad invoice number");
    // resolve + startsWith(root + sep) with a throw
    // ok: path-traversal
    return fsp.readFile(file);
  }

  async attach(invoiceNo: string, fileName: string, data: Buffer) {
    // both parameters joined under the storage root
    // ruleid: path-traversal
    await fsp.writeFile(path.join(this.storageRoot, invoiceNo, fileName), data);
  }

  async attachSafe(invoiceNo: string, fileName: string, data: Buffer) {
    const dir = path.join(this.storageRoot, invoiceNo.replace(/[^A-Z0-9-]/gi, ""));
    // parts reduced, but the base is the constructor's storageRoot parameter (label fixed after scoring: RESULTS.md)
    // ruleid: path-traversal
    await fsp.writeFile(path.join(dir, path.basename(fileName)), data);
  }

  async pushToErp(invoice: { id: string; erpUrl: string }) {
    // URL field of the argument
    // ruleid: ssrf
    await axios.post(invoice.erpUrl, invoice);
  }
}

export class ErpClient {
  constructor(
    private readonly baseUrl: string = "https://erp.internal.example/api/",
    // live key as a constructor parameter default
    // ruleid: hardcoded-secret
    private readonly apiKey: string = "erp_live_8c1f0a9d2b7e4a",
  ) {}

  headers() {
    return { Authorization: `Bearer ${this.apiKey}`, "X-Base": this.baseUrl };
  }
}

export class CustomerService {
  constructor(private readonly sequelize: Sequelize) {}

  async findByCountry(country: string, sort: string) {
    // sort spliced next to bound replacements
    // ruleid: sql-injection
    return this.sequelize.query(`SELECT * FROM customers WHERE country = ? ORDER BY ${sort}`, {
      replacements: [country],
      type: QueryTypes.SELECT,
    });
  }

  async topSpenders(minTotal: string) {
    // Sequelize.literal with the parameter
    // ruleid: sql-injection
    const having = Sequelize.literal(`SUM(total) > ${minTotal}`);
    return this.sequelize.models.Order.findAll({ group: ["customer_id"], having });
  }
}

export async function syncInvoice(id: string) {
  // axios.create() instance with a fixed baseURL, relative path [extended sink]
  // ok: ssrf
  return erp.post(`invoices/${encodeURIComponent(id)}/sync`);
}

export async function fetchRemoteInvoice(url: string) {
  const u = new URL(url);
  if (u.protocol !== "https:") throw new Error("https only");
  // protocol-only check
  // ruleid: ssrf
  return (await axios.get(u.toString(), { responseType: "arraybuffer" })).data as ArrayBuffer;
}

export async function getEnterpriseRepo(host: string, owner: string, repo: string) {
  // a caller-chosen label in front of the domain ("evil.example#" moves the host)
  // ruleid: ssrf
  return fetch(`https://${host}.ghe.example.com/api/v3/repos/${owner}/${repo}`);
}
