#!/usr/bin/env python3
"""Nightly backup helper: dumps Postgres, tars the uploads directory, pushes to S3.

Usage: backup.py --db shop --label nightly [--exclude PATTERN ...] [--notify-url URL]
"""
import argparse
import configparser
import datetime
import json
import logging
import os
import shlex
import subprocess
import sys
from pathlib import Path

import requests

log = logging.getLogger("backup")

BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", "/var/backups/app"))
UPLOADS_DIR = os.environ.get("UPLOADS_DIR", "/srv/app/uploads")
PG_HOST = os.environ.get("PGHOST", "localhost")
S3_BUCKET = os.environ.get("BACKUP_BUCKET", "acme-backups")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", required=True, help="database name")
    p.add_argument("--label", default="nightly")
    p.add_argument("--exclude", action="append", default=[])
    p.add_argument("--notify-url")
    p.add_argument("--config", default="/etc/backup/config.ini")
    p.add_argument("--keep-days", type=int, default=14)
    return p.parse_args(argv)


def load_config(args):
    # Config path chosen on the command line.
    cfg = configparser.ConfigParser()
    # ruleid: path-traversal
    with open(args.config) as fh:
        cfg.read_file(fh)
    return cfg


def dump_database(args, stamp):
    # Database name from argv formatted into a shell command line.
    out = BACKUP_ROOT / f"db-{stamp}.sql.gz"
    # ruleid: command-injection
    rc = os.system(f"pg_dump -h {PG_HOST} {args.db} | gzip > {out}")
    if rc != 0:
        log.error("pg_dump exited with %s", rc)
        sys.exit(1)
    return out


def archive_uploads(args, stamp):
    # Exclude patterns from argv joined into a shell string.
    archive = BACKUP_ROOT / f"uploads-{stamp}.tar.gz"
    excludes = " ".join(f"--exclude={pattern}" for pattern in args.exclude)
    # ruleid: command-injection
    subprocess.run(f"tar czf {archive} {excludes} -C {UPLOADS_DIR} .", shell=True, check=True)
    return archive


def archive_uploads_listform(stamp):
    # Argument list, no shell.
    archive = BACKUP_ROOT / f"uploads-full-{stamp}.tar.gz"
    # ok: command-injection
    subprocess.run(["tar", "czf", str(archive), "-C", UPLOADS_DIR, "."], check=True)
    return archive


def tag_archive(args, archive):
    # Label and archive path quoted with shlex.quote() before they reach the shell.
    label = shlex.quote(args.label)
    target = shlex.quote(str(archive))
    # ok: command-injection
    subprocess.run(f"echo {label} > {target}.label && sha256sum {target} >> {target}.label", shell=True, check=True)


def upload(archive):
    # ok: command-injection
    subprocess.run(["aws", "s3", "cp", str(archive), f"s3://{S3_BUCKET}/{archive.name}"], check=True)


def write_manifest(files):
    # Constant/env directory.
    manifest = {"created": datetime.datetime.utcnow().isoformat(), "files": [str(f) for f in files]}
    # ok: path-traversal
    with open(BACKUP_ROOT / "manifest.json", "w") as fh:
        json.dump(manifest, fh, indent=2)


def notify(args, files):
    # Notification URL taken from argv.
    if not args.notify_url:
        return
    try:
        # ruleid: ssrf
        requests.post(args.notify_url, json={"files": [str(f) for f in files]}, timeout=10)
    except requests.RequestException:
        log.exception("notification failed")


def main(argv=None):
    args = parse_args(argv)
    load_config(args)
    stamp = datetime.date.today().isoformat()
    BACKUP_ROOT.mkdir(parents=True, exist_ok=True)
    files = [dump_database(args, stamp), archive_uploads(args, stamp), archive_uploads_listform(stamp)]
    for f in files:
        tag_archive(args, f)
        upload(f)
    write_manifest(files)
    # Pruning: keep_days was parsed with type=int by argparse just above.
    # ok: command-injection
    subprocess.run(f"find {BACKUP_ROOT} -name '*.gz' -mtime +{args.keep_days} -delete", shell=True, check=True)
    notify(args, files)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
