"""Tool endpoints an LLM agent calls (web fetch, shell, files, SQL, e-mail drafts): a FastAPI router."""

import ipaddress
import os
import shutil
import socket
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import httpx
from fastapi import APIRouter, HTTPException
from jinja2 import Template
from pydantic import BaseModel

router = APIRouter(prefix="/tools")

WORKSPACE = Path(os.environ.get("AGENT_WORKSPACE", "/srv/agent/workspace")).resolve()
ALLOWED_COMMANDS = {"ls": ["ls", "-la"], "disk": ["df", "-h"], "uptime": ["uptime"]}
EMAIL_TEMPLATE = "Hello {{ name }},\n\n{{ summary }}\n"
conn = sqlite3.connect(os.environ.get("AGENT_DB", "agent.db"), check_same_thread=False)


class FetchArgs(BaseModel):
    url: str
    max_bytes: int = 100_000


class ShellArgs(BaseModel):
    name: str


class GrepArgs(BaseModel):
    pattern: str


class FileArgs(BaseModel):
    path: str


class WriteArgs(BaseModel):
    path: str
    content: str


class SqlArgs(BaseModel):
    query: str


class EmailArgs(BaseModel):
    name: str
    summary: str
    signature: str = ""


def _public_host(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


@router.post("/web_fetch")
async def web_fetch(args: FetchArgs):
    host = urlparse(args.url).hostname
    if not host or not _public_host(host):
        raise HTTPException(400, "host is not public")
    async with httpx.AsyncClient(follow_redirects=False, timeout=10) as client:
        # every resolved address checked by a same-file predicate, raising otherwise
        # ok: ssrf
        r = await client.get(args.url)
    return {"status": r.status_code, "text": r.text[: args.max_bytes]}


@router.post("/web_fetch_fast")
async def web_fetch_fast(args: FetchArgs):
    try:
        ip = ipaddress.ip_address(urlparse(args.url).hostname or "")
        if ip.is_private or ip.is_loopback:
            raise HTTPException(400, "private address")
    except ValueError:
        pass
    async with httpx.AsyncClient(timeout=10) as client:
        # only IP literals are checked; a host name that resolves inside passes [beyond docs]
        # ruleid: ssrf
        r = await client.get(args.url)
    return {"status": r.status_code, "text": r.text[: args.max_bytes]}


@router.post("/run")
def run(args: ShellArgs):
    argv = ALLOWED_COMMANDS.get(args.name)
    if argv is None:
        raise HTTPException(400, "unknown command")
    # argument list looked up in a constant dictionary
    # ok: command-injection
    out = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    return {"stdout": out.stdout}


@router.post("/grep")
def grep(args: GrepArgs):
    # pattern wrapped in hand-written quotes
    # ruleid: command-injection
    out = subprocess.run(f"grep -rn '{args.pattern}' {WORKSPACE}", shell=True, capture_output=True, text=True)
    return {"stdout": out.stdout[:20000]}


def _in_workspace(rel: str) -> Path:
    candidate = (WORKSPACE / rel).resolve()
    if not candidate.is_relative_to(WORKSPACE):
        raise HTTPException(403, "outside the workspace")
    return candidate


@router.post("/read_file")
def read_file(args: FileArgs):
    # same-file helper resolves, checks containment, raises, returns the resolved path
    # ok: path-traversal
    return {"content": _in_workspace(args.path).read_text()}


@router.post("/write_file")
def write_file(args: WriteArgs):
    target = WORKSPACE / args.path.lstrip("/")
    # lstrip("/") leaves ../ through
    # ruleid: path-traversal
    target.write_text(args.content)
    return {"written": len(args.content)}


@router.post("/delete_dir")
def delete_dir(args: FileArgs):
    target = os.path.normpath(os.path.join(WORKSPACE, args.path))
    if not target.startswith(str(WORKSPACE)):
        raise HTTPException(403, "outside the workspace")
    # startswith(base) without a separator admits /srv/agent/workspace-old
    # ruleid: path-traversal
    shutil.rmtree(target)
    return {"deleted": True}


@router.post("/sql")
def sql_tool(args: SqlArgs):
    if not args.query.lstrip().lower().startswith("select"):
        raise HTTPException(400, "read-only tool")
    # a SELECT prefix still reads any table the connection can see
    # ruleid: sql-injection
    rows = conn.execute(args.query).fetchall()
    return {"rows": rows[:200]}


@router.post("/render_email")
def render_email(args: EmailArgs):
    # constant template, values as context
    # ok: ssti
    body = Template(EMAIL_TEMPLATE).render(name=args.name, summary=args.summary)
    # the signature becomes part of the template source
    # ruleid: ssti
    footer = Template("{{ greeting }}\n" + args.signature).render(greeting="Thanks")
    return {"body": body + footer}
