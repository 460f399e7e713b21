"""Reporting API on Litestar 2 with asyncpg and SQLAlchemy 2.0."""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Literal

import asyncpg
from litestar import Litestar, Request, get, post
from litestar.config.cors import CORSConfig
from litestar.exceptions import HTTPException
from litestar.response import File
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

REPORT_DIR = Path("/srv/reports").resolve()
DSN = os.environ["REPORTS_DSN"]


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


async def _pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(DSN)


@get("/reports/revenue")
async def revenue(region: str, period: Period = Period.day) -> list[dict]:
    pool = await _pool()
    async with pool.acquire() as conn:
        # asyncpg with the handler parameter bound as $1
        # ok: sql-injection
        rows = await conn.fetch("SELECT day, total FROM revenue WHERE region = $1", region)
    return [dict(r) for r in rows]


@get("/reports/by-column")
async def by_column(column: str) -> list[dict]:
    pool = await _pool()
    async with pool.acquire() as conn:
        # asyncpg fetch of an f-string with a handler parameter as identifier [extended sink]
        # ruleid: sql-injection
        rows = await conn.fetch(f"SELECT {column}, count(*) FROM orders GROUP BY {column}")
    return [dict(r) for r in rows]


@get("/reports/sorted")
async def sorted_orders(db_session: AsyncSession, direction: Literal["asc", "desc"] = "asc") -> list[dict]:
    # Literal-typed parameter validated by the framework before the handler [beyond docs]
    # ok: sql-injection
    result = await db_session.execute(text(f"SELECT id, total FROM orders ORDER BY total {direction}"))
    return [dict(r._mapping) for r in result]


@get("/reports/search")
async def search_orders(db_session: AsyncSession, customer: str) -> list[dict]:
    # SQLAlchemy text() built from a handler parameter
    # ruleid: sql-injection
    stmt = text("SELECT id, total FROM orders WHERE customer = '" + customer + "'")
    result = await db_session.execute(stmt)
    return [dict(r._mapping) for r in result]


@get("/reports/customer")
async def customer_orders(db_session: AsyncSession, customer: str) -> list[dict]:
    # text() with a bound :customer parameter
    # ok: sql-injection
    stmt = text("SELECT id, total FROM orders WHERE customer = :customer")
    result = await db_session.execute(stmt, {"customer": customer})
    return [dict(r._mapping) for r in result]


@get("/reports/window")
async def window(db_session: AsyncSession, period: Period) -> list[dict]:
    # Enum-typed parameter (only day/week/month reach the handler) [beyond docs]
    # ok: sql-injection
    stmt = text(f"SELECT date_trunc('{period.value}', created_at) AS bucket, sum(total) FROM orders GROUP BY 1")
    result = await db_session.execute(stmt)
    return [dict(r._mapping) for r in result]


@get("/reports/download/{name:str}")
async def download(name: str) -> File:
    target = (REPORT_DIR / name).resolve()
    if not target.is_relative_to(REPORT_DIR):
        raise HTTPException(status_code=403)
    # Litestar File response after a resolve + is_relative_to check [extended sink]
    # ok: path-traversal
    return File(path=target, filename=target.name)


@get("/reports/raw/{name:str}")
async def raw(name: str) -> File:
    # Litestar File response with the path parameter under a constant root [extended sink]
    # ruleid: path-traversal
    return File(path=REPORT_DIR / name)


@get("/reports/preview/{name:str}")
async def preview(name: str) -> str:
    # pathlib read_text of a route parameter under a constant root
    # ruleid: path-traversal
    return (REPORT_DIR / f"{name}.csv").read_text()


@get("/reports/template/{kind:str}")
async def template_for(kind: Literal["daily", "weekly"]) -> str:
    # Literal-typed path parameter [beyond docs]
    # ok: path-traversal
    return (REPORT_DIR / "templates" / f"{kind}.sql").read_text()


@post("/reports/upload")
async def upload(request: Request) -> dict:
    form = await request.form()
    f = form["file"]
    # uploaded file name used as is under the report dir [beyond docs]
    # ruleid: path-traversal
    (REPORT_DIR / "incoming" / f.filename).write_bytes(await f.read())
    return {"ok": True}


# Litestar app: CORS config with credentials and any origin, debug flag as a literal [beyond docs]
# ruleid: permissive-cors
# ruleid: debug-mode
app = Litestar(
    route_handlers=[revenue, by_column, sorted_orders, search_orders, customer_orders, window, download, raw, preview, template_for, upload],
    cors_config=CORSConfig(allow_origins=["*"], allow_credentials=True),
    debug=True,
)
