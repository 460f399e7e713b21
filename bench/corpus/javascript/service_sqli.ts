// TypeScript repositories (pg, Prisma, TypeORM, better-sqlite3) and a Node script.
// Benchmark corpus, sql-injection (CWE-89).
import { Pool } from "pg";
import { PrismaClient } from "@prisma/client";
import { DataSource } from "typeorm";
import Database from "better-sqlite3";
import type { Request, Response } from "express";

const pool = new Pool();
const prisma = new PrismaClient();
const dataSource = new DataSource({ type: "postgres", url: process.env.DATABASE_URL });
const sqlite = new Database("cache.db");
const SORTABLE: ReadonlySet<string> = new Set(["created_at", "title"]);

export class TicketRepository {
  constructor(private readonly db: Pool) {}

  async byAssignee(assignee: string) {
    // Method parameter in a template literal (reported as a warning).
    // ruleid: sql-injection
    const { rows } = await this.db.query(`SELECT * FROM tickets WHERE assignee = '${assignee}'`);
    return rows;
  }

  async byAssigneeSafe(assignee: string) {
    // $1 parameter.
    // ok: sql-injection
    const { rows } = await this.db.query("SELECT * FROM tickets WHERE assignee = $1", [assignee]);
    return rows;
  }

  async sorted(column: string) {
    // Allowlisted identifier.
    if (!SORTABLE.has(column)) {
      throw new Error(`cannot sort by ${column}`);
    }
    // ok: sql-injection
    const { rows } = await this.db.query(`SELECT * FROM tickets ORDER BY ${column}`);
    return rows;
  }
}

export async function searchUsers(req: Request, res: Response): Promise<void> {
  // Prisma $queryRawUnsafe with a template literal.
  const term = String(req.query.term ?? "");
  // ruleid: sql-injection
  const users = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name ILIKE '%${term}%'`);
  res.json(users);
}

export async function searchUsersSafe(req: Request, res: Response): Promise<void> {
  // Prisma $queryRaw tagged template: values become parameters.
  const term = String(req.query.term ?? "");
  // ok: sql-injection
  const users = await prisma.$queryRaw`SELECT * FROM "User" WHERE name ILIKE ${"%" + term + "%"}`;
  res.json(users);
}

export async function searchUsersUnsafeParam(req: Request, res: Response): Promise<void> {
  // $queryRawUnsafe with a positional parameter.
  // ok: sql-injection
  const users = await prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE id = $1', req.params.id);
  res.json(users);
}

export async function typeormSearch(req: Request, res: Response): Promise<void> {
  // TypeORM DataSource.query with concatenation.
  // ruleid: sql-injection
  const rows = await dataSource.query("SELECT * FROM audit WHERE actor = '" + req.query.actor + "'");
  res.json(rows);
}

export async function typeormSearchSafe(req: Request, res: Response): Promise<void> {
  // TypeORM DataSource.query with parameters.
  // ok: sql-injection
  const rows = await dataSource.query("SELECT * FROM audit WHERE actor = $1", [req.query.actor]);
  res.json(rows);
}

export function cacheGet(key: string): unknown {
  // better-sqlite3 prepare() with an interpolated key (reported as a warning).
  // ruleid: sql-injection
  return sqlite.prepare(`SELECT value FROM cache WHERE key = '${key}'`).get();
}

export function cacheGetSafe(key: string): unknown {
  // better-sqlite3 prepare() with a placeholder.
  // ok: sql-injection
  return sqlite.prepare("SELECT value FROM cache WHERE key = ?").get(key);
}

async function main(): Promise<void> {
  // Node script: command-line argument.
  const table = process.argv[2];
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT count(*) FROM ${table}`);
  console.log(rows[0]);
}

async function mainFromEnv(): Promise<void> {
  // Environment configuration.
  const schema = process.env.DB_SCHEMA ?? "public";
  // ok: sql-injection
  const { rows } = await pool.query(`SET search_path TO ${schema}`);
  console.log(rows.length);
}

void main();
void mainFromEnv();
