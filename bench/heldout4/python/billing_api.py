"""Billing service of a small SaaS: invoices, usage reports, webhooks (FastAPI)."""

import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

import httpx
import psycopg
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from psycopg import sql
from pydantic import BaseModel

app = FastAPI()
router = APIRouter(prefix="/billing")

INVOICE_ROOT = Path("/var/lib/billing/invoices").resolve()
USAGE_TABLE = "usage_daily"
PAGE_SIZE = 200


@dataclass
class InvoiceStore:
    root: Path = INVOICE_ROOT

    def checked_path(self, tenant: str, name: str) -> Path:
        candidate = (self.root / tenant / name).resolve()
        if not candidate.is_relative_to(self.root):
            raise HTTPException(status_code=404)
        return candidate

    def raw_path(self, tenant: str, name: str) -> Path:
        return self.root / tenant / name


def get_store() -> InvoiceStore:
    return InvoiceStore()


@router.get("/invoices/{tenant}/{name}")
def invoice(tenant: str, name: str, store: InvoiceStore = Depends(get_store)):
    # resolve() + is_relative_to inside a dataclass method that raises
    # ok: path-traversal
    return Response(store.checked_path(tenant, name).read_bytes(), media_type="application/pdf")


@router.get("/invoices-legacy/{tenant}")
def invoice_legacy(tenant: str, name: str = Query(...), store: InvoiceStore = Depends(get_store)):
    # the unchecked sibling method: pathlib join of two request values
    # ruleid: path-traversal
    return Response(store.raw_path(tenant, name).read_bytes(), media_type="application/pdf")


class TenantRepo:
    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def usage(self, tenant_id: int, month: str):
        with self.conn.cursor() as cur:
            # %s placeholders with a params tuple
            # ok: sql-injection
            cur.execute("SELECT sum(units) FROM usage WHERE tenant_id = %s AND month = %s", (tenant_id, month))
            return cur.fetchone()

    def daily(self, tenant_id: int):
        with self.conn.cursor() as cur:
            # constant-only f-string: both names are module constants, the value is bound
            # ok: sql-injection
            cur.execute(f"SELECT * FROM {USAGE_TABLE} WHERE tenant_id = %s LIMIT {PAGE_SIZE}", (tenant_id,))
            return cur.fetchall()

    def by_plan(self, plan: str):
        with self.conn.cursor() as cur:
            # the plan name is interpolated into a quoted literal
            # ruleid: sql-injection
            cur.execute(f"SELECT tenant_id FROM subscriptions WHERE plan = '{plan}'")
            return cur.fetchall()

    def export_table(self, table: str):
        with self.conn.cursor() as cur:
            # psycopg.sql.Identifier quotes the table name
            # ok: sql-injection
            cur.execute(sql.SQL("SELECT * FROM {} LIMIT 1000").format(sql.Identifier(table)))
            return cur.fetchall()

    def top_tenants(self, limit: str):
        with self.conn.cursor() as cur:
            # int() coercion of the limit
            # ok: sql-injection
            cur.execute("SELECT tenant_id FROM usage ORDER BY units DESC LIMIT " + str(int(limit)))
            return cur.fetchall()


def get_repo() -> TenantRepo:
    return TenantRepo(psycopg.connect("dbname=billing"))


@router.get("/usage/{tenant_id}")
def usage(tenant_id: int, month: str, repo: TenantRepo = Depends(get_repo)):
    return {"usage": repo.usage(tenant_id, month), "daily": repo.daily(tenant_id)}


@router.get("/plans/{plan}")
def plan_tenants(plan: str, repo: TenantRepo = Depends(get_repo)):
    return repo.by_plan(plan)


@router.get("/export")
def export(table: str, repo: TenantRepo = Depends(get_repo)):
    return repo.export_table(table)


@router.get("/top")
def top(limit: str = "10", repo: TenantRepo = Depends(get_repo)):
    return repo.top_tenants(limit)


class EndpointIn(BaseModel):
    url: str
    account: str


class WebhookSender:
    client = httpx.AsyncClient(timeout=5)

    async def deliver(self, endpoint: str, payload: dict):
        # class-attribute AsyncClient; endpoint is the request body's URL (register_webhook)
        # ruleid: ssrf
        return await self.client.post(endpoint, json=payload)

    async def status(self, account: str):
        # fixed host; the user part is a percent-encoded path segment
        # ok: ssrf
        return await self.client.get(f"https://status.billing-partner.com/v1/accounts/{quote(account, safe='')}")


def _resolves_public(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(info[4][0]).is_global for info in socket.getaddrinfo(host, None))
    except (socket.gaierror, ValueError):
        return False


def _reject_private_literal(host: str) -> None:
    try:
        if ipaddress.ip_address(host).is_private:
            raise HTTPException(status_code=400)
    except ValueError:
        pass


@router.post("/webhooks")
async def register_webhook(body: EndpointIn):
    sender = WebhookSender()
    await sender.status(body.account)
    return await sender.deliver(body.url, {"event": "registered"})


@router.post("/webhooks/verify")
async def verify_webhook(body: EndpointIn):
    host = urlparse(body.url).hostname or ""
    if not _resolves_public(host):
        raise HTTPException(status_code=400)
    # same-file predicate over every resolved address, early exit
    # ok: ssrf
    r = await httpx.AsyncClient().get(body.url)
    return {"status": r.status_code}


@router.post("/webhooks/probe")
async def probe_webhook(body: EndpointIn):
    host = urlparse(body.url).hostname or ""
    _reject_private_literal(host)
    # [beyond docs] the raising validator only looks at IP literals; names such as localhost or internal.corp pass
    # ruleid: ssrf
    r = await httpx.AsyncClient().get(body.url)
    return {"status": r.status_code}


@router.get("/return")
def billing_return(next: str = Query("/")):
    # checkout return URL straight from the query string
    # ruleid: open-redirect
    return RedirectResponse(next)


@router.get("/done")
def billing_done(ref: str):
    # constant path prefix of several characters
    # ok: open-redirect
    return RedirectResponse(f"/billing/receipts/{ref}")


@router.get("/receipt-preview", response_class=HTMLResponse)
def receipt_preview(note: str = ""):
    # [extended sink] HTMLResponse body built from a query parameter
    # ruleid: xss
    return HTMLResponse(f"<html><body><p>{note}</p></body></html>")


app.include_router(router)
