"""Link-preview and bookmark service on Tornado 6 (typed, async)."""
from __future__ import annotations

import ipaddress
import os
import socket
import sqlite3
import subprocess
from urllib.parse import urlparse

import requests
import tornado.web
from tornado.httpclient import AsyncHTTPClient

DB_PATH = "/var/lib/links/links.db"
THUMB_DIR = "/var/lib/links/thumbs"
PREVIEW_HOSTS = frozenset({"youtube.com", "www.youtube.com", "vimeo.com"})
SORT_COLUMNS = {"newest": "created_at DESC", "oldest": "created_at ASC", "title": "title"}


def _db() -> sqlite3.Connection:
    return sqlite3.connect(DB_PATH)


def _is_public_host(host: str | None) -> bool:
    if not host:
        return False
    try:
        addr = ipaddress.ip_address(socket.gethostbyname(host))
    except (OSError, ValueError):
        return False
    return not (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved)


class PreviewHandler(tornado.web.RequestHandler):
    async def get(self) -> None:
        url = self.get_argument("url")
        # Tornado query argument fetched with no host check [beyond docs]
        # ruleid: ssrf
        resp = requests.get(url, timeout=5)
        self.write({"status": resp.status_code})


class SafePreviewHandler(tornado.web.RequestHandler):
    async def get(self) -> None:
        url = self.get_argument("url")
        parsed = urlparse(url)
        if parsed.scheme != "https" or parsed.hostname not in PREVIEW_HOSTS:
            raise tornado.web.HTTPError(400)
        # Tornado argument behind a hostname allowlist that raises [beyond docs]
        # ok: ssrf
        resp = requests.get(url, timeout=5, allow_redirects=False)
        self.write({"status": resp.status_code})


class OEmbedHandler(tornado.web.RequestHandler):
    async def get(self, provider: str) -> None:
        # path argument of a handler method (parameter) in the host part [extended sink]
        # ruleid: ssrf
        resp = await AsyncHTTPClient().fetch(f"https://{provider}/oembed?format=json")
        self.write(resp.body)


class PublicCheckHandler(tornado.web.RequestHandler):
    async def get(self, target: str) -> None:
        if not _is_public_host(urlparse(target).hostname):
            raise tornado.web.HTTPError(403)
        # same-file validator that resolves and rejects private addresses, early raise
        # ok: ssrf
        resp = requests.head(target, timeout=3, allow_redirects=False)
        self.set_status(resp.status_code)


class BookmarkHandler(tornado.web.RequestHandler):
    def get(self, tag: str) -> None:
        sort = self.get_argument("sort", "newest")
        order = SORT_COLUMNS.get(sort, "created_at DESC")
        con = _db()
        # path parameter bound, sort column from a constant dict lookup
        # ok: sql-injection
        rows = con.execute(f"SELECT id, url, title FROM bookmarks WHERE tag = ? ORDER BY {order}", (tag,)).fetchall()
        self.write({"items": rows})

    def delete(self, bookmark_id: str) -> None:
        con = _db()
        # path parameter formatted into the statement
        # ruleid: sql-injection
        con.execute("DELETE FROM bookmarks WHERE id = %s" % bookmark_id)
        con.commit()


class SearchHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        term = self.get_argument("q", "")
        con = _db()
        # Tornado argument concatenated into LIKE [beyond docs]
        # ruleid: sql-injection
        rows = con.execute("SELECT id, title FROM bookmarks WHERE title LIKE '%" + term + "%'").fetchall()
        self.write({"items": rows})

    def post(self) -> None:
        limit = int(self.get_argument("limit", "20"))
        con = _db()
        # integer coercion before formatting
        # ok: sql-injection
        rows = con.execute(f"SELECT id, title FROM bookmarks ORDER BY created_at DESC LIMIT {limit}").fetchall()
        self.write({"items": rows})


class ThumbnailHandler(tornado.web.RequestHandler):
    def get(self, name: str) -> None:
        # path parameter joined under a constant directory
        # ruleid: path-traversal
        with open(os.path.join(THUMB_DIR, name), "rb") as fh:
            self.write(fh.read())

    def put(self, name: str) -> None:
        base = os.path.realpath(THUMB_DIR)
        full = os.path.realpath(os.path.join(base, name))
        if os.path.commonpath([base, full]) != base:
            raise tornado.web.HTTPError(403)
        # realpath + commonpath containment with an early raise
        # ok: path-traversal
        with open(full, "wb") as fh:
            fh.write(self.request.body)

    def post(self, name: str) -> None:
        url = f"https://img.links.example/render/{name}.png"
        # screenshot tool run through a shell with the path parameter
        # ruleid: command-injection
        subprocess.run(f"chromium --headless --screenshot={THUMB_DIR}/{name}.png {url}", shell=True, check=True)


def make_app() -> tornado.web.Application:
    # literal cookie secret passed as a keyword argument
    # ruleid: hardcoded-secret
    return tornado.web.Application(
        [
            (r"/preview", PreviewHandler),
            (r"/safe-preview", SafePreviewHandler),
            (r"/oembed/([^/]+)", OEmbedHandler),
            (r"/check/(.+)", PublicCheckHandler),
            (r"/bookmarks/([a-z]+)", BookmarkHandler),
            (r"/search", SearchHandler),
            (r"/thumbs/(.+)", ThumbnailHandler),
        ],
        cookie_secret="q9Xv2-LmT7#pR4zW8kY1bN6sH3",
        xsrf_cookies=True,
    )


def make_dev_app() -> tornado.web.Application:
    # cookie secret read from the environment; Tornado debug switch read from the environment
    # ok: hardcoded-secret
    # ok: debug-mode
    return tornado.web.Application(
        [(r"/preview", PreviewHandler)],
        cookie_secret=os.environ["LINKS_COOKIE_SECRET"],
        debug=os.environ.get("LINKS_DEBUG") == "1",
    )
