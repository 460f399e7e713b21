"""Internal admin console: user lookup, export downloads, maintenance hooks.

Written the way an assistant lays out a small Flask tool: a repository, a service
injected into the views, helpers in the same module.
"""

import os
import re
import shlex
import sqlite3
import subprocess
from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request, send_file
from markupsafe import Markup, escape

app = Flask(__name__)

DB_PATH = "/srv/admin/app.db"
EXPORT_DIR = os.path.realpath("/srv/admin/exports")
SORT_COLUMNS = {"created": "created_at", "email": "email", "last_seen": "last_seen_at"}
TEAM_RE = re.compile(r"[a-z0-9-]+")
SLUG_RE = re.compile(r"^[a-z0-9-]{1,40}$")
ALLOWED_WEBHOOK_HOSTS = {"hooks.slack.com", "discord.com"}


class UserRepository:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def by_email(self, email):
        # repository method, value bound with ?
        # ok: sql-injection
        return self.conn.execute("SELECT id, email FROM users WHERE email = ?", (email,)).fetchone()

    def search(self, term, order_col):
        # term is bound, but the ORDER BY column is the raw ?sort= value passed by list_users
        # ruleid: sql-injection
        return self.conn.execute(
            f"SELECT id, email FROM users WHERE email LIKE ? ORDER BY {order_col}",
            (f"%{term}%",),
        ).fetchall()

    def by_team(self, team):
        # team only passed an unanchored regex search in the service
        # ruleid: sql-injection
        return self.conn.execute("SELECT id FROM users WHERE team = '" + team + "'").fetchall()


class UserService:
    def __init__(self, repo: UserRepository):
        self.repo = repo

    def list_users(self, term, sort):
        return self.repo.search(term, sort)

    def team_members(self, team):
        if not TEAM_RE.search(team):
            raise ValueError("bad team")
        return self.repo.by_team(team)

    def find(self, email):
        return self.repo.by_email(email)


def get_service() -> UserService:
    return UserService(UserRepository(sqlite3.connect(DB_PATH)))


@app.get("/admin/users")
def list_users():
    svc = get_service()
    return jsonify(svc.list_users(request.args.get("q", ""), request.args.get("sort", "email")))


@app.get("/admin/users/by-email")
def by_email():
    return jsonify(get_service().find(request.args["email"]))


@app.get("/admin/teams/<team>")
def team(team):
    return jsonify(get_service().team_members(team))


@app.get("/admin/users/sorted")
def sorted_users():
    column = SORT_COLUMNS.get(request.args.get("sort", "created"), "created_at")
    conn = sqlite3.connect(DB_PATH)
    # the column comes from a constant mapping
    # ok: sql-injection
    rows = conn.execute(f"SELECT id, email FROM users ORDER BY {column} DESC").fetchall()
    return jsonify(rows)


@app.get("/admin/exports/<path:name>")
def download_export(name):
    full = os.path.realpath(os.path.join(EXPORT_DIR, name))
    if os.path.commonpath([full, EXPORT_DIR]) != EXPORT_DIR:
        abort(404)
    # realpath + commonpath containment with an early exit
    # ok: path-traversal
    return send_file(full)


@app.get("/admin/exports-legacy")
def download_legacy():
    full = os.path.realpath(os.path.join(EXPORT_DIR, request.args["file"]))
    if not full.startswith(EXPORT_DIR):
        abort(404)
    # startswith(base) without a separator: /srv/admin/exports-old/... passes
    # ruleid: path-traversal
    return send_file(full)


@app.get("/admin/exports/preview")
def preview_export():
    name = request.args.get("name", "")
    path = request.args.get("path", "")
    if not SLUG_RE.match(name):
        abort(400)
    # the anchored check is on name, the opened path is the other parameter
    # ruleid: path-traversal
    with open(os.path.join(EXPORT_DIR, path)) as fh:
        return fh.read(2000)


@app.post("/admin/maintenance/reindex")
def reindex():
    index = request.form["index"]
    if not TEAM_RE.search(index):
        abort(400)
    # unanchored regex: "x; rm -rf /" contains a match
    # ruleid: command-injection
    os.system("reindex-tool --index " + index)
    return "", 204


@app.post("/admin/maintenance/rotate")
def rotate_logs():
    service = request.form["service"]
    # argument list, no shell
    # ok: command-injection
    subprocess.run(["logrotate", "--force", f"/etc/logrotate.d/{service}"], check=True)
    # shell=True, but the only request value is shlex.quote()d
    # ok: command-injection
    subprocess.run(f"journalctl -u {shlex.quote(service)} --rotate", shell=True, check=True)
    return "", 204


@app.post("/admin/webhooks/test")
def test_webhook():
    url = request.get_json()["url"]
    if urlparse(url).hostname not in ALLOWED_WEBHOOK_HOSTS:
        abort(400)
    # parsed hostname allowlist with an early exit
    # ok: ssrf
    requests.post(url, json={"text": "test from admin"}, timeout=5)
    return "", 204


@app.post("/admin/webhooks/ping")
def ping_webhook():
    url = request.get_json()["url"]
    host = urlparse(url).hostname or ""
    if not host.endswith("slack.com"):
        abort(400)
    # [beyond docs] a host-suffix check without the leading dot admits attackerslack.com
    # ruleid: ssrf
    requests.post(url, json={"text": "ping"}, timeout=5)
    return "", 204


@app.get("/admin/banner")
def banner():
    msg = request.args.get("msg", "")
    # escaped once, then the raw value is concatenated again
    # ruleid: xss
    return Markup("<div class='banner'>" + str(escape(msg)) + "<small>" + msg + "</small></div>")


@app.get("/admin/notice")
def notice():
    msg = request.args.get("msg", "")
    # Markup.format escapes its arguments
    # ok: xss
    return Markup("<div class='notice'>{}</div>").format(msg)
