"""Warehouse inventory API: FastAPI, SQLAlchemy, pydantic models, a middleware that tags the request."""

from enum import Enum
from pathlib import Path
from typing import Literal

import subprocess

import httpx
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field, HttpUrl
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .db import Item, get_session

app = FastAPI()

LABEL_ROOT = Path("/var/inventory/labels").resolve()
SUPPLIER_APIS = {
    "acme": "https://api.acme-supply.example/v2/",
    "globex": "https://globex.example/partner/",
}


class Warehouse(str, Enum):
    north = "north"
    south = "south"


class StockFilter(BaseModel):
    sku_prefix: str = ""
    warehouse: Warehouse = Warehouse.north
    order: Literal["sku", "qty", "updated_at"] = "sku"
    min_qty: int = 0


class RestockRequest(BaseModel):
    sku: str
    supplier: str
    callback: HttpUrl | None = None
    note: str = Field("", max_length=200)


@app.middleware("http")
async def tag_tenant(request: Request, call_next):
    request.state.tenant = request.headers.get("x-tenant", "default")
    return await call_next(request)


class InventoryRepo:
    def __init__(self, session: Session, tenant: str):
        self.session = session
        self.tenant = tenant

    def stock(self, f: StockFilter):
        # pydantic enum, Literal and int fields; sku_prefix bound as :p [beyond docs]
        # ok: sql-injection
        sql = text(
            f"SELECT * FROM stock_{f.warehouse.value} WHERE sku LIKE :p AND qty >= {f.min_qty} ORDER BY {f.order}"
        )
        return self.session.execute(sql, {"p": f.sku_prefix + "%"}).all()

    def tenant_stock(self):
        # the tenant the middleware read from a header, kept on the repo by the constructor [beyond docs]
        # ruleid: sql-injection
        return self.session.execute(text(f"SELECT * FROM stock WHERE tenant = '{self.tenant}'")).all()

    def search(self, term: str):
        # ORM select: every value is bound
        # ok: sql-injection
        return self.session.execute(select(Item).where(Item.name.contains(term))).scalars().all()

    def search_raw(self, term: str):
        # ruleid: sql-injection
        return self.session.execute(text("SELECT * FROM items WHERE name LIKE '%" + term + "%'")).all()


def get_repo(request: Request, session: Session = Depends(get_session)) -> InventoryRepo:
    return InventoryRepo(session, request.state.tenant)


@app.post("/stock/search")
def stock_search(f: StockFilter, repo: InventoryRepo = Depends(get_repo)):
    return repo.stock(f)


@app.get("/stock/tenant")
def tenant_stock(repo: InventoryRepo = Depends(get_repo)):
    return repo.tenant_stock()


@app.get("/items")
def items(q: str = Query(""), raw: bool = False, repo: InventoryRepo = Depends(get_repo)):
    if raw:
        return repo.search_raw(q)
    return repo.search(q)


async def notify_supplier(supplier: str, sku: str) -> dict:
    base = SUPPLIER_APIS.get(supplier)
    if base is None:
        raise HTTPException(404, "unknown supplier")
    async with httpx.AsyncClient() as client:
        # constant https://host/ base picked by key, sku only in the path
        # ok: ssrf
        r = await client.post(f"{base}restock/{sku}")
    return r.json()


@app.post("/restock")
async def restock(body: RestockRequest):
    result = await notify_supplier(body.supplier, body.sku)
    if body.callback:
        async with httpx.AsyncClient() as client:
            # pydantic HttpUrl checks the format, not the host
            # ruleid: ssrf
            await client.post(str(body.callback), json=result)
    return result


@app.get("/stock/preview")
async def preview_feed(feed: str):
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            # ruleid: ssrf
            resp = await client.get(feed)
    except httpx.HTTPError:
        raise HTTPException(502, "feed unreachable")
    return {"lines": resp.text.count("\n")}


@app.get("/labels/{sku}")
def label_file(sku: str):
    path = (LABEL_ROOT / f"{sku}.pdf").resolve()
    if not path.is_relative_to(LABEL_ROOT):
        raise HTTPException(404)
    # resolved and contained [extended sink]
    # ok: path-traversal
    return FileResponse(path)


@app.get("/labels/legacy/{sku}")
def legacy_label(sku: str):
    path = LABEL_ROOT / f"{sku}.pdf"
    if LABEL_ROOT not in path.parents:
        raise HTTPException(404)
    # .parents of an unresolved path [extended sink]
    # ruleid: path-traversal
    return FileResponse(path)


@app.get("/labels/{sku}/note", response_class=HTMLResponse)
def label_note(sku: str, note: str = ""):
    # note echoed into markup [extended sink]
    # ruleid: xss
    return HTMLResponse(f"<h2>{sku}</h2><p>{note}</p>")


@app.get("/after-restock")
def after_restock(next: str = "/stock"):
    # ruleid: open-redirect
    return RedirectResponse(next)


@app.get("/warehouses/{wh}/go")
def warehouse_go(wh: Warehouse):
    # enum parameter, constant path
    # ok: open-redirect
    return RedirectResponse(f"/warehouses/{wh.value}/dashboard")


class BarcodePrinter:
    def __init__(self, queue: str = "zebra-1"):
        self.queue = queue

    def print_label(self, sku: str, copies: int = 1):
        # the sku from the route, a default queue
        # ruleid: command-injection
        subprocess.run(f"lpr -P {self.queue} -# {copies} /var/inventory/labels/{sku}.zpl", shell=True, check=True)


@app.post("/labels/{sku}/print")
def print_label(sku: str, copies: int = 1):
    BarcodePrinter().print_label(sku, copies)
    return {"queued": True}


@app.post("/labels/upload")
async def upload_label(request: Request):
    form = await request.form()
    upload = form["file"]
    # the multipart file name from the client
    # ruleid: path-traversal
    (LABEL_ROOT / upload.filename).write_bytes(await upload.read())
    return {"ok": True}


@app.get("/stock/raw-report")
def raw_report(columns: str = "sku,qty", repo: InventoryRepo = Depends(get_repo)):
    cols = [c.strip() for c in columns.split(",")]
    # a comprehension over the split query value, each stripped only
    # ruleid: sql-injection
    return repo.session.execute(text(f"SELECT {', '.join(cols)} FROM stock")).all()
