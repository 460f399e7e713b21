"""Integration hub API (FastAPI, httpx, aiohttp).

Benchmark corpus, ssrf (CWE-918). Route handler parameters are untrusted input.
"""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlparse

import aiohttp
import httpx
from fastapi import Body, FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, HttpUrl

app = FastAPI()

TRUSTED_HOSTS = {"api.stripe.com", "api.github.com"}
PROVIDERS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
METRICS_URL = "https://metrics.internal.example.com/push"


class WebhookIn(BaseModel):
    url: HttpUrl
    secret: Optional[str] = None


class Subscription(BaseModel):
    callback: str
    topic: str


def assert_trusted(url: str) -> None:
    if urlparse(url).hostname not in TRUSTED_HOSTS:
        raise HTTPException(status_code=400, detail="untrusted host")


@app.get("/fetch")
async def fetch(url: str):
    # Query parameter of an async handler, httpx.AsyncClient used as a context manager.
    async with httpx.AsyncClient(timeout=5) as client:
        # ruleid: ssrf
        resp = await client.get(url)
    return {"status": resp.status_code}


@app.get("/fetch-checked")
async def fetch_checked(url: str = Query(...)):
    # Same, with a raising validator before the request.
    assert_trusted(url)
    async with httpx.AsyncClient(timeout=5) as client:
        # ok: ssrf
        resp = await client.get(url)
    return {"status": resp.status_code}


@app.post("/webhooks")
def register_webhook(hook: WebhookIn):
    # pydantic HttpUrl checks the syntax, not the destination.
    # ruleid: ssrf
    r = httpx.post(str(hook.url), json={"hello": "world"}, timeout=5)
    return {"ok": r.is_success}


@app.post("/subscriptions")
async def subscribe(sub: Subscription):
    # Field of a pydantic body model used in an aiohttp session.
    async with aiohttp.ClientSession() as session:
        # ruleid: ssrf
        async with session.post(sub.callback, json={"topic": sub.topic}) as resp:
            return {"status": resp.status}


@app.get("/providers/{name}/rate-limit")
def provider_rate_limit(name: str):
    # Dictionary lookup: the user only chooses a key.
    base = PROVIDERS.get(name)
    if base is None:
        raise HTTPException(404)
    # ok: ssrf
    return httpx.get(f"{base}/rate_limit", timeout=5).json()


@app.get("/providers/{name}/raw")
def provider_raw(name: str, path: str = ""):
    # Dict lookup for the base, but the user's path is appended with no "/" in between.
    base = PROVIDERS.get(name, PROVIDERS["github"])
    # ruleid: ssrf
    return httpx.get(base + path, timeout=5).json()


@app.get("/shards/{shard}")
def shard_info(shard: int):
    # Parameter declared as int: FastAPI converts it before the handler runs.
    # ok: ssrf
    return httpx.get(f"http://shard-{shard}.db.internal.example.com/info", timeout=2).json()


@app.post("/metrics")
def push_metrics(payload: dict = Body(...)):
    # User data only in the body of a request to a constant URL.
    # ok: ssrf
    httpx.post(METRICS_URL, json=payload, timeout=2)
    return {"ok": True}


@app.get("/proxy")
async def proxy(request: Request):
    # Raw Starlette request: query_params.
    target = request.query_params.get("target", "")
    async with httpx.AsyncClient() as client:
        # ruleid: ssrf
        upstream = await client.get(target, follow_redirects=False)
    return upstream.text


@app.post("/proxy/json")
async def proxy_json(request: Request):
    # Awaited JSON body.
    body = await request.json()
    async with httpx.AsyncClient() as client:
        # ruleid: ssrf
        upstream = await client.post(body["endpoint"], json=body.get("data"))
    return upstream.json()


@app.get("/avatar")
def avatar(email: str):
    # Constant host with a trailing slash; the user chooses only the path.
    digest = email.strip().lower()
    # ok: ssrf
    return httpx.get(f"https://www.gravatar.com/avatar/{digest}?d=identicon", timeout=5).content


@app.get("/openid")
def openid_config(issuer: str):
    # Scheme-only check on the issuer URL.
    if not issuer.startswith(("https://", "http://")):
        raise HTTPException(400)
    # ruleid: ssrf
    return httpx.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=5).json()
