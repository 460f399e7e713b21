"""Maintenance scripts and a repository class on psycopg2 and sqlite3.

Benchmark corpus, sql-injection (CWE-89).
"""
import os
import sqlite3
import sys

import psycopg2
from psycopg2 import sql

DSN = os.environ.get("DATABASE_URL", "dbname=app")
TABLES = ["users", "orders", "invoices"]


class UserRepository:
    def __init__(self, conn):
        self.conn = conn

    def find_by_email(self, email: str):
        # Method parameter (reported as a warning).
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute(f"SELECT id, name FROM users WHERE email = '{email}'")
            return cur.fetchone()

    def find_by_email_safe(self, email: str):
        # psycopg2 parameter.
        with self.conn.cursor() as cur:
            # ok: sql-injection
            cur.execute("SELECT id, name FROM users WHERE email = %s", (email,))
            return cur.fetchone()

    def count_rows(self, table: str) -> int:
        # Identifier composed with psycopg2.sql.Identifier.
        with self.conn.cursor() as cur:
            # ok: sql-injection
            cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            return cur.fetchone()[0]

    def count_rows_unsafe(self, table: str) -> int:
        # Identifier formatted into the text (reported as a warning).
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute("SELECT count(*) FROM {}".format(table))
            return cur.fetchone()[0]

    def rename(self, user_id: int, name: str):
        # %-formatting looks like params but is not.
        with self.conn.cursor() as cur:
            # ruleid: sql-injection
            cur.execute("UPDATE users SET name = '%s' WHERE id = %d" % (name, user_id))


def vacuum_all():
    # Loop over a constant list of table names.
    conn = psycopg2.connect(DSN)
    conn.autocommit = True
    with conn.cursor() as cur:
        for table in TABLES:
            # ok: sql-injection
            cur.execute(f"VACUUM ANALYZE {table}")


def purge(days):
    # Parameter coerced with int().
    conn = sqlite3.connect("app.db")
    # ok: sql-injection
    conn.execute(f"DELETE FROM sessions WHERE created < date('now', '-{int(days)} days')")
    conn.commit()


def lookup_cli():
    # Command-line argument in the query.
    conn = sqlite3.connect("app.db")
    needle = sys.argv[1]
    # ruleid: sql-injection
    for row in conn.execute("SELECT * FROM users WHERE name = '%s'" % needle):
        print(row)


def lookup_interactive():
    # input() in the query, through a helper variable and .strip().
    conn = sqlite3.connect("app.db")
    name = input("name> ").strip()
    where = "name = '" + name + "'"
    # ruleid: sql-injection
    print(conn.execute("SELECT * FROM users WHERE " + where).fetchall())


def lookup_interactive_safe():
    # input() bound as a parameter.
    conn = sqlite3.connect("app.db")
    name = input("name> ").strip()
    # ok: sql-injection
    print(conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall())


def migrate():
    # A constant migration script.
    conn = sqlite3.connect("app.db")
    # ok: sql-injection
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, event TEXT);
        CREATE INDEX IF NOT EXISTS audit_event ON audit(event);
        """
    )


if __name__ == "__main__":
    lookup_cli()
