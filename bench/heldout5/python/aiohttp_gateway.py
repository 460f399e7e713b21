"""aiohttp gateway of the photo library: album search, thumbnails, remote imports, mirrors."""

import html
import os
import re
import ssl
from pathlib import Path
from urllib.parse import quote, urlparse

import aiohttp
import asyncpg
from aiohttp import web

ALBUM_ROOT = Path("/srv/photos/albums").resolve()
THUMB_DIR = "/srv/photos/thumbs"
IMPORT_HOSTS = frozenset({"images.unsplash.com", "live.staticflickr.com"})
SORT_KEYS = {"newest": "taken_at DESC", "oldest": "taken_at ASC", "title": "title"}
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")

routes = web.RouteTableDef()


class AlbumStore:
    """Repository over an asyncpg pool; the handlers below are its only callers."""

    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def by_owner(self, owner: str):
        async with self.pool.acquire() as conn:
            # asyncpg fetch with a $1 placeholder and the value passed separately [extended sink]
            # ok: sql-injection
            return await conn.fetch("SELECT id, title FROM albums WHERE owner = $1", owner)

    async def search(self, term: str, sort: str):
        order = SORT_KEYS.get(sort, "taken_at DESC")
        async with self.pool.acquire() as conn:
            # search term inside a quoted ILIKE literal (the ORDER BY comes from a constant map) [extended sink]
            # ruleid: sql-injection
            return await conn.fetch(f"SELECT id, title FROM albums WHERE title ILIKE '%{term}%' ORDER BY {order}")

    async def rename(self, album_id: str, title: str):
        async with self.pool.acquire() as conn:
            # asyncpg execute with $1/$2 placeholders, id coerced
            # ok: sql-injection
            await conn.execute("UPDATE albums SET title = $1 WHERE id = $2", title, int(album_id))

    async def purge_tag(self, tag: str):
        async with self.pool.acquire() as conn:
            # tag concatenated into a DELETE run with execute()
            # ruleid: sql-injection
            await conn.execute("DELETE FROM album_tags WHERE tag = '" + tag + "'")


@routes.get("/albums/search")
async def search_albums(request: web.Request) -> web.Response:
    store = AlbumStore(request.app["pool"])
    rows = await store.search(request.query.get("q", ""), request.query.get("sort", "newest"))
    mine = await store.by_owner(request.query.get("owner", ""))
    return web.json_response({"hits": [dict(r) for r in rows], "mine": len(mine)})


@routes.post("/albums/{album_id}")
async def update_album(request: web.Request) -> web.Response:
    store = AlbumStore(request.app["pool"])
    body = await request.json()
    await store.rename(request.match_info["album_id"], body.get("title", ""))
    if body.get("drop_tag"):
        await store.purge_tag(body["drop_tag"])
    return web.json_response({"ok": True})


@routes.get("/thumbs/{name}")
async def thumbnail(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    # route segment joined onto a constant directory, no containment check
    # ruleid: path-traversal
    with open(os.path.join(THUMB_DIR, name), "rb") as fh:
        body = fh.read()
    return web.Response(body=body, content_type="image/webp")


@routes.get("/thumbs/raw/{name}")
async def thumbnail_raw(request: web.Request) -> web.FileResponse:
    # aiohttp FileResponse of a joined path, no check [extended sink]
    # ruleid: path-traversal
    return web.FileResponse(os.path.join(THUMB_DIR, request.match_info["name"]))


@routes.get("/albums/{album}/files/{file}")
async def album_file(request: web.Request) -> web.Response:
    target = (ALBUM_ROOT / request.match_info["album"] / request.match_info["file"]).resolve()
    if not target.is_relative_to(ALBUM_ROOT):
        raise web.HTTPForbidden()
    # resolved path checked with is_relative_to, exception exit otherwise
    # ok: path-traversal
    return web.Response(body=target.read_bytes(), content_type="image/jpeg")


@routes.get("/albums/{album}/cover")
async def album_cover(request: web.Request) -> web.Response:
    album = request.match_info["album"]
    variant = request.query.get("variant", "cover.jpg")
    if not SLUG_RE.fullmatch(album):
        raise web.HTTPBadRequest()
    # the slug check covers the album, not the variant file name (wrong variable)
    # ruleid: path-traversal
    data = (ALBUM_ROOT / album / variant).read_bytes()
    return web.Response(body=data)


@routes.get("/albums/{album}/poster")
async def album_poster(request: web.Request) -> web.Response:
    album = request.match_info["album"]
    if not SLUG_RE.fullmatch(album):
        raise web.HTTPBadRequest()
    variant = Path(request.query.get("variant", "poster.jpg")).name
    # album checked by a full-match regex with an exit, variant reduced to Path(...).name
    # ok: path-traversal
    data = (ALBUM_ROOT / album / variant).read_bytes()
    return web.Response(body=data)


@routes.post("/imports")
async def import_remote(request: web.Request) -> web.Response:
    payload = await request.json()
    source = payload.get("source_url", "")
    host = urlparse(source).hostname
    if host not in IMPORT_HOSTS:
        raise web.HTTPBadRequest(text="host not allowed")
    async with aiohttp.ClientSession() as session:
        # hostname parsed from the URL is checked against an allowlist with an exit
        # ok: ssrf
        async with session.get(source, timeout=aiohttp.ClientTimeout(total=10)) as resp:
            blob = await resp.read()
    return web.json_response({"bytes": len(blob)})


@routes.post("/imports/preview")
async def preview_remote(request: web.Request) -> web.Response:
    form = await request.post()
    link = str(form.get("link", ""))
    if not link.startswith(("http://", "https://")):
        raise web.HTTPBadRequest()
    async with aiohttp.ClientSession() as session:
        # scheme-only check: any host is still reachable
        # ruleid: ssrf
        async with session.head(link, allow_redirects=False) as resp:
            return web.json_response({"type": resp.headers.get("Content-Type")})


@routes.get("/geo/{place}")
async def geocode(request: web.Request) -> web.Response:
    place = quote(request.match_info["place"], safe="")
    async with aiohttp.ClientSession() as session:
        # constant scheme and host, the value only in the path
        # ok: ssrf
        async with session.get(f"https://nominatim.openstreetmap.org/search/{place}?format=json") as resp:
            return web.json_response(await resp.json())


class Mirror:
    """Pushes uploaded photos to a mirror chosen per request."""

    def __init__(self):
        # aiohttp connector with certificate verification turned off
        # ruleid: tls-verification-disabled
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))
        # connector with a default context and a private CA
        # ok: tls-verification-disabled
        self.backup = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ssl.create_default_context(cafile="/etc/photos/ca.pem")))

    async def push(self, target: str, data: bytes):
        # target comes from the handler's query string (two hops: handler -> push)
        # ruleid: ssrf
        return await self.session.post(target, data=data)


@routes.post("/mirror")
async def mirror(request: web.Request) -> web.Response:
    data = await request.read()
    resp = await Mirror().push(request.query["target"], data)
    return web.json_response({"status": resp.status})


@routes.get("/hello")
async def hello(request: web.Request) -> web.Response:
    who = request.query.get("who", "guest")
    # query value in an HTML response body [extended sink]
    # ruleid: xss
    return web.Response(text=f"<h1>Welcome, {who}</h1>", content_type="text/html")


@routes.get("/hello/safe")
async def hello_safe(request: web.Request) -> web.Response:
    who = html.escape(request.query.get("who", "guest"))
    # escaped with html.escape before it goes into the HTML body [extended sink]
    # ok: xss
    return web.Response(text=f"<h1>Welcome, {who}</h1>", content_type="text/html")
