#!/usr/bin/env python3
"""warehouse-sync: copy tables between environments and fetch seed data.

Usage: warehouse-sync <command> <table> [options]
"""

import argparse
import os
import shlex
import sqlite3
import subprocess
import sys
import urllib.request

import requests
import yaml

SYNC_TABLES = ("customers", "orders", "invoices")
SEED_URL = "https://seed.internal-data.example.net/v1/latest.json"


def connect():
    return sqlite3.connect(os.environ.get("SYNC_DB", "/var/lib/sync/sync.db"))


def truncate(table: str) -> None:
    conn = connect()
    # table name from argv, no allowlist on this path
    # ruleid: sql-injection
    conn.executescript(f"DELETE FROM {table}; VACUUM;")


def copy_table(table: str) -> None:
    if table not in SYNC_TABLES:
        sys.exit(f"unknown table {table}")
    conn = connect()
    # tuple allowlist with sys.exit
    # ok: sql-injection
    conn.execute(f"INSERT INTO staging_{table} SELECT * FROM {table}")


def count_rows(table: str, where: str) -> int:
    conn = connect()
    if table not in SYNC_TABLES:
        raise SystemExit(2)
    # table is allowlisted, but the WHERE clause is typed by the user
    # ruleid: sql-injection
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def dump(dbname: str) -> None:
    # shlex.quote on the database name
    # ok: command-injection
    os.system(f"pg_dump {shlex.quote(dbname)} > /tmp/sync-dump.sql")


def restore(dbname: str, dump_file: str) -> None:
    # argument list
    # ok: command-injection
    subprocess.run(["pg_restore", "-d", dbname, dump_file], check=True)


def seed(source: str) -> bytes:
    # URL given on the command line
    # ruleid: ssrf
    return requests.get(source, timeout=30).content


def seed_default() -> bytes:
    # constant URL
    # ok: ssrf
    with urllib.request.urlopen(SEED_URL, timeout=30) as resp:
        return resp.read()


def load_profile(path: str) -> dict:
    # yaml.load with no loader
    # ruleid: unsafe-yaml-load
    # ruleid: path-traversal
    return yaml.load(open(path))


def load_defaults() -> dict:
    # safe_load
    # ok: unsafe-yaml-load
    return yaml.safe_load(open("/etc/warehouse-sync/defaults.yaml"))


def main() -> None:
    cmd, table = sys.argv[1], sys.argv[2]
    if cmd == "truncate":
        truncate(table)
    elif cmd == "copy":
        copy_table(table)
    elif cmd == "count":
        print(count_rows(table, input("where> ")))
    elif cmd == "seed":
        data = seed(sys.argv[3]) if len(sys.argv) > 3 else seed_default()
        out = input("save seed to: ")
        # output file named at the prompt
        # ruleid: path-traversal
        with open(out, "wb") as fh:
            fh.write(data)
    elif cmd == "dump":
        dump(table)
        restore(table, "/tmp/sync-dump.sql")
    load_profile(sys.argv[-1])


def legacy_main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--out")
    args = parser.parse_args()
    # [beyond docs] argparse values concatenated into a shell command
    # ruleid: command-injection
    os.system("pg_dump " + args.db + " > " + args.out)


if __name__ == "__main__":
    main()
