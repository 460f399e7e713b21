"""Branch-library catalogue on CherryPy: search, loans, cover images, staff pages.

Exposed methods receive query-string and form fields as keyword arguments, so every
parameter of an ``@cherrypy.expose`` method is whatever the client sent.
"""

import os
import re
import sqlite3
import subprocess
from urllib.parse import urlparse

import cherrypy
import requests
from cherrypy.lib.static import serve_file
from markupsafe import Markup, escape

DB_PATH = os.environ.get("LIBRARY_DB", "/var/lib/library/catalogue.db")
COVERS_DIR = os.path.realpath("/var/lib/library/covers")
EXPORT_DIR = "/var/lib/library/exports"
SORT_COLUMNS = {"title": "b.title", "author": "b.author", "year": "b.published_year"}
COVER_HOSTS = frozenset({"covers.openlibrary.org", "images.isbndb.com"})
ISBN_RE = re.compile(r"97[89]\d{10}")
SAFE_RETURN_PATHS = {"/", "/loans/", "/catalogue/search", "/account"}

LOGIN_FORM = """<form method="post" action="/auth/login">
<input name="username"><input name="password" type="password">
<input type="hidden" name="return_to" value="/"><button>Sign in</button></form>"""


def _db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def _page(title, body):
    return f"<!doctype html><html><head><title>{escape(title)}</title></head><body>{body}</body></html>"


class LoanRepository:
    def __init__(self, conn):
        self.conn = conn

    def history(self, member_no, order):
        sql = "SELECT book_id, returned_at FROM loans WHERE member_no = ?"
        sql += " ORDER BY returned_at " + order
        # sort direction appended raw; Loans.history passes the query string's value
        # ruleid: sql-injection
        return self.conn.execute(sql, (member_no,)).fetchall()

    def renew(self, loan_id, days):
        # both values coerced with int() inside the f-string
        # ok: sql-injection
        self.conn.execute(f"UPDATE loans SET due = date(due, '+{int(days)} days') WHERE id = {int(loan_id)}")
        self.conn.commit()


class Catalogue:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def search(self, q="", sort="title", limit="20"):
        column = SORT_COLUMNS.get(sort, "b.title")
        with _db() as conn:
            # title text bound, ORDER BY column from a dictionary lookup, limit coerced
            # ok: sql-injection
            rows = conn.execute(
                f"SELECT b.id, b.title, b.author FROM books b WHERE b.title LIKE ? ORDER BY {column} LIMIT {int(limit)}",
                (f"%{q}%",),
            ).fetchall()
        return [dict(r) for r in rows]

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def by_author(self, author, branch="main"):
        with _db() as conn:
            # exposed-method argument put into a quoted literal with %, next to a bound branch
            # ruleid: sql-injection
            cur = conn.execute("SELECT id, title FROM books WHERE author = '%s' AND branch = ?" % author, (branch,))
            return [dict(r) for r in cur]

    @cherrypy.expose
    def export(self, fmt="csv"):
        if fmt not in ("csv", "marc"):
            raise cherrypy.HTTPError(400, "unknown format")
        out = os.path.join(EXPORT_DIR, f"catalogue.{fmt}")
        # format compared with two literals before the shell command
        # ok: command-injection
        subprocess.run(f"/usr/local/bin/catexport --format {fmt} --out {out}", shell=True, check=True)
        # constant directory and an allowlisted extension [extended sink]
        # ok: path-traversal
        return serve_file(out, "application/octet-stream", "attachment")


class Loans:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def history(self, member_no, order="DESC"):
        rows = LoanRepository(_db()).history(member_no, order)
        return [dict(r) for r in rows]

    @cherrypy.expose
    def renew(self, loan_id, days="14"):
        LoanRepository(_db()).renew(loan_id, days)
        # constant target [extended sink]
        # ok: open-redirect
        raise cherrypy.HTTPRedirect("/loans/")


