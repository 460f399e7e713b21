#!/usr/bin/env -S npx tsx
// Developer tool: reset, seed and snapshot the local Postgres database.
//   npx tsx scripts/db-seed.ts --table orders --seed ./seeds/orders.sql --set demo --db shop_dev --out snap.sql
import { execSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const SEEDS = path.resolve("seeds");
const SEED_SETS = new Set(["demo", "empty", "load-test"]);

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    table: { type: "string" },
    seed: { type: "string" },
    set: { type: "string", default: "demo" },
    db: { type: "string", default: "shop_dev" },
    out: { type: "string", default: "snapshot.sql" },
  },
});

const client = new pg.Client({
  host: process.env.PGHOST ?? "localhost",
  database: values.db,
  user: "shop",
  // the local database password as a literal
  // ruleid: hardcoded-secret
  password: "seed-Pg-2025!",
  // the staging database's certificate is not checked
  // ruleid: tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

async function main(): Promise<void> {
  await client.connect();
  if (values.table) {
    // a table name from the command line spliced into TRUNCATE [beyond docs]
    // ruleid: sql-injection
    await client.query(`TRUNCATE ${values.table} RESTART IDENTITY CASCADE`);
    // pg's escapeIdentifier quotes the name
    // ok: sql-injection
    await client.query(`TRUNCATE ${client.escapeIdentifier(values.table)} RESTART IDENTITY CASCADE`);
  }
  if (values.seed) {
    // a seed file named on the command line [beyond docs]
    // ruleid: path-traversal
    const text = readFileSync(values.seed, "utf8");
    // running the named SQL file is what the tool is for; a read's result is not its path [beyond docs]
    // ok: sql-injection
    await client.query(text);
  }
  if (!SEED_SETS.has(values.set!)) {
    console.error(`unknown seed set ${values.set}`);
    process.exit(1);
  }
  // the set name passed the allowlist, with process.exit() otherwise
  // ok: path-traversal
  const setSql = readFileSync(path.join(SEEDS, `${values.set}.sql`), "utf8");
  // the SQL of an allowlisted seed set
  // ok: sql-injection
  await client.query(setSql);
  await client.end();

  // the database and output names inside a shell command [beyond docs]
  // ruleid: command-injection
  execSync(`pg_dump --no-owner ${values.db} > ${values.out}`, { stdio: "inherit" });
  // an argument list without a shell
  // ok: command-injection
  spawnSync("pg_dump", ["--no-owner", "-f", values.out!, values.db!], { stdio: "inherit" });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
