"""Room-booking app for a coworking space: Flask, sqlite3, a small service layer."""

import functools
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from urllib.parse import urlparse

import requests
from flask import Flask, abort, g, jsonify, redirect, request, send_file, session, url_for

# a Flask app with session-backed POST routes and no CSRF protection
# ruleid: missing-csrf
app = Flask(__name__)
app.secret_key = os.environ["BOOKINGS_SECRET"]

DB_PATH = os.environ.get("BOOKINGS_DB", "bookings.db")
SORTABLE = {"start_at", "room", "created_at"}
FLOORS = ("1", "2", "3")
CALENDAR_HOSTS = {"calendar.google.com", "outlook.office365.com"}
EXPORT_DIR = "/srv/bookings/exports"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
    return g.db


@app.before_request
def load_workspace():
    g.workspace = request.headers.get("X-Workspace", "main")
    g.user_id = session.get("user_id")


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if g.user_id is None:
            return redirect(url_for("login"))
        return view(*args, **kwargs)

    return wrapper


@dataclass
class BookingQuery:
    room: str
    sort: str = "start_at"
    floor: str = "1"


class BookingRepository:
    def __init__(self, conn):
        self.conn = conn

    def list_for_room(self, q: BookingQuery):
        # the dataclass carries the query-string room into the text; sort was checked by the caller
        # ruleid: sql-injection
        return self.conn.execute(f"SELECT * FROM bookings WHERE room = '{q.room}' ORDER BY {q.sort}").fetchall()

    def list_for_floor(self, q: BookingQuery):
        # floor is bound, sort checked against SORTABLE by the caller
        # ok: sql-injection
        return self.conn.execute(f"SELECT * FROM bookings WHERE floor = ? ORDER BY {q.sort}", (q.floor,)).fetchall()

    def by_workspace(self, workspace):
        # workspace comes from the X-Workspace header via g (see by_workspace's caller) [beyond docs]
        # ruleid: sql-injection
        return self.conn.execute("SELECT * FROM bookings WHERE workspace = '%s'" % workspace).fetchall()

    def cancel(self, booking_id):
        # ok: sql-injection
        self.conn.execute("UPDATE bookings SET cancelled = 1 WHERE id = ?", (booking_id,))


def _clean_sort(value):
    if value not in SORTABLE:
        raise ValueError("bad sort")
    return value


@app.get("/rooms/<room>/bookings")
@login_required
def room_bookings(room):
    sort = _clean_sort(request.args.get("sort", "start_at"))
    repo = BookingRepository(get_db())
    rows = repo.list_for_room(BookingQuery(room=room, sort=sort))
    return jsonify(rows)


@app.get("/floors/bookings")
@login_required
def floor_bookings():
    sort = request.args.get("sort", "start_at")
    if sort not in SORTABLE:
        abort(400)
    q = BookingQuery(room="", sort=sort, floor=request.args.get("floor", "1"))
    return jsonify(BookingRepository(get_db()).list_for_floor(q))


@app.get("/workspace/bookings")
@login_required
def workspace_bookings():
    return jsonify(BookingRepository(get_db()).by_workspace(g.workspace))


@app.post("/bookings/<int:booking_id>/cancel")
@login_required
def cancel_booking(booking_id):
    BookingRepository(get_db()).cancel(booking_id)
    return "", 204


@app.get("/bookings/search")
def search_bookings():
    filters = {}
    filters["guest"] = request.args.get("guest", "")
    filters["floor"] = request.args.get("floor", "1")
    if filters["floor"] not in FLOORS:
        abort(400)
    db = get_db()
    # the floor key was allowlisted but the guest key goes into the text
    # ruleid: sql-injection
    rows = db.execute(f"SELECT * FROM bookings WHERE floor = {filters['floor']} AND guest LIKE '%{filters['guest']}%'").fetchall()
    # only the allowlisted floor key is spliced
    # ok: sql-injection
    count = db.execute(f"SELECT count(*) FROM bookings WHERE floor = {filters['floor']}").fetchone()
    return jsonify({"rows": rows, "count": count})


@app.get("/bookings/by-ids")
def bookings_by_ids():
    ids = [int(i) for i in request.args.get("ids", "").split(",") if i]
    placeholders = ",".join("?" for _ in ids)
    # generated ? list, int() over every element
    # ok: sql-injection
    rows = get_db().execute(f"SELECT * FROM bookings WHERE id IN ({placeholders})", ids).fetchall()
    raw_ids = request.args.get("ids", "")
    joined = ",".join(part.strip() for part in raw_ids.split(","))
    # the comprehension only strips each part
    # ruleid: sql-injection
    more = get_db().execute(f"SELECT * FROM bookings WHERE id IN ({joined})").fetchall()
    return jsonify(rows + more)


@app.post("/bookings/import-calendar")
@login_required
def import_calendar():
    feed_url = request.form["feed_url"]
    host = urlparse(feed_url).hostname
    if host not in CALENDAR_HOSTS:
        app.logger.warning("calendar host %s not in allowlist", host)
    # the allowlist verdict is only logged
    # ruleid: ssrf
    resp = requests.get(feed_url, timeout=10)
    return jsonify({"size": len(resp.content)})


