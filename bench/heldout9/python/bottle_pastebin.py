"""A small team pastebin on Bottle and sqlite3, served behind the office VPN."""

import os
import random
import secrets
import sqlite3
import string
import subprocess

from bottle import Bottle, abort, redirect, request, response, static_file, template

PASTE_DIR = os.path.realpath(os.environ.get("PASTE_DIR", "/var/lib/pastebin"))
LEXERS = {"python", "javascript", "sql", "bash", "yaml", "text"}
# the cookie signing secret as a literal
# ruleid: hardcoded-secret
COOKIE_SECRET = "pb-cookie-9f3k2l1m"
PAGE = "<html><body><h1>{{title}}</h1><pre>{{body}}</pre></body></html>"

app = Bottle()


def db():
    conn = sqlite3.connect(os.path.join(PASTE_DIR, "pastes.db"))
    conn.row_factory = sqlite3.Row
    return conn


@app.post("/paste")
def create_paste():
    body = request.forms.getunicode("body", "")
    lang = request.forms.get("lang", "text")
    slug = secrets.token_urlsafe(6)
    # the removal token is built with the random module
    # ruleid: weak-randomness
    delete_token = "".join(random.choices(string.ascii_letters + string.digits, k=20))
    conn = db()
    # every value is a bound parameter
    # ok: sql-injection
    conn.execute("INSERT INTO pastes (slug, body, lang, delete_token) VALUES (?, ?, ?, ?)", (slug, body, lang, delete_token))
    conn.commit()
    # the slug is the server's own token_urlsafe value
    # ok: path-traversal
    with open(os.path.join(PASTE_DIR, slug + ".txt"), "w", encoding="utf-8") as fh:
        fh.write(body)
    response.set_header("X-Delete-Token", delete_token)
    # a path on this site built from the server's slug
    # ok: open-redirect
    redirect(f"/p/{slug}")


@app.get("/lang/<lang>")
def by_language(lang):
    conn = db()
    # a route argument spliced into the WHERE clause
    # ruleid: sql-injection
    rows = conn.execute(f"SELECT slug, created FROM pastes WHERE lang = '{lang}' ORDER BY created DESC").fetchall()
    return {"pastes": [dict(r) for r in rows]}


@app.get("/search")
def search():
    term = request.query.get("q", "")
    conn = db()
    # quotes doubled by hand are no parameterization
    # ruleid: sql-injection
    rows = conn.execute("SELECT slug FROM pastes WHERE body LIKE '%" + term.replace("'", "''") + "%'").fetchall()
    return {"slugs": [r["slug"] for r in rows]}


@app.get("/p/<slug>/highlight")
def highlight(slug):
    lang = request.query.get("lang", "text")
    body = db().execute("SELECT body FROM pastes WHERE slug = ?", (slug,)).fetchone()["body"]
    # the lexer name from the query string goes into a shell command
    # ruleid: command-injection
    out = subprocess.check_output(f"pygmentize -l {lang} -f html", shell=True, input=body.encode())
    return out


@app.get("/p/<slug>/highlight-safe")
def highlight_safe(slug):
    lang = request.query.get("lang", "text")
    if lang not in LEXERS:
        abort(400, "unknown lexer")
    body = db().execute("SELECT body FROM pastes WHERE slug = ?", (slug,)).fetchone()["body"]
    # the lexer is one of LEXERS
    # ok: command-injection
    out = subprocess.check_output(f"pygmentize -l {lang} -f html", shell=True, input=body.encode())
    return out


@app.get("/p/<slug>/raw")
def raw(slug):
    # Bottle's static_file keeps the name inside root
    # ok: path-traversal
    return static_file(slug + ".txt", root=PASTE_DIR, mimetype="text/plain")


@app.post("/p/<slug>/fork")
def fork(slug):
    new_slug = request.forms.get("new_slug", "")
    conn = db()
    body = conn.execute("SELECT body FROM pastes WHERE slug = ?", (slug,)).fetchone()["body"]
    # a client-chosen slug names the file written
    # ruleid: path-traversal
    with open(os.path.join(PASTE_DIR, new_slug + ".txt"), "w", encoding="utf-8") as fh:
        fh.write(body)
    back = request.forms.get("back") or "/"
    # the form's back field as the redirect target
    # ruleid: open-redirect
    redirect(back)


@app.get("/p/<slug>")
def show(slug):
    row = db().execute("SELECT body FROM pastes WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        abort(404)
    title = request.query.get("title", slug)
    # a constant SimpleTemplate escapes {{title}} and {{body}}
    # ok: xss
    return template(PAGE, title=title, body=row["body"])


@app.get("/p/<slug>/embed")
def embed(slug):
    row = db().execute("SELECT body FROM pastes WHERE slug = ?", (slug,)).fetchone()
    caption = request.query.get("caption", "")
    # an HTML string returned from a Bottle view with the raw caption [extended sink]
    # ruleid: xss
    return "<div class='paste-embed'><p>" + caption + "</p><pre>" + row["body"] + "</pre></div>"


@app.post("/preview-layout")
def preview_layout():
    layout = request.forms.get("layout", "")
    # the client's text compiled as a SimpleTemplate, which runs inline Python [extended sink]
    # ruleid: ssti
    return template(layout, title="Preview", body="...")


@app.post("/login")
def login():
    user = request.forms.get("user", "")
    sid = secrets.token_hex(16)
    # a Bottle session cookie with neither secure nor httponly [beyond docs]
    # ruleid: insecure-cookie
    response.set_cookie("session", sid, secret=COOKIE_SECRET, path="/")
    return {"user": user}


if __name__ == "__main__":
    # Bottle's debug switch, hard-coded on [beyond docs]
    # ruleid: debug-mode
    app.run(host="0.0.0.0", port=8080, debug=True)
