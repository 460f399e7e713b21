#!/usr/bin/env python3
import subprocess
import sys

LOGFILE = "/var/log/deploy.log"


def grep_log():
    pattern = input("Search the deploy log for: ")
    cmd = ["grep", "-n", pattern, LOGFILE]
    return subprocess.check_output(cmd, text=True)


def clone(url, branch):
    subprocess.run(
        ["git", "clone", "--depth", "1", "--branch", branch, url, "/srv/checkout"],
        check=True,
    )


if __name__ == "__main__":
    print(grep_log())
    clone(sys.argv[1], sys.argv[2])
