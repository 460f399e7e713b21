"""Fleet telematics dashboard backend: plain Starlette routes over SQLAlchemy 2.0."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from fleet.models import Trip

engine = create_async_engine(os.environ["FLEET_DB_URL"])
Session = async_sessionmaker(engine, expire_on_commit=False)
EXPORTS = Path(os.environ.get("FLEET_EXPORTS", "/srv/fleet/exports"))
TELEMATICS_BASE = "https://api.telematics.example.com"
TRIP_SORTS = {"start": "started_at", "distance": "distance_km", "driver": "driver_name"}
STATUSES = {"active", "maintenance", "retired"}
http = httpx.AsyncClient(timeout=10)


class FleetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_depot(self, depot: str):
        # the depot the handler passes in, quoted by hand
        # ruleid: sql-injection
        return (await self.session.execute(text(f"SELECT * FROM vehicles WHERE depot = '{depot}'"))).mappings().all()

    async def by_status(self, status: str):
        # every caller checks the status against STATUSES first
        # ok: sql-injection
        return (await self.session.execute(text(f"SELECT * FROM vehicles WHERE status = '{status}'"))).mappings().all()


async def vehicles_in_depot(request: Request) -> JSONResponse:
    depot = request.query_params.get("depot", "")
    async with Session() as session:
        rows = await FleetRepository(session).by_depot(depot)
    return JSONResponse([dict(r) for r in rows])


async def vehicles_with_status(request: Request) -> JSONResponse:
    status = request.query_params.get("status", "active")
    if status not in STATUSES:
        return JSONResponse({"error": "bad status"}, status_code=400)
    async with Session() as session:
        rows = await FleetRepository(session).by_status(status)
    return JSONResponse([dict(r) for r in rows])


async def trips(request: Request) -> JSONResponse:
    vehicle_id = int(request.path_params["vehicle_id"])
    driver = request.query_params.get("driver", "")
    async with Session() as session:
        # the vehicle id is an int; the driver's name is concatenated between quotes
        # ruleid: sql-injection
        rows = (await session.execute(text("SELECT * FROM trips WHERE vehicle_id = " + str(vehicle_id) + " AND driver_name = '" + driver + "'"))).mappings().all()
        # only the int in the SQL text
        # ok: sql-injection
        rows = (await session.execute(text(f"SELECT * FROM trips WHERE vehicle_id = {vehicle_id}"))).mappings().all()
    return JSONResponse([dict(r) for r in rows])


async def trips_sorted(request: Request) -> JSONResponse:
    sort = request.query_params.get("sort", "start")
    async with Session() as session:
        # order_by(text()) of the raw sort parameter
        # ruleid: sql-injection
        stmt = select(Trip).order_by(text(sort)).limit(100)
        rows = (await session.execute(stmt)).scalars().all()
        if sort not in TRIP_SORTS:
            return JSONResponse({"error": "bad sort"}, status_code=400)
        # the column comes from a constant dictionary after the membership check
        # ok: sql-injection
        stmt = select(Trip).order_by(text(TRIP_SORTS[sort])).limit(100)
        rows = (await session.execute(stmt)).scalars().all()
    return JSONResponse([t.to_dict() for t in rows])


async def unit_status(request: Request) -> JSONResponse:
    unit = request.path_params["unit"]
    # a constant https host, the unit only in the path
    # ok: ssrf
    resp = await http.get(f"{TELEMATICS_BASE}/v2/units/{unit}/status")
    return JSONResponse(resp.json())


async def map_tile(request: Request) -> Response:
    z, x, y = (int(request.path_params[k]) for k in ("z", "x", "y"))
    server = request.query_params.get("tiles", "https://tile.openstreetmap.org")
    # the tile server comes from the query string
    # ruleid: ssrf
    resp = await http.get(f"{server}/{z}/{x}/{y}.png")
    return Response(resp.content, media_type="image/png")


async def driver_card(request: Request) -> HTMLResponse:
    name = request.query_params.get("name", "")
    # an HTML response with the raw name [extended sink]
    # ruleid: xss
    return HTMLResponse(f"<div class='driver-card'><h3>{name}</h3></div>")


async def export_trip(request: Request) -> FileResponse:
    trip_id = uuid.UUID(request.path_params["trip_id"])
    # the file name is a parsed UUID [extended sink]
    # ok: path-traversal
    return FileResponse(EXPORTS / f"{trip_id}.csv", filename=f"trip-{trip_id}.csv")


async def export_named(request: Request) -> FileResponse:
    name = request.query_params.get("file", "")
    # the client's file name under EXPORTS [extended sink]
    # ruleid: path-traversal
    return FileResponse(EXPORTS / name)


async def after_login(request: Request) -> RedirectResponse:
    target = request.query_params.get("next", "/")
    # the next parameter as it came
    # ruleid: open-redirect
    return RedirectResponse(target, status_code=303)


async def vehicle_page(request: Request) -> RedirectResponse:
    vehicle_id = int(request.path_params["vehicle_id"])
    # a constant path of more than two characters in front of an int
    # ok: open-redirect
    return RedirectResponse(f"/dashboard/vehicles/{vehicle_id}", status_code=303)


async def login(request: Request) -> JSONResponse:
    form = await request.form()
    token = await issue_token(str(form.get("user", "")), str(form.get("password", "")))
    resp = JSONResponse({"ok": True})
    # an auth cookie without secure=
    # ruleid: insecure-cookie
    resp.set_cookie("fleet_session", token, httponly=True, samesite="lax")
    # the same cookie with both flags
    # ok: insecure-cookie
    resp.set_cookie("fleet_session", token, httponly=True, secure=True, samesite="lax")
    return resp


async def issue_token(user: str, password: str) -> str:
    return uuid.uuid4().hex


routes = [
    Route("/vehicles/depot", vehicles_in_depot),
    Route("/vehicles/status", vehicles_with_status),
    Route("/vehicles/{vehicle_id:int}/trips", trips),
    Route("/trips", trips_sorted),
    Route("/units/{unit}", unit_status),
    Route("/tiles/{z}/{x}/{y}", map_tile),
    Route("/drivers/card", driver_card),
    Route("/exports/{trip_id}", export_trip),
    Route("/exports", export_named),
    Route("/after-login", after_login),
    Route("/vehicles/{vehicle_id:int}", vehicle_page),
    Route("/login", login, methods=["POST"]),
]

middleware = [
    # every origin with credentials
    # ruleid: permissive-cors
    Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"]),
]

# Starlette's debug flag, hard-coded on
# ruleid: debug-mode
app = Starlette(debug=True, routes=routes, middleware=middleware)
