"""Reports API (FastAPI + SQLAlchemy 2.0). Routers are mounted in main.py."""
from __future__ import annotations

import uuid
from enum import Enum
from pathlib import Path
from typing import Literal

import httpx
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, PlainTextResponse
from pydantic import BaseModel, HttpUrl
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reports.db import get_session
from reports.models import Report

app = FastAPI(title="reports")
router = APIRouter(prefix="/reports", tags=["reports"])

EXPORT_ROOT = Path("/srv/reports/exports")
NOTES_DIR = Path("/srv/reports/notes")


class SortField(str, Enum):
    created = "created_at"
    name = "name"
    owner = "owner_id"


class ReportFilter(BaseModel):
    owner: str
    status: Literal["draft", "published", "archived"] = "published"
    sort: SortField = SortField.created


class WebhookTest(BaseModel):
    target: HttpUrl
    secret: str | None = None


@router.get("/{report_id}")
def get_report(report_id: int, db: Session = Depends(get_session)):
    # report_id is declared int: FastAPI rejects anything else before the body runs.
    # ok: sql-injection
    row = db.execute(text(f"SELECT * FROM reports WHERE id = {report_id}")).mappings().first()
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return dict(row)


@router.get("/by-owner/{owner}")
def reports_by_owner(owner: str, db: Session = Depends(get_session)):
    # Route parameter quoted by hand inside the SQL text.
    # ruleid: sql-injection
    rows = db.execute(text(f"SELECT id, name FROM reports WHERE owner = '{owner}'")).all()
    return [{"id": r.id, "name": r.name} for r in rows]


@router.post("/search")
def search_reports(flt: ReportFilter, db: Session = Depends(get_session)):
    # status is a Literal and sort an Enum (validated by pydantic); owner is a bound parameter.
    sql = (
        f"SELECT id, name FROM reports WHERE owner = :owner AND status = '{flt.status}' "
        f"ORDER BY {flt.sort.value}"
    )
    # ok: sql-injection
    rows = db.execute(text(sql), {"owner": flt.owner}).all()
    return [dict(r._mapping) for r in rows]


@router.get("/")
def list_reports(q: str = "", db: Session = Depends(get_session)):
    # ORM statement: the LIKE pattern is a bound value.
    stmt = select(Report).where(Report.name.ilike(f"%{q}%")).limit(50)
    # ok: sql-injection
    return db.execute(stmt).scalars().all()


@router.get("/stats/grouped")
def grouped_stats(group_by: str = Query("status"), db: Session = Depends(get_session)):
    # Identifier checked against a local set with an early raise.
    allowed = {"status", "owner", "region"}
    if group_by not in allowed:
        raise HTTPException(status_code=400, detail="bad group")
    # ok: sql-injection
    rows = db.execute(text(f"SELECT {group_by}, count(*) AS n FROM reports GROUP BY {group_by}")).all()
    return [{"key": r[0], "count": r[1]} for r in rows]


@router.get("/stats/window")
def window_stats(days: str = "30", db: Session = Depends(get_session)):
    # days is a str; only its length is checked before it goes into the interval.
    if len(days) > 40:
        raise HTTPException(status_code=400, detail="too long")
    sql = "SELECT count(*) FROM reports WHERE created_at > now() - interval '" + days + " days'"
    # ruleid: sql-injection
    total = db.execute(text(sql)).scalar_one()
    return {"total": total}


@router.get("/exports/download")
def download_export(name: str = Query(...)):
    # Query value joined under a constant directory; exists() is not a containment check. [extended sink]
    path = EXPORT_ROOT / name
    if not path.exists():
        raise HTTPException(status_code=404)
    # ruleid: path-traversal
    return FileResponse(path, filename=path.name)


@router.get("/exports/download-safe")
def download_export_safe(name: str = Query(...)):
    # resolve() + is_relative_to() with an early raise. [extended sink]
    target = (EXPORT_ROOT / name).resolve()
    if not target.is_relative_to(EXPORT_ROOT.resolve()):
        raise HTTPException(status_code=403)
    # ok: path-traversal
    return FileResponse(target, filename=target.name)


@router.get("/exports/by-id/{export_id}")
def export_by_id(export_id: uuid.UUID):
    # export_id is parsed as a UUID by FastAPI.
    # ok: path-traversal
    data = (EXPORT_ROOT / f"{export_id}.csv").read_text()
    return PlainTextResponse(data, media_type="text/csv")


@app.get("/notes")
def read_note(name: str):
    # ".." blocklist: an absolute name ("/etc/passwd") replaces NOTES_DIR in the join.
    if ".." in name:
        raise HTTPException(status_code=400, detail="invalid name")
    # ruleid: path-traversal
    return PlainTextResponse((NOTES_DIR / name).read_text())


@app.post("/webhooks/test")
async def test_webhook(body: WebhookTest):
    # pydantic HttpUrl only checks the syntax, not the destination.
    async with httpx.AsyncClient(timeout=5) as client:
        # ruleid: ssrf
        r = await client.post(str(body.target), json={"event": "ping"})
    return {"status": r.status_code}


@app.get("/status/{region}")
async def region_status(region: Literal["eu", "us", "ap"]):
    # Literal path parameter: FastAPI only accepts the three values.
    async with httpx.AsyncClient(timeout=5) as client:
        # ok: ssrf
        r = await client.get(f"https://{region}.status.example-cloud.com/api/v2/summary.json")
    return r.json()


@app.get("/status/custom/{subdomain}")
async def custom_status(subdomain: str):
    # Free-form subdomain in the host part: "evil.example/#" takes over the host.
    async with httpx.AsyncClient(timeout=5) as client:
        # ruleid: ssrf
        r = await client.get(f"https://{subdomain}.statuspage.io/api/v2/summary.json")
    return r.json()


app.include_router(router)
