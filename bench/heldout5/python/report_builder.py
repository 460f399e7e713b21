"""Finance reports: SQLAlchemy queries behind a FastAPI router, PDF/CSV files written to disk."""

import os
import pickle
import shutil
import uuid
from pathlib import Path

import yaml
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse
from sqlalchemy import literal_column, select, text
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from finance.db import get_session
from finance.models import Invoice
from finance.pdf import render_pdf

REPORT_DIR = Path(os.environ.get("REPORT_DIR", "/var/lib/finance/reports"))
ARCHIVE_DIR = "/var/lib/finance/archive"
GROUPINGS = {"customer": "customer_id", "month": "date_trunc('month', issued_at)", "region": "region"}
SORTABLE = frozenset({"issued_at", "amount", "customer_id"})

router = APIRouter(prefix="/reports")


class ReportRepository:
    def __init__(self, session: Session):
        self.session = session

    def revenue_by(self, dimension: str, since: str):
        # dimension interpolated into text() (route passes a query parameter); since is bound
        # ruleid: sql-injection
        stmt = text(f"SELECT {dimension}, sum(amount) FROM invoices WHERE issued_at >= :since GROUP BY {dimension}")
        return self.session.execute(stmt, {"since": since}).all()

    def revenue_grouped(self, grouping: str):
        expr = GROUPINGS[grouping]
        # expression looked up in a constant dict by key
        # ok: sql-injection
        return self.session.execute(text(f"SELECT {expr} AS g, sum(amount) FROM invoices GROUP BY g")).all()

    def invoices_for(self, customer: str, sort: str):
        stmt = select(Invoice).where(Invoice.customer_id == customer)
        if sort in SORTABLE:
            # order_by(text()) inside an allowlist check
            # ok: sql-injection
            stmt = stmt.order_by(text(sort))
        # SQLAlchemy select() with bound values; its only raw part is the checked sort
        # ok: sql-injection
        return self.session.execute(stmt).scalars().all()

    def invoices_sorted(self, sort: str):
        # user sort expression in order_by(text(...)) without a check
        # ruleid: sql-injection
        return self.session.execute(select(Invoice).order_by(text(sort))).scalars().all()

    def column_total(self, column: str):
        # literal_column with the caller's value
        # ruleid: sql-injection
        return self.session.execute(select(literal_column(column)).select_from(Invoice)).scalar()

    def overdue(self, days: str):
        conn = self.session.connection()
        # exec_driver_sql with an f-string
        # ruleid: sql-injection
        return conn.exec_driver_sql(f"SELECT id FROM invoices WHERE due_at < now() - interval '{days} days'").all()

    def by_reference(self, ref: str):
        # text() with :ref and bindparams
        # ok: sql-injection
        stmt = text("SELECT * FROM invoices WHERE reference = :ref").bindparams(ref=ref)
        return self.session.execute(stmt).all()


@router.get("/revenue")
def revenue(dimension: str = Query("region"), since: str = Query("2025-01-01"), session: Session = Depends(get_session)):
    repo = ReportRepository(session)
    return {"rows": [list(r) for r in repo.revenue_by(dimension, since)], "grouped": repo.revenue_grouped("month")}


@router.get("/invoices")
def invoices(customer: str, sort: str = "issued_at", session: Session = Depends(get_session)):
    repo = ReportRepository(session)
    return {"a": repo.invoices_for(customer, sort), "b": repo.invoices_sorted(sort)}


@router.get("/totals/{column}")
def totals(column: str, overdue_days: str = "30", ref: str = "", session: Session = Depends(get_session)):
    repo = ReportRepository(session)
    return {"total": repo.column_total(column), "overdue": repo.overdue(overdue_days), "ref": repo.by_reference(ref)}


@router.post("/pdf/{report_name}")
def build_pdf(report_name: str, session: Session = Depends(get_session)):
    pdf_path = REPORT_DIR / f"{report_name}.pdf"
    # route parameter names the output file under a constant directory
    # ruleid: path-traversal
    pdf_path.write_bytes(render_pdf(session, report_name))
    return {"path": str(pdf_path)}


@router.get("/pdf/{report_id}")
def download_pdf(report_id: str):
    rid = uuid.UUID(report_id)
    # report id coerced with uuid.UUID [extended sink]
    # ok: path-traversal
    return FileResponse(REPORT_DIR / f"{rid}.pdf", media_type="application/pdf")


@router.get("/csv")
def download_csv(name: str):
    # FastAPI FileResponse of a query parameter joined to the directory [extended sink]
    # ruleid: path-traversal
    return FileResponse(os.path.join(REPORT_DIR, name), media_type="text/csv")


@router.post("/archive")
def archive(name: str, label: str):
    src = REPORT_DIR / secure_filename(name)
    # source reduced with secure_filename, destination built from the raw label
    # ruleid: path-traversal
    shutil.copy(src, os.path.join(ARCHIVE_DIR, label))
    # both paths sanitized (secure_filename on each)
    # ok: path-traversal
    shutil.copy(src, os.path.join(ARCHIVE_DIR, secure_filename(label)))
    return {"ok": True}


@router.delete("/archive/{label}")
def delete_archive(label: str):
    target = os.path.normpath(os.path.join(ARCHIVE_DIR, label))
    # normpath collapses ../ but does not keep the result inside the base [beyond docs]
    # ruleid: path-traversal
    shutil.rmtree(target)
    return {"ok": True}


@router.get("/snapshot")
def load_snapshot(path: str = Query(...)):
    # the client chooses which file is opened
    # ruleid: path-traversal
    with open(path, "rb") as fh:
        # pickle of a file whose path the client chooses
        # ruleid: unsafe-deserialization
        return {"keys": list(pickle.load(fh))}


def load_defaults():
    with open("/usr/share/finance/defaults.pkl", "rb") as fh:
        # pickle of a file at a constant path
        # ok: unsafe-deserialization
        return pickle.load(fh)


def load_layout(layout_text: str):
    # full loader on a layout document
    # ruleid: unsafe-yaml-load
    return yaml.load(layout_text, Loader=yaml.FullLoader)


def load_layout_safe(layout_text: str):
    # safe_load
    # ok: unsafe-yaml-load
    return yaml.safe_load(layout_text)


@router.get("/missing")
def missing(name: str):
    raise HTTPException(status_code=404, detail=f"no report {name}")
