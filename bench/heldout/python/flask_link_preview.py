"""Reading-list service: link previews, bookmarks, an image proxy and oEmbed lookups.

Generated-style Flask app; the helpers (get_db, _extract_title) live in the same file.
"""
import logging
import re
import sqlite3
from urllib.parse import urljoin, urlparse

import requests
from flask import Flask, Response, abort, g, jsonify, request

app = Flask(__name__)
log = logging.getLogger(__name__)

DATABASE = "/var/lib/readinglist/app.db"
ALLOWED_IMAGE_HOSTS = {"images.unsplash.com", "i.imgur.com", "cdn.readinglist.io"}
OEMBED_PROVIDERS = {
    "youtube": "https://www.youtube.com/oembed",
    "vimeo": "https://vimeo.com/api/oembed.json",
}
# Note: no trailing slash.
METADATA_API = "https://meta.readinglist.io"
SORT_COLUMNS = {"created": "created_at", "title": "title", "domain": "domain"}


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


def _extract_title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.I | re.S)
    return match.group(1).strip() if match else ""


@app.route("/api/preview")
def preview():
    # Link preview: URL from the query string; only emptiness and the scheme are checked.
    url = request.args.get("url", "").strip()
    if not url:
        return jsonify(error="missing url"), 400
    if urlparse(url).scheme not in ("http", "https"):
        return jsonify(error="unsupported scheme"), 400
    try:
        # ruleid: ssrf
        resp = requests.get(url, timeout=5, headers={"User-Agent": "ReadingListBot/1.0"})
    except requests.RequestException as exc:
        log.warning("preview failed for %s: %s", url, exc)
        return jsonify(error="fetch failed"), 502
    return jsonify(title=_extract_title(resp.text), status=resp.status_code)


@app.route("/api/bookmarks", methods=["POST"])
def add_bookmark():
    # JSON body stored with placeholders.
    payload = request.get_json(force=True) or {}
    url = payload.get("url", "")
    tags = ",".join(payload.get("tags", []))
    db = get_db()
    # ok: sql-injection
    db.execute("INSERT INTO bookmarks (url, tags, user_id) VALUES (?, ?, ?)", (url, tags, g.user_id))
    db.commit()
    return jsonify(ok=True), 201


@app.route("/api/bookmarks")
def list_bookmarks():
    # Tag filter is bound, but the ORDER BY column is appended from the query string unchecked.
    tag = request.args.get("tag")
    order = request.args.get("order", "created_at")
    sql = "SELECT id, url, title FROM bookmarks WHERE user_id = ?"
    params = [g.user_id]
    if tag:
        sql += " AND tags LIKE ?"
        params.append(f"%{tag}%")
    sql += f" ORDER BY {order} DESC"
    # ruleid: sql-injection
    rows = get_db().execute(sql, params).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/api/bookmarks/sorted")
def sorted_bookmarks():
    # ORDER BY column comes from a constant dict via .get() with a constant default.
    key = request.args.get("sort", "created")
    column = SORT_COLUMNS.get(key, "created_at")
    db = get_db()
    # ok: sql-injection
    rows = db.execute(f"SELECT id, url FROM bookmarks WHERE user_id = ? ORDER BY {column}", (g.user_id,)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/api/bookmarks/<bookmark_id>", methods=["DELETE"])
def delete_bookmark(bookmark_id):
    # Path segment coerced with int() before it is formatted into the SQL.
    try:
        bid = int(bookmark_id)
    except ValueError:
        abort(400)
    db = get_db()
    # ok: sql-injection
    db.execute(f"DELETE FROM bookmarks WHERE id = {bid} AND user_id = ?", (g.user_id,))
    db.commit()
    return "", 204


@app.route("/img")
def image_proxy():
    # Host allowlist on the parsed hostname with an early abort.
    src = request.args.get("src", "")
    host = urlparse(src).hostname
    if host not in ALLOWED_IMAGE_HOSTS:
        abort(403)
    # ok: ssrf
    upstream = requests.get(src, timeout=10, stream=True, allow_redirects=False)
    return Response(upstream.iter_content(8192), mimetype=upstream.headers.get("Content-Type", "image/jpeg"))


@app.route("/api/oembed/<provider>")
def oembed(provider):
    # Endpoint picked from a constant dict; the user URL only goes into params.
    endpoint = OEMBED_PROVIDERS.get(provider)
    if endpoint is None:
        abort(404)
    # ok: ssrf
    r = requests.get(endpoint, params={"url": request.args.get("url"), "format": "json"}, timeout=5)
    return jsonify(r.json())


@app.route("/api/meta")
def metadata():
    # Base URL without a trailing slash: a path of "@evil.example" or ".evil.example" moves the host.
    path = request.args.get("path", "")
    # ruleid: ssrf
    r = requests.get(METADATA_API + path, timeout=5)
    return jsonify(r.json())


@app.route("/api/resolve")
def resolve_relative():
    # urljoin: an absolute or scheme-relative href ("//10.0.0.5:8080/") replaces the base host.
    base = "https://www.readinglist.io/articles/"
    rel = request.args.get("href", "")
    # ruleid: ssrf
    r = requests.head(urljoin(base, rel), timeout=5, allow_redirects=False)
    return jsonify(status=r.status_code)


@app.route("/api/feed")
def fetch_feed():
    # Suffix check on the hostname: "evilsubstack.com" passes.
    feed_url = request.args["feed"]
    hostname = urlparse(feed_url).hostname or ""
    if not hostname.endswith("substack.com"):
        abort(400)
    # ruleid: ssrf
    body = requests.get(feed_url, timeout=5).text
    return Response(body, mimetype="application/rss+xml")


@app.route("/api/hn/<item_id>")
def hacker_news_item(item_id):
    # Constant scheme and host; the user only picks the path.
    # ok: ssrf
    r = requests.get(f"https://hacker-news.firebaseio.com/v0/item/{item_id}.json", timeout=5)
    return jsonify(r.json())
