"""Edge gateway on Starlette: link unfurling, image proxy, partner callbacks."""

from __future__ import annotations

import os
import ssl
from urllib.parse import quote, urlsplit

import aiohttp
import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

PARTNERS = {
    "acme": "https://api.acme-logistics.example/v2/",
    "globex": "https://partners.globex.example/hooks/",
}
UNFURL_ALLOWED = {"github.com", "gitlab.com", "www.youtube.com"}
METRICS_BASE = "https://metrics.internal.example"
INTERNAL_CA = "/etc/ssl/certs/internal-ca.pem"


async def unfurl(request: Request):
    url = request.query_params.get("url", "")
    async with aiohttp.ClientSession() as session:
        # Starlette query parameter used as the URL of an aiohttp request
        # ruleid: ssrf
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=5)) as resp:
            html = await resp.text()
    return JSONResponse({"length": len(html)})


async def unfurl_safe(request: Request):
    url = request.query_params.get("url", "")
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in UNFURL_ALLOWED:
        return JSONResponse({"error": "host not allowed"}, status_code=400)
    async with aiohttp.ClientSession() as session:
        # scheme and hostname allowlist with an early return
        # ok: ssrf
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=5)) as resp:
            html = await resp.text()
    return JSONResponse({"length": len(html)})


async def image_proxy(request: Request):
    src = request.path_params["src"]
    async with httpx.AsyncClient(follow_redirects=False, timeout=5) as client:
        # path parameter forwarded as a full URL
        # ruleid: ssrf
        upstream = await client.get(src)
    return Response(upstream.content, media_type=upstream.headers.get("content-type", "image/png"))


async def partner_callback(request: Request):
    partner = request.path_params["partner"]
    base = PARTNERS.get(partner)
    if base is None:
        return JSONResponse({"error": "unknown partner"}, status_code=404)
    payload = await request.json()
    async with httpx.AsyncClient(timeout=10) as client:
        # base URL looked up in a constant dictionary; payload only in the body
        # ok: ssrf
        r = await client.post(base + "events", json=payload)
    return JSONResponse({"status": r.status_code})


async def partner_lookup(request: Request):
    tenant = request.query_params.get("tenant", "")
    async with httpx.AsyncClient(timeout=10) as client:
        # user-controlled subdomain label changes the host
        # ruleid: ssrf
        r = await client.get(f"https://{tenant}.partners.example/api/status")
    return JSONResponse(r.json())


async def metrics(request: Request):
    series = quote(request.query_params.get("series", "cpu"), safe="")
    # custom CA bundle instead of disabling verification
    # ok: tls-verification-disabled
    async with httpx.AsyncClient(verify=INTERNAL_CA, timeout=5) as client:
        # fixed host followed by a path
        # ok: ssrf
        r = await client.get(f"{METRICS_BASE}/api/v1/query?series={series}")
    return JSONResponse(r.json())


async def legacy_inventory(request: Request):
    sku = request.query_params.get("sku", "")
    # self-signed legacy inventory host: verification switched off on the connector
    # ruleid: tls-verification-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # constant host; sku only in the query string
        # ok: ssrf
        async with session.get("https://inventory.legacy.example/lookup", params={"sku": sku}) as resp:
            return JSONResponse(await resp.json())


async def billing_status(request: Request):
    ctx = ssl.create_default_context(cafile=INTERNAL_CA)
    # default context with a private CA
    # ok: tls-verification-disabled
    # ok: ssrf
    async with aiohttp.ClientSession() as session, session.get("https://billing.internal.example/health", ssl=ctx) as resp:
        return JSONResponse({"status": resp.status})


async def warehouse_status(request: Request):
    async with aiohttp.ClientSession() as session:
        # per-request ssl=False
        # ruleid: tls-verification-disabled
        # ok: ssrf
        async with session.get("https://warehouse.internal.example/health", ssl=False) as resp:
            return JSONResponse({"status": resp.status})


async def login_redirect(request: Request):
    target = request.query_params.get("continue", "/")
    # constant target (overwritten below)
    # ok: open-redirect
    response = RedirectResponse("/")
    # Location header set from the query string
    # ruleid: open-redirect
    response.headers["Location"] = target
    response.status_code = 302
    return response


async def set_locale(request: Request):
    lang = request.query_params.get("lang", "en")
    # ok: open-redirect
    response = RedirectResponse("/", status_code=303)
    # non-auth cookie
    # ok: insecure-cookie
    response.set_cookie("lang", lang, max_age=31536000, samesite="lax")
    return response


async def start_session(request: Request):
    data = await request.form()
    response = JSONResponse({"ok": True})
    # session cookie with secure explicitly off
    # ruleid: insecure-cookie
    response.set_cookie("gw_session", data["sid"], secure=False, httponly=True)
    return response


routes = [
    Route("/unfurl", unfurl),
    Route("/unfurl/v2", unfurl_safe),
    Route("/img/{src:path}", image_proxy),
    Route("/partners/{partner}/callback", partner_callback, methods=["POST"]),
    Route("/partners/status", partner_lookup),
    Route("/metrics", metrics),
    Route("/inventory", legacy_inventory),
    Route("/billing/status", billing_status),
    Route("/warehouse/status", warehouse_status),
    Route("/login/continue", login_redirect),
    Route("/locale", set_locale),
    Route("/session", start_session, methods=["POST"]),
]

middleware = [
    # catch-all origin regex with credentials
    # ruleid: permissive-cors
    Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True, allow_methods=["GET", "POST"]),
]

# debug pages from the environment
# ok: debug-mode
app = Starlette(debug=os.environ.get("GATEWAY_DEBUG") == "1", routes=routes, middleware=middleware)

# a second app for the admin port, left in debug mode
# ruleid: debug-mode
admin_app = Starlette(debug=True, routes=[Route("/health", billing_status)])
