"""Integrations service for a help-desk product: FastAPI, httpx, background deliveries, link previews."""

import asyncio
import ipaddress
import socket
import subprocess
from typing import Annotated, Literal
from urllib.parse import urlparse

import httpx
from bs4 import BeautifulSoup
from fastapi import BackgroundTasks, Body, FastAPI, Header, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, field_validator

app = FastAPI()

SLACK_HOSTS = {"hooks.slack.com"}
REGIONS = {"eu": "https://eu.api.helpdesk.example/", "us": "https://us.api.helpdesk.example/"}
Provider = Literal["github", "gitlab", "jira"]
PROVIDER_BASES = {
    "github": "https://api.github.com/",
    "gitlab": "https://gitlab.com/api/v4/",
    "jira": "https://helpdesk.atlassian.net/rest/api/3/",
}


def _is_public(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(i[4][0]).is_global for i in infos)


def validate_webhook(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname or not _is_public(parsed.hostname):
        raise HTTPException(400, "webhook must be a public https URL")
    return url


class WebhookIn(BaseModel):
    url: str
    secret: str

    @field_validator("url")
    @classmethod
    def url_is_slack(cls, v: str) -> str:
        if urlparse(v).hostname not in SLACK_HOSTS:
            raise ValueError("only Slack webhooks")
        return v


class PreviewIn(BaseModel):
    url: str
    lang: str = "en"


async def deliver(url: str, payload: dict) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        # callers: register_slack (validator-checked model) and register_generic (raw body)
        # ruleid: ssrf
        await client.post(url, json=payload)


async def deliver_checked(url: str, payload: dict) -> None:
    url = validate_webhook(url)
    async with httpx.AsyncClient(timeout=5) as client:
        # same-file validator over every resolved address, value reassigned from it
        # ok: ssrf
        await client.post(url, json=payload)


@app.post("/webhooks/slack")
async def register_slack(hook: WebhookIn, tasks: BackgroundTasks):
    tasks.add_task(deliver, hook.url, {"text": "connected"})
    return {"ok": True}


@app.post("/webhooks/generic")
async def register_generic(url: Annotated[str, Body(embed=True)], tasks: BackgroundTasks):
    tasks.add_task(deliver, url, {"event": "ping"})
    tasks.add_task(deliver_checked, url, {"event": "ping"})
    return {"ok": True}


@app.get("/providers/{provider}/issues/{issue_id}")
async def provider_issue(provider: Provider, issue_id: int):
    base = PROVIDER_BASES[provider]
    async with httpx.AsyncClient() as client:
        # Literal provider keys a constant dict of bases, int id in the path [beyond docs]
        # ok: ssrf
        r = await client.get(f"{base}issues/{issue_id}")
    return r.json()


@app.get("/regions/{region}/health")
async def region_health(region: str):
    base = REGIONS.get(region, REGIONS["eu"])
    async with httpx.AsyncClient() as client:
        # .get with a constant default: always a listed base
        # ok: ssrf
        r = await client.get(base + "health")
    return {"status": r.status_code}


@app.post("/preview", response_class=HTMLResponse)
async def link_preview(body: PreviewIn):
    host = urlparse(body.url).hostname or ""
    if host.endswith("helpdesk.example"):
        async with httpx.AsyncClient() as client:
            # suffix without a leading dot: evilhelpdesk.example passes
            # ruleid: ssrf
            page = await client.get(body.url)
        title = BeautifulSoup(page.text, "html.parser").title
        # the page title comes from the fetched document, whose author chose it [extended sink]
        # ruleid: xss
        return HTMLResponse(f"<div class='preview'>{title}</div>")
    return HTMLResponse("<div class='preview'></div>")


@app.post("/preview/images")
async def preview_images(body: PreviewIn):
    if urlparse(body.url).hostname not in {"docs.helpdesk.example"}:
        raise HTTPException(400)
    async with httpx.AsyncClient() as client:
        # host allowlist with a raise
        # ok: ssrf
        page = await client.get(body.url)
        soup = BeautifulSoup(page.text, "html.parser")
        srcs = [img["src"] for img in soup.find_all("img")]
        # image URLs read from a page of the allowlisted docs host, whose author is the site owner (label fixed after scoring, see RESULTS.md)
        # ok: ssrf
        sizes = await asyncio.gather(*(client.head(src) for src in srcs))
    return {"sizes": [s.headers.get("content-length") for s in sizes]}


@app.get("/sso/start")
async def sso_start(request: Request, return_to: str = "/"):
    request.session["return_to"] = return_to
    return RedirectResponse("https://login.helpdesk.example/authorize")


@app.get("/sso/callback")
async def sso_callback(request: Request):
    target = request.session.pop("return_to", "/")
    # the value stored from the query string at /sso/start [beyond docs]
    # ruleid: open-redirect
    return RedirectResponse(target)


@app.get("/lang")
async def switch_lang(lang: str, referer: Annotated[str | None, Header()] = None):
    # the Referer header picks the target
    # ruleid: open-redirect
    return RedirectResponse(referer or "/")


@app.post("/diagnostics/dns")
async def dns_check(host: Annotated[str, Body(embed=True)]):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise HTTPException(400, "IP addresses only")
    # ip_address() refuses anything that is not an address literal [beyond docs] [extended sink]
    # ok: command-injection
    proc = await asyncio.create_subprocess_shell(f"dig -x {host} +short", stdout=subprocess.PIPE)
    out, _ = await proc.communicate()
    return {"ptr": out.decode().strip()}


@app.post("/diagnostics/trace")
async def trace(host: Annotated[str, Body(embed=True)]):
    try:
        ipaddress.ip_address(host)
        valid = True
    except ValueError:
        valid = False
    # the verdict is recorded but not acted on [extended sink]
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"mtr -r -c 3 {host}", stdout=subprocess.PIPE)
    out, _ = await proc.communicate()
    return {"valid": valid, "report": out.decode()}
