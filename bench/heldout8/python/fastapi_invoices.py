"""Invoicing microservice: FastAPI, SQLAlchemy 2.0 (sync sessions), httpx and Jinja2 mail templates."""

import html
import logging
import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import httpx
from fastapi import Depends, FastAPI, HTTPException, Query, Response, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, HttpUrl
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)
engine = create_engine(os.environ["DATABASE_URL"])
SessionLocal = sessionmaker(bind=engine)
INVOICE_DIR = Path(os.environ.get("INVOICE_DIR", "/var/lib/invoices")).resolve()
STATUS_VALUES = ("draft", "sent", "paid", "void")
ORDERINGS = {"due": "due_date", "amount": "total_cents", "customer": "customer_name"}
RATE_PROVIDERS = {"ecb": "https://rates.ecb.example/api/", "fed": "https://fx.fed.example/v1/"}
ALLOWED_LOGO_HOSTS = {"logos.clearbit.example", "cdn.billing.example"}

mail_env = Environment(loader=FileSystemLoader("templates/mail"), autoescape=True)

# debug switch read from the environment
# ok: debug-mode
app = FastAPI(title="Invoices", debug=os.environ.get("INVOICES_DEBUG") == "1")

# credentials with an explicit list of origins
# ok: permissive-cors
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.billing.example", "https://admin.billing.example"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


class InvoiceRepository:
    def __init__(self, db: Session):
        self.db = db

    def list(self, status: str, customer: str, order: str, limit: int):
        clauses = ["1 = 1"]
        params = {"limit": limit}
        if status:
            clauses.append("status = :status")
            params["status"] = status
        if customer:
            clauses.append(f"customer_name ILIKE '%{customer}%'")
        sql = "SELECT * FROM invoices WHERE " + " AND ".join(clauses) + f" ORDER BY {order} LIMIT :limit"
        # the customer filter is spliced into one clause (order comes from ORDERINGS in the caller)
        # ruleid: sql-injection
        return self.db.execute(text(sql), params).mappings().all()

    def mark(self, invoice_id: int, status: str):
        # the only caller checks status against STATUS_VALUES and raises otherwise
        # ok: sql-injection
        self.db.execute(text(f"UPDATE invoices SET status = '{status}' WHERE id = :id"), {"id": invoice_id})
        self.db.commit()


@app.get("/invoices")
def list_invoices(
    status: str = "",
    customer: str = "",
    sort: str = "due",
    limit: int = Query(50, le=200),
    db: Session = Depends(get_db),
):
    order = ORDERINGS.get(sort, "due_date")
    return InvoiceRepository(db).list(status, customer, order, limit)


def _check_sort(column: str) -> bool:
    known = column in ORDERINGS.values()
    if not known:
        logger.warning("unexpected sort column %s", column)
    return known


def _require_column(column: str) -> str:
    if column not in ORDERINGS.values():
        raise HTTPException(400, "unknown column")
    return column


@app.get("/invoices/export")
def export_invoices(sort: str = "due_date", db: Session = Depends(get_db)):
    _check_sort(sort)
    # the check's result is only logged
    # ruleid: sql-injection
    rows = db.execute(text(f"SELECT * FROM invoices ORDER BY {sort}")).all()
    return [list(r) for r in rows]


@app.get("/invoices/export-v2")
def export_invoices_v2(sort: str = "due_date", db: Session = Depends(get_db)):
    column = _require_column(sort)
    # same-file validator that raises, its result used
    # ok: sql-injection
    rows = db.execute(text(f"SELECT * FROM invoices ORDER BY {column}")).all()
    return [list(r) for r in rows]


@app.post("/invoices/{invoice_id}/status")
def set_status(invoice_id: int, status: str, db: Session = Depends(get_db)):
    if status not in STATUS_VALUES:
        raise HTTPException(400, "unknown status")
    InvoiceRepository(db).mark(invoice_id, status)
    return {"ok": True}


@app.get("/reports/totals")
def totals(group_by: Literal["customer_name", "currency", "status"] = "status", db: Session = Depends(get_db)):
    # group_by limited to three literals by FastAPI's validation [beyond docs]
    # ok: sql-injection
    rows = db.execute(text(f"SELECT {group_by}, SUM(total_cents) FROM invoices GROUP BY {group_by}")).all()
    return [list(r) for r in rows]


@app.get("/customers/lookup")
def lookup_customer(email: str, db: Session = Depends(get_db)):
    # email formatted into the SQL text with %
    # ruleid: sql-injection
    row = db.connection().exec_driver_sql("SELECT id, name FROM customers WHERE email = '%s'" % email).first()
    return dict(row._mapping) if row else None


class WebhookIn(BaseModel):
    url: HttpUrl
    event: str


