"""Status page service on plain Starlette routes (no FastAPI): incidents, probes, subscriptions."""

import asyncio
import html
import os
import re
import sqlite3
import subprocess

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

DB_PATH = os.environ.get("STATUS_DB", "/var/lib/status/status.db")
HOSTNAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
COMPONENT_COLUMNS = {"api", "web", "worker", "db"}
PROBE_COMMANDS = {"dns": "dig +short status.example.com", "tls": "openssl s_client -connect status.example.com:443 </dev/null"}


def db() -> sqlite3.Connection:
    return sqlite3.connect(DB_PATH)


async def list_incidents(request: Request) -> JSONResponse:
    component = request.query_params.get("component", "api")
    # query parameter formatted into the WHERE clause
    # ruleid: sql-injection
    rows = db().execute("SELECT id, title FROM incidents WHERE component = '%s' ORDER BY opened_at DESC" % component).fetchall()
    return JSONResponse([list(r) for r in rows])


async def incident_detail(request: Request) -> JSONResponse:
    incident_id = request.path_params["incident_id"]
    # ? placeholder with a bound tuple
    # ok: sql-injection
    row = db().execute("SELECT id, title, body FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return JSONResponse(list(row or []))


async def uptime(request: Request) -> JSONResponse:
    column = request.query_params.get("component", "api")
    if column not in COMPONENT_COLUMNS:
        return JSONResponse({"error": "unknown component"}, status_code=400)
    # column name checked against an allowlist with an early return
    # ok: sql-injection
    row = db().execute(f"SELECT avg({column}) FROM uptime_daily").fetchone()
    return JSONResponse({"uptime": row[0]})


async def history(request: Request) -> JSONResponse:
    days = request.query_params.get("days", "30")
    since = request.query_params.get("since", "")
    # days coerced with int(), since still raw in the literal
    # ruleid: sql-injection
    rows = db().execute(f"SELECT day, status FROM uptime_daily WHERE day >= '{since}' LIMIT {int(days)}").fetchall()
    return JSONResponse([list(r) for r in rows])


async def probe_host(request: Request) -> JSONResponse:
    host = request.query_params.get("host", "")
    # argument list without a shell
    # ok: command-injection
    result = subprocess.run(["ping", "-c", "1", "-W", "2", host], capture_output=True, text=True)
    return JSONResponse({"rc": result.returncode})


async def trace_host(request: Request) -> JSONResponse:
    host = request.query_params.get("host", "")
    # query value in a shell=True command line
    # ruleid: command-injection
    out = subprocess.check_output(f"traceroute -m 12 {host}", shell=True, text=True)
    return JSONResponse({"hops": out.splitlines()})


async def resolve_host(request: Request) -> JSONResponse:
    host = request.path_params["host"]
    # asyncio shell subprocess with the route value [extended sink]
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"dig +short {host}", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return JSONResponse({"answers": out.decode().split()})


async def whois_host(request: Request) -> JSONResponse:
    host = request.path_params["host"].lower()
    if not HOSTNAME_RE.match(host):
        return JSONResponse({"error": "bad host"}, status_code=400)
    # anchored hostname regex (^...$ around the whole pattern) with an early return
    # ok: command-injection
    out = subprocess.run(f"whois {host} | head -n 40", shell=True, capture_output=True, text=True).stdout
    return JSONResponse({"whois": out})


async def run_probe(request: Request) -> JSONResponse:
    kind = request.query_params.get("kind", "dns")
    command = PROBE_COMMANDS.get(kind)
    if command is None:
        return JSONResponse({"error": "unknown probe"}, status_code=404)
    # shell command taken from a constant table by key
    # ok: command-injection
    out = subprocess.run(command, shell=True, capture_output=True, text=True).stdout
    return JSONResponse({"out": out})


async def banner(request: Request) -> HTMLResponse:
    notice = request.query_params.get("notice", "")
    # query value inside an HTMLResponse [extended sink]
    # ruleid: xss
    return HTMLResponse(f"<div class='banner'>{notice}</div>")


async def banner_escaped(request: Request) -> HTMLResponse:
    notice = html.escape(request.query_params.get("notice", ""))
    # escaped before the HTMLResponse [extended sink]
    # ok: xss
    return HTMLResponse(f"<div class='banner'>{notice}</div>")


async def subscribe_done(request: Request) -> RedirectResponse:
    form = await request.form()
    back = str(form.get("back", "/"))
    # form field used as the redirect target
    # ruleid: open-redirect
    return RedirectResponse(back, status_code=303)


async def incident_link(request: Request) -> RedirectResponse:
    incident_id = request.path_params["incident_id"]
    # constant path prefix of more than one character
    # ok: open-redirect
    return RedirectResponse(url=f"/incidents/{incident_id}#timeline")


async def legacy_link(request: Request) -> RedirectResponse:
    page = request.query_params.get("page", "")
    # "/" + value: "/evil.example" becomes the protocol-relative //evil.example
    # ruleid: open-redirect
    return RedirectResponse("/" + page)


async def set_theme(request: Request) -> JSONResponse:
    response = JSONResponse({"ok": True})
    # a preference cookie (not a session cookie) without flags
    # ok: insecure-cookie
    response.set_cookie("theme", request.query_params.get("theme", "light"))
    return response


async def login(request: Request) -> JSONResponse:
    form = await request.form()
    response = JSONResponse({"ok": True})
    token = await issue_token(str(form.get("email", "")))
    # session cookie with httponly but no secure= keyword
    # ruleid: insecure-cookie
    response.set_cookie("status_session", token, httponly=True, samesite="lax")
    return response


async def issue_token(email: str) -> str:
    return email[::-1]


routes = [
    Route("/incidents", list_incidents),
    Route("/incidents/{incident_id:int}", incident_detail),
    Route("/uptime", uptime),
    Route("/history", history),
    Route("/probe", probe_host),
    Route("/trace", trace_host),
    Route("/resolve/{host}", resolve_host),
    Route("/whois/{host}", whois_host),
    Route("/run-probe", run_probe),
    Route("/banner", banner),
    Route("/banner/safe", banner_escaped),
    Route("/subscribe/done", subscribe_done, methods=["POST"]),
    Route("/i/{incident_id}", incident_link),
    Route("/go", legacy_link),
    Route("/theme", set_theme),
    Route("/login", login, methods=["POST"]),
]

middleware = [
    # any origin with credentials
    # ruleid: permissive-cors
    Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["GET"]),
]

admin_middleware = [
    # credentials with an explicit origin list
    # ok: permissive-cors
    Middleware(CORSMiddleware, allow_origins=["https://status-admin.example.com"], allow_credentials=True),
]

# debug switch hard-coded on
# ruleid: debug-mode
app = Starlette(debug=True, routes=routes, middleware=middleware)

# debug read from the environment
# ok: debug-mode
admin = Starlette(debug=os.environ.get("STATUS_ADMIN_DEBUG") == "1", routes=routes, middleware=admin_middleware)
