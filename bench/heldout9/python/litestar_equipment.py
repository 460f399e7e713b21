"""Lab equipment booking API on Litestar with SQLAlchemy 2.0 (async ORM and Core)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import httpx
from litestar import Controller, Litestar, MediaType, get, post
from litestar.exceptions import HTTPException
from litestar.response import File, Redirect, Response
from sqlalchemy import literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from labbook.models import Equipment

MANUALS = Path(os.environ.get("MANUALS_DIR", "/srv/labbook/manuals")).resolve()
REPORT_COLUMNS = {"name", "room", "last_service", "owner"}
VENDOR_PORTALS = {
    "zeiss": "https://portal.zeiss.example.com/",
    "leica": "https://service.leica.example.com/",
}
http = httpx.AsyncClient(timeout=10)


class EquipmentController(Controller):
    path = "/equipment"

    @get("/")
    async def search(self, db_session: AsyncSession, q: str = "") -> list[dict]:
        stmt = select(Equipment).where(Equipment.name.ilike(f"%{q}%")).limit(50)
        # an ORM select: the search text is a bound parameter
        # ok: sql-injection
        rows = (await db_session.execute(stmt)).scalars().all()
        return [r.to_dict() for r in rows]

    @get("/by-room")
    async def by_room(self, db_session: AsyncSession, room: str, sort: Literal["name", "last_service"] = "name") -> list[dict]:
        # `room` is raw text between quotes (`sort` is limited to two literals by Litestar)
        # ruleid: sql-injection
        result = await db_session.execute(text(f"SELECT * FROM equipment WHERE room = '{room}' ORDER BY {sort}"))
        return [dict(r._mapping) for r in result]

    @get("/by-room-safe")
    async def by_room_safe(self, db_session: AsyncSession, room: str, sort: Literal["name", "last_service"] = "name") -> list[dict]:
        # a Literal-typed parameter in ORDER BY and a bound :room [beyond docs]
        # ok: sql-injection
        result = await db_session.execute(text(f"SELECT * FROM equipment WHERE room = :room ORDER BY {sort}"), {"room": room})
        return [dict(r._mapping) for r in result]

    @get("/report")
    async def report(self, db_session: AsyncSession, column: str = "name") -> list[dict]:
        # a column name from the query string as a literal column
        # ruleid: sql-injection
        stmt = select(literal_column(column)).select_from(Equipment)
        return [dict(r._mapping) for r in await db_session.execute(stmt)]

    @get("/report-safe")
    async def report_safe(self, db_session: AsyncSession, column: str = "name") -> list[dict]:
        if column not in REPORT_COLUMNS:
            raise HTTPException(status_code=400, detail="unknown column")
        # allowlisted column name
        # ok: sql-injection
        stmt = select(literal_column(column)).select_from(Equipment)
        return [dict(r._mapping) for r in await db_session.execute(stmt)]

    @get("/{equipment_id:int}/manual")
    async def manual(self, equipment_id: int, filename: str) -> File:
        # the manual's file name is the client's; MANUALS in front is no control
        # ruleid: path-traversal
        return File(path=MANUALS / str(equipment_id) / filename)

    @get("/{equipment_id:int}/manual-safe")
    async def manual_safe(self, equipment_id: int, filename: str) -> File:
        target = (MANUALS / str(equipment_id) / filename).resolve()
        if not target.is_relative_to(MANUALS):
            raise HTTPException(status_code=404)
        # resolved and contained
        # ok: path-traversal
        return File(path=target)

    @get("/{equipment_id:int}/certificate")
    async def certificate(self, equipment_id: int, vendor: str, serial: str) -> bytes:
        # the vendor picks a subdomain label of the host
        # ruleid: ssrf
        resp = await http.get(f"https://{vendor}.calibration.example.com/certs/{serial}.pdf")
        return resp.content

    @get("/{equipment_id:int}/certificate-portal")
    async def certificate_portal(self, equipment_id: int, vendor: str, serial: str) -> bytes:
        base = VENDOR_PORTALS.get(vendor)
        if base is None:
            raise HTTPException(status_code=404)
        # a constant dictionary of https://host/ bases
        # ok: ssrf
        resp = await http.get(base + f"certs/{serial}.pdf")
        return resp.content


class BookingController(Controller):
    path = "/bookings"

    @post("/{booking_id:int}/status")
    async def set_status(self, db_session: AsyncSession, booking_id: int, status: str) -> dict:
        # the bound :id does not bind the status spliced into the SET clause
        # ruleid: sql-injection
        await db_session.execute(text(f"UPDATE bookings SET status = '{status}' WHERE id = :id"), {"id": booking_id})
        await db_session.commit()
        return {"ok": True}

    @get("/cleanup")
    async def cleanup(self, db_session: AsyncSession, before: str) -> dict:
        conn = await db_session.connection()
        # exec_driver_sql with the query string spliced in
        # ruleid: sql-injection
        await conn.exec_driver_sql(f"DELETE FROM bookings WHERE ends_at < '{before}'")
        return {"ok": True}

    @get("/{booking_id:int}/note", media_type=MediaType.HTML)
    async def note(self, booking_id: int, message: str) -> Response:
        # an HTML response holding the message as it came [extended sink]
        # ruleid: xss
        return Response(content=f"<p class='note'>Booking {booking_id}: {message}</p>", media_type=MediaType.HTML)

    @get("/done")
    async def done(self, next_url: str = "/bookings") -> Redirect:
        # the next parameter as the redirect target
        # ruleid: open-redirect
        return Redirect(path=next_url)

    @get("/done-safe")
    async def done_safe(self, next_url: str = "/bookings") -> Redirect:
        if not next_url.startswith("/") or next_url.startswith(("//", "/\\")) or not next_url.isprintable():
            raise HTTPException(status_code=400)
        # the same-site path check in one condition
        # ok: open-redirect
        return Redirect(path=next_url)


# Litestar's debug flag, hard-coded on [beyond docs]
# ruleid: debug-mode
app = Litestar(route_handlers=[EquipmentController, BookingController], debug=True)
