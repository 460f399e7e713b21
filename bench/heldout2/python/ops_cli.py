#!/usr/bin/env python3
"""ops: maintenance command-line tool (backups, restores, log search, config import)."""

from __future__ import annotations

import argparse
import os
import pickle
import shlex
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

BACKUP_DIR = Path("/var/backups/app")
SERVICES = {"web": "app-web.service", "worker": "app-worker.service", "beat": "app-beat.service"}
DB = os.environ.get("OPS_DB", "/var/lib/app/ops.sqlite3")


def cmd_backup(args: argparse.Namespace) -> int:
    target = BACKUP_DIR / f"{args.label}.sql.gz"
    # label from the command line inside a shell pipeline
    # ruleid: command-injection
    return os.system(f"pg_dump --no-owner appdb | gzip > {target}")


def cmd_backup_quoted(args: argparse.Namespace) -> int:
    target = BACKUP_DIR / f"{args.label}.sql.gz"
    # every value quoted for the shell
    # ok: command-injection
    return subprocess.call(f"pg_dump --no-owner appdb | gzip > {shlex.quote(str(target))}", shell=True)


def cmd_restart(args: argparse.Namespace) -> int:
    unit = SERVICES[args.service]
    # unit name looked up in a constant dictionary
    # ok: command-injection
    return subprocess.call("systemctl restart " + unit, shell=True)


def cmd_grep(args: argparse.Namespace) -> int:
    # pattern wrapped in single quotes by hand: a quote in the pattern ends them
    # ruleid: command-injection
    out = subprocess.check_output(f"grep -rn '{args.pattern}' /var/log/app/", shell=True, text=True)
    print(out)
    return 0


def cmd_tail(args: argparse.Namespace) -> int:
    # argument list, no shell; lines coerced by argparse type=int
    # ok: command-injection
    subprocess.run(["tail", "-n", str(args.lines), "--", args.file], check=False)
    return 0


def cmd_import_config(args: argparse.Namespace) -> int:
    # unsafe loader with the C implementation, document piped on stdin
    # ruleid: unsafe-yaml-load
    cfg = yaml.load(sys.stdin, Loader=yaml.CLoader)
    print(f"loaded {len(cfg)} keys")
    return 0


def cmd_import_config_v2(args: argparse.Namespace) -> int:
    # C-accelerated safe loader
    # ok: unsafe-yaml-load
    cfg = yaml.load(sys.stdin, Loader=yaml.CSafeLoader)
    print(f"loaded {len(cfg)} keys")
    return 0


def cmd_restore_state(args: argparse.Namespace) -> int:
    # file named on the command line (sys.argv is an untrusted origin in the docs)
    # ruleid: path-traversal
    with open(args.state_file, "rb") as fh:
        # pickle file named on the command line
        # ruleid: unsafe-deserialization
        state = pickle.load(fh)
    print(state.keys())
    return 0


def cmd_inspect_sitemap(args: argparse.Namespace) -> int:
    # XML file named on the command line, standard-library parser
    # ruleid: xxe
    tree = ET.parse(args.sitemap)
    print(len(tree.getroot()))
    return 0


def cmd_find_user() -> int:
    email = input("email: ").strip()
    conn = sqlite3.connect(DB)
    # interactive input concatenated into SQL
    # ruleid: sql-injection
    rows = conn.execute("SELECT id, email, role FROM users WHERE email = '" + email + "'").fetchall()
    print(rows)
    return 0


def cmd_purge(days: int) -> int:
    conn = sqlite3.connect(DB)
    # integer from argparse type=int
    # ok: sql-injection
    conn.execute(f"DELETE FROM audit WHERE created_at < datetime('now', '-{int(days)} days')")
    conn.commit()
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="ops")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("backup")
    b.add_argument("label")
    r = sub.add_parser("restart")
    r.add_argument("service", choices=sorted(SERVICES))
    g = sub.add_parser("grep")
    g.add_argument("pattern")
    t = sub.add_parser("tail")
    t.add_argument("file")
    t.add_argument("--lines", type=int, default=100)
    sub.add_parser("import-config")
    s = sub.add_parser("restore-state")
    s.add_argument("state_file")
    m = sub.add_parser("sitemap")
    m.add_argument("sitemap")
    sub.add_parser("find-user")
    pu = sub.add_parser("purge")
    pu.add_argument("days", type=int)
    args = p.parse_args(argv)
    if args.cmd == "backup":
        return cmd_backup(args) if "--quote" not in argv else cmd_backup_quoted(args)
    if args.cmd == "restart":
        return cmd_restart(args)
    if args.cmd == "grep":
        return cmd_grep(args)
    if args.cmd == "tail":
        return cmd_tail(args)
    if args.cmd == "import-config":
        return cmd_import_config(args) if os.environ.get("OPS_FAST") else cmd_import_config_v2(args)
    if args.cmd == "restore-state":
        return cmd_restore_state(args)
    if args.cmd == "sitemap":
        return cmd_inspect_sitemap(args)
    if args.cmd == "find-user":
        return cmd_find_user()
    return cmd_purge(args.days)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
