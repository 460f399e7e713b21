"""Ops scripts: backups, git helpers, remote commands.

Benchmark corpus, command-injection (CWE-78).
"""
import argparse
import os
import subprocess
import sys

import paramiko

BACKUP_DIR = "/var/backups"
REPOS = ["api", "web", "worker"]


def compress(path):
    # Parameter in os.system (reported as a warning).
    # ruleid: command-injection
    os.system("tar czf /tmp/out.tgz " + path)


def compress_safe(path):
    # Argument list.
    # ok: command-injection
    subprocess.run(["tar", "czf", "/tmp/out.tgz", "--", path], check=True)


def pull_all():
    # Loop over constant repository names.
    for repo in REPOS:
        # ok: command-injection
        subprocess.run(f"cd /srv/{repo} && git pull --ff-only", shell=True, check=True)


def rotate():
    # Environment configuration in a shell command.
    keep = os.environ.get("KEEP_BACKUPS", "7")
    # ok: command-injection
    os.system(f"ls -1t {BACKUP_DIR} | tail -n +{keep} | xargs -r rm --")


def remote(host, command):
    # paramiko exec_command runs the text in the remote user's shell (reported as a warning).
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host)
    # ruleid: command-injection
    _, stdout, _ = client.exec_command(f"sudo {command}")
    return stdout.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--branch", default="main")
    parser.add_argument("--tag")
    args = parser.parse_args()
    # argparse values in a shell command.
    # ruleid: command-injection
    subprocess.check_call(f"git fetch origin {args.branch} && git checkout {args.branch}", shell=True)
    if args.tag:
        # Same value as an argument list.
        # ok: command-injection
        subprocess.check_call(["git", "tag", "--", args.tag])


def interactive():
    # input() in a shell command.
    pkg = input("package to install: ")
    # ruleid: command-injection
    subprocess.call("pip install " + pkg, shell=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "clean":
        # sys.argv at module level.
        # ruleid: command-injection
        os.system("rm -rf /tmp/cache/" + sys.argv[2])
    main()
