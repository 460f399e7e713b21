"""Maintenance CLI for a fleet of kiosk hosts: fabric and paramiko over SSH, run by the on-call engineer."""

import argparse
import random
import shlex
import string
import sys
from pathlib import Path

import paramiko
import requests
import urllib3
from fabric import Connection

SERVICES = ("kiosk-ui", "printer-agent", "updater")
LOG_DIR = Path("/var/log/kiosk")
INVENTORY_API = "https://inventory.kiosk-fleet.example/api/hosts/"
# a literal registry password in the tool
# ruleid: hardcoded-secret
REGISTRY_PASSWORD = "kf-Reg1stry-2024!"
# an environment variable name, not a secret
# ok: hardcoded-secret
TOKEN_ENV = "KIOSK_FLEET_TOKEN"


def restart(host: str, service: str) -> None:
    if service not in SERVICES:
        sys.exit(f"unknown service {service}")
    with Connection(host, user="ops") as c:
        # [extended sink] fabric run; the service passed the SERVICES allowlist with an exit
        # ok: command-injection
        c.run(f"sudo systemctl restart {service}")


def tail_log(host: str, unit: str, lines: str) -> str:
    with Connection(host, user="ops") as c:
        # [extended sink] fabric run with the unit and line count from argv
        # ruleid: command-injection
        result = c.run(f"journalctl -u {unit} -n {lines} --no-pager", hide=True)
        # [extended sink] the same with both values quoted
        # ok: command-injection
        c.run(f"journalctl -u {shlex.quote(unit)} -n {int(lines)} --no-pager", hide=True)
        return result.stdout


def grep_remote(host: str, pattern: str) -> None:
    client = paramiko.SSHClient()
    # AutoAddPolicy is no TLS setting of this rule's kind; the command below is the case
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="ops")
    # hand-written single quotes around the pattern do not stop a quote inside it
    # ruleid: command-injection
    _, stdout, _ = client.exec_command(f"grep -R '{pattern}' /etc/kiosk")
    print(stdout.read().decode())
    # shlex.quote on the pattern
    # ok: command-injection
    client.exec_command("grep -R " + shlex.quote(pattern) + " /etc/kiosk")
    client.close()


def fetch_log(host: str, remote: str, local_name: str) -> None:
    with Connection(host, user="ops") as c:
        # [extended sink] fabric get writes to a local path named on the command line
        # ruleid: path-traversal
        c.get(remote, local=str(LOG_DIR / local_name))
    # the copy is opened under the basename only
    # ok: path-traversal
    with open(LOG_DIR / Path(local_name).name) as fh:
        print(fh.readline())


def host_info(host: str) -> dict:
    # constant https host; the host name only fills the path
    # ok: ssrf
    resp = requests.get(INVENTORY_API + host, timeout=10)
    return resp.json()


def probe(url: str) -> int:
    urllib3.disable_warnings()
    # certificate checks turned off for the probe, of a URL the operator typed with no host check
    # ruleid: tls-verification-disabled
    # ruleid: ssrf
    resp = requests.get(url, timeout=5, verify=False)
    return resp.status_code


def make_pin() -> str:
    # a kiosk unlock PIN from the random module
    # ruleid: weak-randomness
    pin_code = "".join(random.choice(string.digits) for _ in range(6))
    return pin_code


def main() -> None:
    parser = argparse.ArgumentParser(prog="kioskctl")
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("restart")
    r.add_argument("host")
    r.add_argument("service")
    t = sub.add_parser("tail")
    t.add_argument("host")
    t.add_argument("unit")
    t.add_argument("--lines", default="200")
    g = sub.add_parser("grep")
    g.add_argument("host")
    g.add_argument("pattern")
    f = sub.add_parser("fetch")
    f.add_argument("host")
    f.add_argument("remote")
    f.add_argument("local_name")
    p = sub.add_parser("probe")
    p.add_argument("url")
    args = parser.parse_args()
    if args.cmd == "restart":
        restart(args.host, args.service)
    elif args.cmd == "tail":
        print(tail_log(args.host, args.unit, args.lines))
    elif args.cmd == "grep":
        grep_remote(args.host, args.pattern)
    elif args.cmd == "fetch":
        fetch_log(args.host, args.remote, args.local_name)
    elif args.cmd == "probe":
        # a HEAD request to the argparse URL, no host check
        # ruleid: ssrf
        print(probe(args.url), requests.head(args.url, timeout=5).status_code)
    if len(sys.argv) > 1 and sys.argv[1] == "pin":
        print(make_pin())


if __name__ == "__main__":
    main()
