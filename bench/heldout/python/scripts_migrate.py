#!/usr/bin/env python3
"""manage_db.py: small maintenance script for the SQLite database.

    manage_db.py migrate
    manage_db.py count TABLE
    manage_db.py recent LIMIT
    manage_db.py export OUTFILE
    manage_db.py delete-user
    manage_db.py purge TENANT
"""
import csv
import glob
import os
import sqlite3
import subprocess
import sys

DB_PATH = os.environ.get("APP_DB", "app.db")
MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")
TENANT_TABLES = ("orders", "invoices", "events")


def apply_migrations(conn):
    # Files from a constant directory, applied as scripts.
    for path in sorted(glob.glob(os.path.join(MIGRATIONS_DIR, "*.sql"))):
        # ok: path-traversal
        with open(path, encoding="utf-8") as fh:
            script = fh.read()
        # ok: sql-injection
        conn.executescript(script)
        print(f"applied {os.path.basename(path)}")


def rename_column(conn, table, old, new):
    # Helper that formats identifiers from its arguments (reported as a warning).
    # ruleid: sql-injection
    conn.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    command = argv[1]
    conn = sqlite3.connect(DB_PATH)

    if command == "migrate":
        apply_migrations(conn)
    elif command == "count":
        # Table name straight from argv.
        table = argv[2]
        # ruleid: sql-injection
        (n,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        print(n)
    elif command == "recent":
        # LIMIT coerced with int().
        limit = int(argv[2])
        # ok: sql-injection
        for row in conn.execute(f"SELECT id, kind, created_at FROM events ORDER BY id DESC LIMIT {limit}"):
            print(*row)
    elif command == "export":
        # Output file name from argv.
        out_path = argv[2]
        # ruleid: path-traversal
        with open(out_path, "w", newline="") as fh:
            writer = csv.writer(fh)
            # ok: sql-injection
            writer.writerows(conn.execute("SELECT id, email, created_at FROM users"))
    elif command == "delete-user":
        # input() value passed as a bound parameter.
        username = input("username to delete: ").strip()
        # ok: sql-injection
        conn.execute("DELETE FROM users WHERE username = ?", (username,))
        conn.commit()
    elif command == "purge":
        # Table names from a constant tuple; the tenant is bound.
        tenant = argv[2]
        for table in TENANT_TABLES:
            # ok: sql-injection
            conn.execute(f"DELETE FROM {table} WHERE tenant_id = ?", (tenant,))
        conn.commit()
    elif command == "search":
        # input() formatted into a LIKE literal.
        term = input("search users: ")
        # ruleid: sql-injection
        rows = conn.execute("SELECT id, email FROM users WHERE email LIKE '%" + term + "%'").fetchall()
        for row in rows:
            print(*row)
    elif command == "backup":
        # ok: command-injection
        subprocess.run(["sqlite3", DB_PATH, ".backup backup.db"], check=True)
        # Env-derived path in a shell pipeline.
        # ok: command-injection
        os.system("sqlite3 " + DB_PATH + " .dump | gzip -9 > dump.sql.gz")
    elif command == "vacuum-into":
        # Destination file name from argv in a shell command.
        dest = argv[2]
        # ruleid: command-injection
        os.system(f"sqlite3 {DB_PATH} \"VACUUM INTO '{dest}'\"")
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
