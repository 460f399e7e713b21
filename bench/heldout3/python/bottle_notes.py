"""A small notes app on Bottle 0.13 (module-global request, sqlite3)."""
import hashlib
import os
import random
import sqlite3
import string

from bottle import Bottle, abort, redirect, request, response, static_file, template
from markupsafe import Markup, escape

app = Bottle()
DB = "/var/lib/notes/notes.db"
STATIC_ROOT = "/srv/notes/static"
EXPORT_DIR = "/srv/notes/exports"
NEXT_PAGES = {"home": "/", "inbox": "/inbox", "settings": "/settings/profile"}


def get_db():
    return sqlite3.connect(DB)


@app.get("/notes")
def list_notes():
    owner = request.query.get("owner", "")
    db = get_db()
    # Bottle query value in an f-string [beyond docs]
    # ruleid: sql-injection
    rows = db.execute(f"SELECT id, title FROM notes WHERE owner = '{owner}'").fetchall()
    return {"notes": rows}


@app.get("/notes/<note_id:int>")
def show_note(note_id):
    db = get_db()
    # route parameter bound as a parameter
    # ok: sql-injection
    row = db.execute("SELECT title, body FROM notes WHERE id = ?", (note_id,)).fetchone()
    return {"note": row}


@app.post("/notes/bulk-tag")
def bulk_tag():
    tag = request.forms.get("tag", "")
    ids = request.forms.getall("id")
    db = get_db()
    placeholders = ",".join("?" for _ in ids)
    # placeholders generated for the list; the values are bound
    # ok: sql-injection
    db.execute(f"UPDATE notes SET tag = ? WHERE id IN ({placeholders})", [tag, *ids])
    db.commit()
    return {"ok": True}


@app.post("/notes/rename")
def rename():
    title = request.forms.get("title", "").replace("'", "''")
    db = get_db()
    # hand-doubled quotes are not a control [beyond docs]
    # ruleid: sql-injection
    db.executescript(f"UPDATE notes SET title = '{title}' WHERE owner = 'me';")
    return {"ok": True}


@app.get("/static/<path:path>")
def static(path):
    # Bottle's static_file with a root refuses escaping paths [beyond docs]
    # ok: path-traversal
    return static_file(path, root=STATIC_ROOT)


@app.get("/export")
def export():
    name = request.query.get("name", "notes")
    # Bottle query value as a file name under a constant directory [beyond docs]
    # ruleid: path-traversal
    with open(f"{EXPORT_DIR}/{name}.json") as fh:
        return fh.read()


@app.get("/go")
def go():
    nxt = request.query.get("next", "home")
    # redirect target looked up by name in a constant dict [beyond docs]
    # ok: open-redirect
    redirect(NEXT_PAGES.get(nxt, "/"))


@app.get("/login/done")
def login_done():
    target = request.query.get("return_to", "/")
    # Bottle redirect to a query value [beyond docs]
    # ruleid: open-redirect
    redirect(target)


@app.get("/hello")
def hello():
    name = request.query.get("name", "friend")
    # Markup around an escaped value
    # ok: xss
    return Markup(f"<h1>Hello {escape(name)}</h1>")


@app.get("/banner")
def banner():
    msg = request.query.get("msg", "")
    # Markup around a raw query value [beyond docs]
    # ruleid: xss
    return Markup("<div class='banner'>" + msg + "</div>")


def make_share_token():
    # share token from the random module, returned from a function so named
    # ruleid: weak-randomness
    return "".join(random.choices(string.ascii_letters + string.digits, k=24))


def pick_color():
    # random value under a non-secret name
    # ok: weak-randomness
    return random.choice(["amber", "teal", "rose"])


def hash_password(password):
    # unsalted SHA-256 of a password
    # ruleid: weak-password-hash
    return hashlib.sha256(password.encode()).hexdigest()


def etag(body):
    # digest of page content, not a password
    # ok: weak-password-hash
    return hashlib.md5(body.encode()).hexdigest()


@app.post("/login")
def login():
    # Bottle session cookie with secure/httponly set [beyond docs]
    # ok: insecure-cookie
    response.set_cookie(
        "notes_session",
        os.urandom(16).hex(),
        secure=True,
        httponly=True,
        samesite="lax",
    )
    return {"ok": True}


@app.get("/about")
def about():
    # constant template name, value passed as a variable
    # ok: ssti
    return template("about", user=request.query.get("user", ""))
