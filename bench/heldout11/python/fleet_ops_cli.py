"""Operations CLI for the delivery fleet: argparse subcommands, subprocess, a config file."""

import argparse
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import requests
import yaml

ENVIRONMENTS = ("staging", "production")
ARCHIVE_ROOT = Path("/srv/fleet/archives")
STATUS_URL = "https://status.fleet.example/api/"


def load_profile(path):
    # a profile file named on the command line
    # ruleid: path-traversal
    with open(path) as fh:
        # ruleid: unsafe-yaml-load
        return yaml.load(fh, Loader=yaml.Loader)


def load_profile_safe(path):
    # same argv path
    # ruleid: path-traversal
    with open(path) as fh:
        # ok: unsafe-yaml-load
        return yaml.safe_load(fh)


def restart_service(env, service):
    # env limited by argparse choices, service is free text
    # ruleid: command-injection
    subprocess.run(f"ssh deploy@{env}.fleet.internal sudo systemctl restart {service}", shell=True, check=True)


def tail_logs(env, lines):
    # choices env and type=int lines
    # ok: command-injection
    subprocess.run(f"ssh deploy@{env}.fleet.internal journalctl -n {lines}", shell=True, check=True)


def grep_logs(env, pattern):
    remote = f"grep -- {shlex.quote(pattern)} /var/log/fleet.log"
    # pattern quoted with shlex.quote for the remote shell
    # ok: command-injection
    subprocess.run(["ssh", f"deploy@{env}.fleet.internal", remote], check=True)


def export_table(db_path, table, out_dir):
    conn = sqlite3.connect(db_path)
    # table name from argv
    # ruleid: sql-injection
    rows = conn.execute(f"SELECT * FROM {table}").fetchall()
    # the out_dir argument names the directory to write
    # ruleid: path-traversal
    with open(os.path.join(out_dir, f"{table}.json"), "w") as fh:
        json.dump(rows, fh)


def unpack(archive_name):
    src = ARCHIVE_ROOT / archive_name
    # archive name from argv joined under the root [extended sink]
    # ruleid: path-traversal
    with tarfile.open(src) as tar:
        # filter="data" refuses members outside the destination [extended sink]
        # ok: path-traversal
        tar.extractall(ARCHIVE_ROOT / "unpacked", filter="data")


def prune(days):
    cutoff = int(days)
    for entry in ARCHIVE_ROOT.iterdir():
        if entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry)


def post_status(env, message):
    # constant https://host/ base
    # ok: ssrf
    requests.post(STATUS_URL + "events", json={"env": env, "message": message}, timeout=5)


def probe(url):
    # a URL given on the command line
    # ruleid: ssrf
    return requests.get(url, timeout=5).status_code


def main(argv=None):
    parser = argparse.ArgumentParser(prog="fleetctl")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_restart = sub.add_parser("restart")
    p_restart.add_argument("--env", choices=ENVIRONMENTS, required=True)
    p_restart.add_argument("service")
    p_tail = sub.add_parser("tail")
    p_tail.add_argument("--env", choices=ENVIRONMENTS, required=True)
    p_tail.add_argument("--lines", type=int, default=100)
    p_grep = sub.add_parser("grep")
    p_grep.add_argument("--env", choices=ENVIRONMENTS, required=True)
    p_grep.add_argument("pattern")
    p_export = sub.add_parser("export")
    p_export.add_argument("table")
    p_export.add_argument("--out", default=".")
    p_unpack = sub.add_parser("unpack")
    p_unpack.add_argument("archive")
    p_probe = sub.add_parser("probe")
    p_probe.add_argument("url")
    p_profile = sub.add_parser("profile")
    p_profile.add_argument("file")
    args = parser.parse_args(argv)

    if args.cmd == "restart":
        restart_service(args.env, args.service)
    elif args.cmd == "tail":
        tail_logs(args.env, args.lines)
    elif args.cmd == "grep":
        grep_logs(args.env, args.pattern)
    elif args.cmd == "export":
        export_table("fleet.db", args.table, args.out)
    elif args.cmd == "unpack":
        unpack(args.archive)
    elif args.cmd == "probe":
        print(probe(args.url))
    elif args.cmd == "profile":
        print(load_profile(args.file))
        print(load_profile_safe(args.file))
    post_status(args.env if "env" in args else "none", f"{args.cmd} done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
