"""Data access layer for the billing service (psycopg2). Used by the API and by batch jobs."""
from __future__ import annotations

from typing import Iterable, Sequence

import psycopg2
from psycopg2 import sql
from psycopg2.extras import RealDictCursor

ALLOWED_TABLES = frozenset({"customers", "orders", "invoices"})
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}


class CustomerRepository:
    def __init__(self, dsn: str) -> None:
        self.conn = psycopg2.connect(dsn)

    def find_by_email(self, email: str) -> dict | None:
        # Bound parameter.
        with self.conn.cursor(cursor_factory=RealDictCursor) as cur:
            # ok: sql-injection
            cur.execute("SELECT * FROM customers WHERE email = %s", (email,))
            return cur.fetchone()

    def search(self, term: str, limit: int = 20) -> list[dict]:
        # Method argument inside a quoted ILIKE literal (reported as a warning); limit is coerced.
        with self.conn.cursor(cursor_factory=RealDictCursor) as cur:
            # ruleid: sql-injection
            cur.execute(f"SELECT id, name FROM customers WHERE name ILIKE '%{term}%' LIMIT {int(limit)}")
            return cur.fetchall()

    def count_rows(self, table: str) -> int:
        # Table name checked against a frozenset, raising otherwise.
        if table not in ALLOWED_TABLES:
            raise ValueError(f"unknown table {table}")
        with self.conn.cursor() as cur:
            # ok: sql-injection
            cur.execute(f"SELECT count(*) FROM {table}")
            return cur.fetchone()[0]

    def page(self, column: str, direction: str = "asc", offset: int = 0) -> list[tuple]:
        # psycopg2.sql composition: Identifier quotes the column, the direction is a literal choice.
        query = sql.SQL("SELECT * FROM orders ORDER BY {} {} OFFSET %s LIMIT 50").format(
            sql.Identifier(column),
            sql.SQL("DESC" if direction == "desc" else "ASC"),
        )
        with self.conn.cursor() as cur:
            # ok: sql-injection
            cur.execute(query, (offset,))
            return cur.fetchall()

    def page_raw(self, column: str, direction: str = "asc") -> list[tuple]:
        # Column argument formatted in; only the direction goes through a dict.
        order = DIRECTIONS.get(direction, "ASC")
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute("SELECT * FROM orders ORDER BY {} {}".format(column, order))
            return cur.fetchall()

    def mark_paid(self, order_ids: Sequence[int], status: str = "paid") -> None:
        # Type hint only; the IDs are str()-ed as they come (reported as a warning).
        ids = ",".join(str(i) for i in order_ids)
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute(f"UPDATE orders SET status = %s WHERE id IN ({ids})", (status,))
        self.conn.commit()

    def mark_refunded(self, order_ids: Sequence[int]) -> None:
        # Each ID coerced with int() before joining.
        ids = ",".join(str(int(i)) for i in order_ids)
        with self.conn.cursor() as cur:
            # ok: sql-injection
            cur.execute(f"UPDATE orders SET status = 'refunded' WHERE id IN ({ids})")
        self.conn.commit()

    def bulk_insert(self, rows: Iterable[tuple[str, str]]) -> None:
        with self.conn.cursor() as cur:
            # ok: sql-injection
            cur.executemany("INSERT INTO customers (name, email) VALUES (%s, %s)", list(rows))
        self.conn.commit()

    def report(self, where_clause: str) -> list[tuple]:
        # Caller-supplied WHERE clause appended as text.
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute("SELECT id, total, status FROM invoices WHERE " + where_clause)
            return cur.fetchall()

    def by_tenant(self, tenant: str) -> list[tuple]:
        # Hand-escaping with a backslash: PostgreSQL standard strings do not treat \' as an escape.
        escaped = tenant.replace("'", "\\'")
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute("SELECT * FROM customers WHERE tenant = '%s'" % escaped)
            return cur.fetchall()


def vacuum_table(conn, table: str) -> None:
    # Module-level helper: comparison with literals guards the identifier.
    if table == "orders" or table == "invoices":
        with conn.cursor() as cur:
            # ok: sql-injection
            cur.execute(f"VACUUM ANALYZE {table}")
