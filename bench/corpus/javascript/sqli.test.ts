// Jest tests for the repositories.
// Benchmark corpus, sql-injection (CWE-89): sinks in tests with constant SQL.
import { Pool } from "pg";

const pool = new Pool({ connectionString: "postgres://test@localhost/test" });

beforeAll(async () => {
  // Constant DDL.
  // ok: sql-injection
  await pool.query("CREATE TABLE IF NOT EXISTS users (id serial primary key, name text)");
});

test("insert binds values", async () => {
  const attack = "x'); DROP TABLE users; --";
  // ok: sql-injection
  await pool.query("INSERT INTO users (name) VALUES ($1)", [attack]);
  // ok: sql-injection
  const { rows } = await pool.query("SELECT count(*)::int AS n FROM users");
  expect(rows[0].n).toBe(1);
});

test.each(["users"])("table %s exists", async (table) => {
  // Table name from the test table above.
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT to_regclass('${table}') AS t`);
  expect(rows[0].t).toBe(table);
});

afterAll(async () => {
  // ok: sql-injection
  await pool.query("DROP TABLE users");
  await pool.end();
});
