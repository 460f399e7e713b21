"""Nightly data export: a pandas script run by hand and the Celery tasks that beat schedules."""

import argparse
import gzip
import os
import pickle
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import requests
from celery import Celery
from celery.schedules import crontab
from sqlalchemy import create_engine, text

celery_app = Celery("exports", broker=os.environ.get("BROKER_URL", "redis://localhost:6379/0"))
celery_app.conf.beat_schedule = {
    "nightly-orders": {"task": "nightly_export.export_table", "schedule": crontab(hour=2), "args": ("orders", "csv")},
}

engine = create_engine(os.environ["WAREHOUSE_DSN"])
OUT_DIR = Path("/srv/exports")
TABLES = ("orders", "customers", "refunds")
NOTIFY_URL = "https://hooks.chat.example/services/T0/B0/exports"


def build_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("table", choices=TABLES)
    parser.add_argument("--where", default="1=1")
    parser.add_argument("--out", default="export.csv")
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--state")
    return parser


def main():
    args = build_parser().parse_args()
    # [extended sink] pandas read_sql with an argparse choices table and an int
    # ok: sql-injection
    df = pd.read_sql(f"SELECT * FROM {args.table} WHERE created_at > now() - interval '{args.days} days'", engine)
    # [extended sink] pandas read_sql with a free-form --where clause from the command line
    # ruleid: sql-injection
    extra = pd.read_sql("SELECT * FROM " + args.table + " WHERE " + args.where, engine)
    # [extended sink] DataFrame.to_csv to a path given on the command line
    # ruleid: path-traversal
    df.to_csv(OUT_DIR / args.out, index=False)
    # [extended sink] to_csv to a name made from the choices-limited table only
    # ok: path-traversal
    extra.to_csv(OUT_DIR / f"{args.table}-extra.csv", index=False)
    if args.state:
        # a pickle loaded from a file the command line names
        # ruleid: unsafe-deserialization
        state = pickle.load(gzip.open(args.state, "rb"))
        print(state)
    # a pickle from a fixed cache path
    # ok: unsafe-deserialization
    last = pickle.load(open("/var/cache/exports/last-run.pkl", "rb"))
    print(last)


def quick(argv=None):
    argv = argv or sys.argv
    table = argv[1]
    # sys.argv table name in SQLAlchemy text()
    # ruleid: sql-injection
    rows = engine.connect().execute(text("SELECT count(*) FROM " + table)).scalar()
    print(rows)


@celery_app.task(name="nightly_export.export_table")
def export_table(table, fmt):
    if table not in TABLES:
        raise ValueError(table)
    with engine.connect() as conn:
        # [extended sink] task argument allowlisted against TABLES before the query
        # ok: sql-injection
        df = pd.read_sql_query(text(f"SELECT * FROM {table}"), conn)
    out = OUT_DIR / f"{table}.{fmt}"
    # [extended sink] the format argument of the task forms the file extension: "/../../x" climbs out
    # ruleid: path-traversal
    df.to_csv(out, index=False)
    # fixed webhook host, the table name in the JSON body only
    # ok: ssrf
    requests.post(NOTIFY_URL, json={"text": f"exported {table}"}, timeout=10)


@celery_app.task
def export_customer(customer_id, callback):
    conn = sqlite3.connect("/var/lib/exports/jobs.db")
    # a task argument bound as a parameter
    # ok: sql-injection
    conn.execute("INSERT INTO jobs(customer_id) VALUES (?)", (customer_id,))
    # the task's callback URL requested as it is
    # ruleid: ssrf
    requests.post(callback, json={"customer": customer_id}, timeout=10)
    # TLS verification off for the status ping
    # ruleid: tls-verification-disabled
    requests.get("https://status.internal.example/ping", verify=False, timeout=5)


@celery_app.task
def purge_exports(older_than_days):
    days = int(older_than_days)
    # coerced with int() before it reaches the shell line
    # ok: command-injection
    os.system(f"find /srv/exports -mtime +{days} -delete")


@celery_app.task
def compress(name):
    # a task argument in a shell line
    # ruleid: command-injection
    os.popen("gzip -9 /srv/exports/" + name).read()


if __name__ == "__main__":
    main()