@app.post("/bookings/import-calendar-v2")
@login_required
def import_calendar_v2():
    feed_url = request.form["feed_url"]
    if urlparse(feed_url).hostname not in CALENDAR_HOSTS:
        abort(400)
    # host allowlist with an early exit
    # ok: ssrf
    resp = requests.get(feed_url, timeout=10)
    return jsonify({"size": len(resp.content)})


@app.get("/exports/<name>")
@login_required
def download_export(name):
    try:
        full = os.path.realpath(os.path.join(EXPORT_DIR, name))
        if not full.startswith(EXPORT_DIR + os.sep):
            abort(404)
    finally:
        app.logger.info("export requested: %s", name)
    # containment check inside try, finally only logs
    # ok: path-traversal
    return send_file(full)


@app.get("/exports/raw/<name>")
@login_required
def download_raw(name):
    full = os.path.join(EXPORT_DIR, name)
    checked = os.path.realpath(full)
    if not checked.startswith(EXPORT_DIR + os.sep):
        abort(404)
    # the resolved copy was checked, the unresolved join is sent
    # ruleid: path-traversal
    return send_file(full)


@app.post("/rooms/<room>/door-test")
@login_required
def door_test(room):
    # room name into a shell string
    # ruleid: command-injection
    subprocess.run(f"doorctl ping --room {room}", shell=True, check=True)
    # argument list, no shell
    # ok: command-injection
    subprocess.run(["doorctl", "status", "--room", room], check=True)
    return "", 204


@app.get("/login")
def login():
    nxt = request.args.get("next", "/")
    if not nxt.startswith("/") or nxt.startswith(("//", "/\\")) or not nxt.isprintable():
        nxt = "/"
    # full same-site test resets the target
    # ok: open-redirect
    return redirect(nxt)


@app.get("/logout")
def logout():
    session.clear()
    # ruleid: open-redirect
    return redirect(request.args.get("return_to", "/"))


ROOMS = {"atlas", "borealis", "cosmos"}


@app.get("/rooms/occupancy")
def room_occupancy():
    room = request.args.get("room", "atlas")
    if room not in ROOMS:
        abort(400)
    room = request.args.get("alias", room)
    # re-assigned from the query after the allowlist check
    # ruleid: sql-injection
    row = get_db().execute(f"SELECT count(*) FROM bookings WHERE room = '{room}'").fetchone()
    return jsonify({"count": row[0]})


@app.get("/rooms/occupancy-late")
def room_occupancy_late():
    room = request.args.get("room", "atlas")
    # the allowlist check runs after the query
    # ruleid: sql-injection
    row = get_db().execute(f"SELECT count(*) FROM bookings WHERE room = '{room}'").fetchone()
    if room not in ROOMS:
        abort(400)
    return jsonify({"count": row[0]})


@app.post("/rooms/bulk-close")
@login_required
def bulk_close():
    requested = request.get_json().get("rooms", [])
    for r in requested:
        if r not in ROOMS:
            abort(400)
    # every element checked in the loop, with abort
    # ok: sql-injection
    get_db().execute(f"UPDATE rooms SET open = 0 WHERE name IN ({','.join(repr(r) for r in requested)})")
    others = request.get_json().get("also", [])
    # the loop checked 'rooms', the 'also' list is spliced
    # ruleid: sql-injection
    get_db().execute(f"UPDATE rooms SET open = 0 WHERE name IN ({','.join(repr(r) for r in others)})")
    return "", 204


@app.post("/bookings/price")
def price_quote():
    formula = request.form.get("formula", "hours * rate")
    hours = float(request.form.get("hours", "1"))
    # a pricing formula from the form
    # ruleid: code-injection
    total = eval(formula, {"hours": hours, "rate": 12.5})
    return jsonify({"total": total})


@app.post("/bookings/price-table")
def price_table():
    import ast

    raw = request.form.get("table", "{}")
    # literal_eval accepts literals only
    # ok: code-injection
    table = ast.literal_eval(raw)
    return jsonify(table)


@app.post("/rooms/<room>/display")
@login_required
def room_display(room):
    message = request.form.get("message", "")
    # os.popen with the form message in the command
    # ruleid: command-injection
    out = os.popen(f"display-ctl --room {room} --show '{message}'").read()
    return jsonify({"out": out})


@app.get("/exports/latest")
@login_required
def latest_export():
    name = request.args.get("name", "latest.csv")
    safe = os.path.basename(name)
    if not safe.endswith(".csv"):
        abort(400)
    # basename, then an extension check
    # ok: path-traversal
    return send_file(os.path.join(EXPORT_DIR, safe))


@app.get("/exports/by-user")
@login_required
def export_for_user():
    user_dir = request.headers.get("X-User-Dir", str(g.user_id))
    # a header picks the directory
    # ruleid: path-traversal
    return send_file(os.path.join(EXPORT_DIR, user_dir, "bookings.csv"))
