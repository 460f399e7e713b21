#!/usr/bin/env python3
import subprocess
import sys

LOGFILE = "/var/log/deploy.log"


def grep_log():
    pattern = input("Search the deploy log for: ")
    cmd = " ".join(["grep", "-n", pattern, LOGFILE])
    return subprocess.check_output(cmd, shell=True, text=True)


def clone(url, branch):
    subprocess.run(
        f"git clone --depth 1 --branch '{branch}' {url} /srv/checkout",
        shell=True,
        check=True,
    )


if __name__ == "__main__":
    print(grep_log())
    clone(sys.argv[1], sys.argv[2])
