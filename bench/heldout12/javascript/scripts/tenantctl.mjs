#!/usr/bin/env node
// tenantctl: back-office CLI of the multi-tenant helpdesk (commander + pg).
//
//   tenantctl provision acme --plan team
//   tenantctl export acme --format csv --out ./acme.csv
//   tenantctl logs api --grep "timeout"

import { Command, Option, Argument } from "commander";
import { execSync, execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const program = new Command();
const pool = new pg.Pool({ connectionString: process.env.HELPDESK_ADMIN_DSN });

const TENANT_RE = /^[a-z][a-z0-9-]{2,30}$/;
const BACKUP_ROOT = process.env.BACKUP_ROOT ?? "/var/backups/helpdesk";
const TEMPLATES_DIR = path.resolve("templates");
const STATUS_URL = "https://status.helpdesk.example/api/summary.json";

function fail(msg) {
  console.error(`tenantctl: ${msg}`);
  process.exit(1);
}

function schemaFor(tenant) {
  if (!TENANT_RE.test(tenant)) fail(`invalid tenant name ${tenant}`);
  return `t_${tenant.replaceAll("-", "_")}`;
}

program.name("tenantctl").description("Helpdesk tenant administration").version("2.3.0");

program
  .command("provision <tenant>")
  .addOption(new Option("--plan <plan>", "billing plan").choices(["free", "team", "enterprise"]).default("team"))
  .option("--region <region>", "data region", "eu")
  .action(async (tenant, options) => {
    const schema = schemaFor(tenant);
    // [beyond docs] the schema passed the anchored tenant pattern (a same-file fail() exits), the plan is a choice
    // ok: sql-injection
    await pool.query(`CREATE SCHEMA ${schema}; INSERT INTO public.tenants (schema, plan) VALUES ('${schema}', '${options.plan}')`);
    // the region option is free text inside the SQL
    // ruleid: sql-injection
    await pool.query(`UPDATE public.tenants SET region = '${options.region}' WHERE schema = $1`, [schema]);
    await pool.end();
  });

program
  .command("export <tenant>")
  .addOption(new Option("-f, --format <format>").choices(["csv", "json"]).default("csv"))
  .option("-o, --out <file>", "output file")
  .option("--where <clause>", "extra filter")
  .action(async (tenant, options) => {
    const schema = schemaFor(tenant);
    const filter = options.where ? ` WHERE ${options.where}` : "";
    // the --where clause is raw SQL text
    // ruleid: sql-injection
    const { rows } = await pool.query(`SELECT * FROM ${schema}.tickets${filter}`);
    const body = options.format === "json" ? JSON.stringify(rows) : rows.map((r) => Object.values(r).join(",")).join("\n");
    // the operator's --out path, written as given
    // ruleid: path-traversal
    writeFileSync(options.out ?? `${tenant}.${options.format}`, body);
    await pool.end();
  });

program
  .command("backup <tenant>")
  .option("--label <label>", "backup label", "manual")
  .action((tenant, options) => {
    const schema = schemaFor(tenant);
    const dir = path.join(BACKUP_ROOT, schema);
    mkdirSync(dir, { recursive: true });
    // the validated schema as one argument, no shell
    // ok: command-injection
    execFileSync("pg_dump", ["-n", schema, "-f", path.join(dir, "dump.sql"), process.env.HELPDESK_ADMIN_DSN]);
    // the label option is spliced into a shell command
    // ruleid: command-injection
    execSync(`tar czf ${dir}/${options.label}.tar.gz -C ${dir} dump.sql`);
  });

program
  .command("logs")
  .addArgument(new Argument("<service>").choices(["api", "worker", "mailer"]))
  .option("--grep <pattern>", "filter lines")
  .action((service, options) => {
    // the service is an argument limited to three choices
    // ok: command-injection
    const out = execSync(`journalctl -u helpdesk-${service} -n 500 --no-pager`).toString();
    if (options.grep) {
      // spawnSync without a shell: the pattern is one argument of grep
      // ok: command-injection
      const res = spawnSync("grep", ["-F", "--", options.grep], { input: out });
      process.stdout.write(res.stdout);
      return;
    }
    process.stdout.write(out);
  });

program
  .command("template <name>")
  .action((name) => {
    const full = path.resolve(TEMPLATES_DIR, name);
    if (!full.startsWith(TEMPLATES_DIR + path.sep)) fail("template outside templates/");
    // [beyond docs] resolved and contained; the same-file fail() exits
    // ok: path-traversal
    process.stdout.write(readFileSync(full, "utf8"));
  });

program
  .command("template-raw <name>")
  .action((name) => {
    if (name.includes("..")) fail("no parent directories");
    // a ".." blocklist: an absolute name walks around it
    // ruleid: path-traversal
    process.stdout.write(readFileSync(path.join(TEMPLATES_DIR, name), "utf8"));
  });

program
  .command("webhook-test <url>")
  .action(async (url) => {
    // the URL argument is posted to from the admin host
    // ruleid: ssrf
    const res = await fetch(url, { method: "POST", body: JSON.stringify({ ping: true }) });
    console.log(res.status);
  });

program
  .command("status")
  .action(async () => {
    const res = await fetch(STATUS_URL);
    console.log((await res.json()).status.description);
  });

program.parseAsync(process.argv).catch((err) => fail(err.message));
