"""Food co-op member ledger: an aiohttp web app over asyncpg, with an exchange-rate client."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import aiohttp
import asyncpg
from aiohttp import web

STATEMENTS = Path(os.environ.get("LEDGER_STATEMENTS", "/srv/ledger/statements"))
CATEGORIES = {"produce", "dairy", "bulk", "household", "dues"}
ORDERINGS = {"newest": "booked_at DESC", "oldest": "booked_at ASC", "amount": "amount DESC"}
routes = web.RouteTableDef()


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def entries(self, member_id: int, category: str, ordering: str):
        async with self.pool.acquire() as conn:
            # a category from the query string between quotes; the ordering is a dictionary value [extended sink]
            # ruleid: sql-injection
            return await conn.fetch(f"SELECT * FROM entries WHERE member_id = $1 AND category = '{category}' ORDER BY {ORDERINGS[ordering]}", member_id)

    async def entries_checked(self, member_id: int, category: str):
        async with self.pool.acquire() as conn:
            # $1/$2 placeholders [extended sink]
            # ok: sql-injection
            return await conn.fetch("SELECT * FROM entries WHERE member_id = $1 AND category = $2", member_id, category)

    async def annotate(self, entry_id: int, note: str) -> None:
        async with self.pool.acquire() as conn:
            # the bound $1 does not cover the note spliced into SET; the caller reads it through request.post() [extended sink] [beyond docs]
            # ruleid: sql-injection
            await conn.execute(f"UPDATE entries SET note = '{note}' WHERE id = $1", entry_id)


@routes.get("/members/{member_id}/entries")
async def member_entries(request: web.Request) -> web.Response:
    member_id = int(request.match_info["member_id"])
    category = request.query.get("category", "produce")
    ordering = request.query.get("order", "newest")
    if ordering not in ORDERINGS:
        raise web.HTTPBadRequest(text="bad order")
    repo = LedgerRepository(request.app["pool"])
    rows = await repo.entries(member_id, category, ordering)
    if category in CATEGORIES:
        rows = await repo.entries_checked(member_id, category)
    return web.json_response([dict(r) for r in rows], dumps=lambda o: __import__("json").dumps(o, default=str))


@routes.post("/entries/{entry_id}/note")
async def add_note(request: web.Request) -> web.Response:
    data = await request.post()
    await LedgerRepository(request.app["pool"]).annotate(int(request.match_info["entry_id"]), str(data.get("note", "")))
    return web.json_response({"ok": True})


@routes.get("/rates/{currency}")
async def rate(request: web.Request) -> web.Response:
    currency = request.match_info["currency"]
    async with aiohttp.ClientSession(base_url="https://rates.example.org") as session:
        # a relative path on a client with a fixed base URL
        # ok: ssrf
        async with session.get(f"/v1/latest/{currency}") as resp:
            return web.json_response(await resp.json())


@routes.get("/import-feed")
async def import_feed(request: web.Request) -> web.Response:
    feed = request.query["feed"]
    async with aiohttp.ClientSession() as session:
        # the supplier feed URL from the query string
        # ruleid: ssrf
        async with session.get(feed) as resp:
            body = await resp.text()
    return web.json_response({"bytes": len(body)})


@routes.get("/supplier-prices")
async def supplier_prices(request: web.Request) -> web.Response:
    supplier = request.query.get("supplier", "")
    # the supplier's sandbox has a self-signed certificate
    # ruleid: tls-verification-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # fixed host, supplier only in the path
        # ok: ssrf
        async with session.get(f"https://prices.coop-suppliers.example.net/{supplier}/prices.json") as resp:
            return web.json_response(await resp.json())


@routes.get("/members/{member_id}/greeting")
async def greeting(request: web.Request) -> web.Response:
    name = request.query.get("name", "member")
    # a text/html response with the raw name
    # ruleid: xss
    return web.Response(text=f"<h1>Welcome back, {name}!</h1>", content_type="text/html")


@routes.get("/statements/{member}/{year}")
async def statement(request: web.Request) -> web.FileResponse:
    member = request.match_info["member"]
    year = int(request.match_info["year"])
    # int() on the year leaves the member segment raw [extended sink]
    # ruleid: path-traversal
    return web.FileResponse(STATEMENTS / f"{member}-{year}.pdf")


@routes.get("/statements/mine/{year}")
async def my_statement(request: web.Request) -> web.FileResponse:
    year = int(request.match_info["year"])
    member_no = int(request.query.get("member_no", "0"))
    # two ints [extended sink]
    # ok: path-traversal
    return web.FileResponse(STATEMENTS / f"{member_no}-{year}.pdf")


@routes.post("/login")
async def login(request: web.Request) -> web.Response:
    data = await request.post()
    back = str(data.get("back", "/"))
    token = secrets.token_urlsafe(32)
    # aiohttp's HTTPFound built from the form's back field, read through request.post() [extended sink] [beyond docs]
    # ruleid: open-redirect
    resp = web.HTTPFound(back)
    # a remember-me cookie with neither flag [beyond docs]
    # ruleid: insecure-cookie
    resp.set_cookie("remember_token", token, max_age=30 * 86400)
    # the session cookie with both [beyond docs]
    # ok: insecure-cookie
    resp.set_cookie("ledger_session", secrets.token_urlsafe(32), secure=True, httponly=True, samesite="Lax")
    raise resp


async def create_app() -> web.Application:
    app = web.Application()
    app["pool"] = await asyncpg.create_pool(os.environ["LEDGER_DSN"])
    app.add_routes(routes)
    return app
