// src/services/user.service.ts: user queries (knex for most reads, Sequelize for reporting)
import type { Knex } from "knex";
import { QueryTypes, Sequelize } from "sequelize";

const SORT_MAP: Record<string, string> = {
  newest: "created_at DESC",
  oldest: "created_at ASC",
  name: "last_name ASC, first_name ASC",
};
const COUNTABLE_TABLES = new Set(["users", "sessions", "api_keys"]);

export interface UserRow {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  active: boolean;
}

export class UserService {
  constructor(
    private readonly db: Knex,
    private readonly sequelize: Sequelize,
  ) {}

  // Method argument inside knex.raw text (reported as a warning).
  async findByName(name: string): Promise<UserRow[]> {
    // ruleid: sql-injection
    const result = await this.db.raw(`SELECT * FROM users WHERE lower(last_name) = lower('${name}')`);
    return result.rows;
  }

  // knex.raw with a binding.
  async findByNameSafe(name: string): Promise<UserRow[]> {
    // ok: sql-injection
    const result = await this.db.raw("SELECT * FROM users WHERE lower(last_name) = lower(?)", [name]);
    return result.rows;
  }

  // whereRaw with the argument interpolated. [extended sink]
  async createdSince(since: string): Promise<UserRow[]> {
    // ruleid: sql-injection
    return this.db<UserRow>("users").whereRaw(`created_at > '${since}'`).orderBy("created_at");
  }

  // whereRaw with a binding. [extended sink]
  async createdSinceSafe(since: string): Promise<UserRow[]> {
    // ok: sql-injection
    return this.db<UserRow>("users").whereRaw("created_at > ?", [since]).orderBy("created_at");
  }

  // Sequelize named replacements.
  async byEmailDomain(domain: string): Promise<UserRow[]> {
    // ok: sql-injection
    return this.sequelize.query("SELECT * FROM users WHERE email LIKE :pattern", {
      replacements: { pattern: `%@${domain}` },
      type: QueryTypes.SELECT,
    });
  }

  // Sequelize with the argument in the SQL text.
  async byCompany(company: string): Promise<UserRow[]> {
    // ruleid: sql-injection
    return this.sequelize.query(`SELECT u.* FROM users u JOIN companies c ON c.id = u.company_id WHERE c.name = '${company}'`, {
      type: QueryTypes.SELECT,
    });
  }

  private orderClause(sort: string): string {
    const clause = SORT_MAP[sort] ?? "id ASC";
    return `ORDER BY ${clause}`;
  }

  // ORDER BY built by a private helper from a constant map.
  async list(sort: string, page: number): Promise<UserRow[]> {
    const offset = Math.max(0, Math.floor(Number(page) || 0)) * 50;
    // ok: sql-injection
    return this.sequelize.query(`SELECT * FROM users ${this.orderClause(sort)} LIMIT 50 OFFSET ${offset}`, {
      type: QueryTypes.SELECT,
    });
  }

  // IDs mapped through Number before joining.
  async deactivate(ids: Array<number | string>): Promise<void> {
    const list = ids.map((id) => Number(id)).filter(Number.isInteger).join(",");
    if (!list) return;
    // ok: sql-injection
    await this.db.raw(`UPDATE users SET active = false WHERE id IN (${list})`);
  }

  // IDs joined as they come: the type annotation is not checked at runtime.
  async reactivate(ids: number[]): Promise<void> {
    // ruleid: sql-injection
    await this.db.raw(`UPDATE users SET active = true WHERE id IN (${ids.join(",")})`);
  }

  // Table name checked against a Set, throwing otherwise.
  async count(table: string): Promise<number> {
    if (!COUNTABLE_TABLES.has(table)) {
      throw new Error(`cannot count ${table}`);
    }
    // ok: sql-injection
    const result = await this.db.raw(`SELECT count(*) AS n FROM ${table}`);
    return Number(result.rows[0].n);
  }
}

// Exported helper used by the admin search screen.
export function rawSearch(db: Knex, column: string, term: string) {
  // ruleid: sql-injection
  return db.raw("SELECT id, email FROM users WHERE " + column + " ILIKE ?", [`%${term}%`]);
}
