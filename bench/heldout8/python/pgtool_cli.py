"""pgtool: a click CLI the ops team uses for Postgres chores (counts, dumps, restores, imports)."""

import os
import re
import shlex
import subprocess

import click
import psycopg2
import requests
import yaml
from psycopg2 import sql

REPORT_DIR = "/var/lib/pgtool/reports"
BACKUP_DIR = "/var/backups/postgres"


def _connect():
    return psycopg2.connect(os.environ.get("PGTOOL_DSN", "dbname=postgres"))


def _connect_legacy():
    # literal password in the connect call
    # ruleid: hardcoded-secret
    return psycopg2.connect(host="db-legacy.internal", user="postgres", password="Pg-legacy-2019!")


def _load_profiles():
    with open(os.path.expanduser("~/.pgtool.yaml"), encoding="utf-8") as fh:
        # FullLoader constructs Python objects
        # ruleid: unsafe-yaml-load
        return yaml.load(fh, Loader=yaml.FullLoader)


@click.group()
def cli():
    """Postgres chores."""


@cli.command()
@click.option("--table", required=True)
@click.option("--where", default="")
def count(table, where):
    conn = _connect()
    with conn.cursor() as cur:
        # table name quoted as an identifier
        # ok: sql-injection
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        click.echo(cur.fetchone()[0])
        if where:
            # table and the free-form WHERE text in an f-string
            # ruleid: sql-injection
            cur.execute(f"SELECT count(*) FROM {table} WHERE {where}")
            click.echo(cur.fetchone()[0])


@cli.command()
@click.argument("column")
def top_values(column):
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", column):
        raise click.BadParameter("not a column name")
    conn = _connect()
    with conn.cursor() as cur:
        # fullmatch of an identifier pattern, raising otherwise
        # ok: sql-injection
        cur.execute(f"SELECT {column}, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC LIMIT 20")
        for row in cur.fetchall():
            click.echo(f"{row[0]}\t{row[1]}")


@cli.command()
@click.argument("database")
@click.option("--format", "fmt", type=click.Choice(["custom", "plain", "tar"]), default="custom")
@click.option("--out", required=True)
def dump(database, fmt, out):
    # database and output quoted with shlex.quote, format from click.Choice
    # ok: command-injection
    subprocess.run(f"pg_dump --format={fmt} {shlex.quote(database)} > {shlex.quote(out)}", shell=True, check=True)


@cli.command()
@click.argument("database")
@click.option("--jobs", default="4")
def restore(database, jobs):
    archive = os.path.join(BACKUP_DIR, f"{database}.dump")
    # database and jobs unquoted in a shell command
    # ruleid: command-injection
    os.system(f"pg_restore -j {jobs} -d {database} {archive}")


@cli.command()
@click.option("--jobs", type=int, default=4)
@click.option("--level", type=click.IntRange(1, 9), default=6)
def compress_backups(jobs, level):
    # int options only, in a shell pipeline
    # ok: command-injection
    subprocess.run(f"ls {BACKUP_DIR}/*.dump | xargs -P {jobs} -n 1 gzip -{level}", shell=True, check=True)


@cli.command()
@click.argument("name")
def show_report(name):
    report = os.path.join(REPORT_DIR, name)
    # report name from the command line joined to the report folder
    # ruleid: path-traversal
    with open(report, encoding="utf-8") as fh:
        click.echo(fh.read())


@cli.command()
@click.argument("url")
@click.option("--table", default="staging_import")
def import_csv(url, table):
    # URL given on the command line
    # ruleid: ssrf
    resp = requests.get(url, timeout=30)
    resp.raise_for_status()
    conn = _connect()
    with conn.cursor() as cur:
        # COPY into a quoted identifier [extended sink]
        # ok: sql-injection
        cur.copy_expert(sql.SQL("COPY {} FROM STDIN WITH CSV HEADER").format(sql.Identifier(table)), resp.iter_lines())
    conn.commit()


if __name__ == "__main__":
    cli()