@app.post("/webhooks/test")
async def test_webhook(hook: WebhookIn):
    async with httpx.AsyncClient(timeout=5) as client:
        # HttpUrl checks the syntax, not the destination
        # ruleid: ssrf
        r = await client.post(str(hook.url), json={"event": hook.event, "test": True})
    return {"status": r.status_code}


@app.get("/fx/{provider}")
def fx_rate(provider: str, symbol: str):
    base = RATE_PROVIDERS.get(provider)
    if base is None:
        raise HTTPException(404)
    # base from a constant dictionary of https://host/ URLs, the symbol after it
    # ok: ssrf
    return httpx.get(base + symbol, timeout=5).json()


def _is_allowed_logo(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return host in ALLOWED_LOGO_HOSTS or host.endswith(".cdn.billing.example")


@app.post("/customers/{customer_id}/logo")
def import_logo(customer_id: int, logo_url: str):
    if not _is_allowed_logo(logo_url):
        raise HTTPException(400, "host not allowed")
    # same-file predicate: host allowlist or a suffix with a leading dot
    # ok: ssrf
    data = httpx.get(logo_url, timeout=5, follow_redirects=False).content
    target = INVOICE_DIR / "logos" / f"{customer_id}.png"
    # customer_id is an int parameter [beyond docs]
    # ok: path-traversal
    target.write_bytes(data)
    return {"stored": target.name}


@app.get("/invoices/files/{name}")
def invoice_file(name: str):
    target = (INVOICE_DIR / name).resolve()
    if not target.is_relative_to(INVOICE_DIR):
        raise HTTPException(404)
    # resolve + is_relative_to with a raise [extended sink]
    # ok: path-traversal
    return FileResponse(target, media_type="application/pdf")


@app.get("/invoices/archive/{year}/{name}")
def archived_invoice(year: str, name: str):
    target = INVOICE_DIR / "archive" / year / name
    if INVOICE_DIR not in target.parents:
        raise HTTPException(404)
    # .parents of a path that was never resolved
    # ruleid: path-traversal
    return Response(target.read_bytes(), media_type="application/pdf")


@app.post("/imports")
async def import_csv(file: UploadFile):
    content = await file.read()
    dest = INVOICE_DIR / "imports" / file.filename
    # the client's file name joined to the import folder
    # ruleid: path-traversal
    dest.write_bytes(content)
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as tmp:
        tmp.write(content)
    # a name tempfile chose
    # ok: path-traversal
    with open(tmp.name, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return {"rows": len(lines) - 1}


@app.post("/invoices/{invoice_id}/render")
def render_pdf(invoice_id: int, template: str = "classic"):
    html_path = INVOICE_DIR / f"{invoice_id}.html"
    out = INVOICE_DIR / f"{invoice_id}.pdf"
    # template name from the query inside the shell command
    # ruleid: command-injection
    subprocess.run(f"weasyprint -s styles/{template}.css {html_path} {out}", shell=True, check=True)
    # quoted path built from the int id
    # ok: command-injection
    pages = subprocess.run(f"pdfinfo {shlex.quote(str(out))} | grep Pages", shell=True, capture_output=True, text=True)
    return {"pages": pages.stdout.split(":")[-1].strip()}


@app.get("/invoices/{invoice_id}/preview", response_class=HTMLResponse)
def preview(invoice_id: int, message: str = ""):
    # query text in an HTML response body [extended sink]
    # ruleid: xss
    return HTMLResponse(f"<html><body><p>{message}</p><iframe src='/invoices/{invoice_id}/pdf'></iframe></body></html>")


@app.get("/invoices/{invoice_id}/summary", response_class=HTMLResponse)
def summary(invoice_id: int, note: str = ""):
    # html.escape on the note [extended sink]
    # ok: xss
    return HTMLResponse(f"<html><body><h1>Invoice {invoice_id}</h1><p>{html.escape(note)}</p></body></html>")


@app.get("/pay/{invoice_id}")
def pay(invoice_id: int, return_url: str = "/"):
    if invoice_id <= 0:
        raise HTTPException(404)
    # return_url from the query
    # ruleid: open-redirect
    return RedirectResponse(return_url)


class ReminderIn(BaseModel):
    subject: str
    body_template: str
    customer_name: str


@app.post("/reminders/preview")
def reminder_preview(payload: ReminderIn):
    # a user-written template compiled by a plain Environment
    # ruleid: ssti
    tmpl = mail_env.from_string(payload.body_template)
    return {"body": tmpl.render(customer=payload.customer_name)}


@app.post("/reminders/preview-sandboxed")
def reminder_preview_sandboxed(payload: ReminderIn):
    # sandboxed environment
    # ok: ssti
    tmpl = SandboxedEnvironment(autoescape=True).from_string(payload.body_template)
    return {"body": tmpl.render(customer=payload.customer_name)}
