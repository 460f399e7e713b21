"""Realtime support rooms of a helpdesk: Django Channels consumers and their DB helpers."""

import asyncio
import json
import marshal
import shelve
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import httpx
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.db import connection

TRANSCRIPTS = Path("/srv/helpdesk/transcripts")
ROOM_KINDS = {"billing", "technical", "sales"}
SORT_COLUMNS = {"created_at", "priority", "status"}
PREVIEW_HOSTS = {"docs.helpdesk.example", "status.helpdesk.example"}


@database_sync_to_async
def load_history(room, limit):
    with connection.cursor() as cur:
        # room and limit are bound parameters
        # ok: sql-injection
        cur.execute(
            "SELECT author, body FROM chat_message WHERE room = %s ORDER BY id DESC LIMIT %s",
            [room, limit],
        )
        return cur.fetchall()


@database_sync_to_async
def search_messages(room, term, sort):
    with connection.cursor() as cur:
        # ORDER BY column spliced, but the only caller checks it against SORT_COLUMNS first
        # ok: sql-injection
        cur.execute(
            f"SELECT author, body FROM chat_message WHERE room = %s AND body ILIKE %s ORDER BY {sort}",
            [room, f"%{term}%"],
        )
        return cur.fetchall()


@database_sync_to_async
def count_by(field):
    with connection.cursor() as cur:
        # GROUP BY column straight from the websocket message
        # ruleid: sql-injection
        cur.execute(f"SELECT {field}, COUNT(*) FROM helpdesk_ticket GROUP BY {field}")
        return cur.fetchall()


@database_sync_to_async
def close_room(room):
    with connection.cursor() as cur:
        # [beyond docs] the room comes from the URL route in self.scope; spliced into a quoted literal
        # ruleid: sql-injection
        cur.execute(f"UPDATE chat_room SET open = false WHERE name = '{room}'")


class SupportRoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.room = self.scope["url_route"]["kwargs"]["room"]
        await self.channel_layer.group_add(self.room, self.channel_name)
        await self.accept()
        await self.send_json({"history": await load_history(self.room, 50)})

    async def disconnect(self, code):
        await close_room(self.room)

    async def receive_json(self, content, **kwargs):
        action = content.get("action")
        if action == "search":
            sort = content.get("sort", "created_at")
            if sort not in SORT_COLUMNS:
                await self.send_json({"error": "unknown sort"})
                return
            rows = await search_messages(self.room, content.get("term", ""), sort)
            await self.send_json({"results": rows})
        elif action == "stats":
            await self.send_json({"stats": await count_by(content.get("field", "status"))})
        elif action == "preview":
            await self.preview(content.get("url", ""))
        elif action == "avatar":
            await self.fetch_avatar(content.get("avatar_url", ""))
        elif action == "export":
            await self.export(content.get("name", "transcript"), content.get("lines", []))
        elif action == "draft":
            await self.load_draft(content.get("kind", ""))

    async def preview(self, url):
        if urlparse(url).hostname not in PREVIEW_HOSTS:
            await self.send_json({"error": "host not allowed"})
            return
        async with httpx.AsyncClient(timeout=5) as client:
            # host allowlist with an early return
            # ok: ssrf
            resp = await client.get(url)
        await self.send_json({"title": resp.text[:200]})

    async def fetch_avatar(self, avatar_url):
        if not avatar_url.startswith(("http://", "https://")):
            return
        async with httpx.AsyncClient() as client:
            # a scheme-only check leaves the host to the sender
            # ruleid: ssrf
            resp = await client.get(avatar_url, follow_redirects=True)
        await self.send_json({"avatar_bytes": len(resp.content)})

    async def export(self, name, lines):
        target = TRANSCRIPTS / self.room / f"{name}.txt"
        # the export name from the message goes into the path unchecked
        # ruleid: path-traversal
        target.write_text("\n".join(lines))
        archived = TRANSCRIPTS / "archive" / Path(name).name
        # Path(name).name keeps only the last segment
        # ok: path-traversal
        archived.write_text("\n".join(lines))

    async def load_draft(self, kind):
        if kind not in ROOM_KINDS:
            return
        # the shelf name is one of three constants
        # ok: unsafe-deserialization
        with shelve.open(str(TRANSCRIPTS / "drafts" / kind)) as drafts:
            await self.send_json({"draft": drafts.get(self.channel_name, "")})


class OpsConsoleConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        data = json.loads(text_data or "{}")
        host = data.get("host", "")
        # [extended sink] asyncio shell with the host from the message
        # ruleid: command-injection
        proc = await asyncio.create_subprocess_shell(f"ping -c 3 {host}", stdout=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate()
        await self.send(text_data=out.decode())

        title = data.get("title", "Ops")
        # argument list, no shell
        # ok: command-injection
        subprocess.run(["notify-send", title, data.get("body", "")], check=False)
        # the same notification through a shell string
        # ruleid: command-injection
        subprocess.run(f"notify-send '{title}' 'console event'", shell=True, check=False)

        cache = data.get("cache", "")
        if cache:
            # marshal over bytes the client sent in hex
            # ruleid: unsafe-deserialization
            snapshot = marshal.loads(bytes.fromhex(cache))
            await self.send(text_data=json.dumps({"keys": list(snapshot)}))
