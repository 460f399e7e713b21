"""Print-shop job API: FastAPI routes, background tasks and a live-progress WebSocket."""

import re
import shlex
import subprocess
from pathlib import Path
from typing import Literal

import aiofiles
import httpx
from fastapi import BackgroundTasks, FastAPI, HTTPException, WebSocket
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("postgresql+psycopg://printshop@db/printshop")
SPOOL = Path("/var/spool/printshop").resolve()
PAPER_SIZES = {"a4", "a3", "letter"}
ASSET_HOSTS = {"assets.printshop.example", "cdn.printshop.example"}

app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://printshop.example"],
    allow_credentials=True,
    allow_methods=["*"],
)


def convert_job(job_id: int, source: str, paper: str) -> None:
    # paper is from PAPER_SIZES (checked by the route), source is quoted
    # ok: command-injection
    subprocess.run(f"lp -o media={paper} {shlex.quote(source)}", shell=True, check=True)


def rasterize(upload_name: str, dpi: str) -> None:
    # dpi comes from the query string and is spliced into a shell command
    # ruleid: command-injection
    subprocess.run(f"gs -r{dpi} -sDEVICE=png16m -o /tmp/out.png {SPOOL / upload_name}", shell=True)


def record_status(job_id: int, note: str) -> None:
    with engine.begin() as conn:
        # note is bound as :note
        # ok: sql-injection
        conn.execute(text("UPDATE print_job SET note = :note WHERE id = :id"), {"note": note, "id": job_id})


@app.post("/jobs/{job_id}/print")
async def print_job(job_id: int, file: str, paper: str, tasks: BackgroundTasks):
    if paper not in PAPER_SIZES:
        raise HTTPException(400, "unknown paper size")
    source = SPOOL / file
    tasks.add_task(convert_job, job_id, str(source), paper)
    tasks.add_task(record_status, job_id, f"queued on {paper}")
    return {"queued": job_id}


@app.post("/jobs/{job_id}/raster")
async def raster_job(job_id: int, file: str, dpi: str, tasks: BackgroundTasks):
    tasks.add_task(rasterize, Path(file).name, dpi)
    return {"queued": job_id}


@app.get("/jobs")
async def list_jobs(customer: str, order: str = "created_at"):
    with engine.connect() as conn:
        # the ORDER BY text is the caller's
        # ruleid: sql-injection
        rows = conn.execute(text(f"SELECT id, title FROM print_job WHERE customer = :c ORDER BY {order}"), {"c": customer})
        return [dict(r._mapping) for r in rows]


@app.get("/jobs/by-state")
async def jobs_by_state(state: Literal["queued", "printing", "done"]):
    with engine.connect() as conn:
        # [beyond docs] a Literal parameter is limited by FastAPI's validation
        # ok: sql-injection
        rows = conn.execute(text(f"SELECT id FROM print_job WHERE state = '{state}'"))
        return [r.id for r in rows]


@app.get("/jobs/{job_id}/proof")
async def proof(job_id: int, name: str):
    path = (SPOOL / str(job_id) / name).resolve()
    if not path.is_relative_to(SPOOL):
        raise HTTPException(403)
    # [extended sink] resolved and checked against the spool root
    # ok: path-traversal
    return FileResponse(path)


@app.get("/jobs/{job_id}/log")
async def job_log(job_id: int, log: str = "render.log"):
    # [extended sink] aiofiles.open with the log name from the query string
    # ruleid: path-traversal
    async with aiofiles.open(SPOOL / str(job_id) / log) as fh:
        return {"log": await fh.read()}


@app.get("/jobs/{job_id}/ticket", response_class=HTMLResponse)
async def ticket(job_id: int, customer: str):
    # [extended sink] HTMLResponse with the customer name unescaped
    # ruleid: xss
    return HTMLResponse(f"<h1>Job {job_id}</h1><p>Customer: {customer}</p>")


@app.get("/jobs/{job_id}/done")
async def done(job_id: int, back: str = "/jobs"):
    if not back.startswith("/") or back.startswith("//"):
        back = "/jobs"
    # RedirectResponse quotes backslashes and control characters, so this check is enough
    # ok: open-redirect
    return RedirectResponse(back)


@app.get("/jobs/{job_id}/continue")
async def continue_to(job_id: int, next_url: str):
    # the redirect target is taken as sent
    # ruleid: open-redirect
    return RedirectResponse(url=next_url, status_code=303)


@app.post("/assets/import")
async def import_asset(url: str):
    host = httpx.URL(url).host
    if host in ASSET_HOSTS:
        print("importing from an approved host")
    async with httpx.AsyncClient() as client:
        # the allowlist verdict is only logged; the fetch happens either way
        # ruleid: ssrf
        resp = await client.get(url)
    return {"size": len(resp.content)}


@app.websocket("/ws/progress")
async def progress(ws: WebSocket):
    await ws.accept()
    while True:
        msg = await ws.receive_json()
        job = msg.get("job", "")
        if not re.fullmatch(r"[0-9a-f]{32}", job):
            await ws.send_json({"error": "bad job id"})
            continue
        # [extended sink] an anchored hex pattern with an early continue
        # ok: path-traversal
        async with aiofiles.open(SPOOL / "progress" / f"{job}.json") as fh:
            await ws.send_text(await fh.read())
        callback = msg.get("callback", "")
        async with httpx.AsyncClient() as client:
            # a callback URL sent over the socket
            # ruleid: ssrf
            await client.post(callback, json={"job": job})
        webhook = f"https://hooks.printshop.example/progress/{msg.get('channel', 'default')}"
        async with httpx.AsyncClient() as client:
            # constant https host, the message only picks the path
            # ok: ssrf
            await client.post(webhook, json={"job": job})