class Covers:
    @cherrypy.expose
    def default(self, isbn):
        if not ISBN_RE.fullmatch(isbn):
            raise cherrypy.HTTPError(404)
        path = os.path.join(COVERS_DIR, f"{isbn}.jpg")
        # ISBN full-matched by a compiled pattern, early raise [extended sink]
        # ok: path-traversal
        return serve_file(path, content_type="image/jpeg")

    @cherrypy.expose
    def original(self, name):
        full = os.path.realpath(os.path.join(COVERS_DIR, name))
        if not full.startswith(COVERS_DIR):
            raise cherrypy.HTTPError(403)
        # realpath checked with startswith(base) and no separator: ../covers-staff/x passes [extended sink]
        # ruleid: path-traversal
        return serve_file(full)

    @cherrypy.expose
    def fetch(self, isbn, source_url):
        host = urlparse(source_url).hostname
        if host not in COVER_HOSTS:
            raise cherrypy.HTTPError(400, "unknown cover host")
        # parsed hostname in a frozenset allowlist, refused otherwise
        # ok: ssrf
        resp = requests.get(source_url, timeout=10)
        if not ISBN_RE.fullmatch(isbn):
            raise cherrypy.HTTPError(400)
        dest = os.path.join(COVERS_DIR, isbn + ".jpg")
        # the ISBN is full-matched before the write
        # ok: path-traversal
        with open(dest, "wb") as fh:
            fh.write(resp.content)
        return "stored"

    @cherrypy.expose
    def preview(self, url):
        if "openlibrary.org" not in url:
            raise cherrypy.HTTPError(400)
        # substring check on the URL: https://evil.example/?openlibrary.org passes
        # ruleid: ssrf
        r = requests.get(url, timeout=5, stream=True)
        cherrypy.response.headers["Content-Type"] = "image/jpeg"
        return r.content

    @cherrypy.expose
    def from_publisher(self, publisher, isbn):
        # user-controlled label in front of a fixed domain: "evil.example/x?" moves the host
        # ruleid: ssrf
        r = requests.get(f"https://{publisher}.covers.example/{isbn}.jpg", timeout=5)
        return r.content


class Staff:
    @cherrypy.expose
    def notice(self, message="", level="info"):
        css = {"info": "notice-info", "warn": "notice-warn"}.get(level, "notice-info")
        # message escaped, class from a dictionary lookup [extended sink]
        # ok: xss
        return _page("Notice", f'<div class="{css}">{escape(message)}</div>')

    @cherrypy.expose
    def echo_search(self, q=""):
        # raw query echoed into the results heading of an HTML page [extended sink]
        # ruleid: xss
        return _page("Search", "<h1>Results for " + q + "</h1>")

    @cherrypy.expose
    def shelf_label(self, code):
        # Markup() of an f-string holding the raw argument, returned as the page
        # ruleid: xss
        return Markup(f"<span class='shelf'>{code}</span>")


class Auth:
    @cherrypy.expose
    def login(self, username="", password="", return_to="/"):
        if cherrypy.request.method != "POST":
            return _page("Sign in", LOGIN_FORM)
        cherrypy.session["user"] = username
        # return_to from the form, redirected unchecked [extended sink]
        # ruleid: open-redirect
        raise cherrypy.HTTPRedirect(return_to)

    @cherrypy.expose
    def logout(self, next="/"):
        cherrypy.lib.sessions.expire()
        parsed = urlparse(next)
        if parsed.netloc or parsed.scheme or not next.startswith("/") or next.startswith("//"):
            next = "/"
        # host-less check: "/\evil.example" has no netloc for urlparse but a host for browsers [extended sink]
        # ruleid: open-redirect
        raise cherrypy.HTTPRedirect(next)

    @cherrypy.expose
    def switch_branch(self, branch, back="/"):
        cherrypy.session["branch"] = branch
        if back not in SAFE_RETURN_PATHS:
            back = "/"
        # reset to "/" unless the target is in a set of known paths [extended sink]
        # ok: open-redirect
        raise cherrypy.HTTPRedirect(back)


if __name__ == "__main__":
    cherrypy.config.update({"server.socket_host": "0.0.0.0", "tools.sessions.on": True})
    root = Catalogue()
    root.loans = Loans()
    root.covers = Covers()
    root.staff = Staff()
    root.auth = Auth()
    cherrypy.quickstart(root, "/")
