#!/usr/bin/env -S npx tsx
// Small admin CLI over the app's SQLite database (commander + better-sqlite3).
import { Command, Option } from "commander";
import Database from "better-sqlite3";
import { writeFileSync } from "node:fs";
import { execSync } from "node:child_process";

const program = new Command();
const db = new Database(process.env.APP_DB ?? "app.db");

function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  return [cols.join(","), ...rows.map((r) => cols.map((c) => JSON.stringify(r[c] ?? "")).join(","))].join("\n");
}

program
  .command("show <table>")
  .option("--where <clause>")
  .action((table: string, opts: { where?: string }) => {
    const where = opts.where ? ` WHERE ${opts.where}` : "";
    // commander argument and option spliced into the statement
    // ruleid: sql-injection
    const rows = db.prepare(`SELECT * FROM ${table}${where} LIMIT 100`).all();
    console.table(rows);
  });

program
  .command("export <table>")
  .addOption(new Option("--format <fmt>").choices(["csv", "json"]).default("csv"))
  .action((table: string, opts: { format: string }) => {
    if (!/^[a-z_]+$/.test(table)) throw new Error("bad table name");
    // anchored identifier pattern with a throw
    // ok: sql-injection
    const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    const body = opts.format === "json" ? JSON.stringify(rows, null, 2) : toCsv(rows);
    // table checked above, format limited by commander's choices [beyond docs]
    // ok: path-traversal
    writeFileSync(`exports/${table}.${opts.format}`, body);
  });

program
  .command("backup <dest>")
  .action((dest: string) => {
    // destination argument inside a shell command
    // ruleid: command-injection
    execSync(`sqlite3 ${process.env.APP_DB ?? "app.db"} ".backup ${dest}"`, { stdio: "inherit" });
  });

program.parse();
