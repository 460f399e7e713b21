"""Live support chat of the bike-rental app: a FastAPI WebSocket plus REST helpers.

Agents and riders share a room per ticket; messages and tickets live in MongoDB
(PyMongo), attachments on local disk.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import httpx
from bson import ObjectId
from fastapi import FastAPI, HTTPException, Query, UploadFile, WebSocket, WebSocketDisconnect
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field
from pymongo import DESCENDING, MongoClient

log = logging.getLogger("support.chat")

app = FastAPI()
mongo = MongoClient(os.environ.get("MONGO_URL", "mongodb://localhost:27017"))
db = mongo["support"]
tickets = db["tickets"]
messages = db["messages"]
ATTACH_DIR = Path(os.environ.get("ATTACH_DIR", "/srv/support/attachments")).resolve()
ALLOWED_EXT = {".png", ".jpg", ".jpeg", ".pdf"}
TRANSLATE_API = "https://translate.internal.example/v1/translate"


class Room:
    def __init__(self) -> None:
        self.sockets: dict[str, set[WebSocket]] = {}

    def join(self, ticket: str, ws: WebSocket) -> None:
        self.sockets.setdefault(ticket, set()).add(ws)

    def leave(self, ticket: str, ws: WebSocket) -> None:
        self.sockets.get(ticket, set()).discard(ws)

    async def broadcast(self, ticket: str, payload: dict) -> None:
        for ws in list(self.sockets.get(ticket, ())):
            await ws.send_json(payload)


rooms = Room()


class TicketSearch(BaseModel):
    status: Literal["open", "pending", "closed"] = "open"
    rider_email: str | None = None
    filters: dict[str, Any] = Field(default_factory=dict)


def serialize(doc: dict) -> dict:
    doc["id"] = str(doc.pop("_id"))
    return doc


@app.websocket("/ws/tickets/{ticket_id}")
async def ticket_socket(ws: WebSocket, ticket_id: str):
    await ws.accept()
    rooms.join(ticket_id, ws)
    try:
        while True:
            msg = await ws.receive_json()
            kind = msg.get("type")
            if kind == "say":
                doc = {"ticket": ticket_id, "text": str(msg.get("text", ""))[:4000],
                       "at": datetime.now(timezone.utc)}
                messages.insert_one(doc)
                await rooms.broadcast(ticket_id, {"type": "say", "text": doc["text"]})
            elif kind == "history":
                # the whole "filter" object of the message becomes the query
                # ruleid: nosql-injection
                cursor = messages.find(msg.get("filter", {})).sort("at", DESCENDING).limit(100)
                await ws.send_json({"type": "history", "items": [serialize(m) for m in cursor]})
            elif kind == "lookup":
                # str() of the field: it cannot carry an operator
                # ok: nosql-injection
                ticket = tickets.find_one({"number": str(msg.get("number", ""))})
                await ws.send_json({"type": "ticket", "ticket": serialize(ticket) if ticket else None})
            elif kind == "assign":
                # the agent value is whatever JSON the client sent (an object works)
                # ruleid: nosql-injection
                tickets.update_one({"agent": msg.get("agent")}, {"$set": {"ticket": ticket_id}})
    except WebSocketDisconnect:
        rooms.leave(ticket_id, ws)


@app.post("/tickets/search")
async def search_tickets(body: TicketSearch):
    query: dict[str, Any] = {"status": body.status}
    if body.rider_email:
        query["rider_email"] = body.rider_email
    query.update(body.filters)
    # the free-form filters dictionary of the body is merged into the query
    # ruleid: nosql-injection
    found = tickets.find(query).limit(50)
    return [serialize(t) for t in found]


@app.get("/tickets/{ticket_id}")
async def get_ticket(ticket_id: str):
    try:
        oid = ObjectId(ticket_id)
    except Exception:
        raise HTTPException(404)
    # ObjectId() accepts only a 24-hex id
    # ok: nosql-injection
    doc = tickets.find_one({"_id": oid})
    if doc is None:
        raise HTTPException(404)
    return serialize(doc)


@app.get("/tickets/by-rider")
async def by_rider(email: str = Query(...)):
    # a query parameter typed str is a string
    # ok: nosql-injection
    return [serialize(t) for t in tickets.find({"rider_email": email}).limit(20)]


@app.get("/tickets/where")
async def where(expr: str):
    # $where runs the query-string text as JavaScript on the server
    # ruleid: nosql-injection
    return [serialize(t) for t in tickets.find({"$where": expr}).limit(20)]


@app.post("/tickets/{ticket_id}/attachments")
async def upload_attachment(ticket_id: str, file: UploadFile):
    ext = os.path.splitext(file.filename or "")[1].lower()
    if ext not in ALLOWED_EXT:
        raise HTTPException(415)
    stored = ATTACH_DIR / f"{uuid.uuid4().hex}{ext}"
    # a uuid plus the extension alone
    # ok: path-traversal
    stored.write_bytes(await file.read())
    tickets.update_one({"_id": ObjectId(ticket_id)}, {"$push": {"attachments": stored.name}})
    return {"name": stored.name}


@app.get("/attachments/{name}")
async def download_attachment(name: str):
    if Path(name).suffix.lower() not in ALLOWED_EXT:
        raise HTTPException(404)
    # [extended sink] FileResponse; an extension check says nothing about the directory part
    # ruleid: path-traversal
    return FileResponse(ATTACH_DIR / name)


@app.get("/attachments/{name}/safe")
async def download_attachment_safe(name: str):
    target = (ATTACH_DIR / name).resolve()
    if not target.is_relative_to(ATTACH_DIR) or not target.is_file():
        raise HTTPException(404)
    # [extended sink] FileResponse of a resolved, contained path
    # ok: path-traversal
    return FileResponse(target)


@app.get("/tickets/{ticket_id}/transcript", response_class=HTMLResponse)
async def transcript(ticket_id: str, lang: str = "en", title: str = "Transcript"):
    # the path parameter is typed str: a plain string value in a fixed filter
    # ok: nosql-injection
    lines = [m["text"] for m in messages.find({"ticket": ticket_id}).sort("at", 1)]
    async with httpx.AsyncClient(timeout=10) as client:
        # constant internal endpoint; the language travels in the body
        # ok: ssrf
        tr = await client.post(TRANSLATE_API, json={"to": lang, "lines": lines})
    body = "".join(f"<li>{json.dumps(t)}</li>" for t in tr.json()["lines"])
    # [extended sink] HTMLResponse; the title parameter is raw markup
    # ruleid: xss
    return HTMLResponse(f"<h1>{title}</h1><ol>{body}</ol>")


@app.post("/tickets/{ticket_id}/archive")
async def archive_ticket(ticket_id: str, label: str = "closed"):
    folder = ATTACH_DIR / "archives"
    folder.mkdir(exist_ok=True)
    # [extended sink] asyncio.create_subprocess_shell; the route's label and ticket id go through a shell
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"zip -qr {folder}/{ticket_id}-{label}.zip {ATTACH_DIR}/{ticket_id}")
    await proc.wait()
    return {"archived": proc.returncode == 0}


@app.on_event("startup")
async def warm() -> None:
    await asyncio.sleep(0)
    log.info("support chat ready: %s tickets", tickets.estimated_document_count())
