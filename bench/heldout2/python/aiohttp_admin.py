"""Internal admin service on aiohttp: tenant maintenance, log export, template previews."""

from __future__ import annotations

import os
import secrets
import shlex
import subprocess

import jwt
import psycopg
from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment
from psycopg import sql

routes = web.RouteTableDef()
# constant path
# ok: path-traversal
PUBLIC_KEY = open("/etc/admin/jwt_public.pem").read()  # noqa: SIM115
TABLES = {"orders", "invoices", "customers"}
env = Environment(loader=FileSystemLoader("/srv/admin/templates"), autoescape=select_autoescape())
sandbox = ImmutableSandboxedEnvironment()


def claims_of(request: web.Request) -> dict:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # RS256 only, signature verified
    # ok: jwt-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="admin")


def claims_of_legacy(request: web.Request) -> dict:
    token = request.cookies.get("admin_jwt", "")
    # PyJWT 1.x style verify=False
    # ruleid: jwt-not-verified
    return jwt.decode(token, PUBLIC_KEY, verify=False)


async def db() -> psycopg.AsyncConnection:
    return await psycopg.AsyncConnection.connect(os.environ["ADMIN_DSN"])


@routes.post("/tenants/{tenant}/vacuum")
async def vacuum(request: web.Request) -> web.Response:
    table = request.query.get("table", "")
    if table not in TABLES:
        raise web.HTTPBadRequest(text="unknown table")
    async with await db() as conn:
        # table name from an allowlist, quoted as an identifier
        # ok: sql-injection
        await conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))
    return web.json_response({"ok": True})


@routes.get("/tenants/{tenant}/orders")
async def tenant_orders(request: web.Request) -> web.Response:
    tenant = request.match_info["tenant"]
    async with await db() as conn, conn.cursor() as cur:
        # aiohttp path parameter (handler parameter) pasted into SQL
        # ruleid: sql-injection
        await cur.execute(f"SELECT id, total FROM orders WHERE tenant = '{tenant}' ORDER BY id DESC LIMIT 100")
        rows = await cur.fetchall()
    return web.json_response([list(r) for r in rows])


@routes.get("/tenants/{tenant}/orders/v2")
async def tenant_orders_v2(request: web.Request) -> web.Response:
    tenant = request.match_info["tenant"]
    async with await db() as conn, conn.cursor() as cur:
        # placeholder with a bound value
        # ok: sql-injection
        await cur.execute("SELECT id, total FROM orders WHERE tenant = %s ORDER BY id DESC LIMIT 100", (tenant,))
        rows = await cur.fetchall()
    return web.json_response([list(r) for r in rows])


@routes.post("/logs/export")
async def export_logs(request: web.Request) -> web.Response:
    data = await request.post()
    since = data.get("since", "1 hour ago")
    # form value inside a shell command
    # ruleid: command-injection
    proc = subprocess.Popen(f"journalctl -u app --since '{since}' -o json", shell=True, stdout=subprocess.PIPE)
    out, _ = proc.communicate(timeout=60)
    return web.Response(body=out, content_type="application/json")


@routes.post("/logs/export/v2")
async def export_logs_v2(request: web.Request) -> web.Response:
    data = await request.post()
    since = str(data.get("since", "1 hour ago"))
    # quoted with shlex.quote
    # ok: command-injection
    proc = subprocess.Popen(f"journalctl -u app --since {shlex.quote(since)} -o json", shell=True, stdout=subprocess.PIPE)
    out, _ = proc.communicate(timeout=60)
    return web.Response(body=out, content_type="application/json")


@routes.post("/tenants/{tenant}/archive")
async def archive_tenant(request: web.Request) -> web.Response:
    tenant = request.match_info["tenant"]
    # [extended sink] path parameter in subprocess.getoutput, which always runs a shell
    # ruleid: command-injection
    out = subprocess.getoutput(f"tar czf /srv/archive/{tenant}.tgz /srv/tenants/{tenant}")
    return web.json_response({"output": out})


@routes.post("/templates/preview")
async def preview_template(request: web.Request) -> web.Response:
    body = await request.json()
    # immutable sandboxed environment
    # ok: ssti
    html = sandbox.from_string(body["source"]).render(tenant={"name": "Acme"})
    return web.Response(text=html, content_type="text/html")


@routes.post("/templates/preview/raw")
async def preview_template_raw(request: web.Request) -> web.Response:
    body = await request.json()
    # environment built in this module, template source from the JSON body
    # ruleid: ssti
    html = env.from_string(body["source"]).render(tenant={"name": "Acme"})
    return web.Response(text=html, content_type="text/html")


@routes.get("/templates/{name}")
async def render_named(request: web.Request) -> web.Response:
    # template file from the loader, value passed as context
    # ok: ssti
    html = env.get_template("tenant_card.html").render(name=request.match_info["name"])
    return web.Response(text=html, content_type="text/html")


@routes.post("/session")
async def start_session(request: web.Request) -> web.Response:
    resp = web.json_response({"ok": True})
    # [beyond docs] aiohttp session cookie without secure or httponly
    # ruleid: insecure-cookie
    resp.set_cookie("admin_session", secrets.token_urlsafe(32), max_age=3600)
    # [beyond docs] aiohttp cookie with both flags
    # ok: insecure-cookie
    resp.set_cookie("admin_sid", secrets.token_urlsafe(32), secure=True, httponly=True, samesite="Strict")
    return resp


app = web.Application()
app.add_routes(routes)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=8085)
