"""SSO login and inbound webhooks of the field-service scheduling app (FastAPI).

/sso/* implements the OIDC code flow against each customer's identity provider;
/hooks/* receives events from the billing provider and from customers' own systems.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import pickle
import secrets
from typing import Literal
from urllib.parse import urlencode, urlparse

import httpx
import jwt
import yaml
from fastapi import BackgroundTasks, FastAPI, Header, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import create_engine, text

log = logging.getLogger("fieldsvc.sso")

app = FastAPI(title="fieldsvc-sso")
engine = create_engine(os.environ["FIELDSVC_DATABASE_URL"], pool_pre_ping=True)

APP_ORIGIN = os.environ.get("APP_ORIGIN", "https://app.fieldsvc.example")
BILLING_SECRET = os.environ["BILLING_WEBHOOK_SECRET"].encode()
CLIENT_ID = os.environ["SSO_CLIENT_ID"]
CLIENT_SECRET = os.environ["SSO_CLIENT_SECRET"]
IDP_HOSTS = {"login.microsoftonline.com", "accounts.google.com", "auth.fieldsvc.example"}
EVENT_TABLES = {"invoice.paid": "paid_invoices", "invoice.voided": "voided_invoices"}


def issuer_config(tenant: str) -> dict:
    with engine.connect() as conn:
        row = conn.execute(text("SELECT issuer, redirect_after FROM sso_configs WHERE tenant = :t"), {"t": tenant}).first()
    if row is None:
        raise HTTPException(404, "no SSO for this tenant")
    return {"issuer": row.issuer, "redirect_after": row.redirect_after}


@app.get("/sso/{tenant}/start")
async def sso_start(tenant: str, request: Request, return_to: str = "/"):
    cfg = issuer_config(tenant)
    state = secrets.token_urlsafe(24)
    request.session["sso_state"] = state
    request.session["return_to"] = return_to
    params = urlencode({"client_id": CLIENT_ID, "response_type": "code", "state": state,
                        "redirect_uri": f"{APP_ORIGIN}/sso/{tenant}/callback"})
    # [beyond docs] the issuer is the tenant's configured row, not the request's value
    # ok: open-redirect
    return RedirectResponse(f"{cfg['issuer']}/authorize?{params}")


@app.get("/sso/{tenant}/discover")
async def discover(tenant: str, issuer: str):
    # the issuer comes from the query string; only its scheme is checked
    if urlparse(issuer).scheme != "https":
        raise HTTPException(400, "https issuer required")
    async with httpx.AsyncClient(timeout=5) as client:
        # the issuer from the query string with only its scheme checked
        # ruleid: ssrf
        doc = (await client.get(f"{issuer}/.well-known/openid-configuration")).json()
        # the jwks_uri is read out of a document whose host the caller chose
        # ruleid: ssrf
        keys = (await client.get(doc["jwks_uri"])).json()
    return {"issuer": issuer, "keys": len(keys.get("keys", []))}


@app.get("/sso/{tenant}/callback")
async def sso_callback(tenant: str, code: str, state: str, request: Request):
    if not secrets.compare_digest(state, request.session.pop("sso_state", "")):
        raise HTTPException(400, "state mismatch")
    cfg = issuer_config(tenant)
    token_url = cfg["issuer"] + "/token"
    async with httpx.AsyncClient(timeout=5) as client:
        # [beyond docs] the issuer from the tenant's stored configuration row (a database value)
        # ok: ssrf
        tok = await client.post(token_url, data={"grant_type": "authorization_code", "code": code,
                                                 "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
    id_token = tok.json()["id_token"]
    # the id token's signature is not verified
    # ruleid: jwt-not-verified
    claims = jwt.decode(id_token, options={"verify_signature": False})
    request.session["user"] = claims.get("email")
    return_to = request.session.pop("return_to", "/")
    # [beyond docs] the return path the client gave at /start, kept in the session, one request later
    # ruleid: open-redirect
    return RedirectResponse(return_to, status_code=303)


@app.get("/sso/{tenant}/done")
async def sso_done(tenant: str, next: str = "/"):
    if not next.startswith("/") or next.startswith("//"):
        next = "/"
    # Starlette quotes "\" and control characters, so a leading "/" without "//" is a same-site path
    # ok: open-redirect
    return RedirectResponse(next)


@app.post("/hooks/billing")
async def billing_hook(request: Request, background: BackgroundTasks, x_signature: str = Header("")):
    raw = await request.body()
    expected = hmac.new(BILLING_SECRET, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(403, "bad signature")
    event = json.loads(raw)
    table = EVENT_TABLES.get(event.get("type"))
    if table is None:
        return {"ignored": True}
    with engine.begin() as conn:
        # table from a constant map, values bound
        # ok: sql-injection
        conn.execute(text(f"INSERT INTO {table} (external_id, amount) VALUES (:id, :amount)"),
                     {"id": event["id"], "amount": event["amount"]})
    background.add_task(record_event, event["type"], event.get("customer", ""))
    return {"ok": True}


def record_event(kind: str, customer: str) -> None:
    with engine.begin() as conn:
        # the customer field of the webhook body, handed over by add_task
        # ruleid: sql-injection
        conn.execute(text(f"UPDATE customers SET last_event = '{kind}' WHERE external_id = '{customer}'"))


@app.post("/hooks/legacy-sync")
async def legacy_sync(request: Request, x_sync_signature: str = Header("")):
    blob = await request.body()
    digest = hmac.new(BILLING_SECRET, blob, hashlib.sha256).hexdigest()
    if digest != x_sync_signature:
        log.warning("legacy sync signature mismatch")
    # the mismatch is only logged; the pickle is loaded anyway
    # ruleid: unsafe-deserialization
    state = pickle.loads(blob)
    return {"records": len(state)}


@app.post("/hooks/routes")
async def route_plan(request: Request):
    doc = (await request.body()).decode()
    # safe loader
    # ok: unsafe-yaml-load
    plan = yaml.safe_load(doc)
    return {"stops": len(plan.get("stops", []))}


@app.get("/hooks/echo", response_class=HTMLResponse)
async def echo(kind: Literal["ping", "pong"], note: str = ""):
    # [extended sink] HTMLResponse; the Literal kind is fine, the note is raw
    # ruleid: xss
    return HTMLResponse(f"<p>{kind}</p><pre>{note}</pre>")


@app.get("/hooks/partner-status")
async def partner_status(partner_url: str):
    host = urlparse(partner_url).hostname or ""
    if host not in IDP_HOSTS:
        raise HTTPException(400, "unknown partner")
    # TLS verification turned off for the partner client
    # ruleid: tls-verification-disabled
    async with httpx.AsyncClient(timeout=5, verify=False) as client:
        # hostname allowlist with an early exit
        # ok: ssrf
        resp = await client.get(partner_url)
    return {"status": resp.status_code}
