"""Celery tasks of the payroll SaaS: report exports (CSV, Excel, PDF) and deliveries.

Tasks are enqueued by the web app (`export_report.delay(...)` in views.py) with what
the tenant admin picked in the export dialog.
"""

from __future__ import annotations

import csv
import logging
import os
import shlex
import subprocess
import tempfile
import uuid
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import psycopg2
import requests
from celery import Celery
from openpyxl import Workbook, load_workbook
from psycopg2 import sql

log = logging.getLogger("payroll.exports")

app = Celery("payroll", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/3"))

EXPORT_ROOT = Path(os.environ.get("EXPORT_ROOT", "/srv/payroll/exports"))
WKHTMLTOPDF = os.environ.get("WKHTMLTOPDF_BIN", "/usr/local/bin/wkhtmltopdf")
REPORT_VIEWS = {
    "gross": "report_gross_pay",
    "tax": "report_tax_withheld",
    "pto": "report_pto_balance",
}
EXPORT_FORMATS = ("csv", "xlsx", "pdf")
SLACK_WEBHOOK = os.environ.get("SLACK_EXPORTS_WEBHOOK", "")


def pg():
    return psycopg2.connect(os.environ["PAYROLL_DSN"])


def tenant_dir(tenant_id: int) -> Path:
    path = EXPORT_ROOT / str(int(tenant_id))
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_rows(report: str, tenant_id: int, period_start: date, period_end: date) -> list[tuple]:
    view = REPORT_VIEWS[report]
    with pg() as conn, conn.cursor() as cur:
        # view name from a constant dictionary, the rest bound
        # ok: sql-injection
        cur.execute(
            f"SELECT * FROM {view} WHERE tenant_id = %s AND pay_date BETWEEN %s AND %s",
            (tenant_id, period_start, period_end),
        )
        return cur.fetchall()


def write_csv(rows: list[tuple], target: Path) -> Path:
    # the only caller passes a server-generated name under the tenant's int directory
    # ok: path-traversal
    with target.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return target


@app.task(bind=True, max_retries=3)
def export_report(self, tenant_id: int, report: str, fmt: str, period_start: str, period_end: str, file_label: str) -> str:
    if report not in REPORT_VIEWS or fmt not in EXPORT_FORMATS:
        raise ValueError(f"unsupported export {report}/{fmt}")
    rows = fetch_rows(report, tenant_id, date.fromisoformat(period_start), date.fromisoformat(period_end))
    out_dir = tenant_dir(tenant_id)
    stem = f"{report}-{uuid.uuid4().hex}"
    if fmt == "csv":
        df_path = write_csv(rows, out_dir / f"{stem}.csv")
    elif fmt == "xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = report
        for row in rows:
            ws.append(list(row))
        # the admin's free-text label becomes part of the saved file's path
        df_path = out_dir / f"{file_label}.xlsx"
        # [extended sink] openpyxl Workbook.save writes the file at that path
        # ruleid: path-traversal
        wb.save(df_path)
    else:
        df_path = render_pdf(rows, out_dir, stem)
    log.info("export %s for tenant %s written to %s", report, tenant_id, df_path)
    return str(df_path)


def render_pdf(rows: list[tuple], out_dir: Path, stem: str) -> Path:
    html_file = tempfile.NamedTemporaryFile("w", suffix=".html", delete=False)
    with html_file:
        html_file.write("<table>" + "".join(f"<tr><td>{r[0]}</td></tr>" for r in rows) + "</table>")
    target = out_dir / f"{stem}.pdf"
    # argument list, no shell; every path chosen by the code
    # ok: command-injection
    subprocess.run([WKHTMLTOPDF, "--quiet", html_file.name, str(target)], check=True, timeout=120)
    return target


@app.task
def export_dataframe(tenant_id: int, query_name: str, destination: str) -> None:
    with pg() as conn:
        frame = pd.read_sql("SELECT * FROM report_gross_pay WHERE tenant_id = %(t)s", conn, params={"t": tenant_id})
    # destination is the task argument as the view enqueued it
    # ruleid: path-traversal
    frame.to_csv(destination, index=False)
    log.info("dataframe %s exported", query_name)


@app.task
def import_timesheets(tenant_id: int, upload_name: str, sheet: str) -> int:
    # [extended sink] openpyxl load_workbook; basename of the uploaded name under the tenant directory
    # ok: path-traversal
    wb = load_workbook(tenant_dir(tenant_id) / os.path.basename(upload_name), read_only=True)
    ws = wb[sheet]
    count = 0
    with pg() as conn, conn.cursor() as cur:
        for employee_no, hours, day in ws.iter_rows(min_row=2, values_only=True):
            # parameterized insert of cell values
            # ok: sql-injection
            cur.execute(
                "INSERT INTO timesheets (tenant_id, employee_no, hours, day) VALUES (%s, %s, %s, %s)",
                (tenant_id, employee_no, hours, day),
            )
            count += 1
    return count


@app.task
def archive_exports(tenant_id: int, label: str) -> str:
    folder = tenant_dir(tenant_id)
    archive = f"/srv/payroll/archives/{tenant_id}-{label}.tar.gz"
    # the archive path (holding the label) quoted by shlex.quote; the folder from an int
    # ok: command-injection
    subprocess.run(f"tar czf {shlex.quote(archive)} -C {folder} .", shell=True, check=True)
    return archive


@app.task
def purge_old_exports(tenant_id: int, older_than_days: str) -> None:
    folder = tenant_dir(tenant_id)
    # older_than_days is a task argument spliced into a shell command
    # ruleid: command-injection
    subprocess.run(f"find {folder} -type f -mtime +{older_than_days} -delete", shell=True, check=True)


@app.task
def purge_by_prefix(tenant_id: int, prefix: str) -> None:
    # int() coercion of the tenant only; the prefix goes in as is
    # ruleid: command-injection
    os.system("rm -f " + str(tenant_dir(int(tenant_id))) + "/" + prefix + "*")


@app.task
def rename_columns(tenant_id: int, table: str, column: str, new_name: str) -> None:
    with pg() as conn, conn.cursor() as cur:
        # identifiers quoted by psycopg2.sql.Identifier
        # ok: sql-injection
        cur.execute(
            sql.SQL("ALTER TABLE {} RENAME COLUMN {} TO {}").format(
                sql.Identifier(table), sql.Identifier(column), sql.Identifier(new_name)
            )
        )
        # the audit row splices the task's table name into text
        # ruleid: sql-injection
        cur.execute("INSERT INTO audit (tenant_id, note) VALUES (%s, 'renamed in " + table + "')", (tenant_id,))


@app.task
def notify_done(tenant_id: int, export_path: str, callback_url: str) -> None:
    requests.post(SLACK_WEBHOOK, json={"text": f"export ready for tenant {tenant_id}"}, timeout=5)
    # the tenant's callback URL as the task received it
    # ruleid: ssrf
    requests.post(callback_url, json={"path": export_path, "at": datetime.utcnow().isoformat()}, timeout=5)


@app.task
def notify_integration(tenant_id: int) -> None:
    with pg() as conn, conn.cursor() as cur:
        cur.execute("SELECT webhook_url FROM integrations WHERE tenant_id = %s", (tenant_id,))
        row = cur.fetchone()
    if not row:
        return
    # [beyond docs] a URL read back from the database is the database's value, not the key
    # (held-out 8's verdict on row fields, tagged again)
    # ok: ssrf
    requests.post(row[0], json={"tenant": tenant_id}, timeout=5)
