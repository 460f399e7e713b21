"""opsctl: the back-office command line of the e-learning platform (Typer).

Support engineers run it on the bastion host: tenant backups, course imports,
account lookups and cache purges.

    opsctl backup acme --fmt custom
    opsctl restore acme /backups/acme-2024-05-01.dump
    opsctl find-user --email someone@example.org
"""

from __future__ import annotations

import enum
import json
import logging
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Optional

import requests
import typer

log = logging.getLogger("opsctl")
app = typer.Typer(help="E-learning back-office tools")

BACKUP_DIR = Path(os.environ.get("OPSCTL_BACKUP_DIR", "/backups"))
COURSE_DIR = Path("/srv/elearn/courses").resolve()
PG_HOST = os.environ.get("PGHOST", "db.internal")
STATUS_PAGE = "https://status.elearn.example/api/v2/"
LOCAL_DB = os.path.expanduser("~/.opsctl/cache.sqlite3")
TENANT_RE = re.compile(r"[a-z][a-z0-9-]{1,30}")


class DumpFormat(str, enum.Enum):
    custom = "custom"
    plain = "plain"
    tar = "tar"


def _db_name(tenant: str) -> str:
    if not TENANT_RE.fullmatch(tenant):
        typer.echo(f"invalid tenant name: {tenant}", err=True)
        raise typer.Exit(2)
    return f"elearn_{tenant}"


def _cache() -> sqlite3.Connection:
    os.makedirs(os.path.dirname(LOCAL_DB), exist_ok=True)
    return sqlite3.connect(LOCAL_DB)


@app.command()
def backup(tenant: str, fmt: DumpFormat = DumpFormat.custom, note: str = ""):
    """Dump one tenant database."""
    db = _db_name(tenant)
    target = BACKUP_DIR / f"{db}.{fmt.value}"
    # tenant checked by an anchored full match that exits; the format is an Enum
    # ok: command-injection
    subprocess.run(f"pg_dump -h {PG_HOST} -F {fmt.value[0]} -f {target} {db}", shell=True, check=True)
    if note:
        # the free-text note goes into a shell command line as is
        # ruleid: command-injection
        os.system(f"echo '{note}' >> {BACKUP_DIR}/NOTES")


@app.command()
def restore(tenant: str, dump_file: Path, jobs: int = 4):
    """Restore a dump into a tenant database."""
    db = _db_name(tenant)
    # argument list without a shell
    # ok: command-injection
    subprocess.run(["pg_restore", "-h", PG_HOST, "-j", str(jobs), "-d", db, "--clean", str(dump_file)], check=True)


@app.command()
def import_course(course_id: int, course_slug: str):
    """Unpack a course export (tar.gz) from the backup area into the course directory."""
    archive = BACKUP_DIR / "courses" / f"{course_id}.tar.gz"
    staging = COURSE_DIR / "_incoming" / str(course_id)
    staging.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        # tarfile's data filter refuses absolute names, ".." and links outside the staging folder
        # ok: path-traversal
        tar.extractall(staging, filter="data")
    manifest = COURSE_DIR / course_slug / "manifest.json"
    # the slug is any text: "../../etc" walks out of the course directory
    # ruleid: path-traversal
    meta = json.loads(manifest.read_text())
    typer.echo(f"imported {meta.get('title', course_slug)}")


@app.command()
def course_file(course_slug: str, name: str):
    """Print a file of a course."""
    full = (COURSE_DIR / course_slug / name).resolve()
    if not full.is_relative_to(COURSE_DIR):
        typer.echo("outside the course directory", err=True)
        raise typer.Exit(1)
    # resolved path checked against the resolved base, exit otherwise
    # ok: path-traversal
    typer.echo(full.read_text())


@app.command()
def find_user(email: Optional[str] = None, name: Optional[str] = None):
    """Look users up in the local cache."""
    conn = _cache()
    if email:
        # bound parameter
        # ok: sql-injection
        rows = conn.execute("SELECT id, email, name FROM users WHERE email = ?", (email,)).fetchall()
    else:
        # the name option spliced into a LIKE pattern
        # ruleid: sql-injection
        rows = conn.execute("SELECT id, email, name FROM users WHERE name LIKE '%" + (name or "") + "%'").fetchall()
    for row in rows:
        typer.echo("\t".join(str(c) for c in row))


@app.command()
def purge_cache(table: str = typer.Option("sessions", help="cache table")):
    """Empty one cache table."""
    conn = _cache()
    if table not in {"sessions", "lookups", "tokens"}:
        typer.echo("unknown table", err=True)
        raise typer.Exit(2)
    # allowlisted table name
    # ok: sql-injection
    conn.execute(f"DELETE FROM {table}")
    conn.commit()


@app.command()
def status(component: str = "api"):
    """Show the public status of a component."""
    # constant https host, the option only in the path
    # ok: ssrf
    resp = requests.get(f"{STATUS_PAGE}components/{component}.json", timeout=5)
    typer.echo(resp.json().get("status", "unknown"))


@app.command()
def probe(url: str, timeout: float = 3.0):
    """Probe a tenant's custom domain from the bastion (inside the VPC)."""
    # the URL given on the command line is fetched from inside the network
    # ruleid: ssrf
    resp = requests.get(url, timeout=timeout, allow_redirects=False)
    typer.echo(f"{resp.status_code} {resp.headers.get('server', '')}")


@app.command()
def grep_logs(pattern: str, service: str = "web"):
    """Search a service's journal."""
    # both values quoted for the shell
    # ok: command-injection
    out = subprocess.check_output(
        f"journalctl -u elearn-{shlex.quote(service)} --since today | grep -F -- {shlex.quote(pattern)}",
        shell=True,
        text=True,
    )
    typer.echo(out)


@app.command()
def tail_log(service: str, lines: int = 200):
    """Tail a service log file."""
    # hand-added quotes around the service name; a quote in it ends them
    # ruleid: command-injection
    subprocess.run(f"tail -n {lines} '/var/log/elearn/{service}.log'", shell=True)


@app.command()
def remote_restart(host: str, service: str):
    """Restart a service on an application host over SSH."""
    import paramiko

    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, username="ops")
    # the service name runs in the remote shell as typed
    # ruleid: command-injection
    _, stdout, _ = client.exec_command(f"sudo systemctl restart {service} && systemctl is-active {service}")
    typer.echo(stdout.read().decode())
    client.close()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        typer.echo("opsctl 3.4.1")
        return
    app()


if __name__ == "__main__":
    main()
