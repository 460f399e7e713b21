#!/usr/bin/env python3
"""Nightly sync: push exports to the backup host, prune old copies, notify a webhook, restore on demand."""

import argparse
import os
import shutil
import subprocess
import sys
from urllib.parse import urlparse

import requests

EXPORT_DIR = "/srv/exports"
RESTORE_DIR = "/srv/restore"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", required=True)
    parser.add_argument("--mode", choices=["full", "incremental"], default="incremental")
    parser.add_argument("--keep", type=int, default=7)
    parser.add_argument("--webhook")
    parser.add_argument("--label", default="nightly")
    return parser.parse_args(argv)


def push(args):
    # host from argparse in a shell command (mode is limited by choices) [beyond docs]
    # ruleid: command-injection
    subprocess.run(f"rsync -az --delete {EXPORT_DIR}/ backup@{args.host}:/backups/{args.mode}/", shell=True, check=True)
    # argument list without a local shell; keep is an int
    # ok: command-injection
    subprocess.run(["ssh", f"backup@{args.host}", "find", "/backups", "-mtime", f"+{args.keep}", "-delete"], check=True)


def notify(args):
    if not args.webhook:
        return
    # webhook URL from argparse, no host check [beyond docs]
    # ruleid: ssrf
    requests.post(args.webhook, json={"text": f"sync {args.label} done"}, timeout=10)


def notify_slack(args):
    if not args.webhook:
        return
    if urlparse(args.webhook).hostname != "hooks.slack.com":
        sys.exit("only Slack webhooks are supported")
    # exact host comparison with an exit
    # ok: ssrf
    requests.post(args.webhook, json={"text": f"sync {args.label} done"}, timeout=10)


def restore(archive_name):
    archive = os.path.join("/var/backups/exports", archive_name)
    # archive name from sys.argv joined to the backup folder
    # ruleid: path-traversal
    shutil.copy(archive, RESTORE_DIR)


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "restore":
        restore(sys.argv[2])
        return
    args = parse_args()
    push(args)
    notify(args)
    notify_slack(args)


if __name__ == "__main__":
    main()
