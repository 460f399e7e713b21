"""Back-office of the appointment-booking SaaS: support staff manage tenants.

One Flask module (the app grew from a prototype). Staff log in with a password;
the session cookie carries their id.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
from datetime import datetime, timedelta
from urllib.parse import urlparse

from flask import (
    Flask,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from markupsafe import Markup, escape
from werkzeug.security import check_password_hash
from werkzeug.utils import secure_filename

log = logging.getLogger("backoffice")

# no CSRFProtect anywhere in this module; staff forms post with the session cookie
# ruleid: missing-csrf
app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["BACKOFFICE_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True

DB_PATH = os.environ.get("BACKOFFICE_DB", "/srv/backoffice/backoffice.db")
INVOICE_DIR = "/srv/backoffice/invoices"
LOGO_DIR = "/srv/backoffice/logos"
TENANT_SORTS = ("name", "created_at", "plan", "seats")
PLANS = {"free", "team", "business", "enterprise"}
PAGE = 50


def db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def staff_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if "staff_id" not in session:
            return redirect(url_for("login", next=request.full_path))
        return view(*args, **kwargs)

    return wrapped


def _safe_next(target: str) -> str:
    parsed = urlparse(target)
    if parsed.netloc not in ("", request.host):
        return url_for("tenants")
    return target


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    email = request.form.get("email", "").strip().lower()
    row = db().execute("SELECT id, password_hash FROM staff WHERE email = ?", (email,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], request.form.get("password", "")):
        return render_template("login.html", error="Invalid credentials"), 401
    session["staff_id"] = row["id"]
    # a netloc check that lets host-less values through ("/\evil.example", "https:evil.example")
    # ruleid: open-redirect
    return redirect(_safe_next(request.args.get("next", "/")))


@app.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.route("/tenants")
@staff_required
def tenants():
    sort = request.args.get("sort", "name")
    if sort not in TENANT_SORTS:
        sort = "name"
    page = request.args.get("page", 1, type=int)
    plan = request.args.get("plan")
    sql = "SELECT * FROM tenants"
    params: list = []
    if plan:
        sql += " WHERE plan = ?"
        params.append(plan)
    sql += f" ORDER BY {sort} LIMIT {PAGE} OFFSET {(page - 1) * PAGE}"
    # [beyond docs] sort reset to a default unless allowlisted, page converted by
    # Werkzeug's request.args.get(..., type=int), plan bound
    # ok: sql-injection
    rows = db().execute(sql, params).fetchall()
    return render_template("tenants.html", tenants=rows, sort=sort, page=page)


@app.route("/tenants/search")
@staff_required
def search_tenants():
    q = request.args.get("q", "")
    field = request.args.get("field", "name")
    # the column name comes from the query string unchecked
    # ruleid: sql-injection
    rows = db().execute(f"SELECT id, name, plan FROM tenants WHERE {field} LIKE ?", (f"%{q}%",)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/tenants/<int:tenant_id>/plan", methods=["POST"])
@staff_required
def change_plan(tenant_id: int):
    plan = request.form.get("plan", "")
    if plan not in PLANS:
        log.warning("unknown plan %r for tenant %s", plan, tenant_id)
    # the allowlist result is only logged
    # ruleid: sql-injection
    db().execute(f"UPDATE tenants SET plan = '{plan}' WHERE id = {tenant_id}")
    db().commit()
    # url_for with the int route parameter
    # ok: open-redirect
    return redirect(url_for("tenant_detail", tenant_id=tenant_id))


@app.route("/tenants/<int:tenant_id>")
@staff_required
def tenant_detail(tenant_id: int):
    row = db().execute("SELECT * FROM tenants WHERE id = ?", (tenant_id,)).fetchone()
    if row is None:
        abort(404)
    return render_template("tenant.html", tenant=row)


@app.route("/tenants/<int:tenant_id>/invoices/<path:name>")
@staff_required
def invoice(tenant_id: int, name: str):
    # send_from_directory keeps the name inside the tenant's folder
    # ok: path-traversal
    return send_from_directory(os.path.join(INVOICE_DIR, str(tenant_id)), name)


@app.route("/tenants/<int:tenant_id>/export")
@staff_required
def export(tenant_id: int):
    filename = request.args.get("file", "latest.csv")
    full = os.path.normpath(os.path.join(INVOICE_DIR, str(tenant_id), filename))
    # normpath without a containment check: an absolute name replaces the base
    # ruleid: path-traversal
    return send_file(full, as_attachment=True)


@app.route("/tenants/<int:tenant_id>/logo", methods=["POST"])
@staff_required
def upload_logo(tenant_id: int):
    upload = request.files["logo"]
    name = secure_filename(upload.filename or "")
    if not name:
        abort(400)
    # secure_filename strips separators and dots
    # ok: path-traversal
    upload.save(os.path.join(LOGO_DIR, f"{tenant_id}-{name}"))
    return "", 204


@app.route("/tenants/<int:tenant_id>/notice")
@staff_required
def notice_preview(tenant_id: int):
    body = request.args.get("body", "")
    # the body becomes part of the template source
    # ruleid: xss
    return render_template_string("<div class='notice'>" + body + "</div><p>Tenant {{ tid }}</p>", tid=tenant_id)


@app.route("/tenants/<int:tenant_id>/banner")
@staff_required
def banner(tenant_id: int):
    headline = request.args.get("headline", "")
    # constant template, the value passed as a variable
    # ok: xss
    return render_template_string("<h2 class='banner'>{{ headline }}</h2>", headline=headline)


@app.route("/tenants/<int:tenant_id>/badge")
@staff_required
def badge(tenant_id: int):
    label = request.args.get("label", "")
    color = request.args.get("color", "grey")
    chip = Markup(f"<span class='chip'>{escape(label)}</span>")
    # the label is escaped, but the colour is spliced into markup raw
    # ruleid: xss
    return Markup(f"<div style='color:{color}'>") + chip + Markup("</div>")


@app.route("/tenants/<int:tenant_id>/trial", methods=["POST"])
@staff_required
def extend_trial(tenant_id: int):
    days = int(request.form.get("days", "14"))
    until = datetime.utcnow() + timedelta(days=days)
    db().execute("UPDATE tenants SET trial_until = ? WHERE id = ?", (until.isoformat(), tenant_id))
    db().commit()
    resp = redirect(url_for("tenant_detail", tenant_id=tenant_id))
    # a flash preference cookie, not a session cookie
    # ok: insecure-cookie
    resp.set_cookie("last_action", "trial", max_age=3600)
    return resp


@app.route("/impersonate/<int:tenant_id>", methods=["POST"])
@staff_required
def impersonate(tenant_id: int):
    token = os.urandom(24).hex()
    db().execute("INSERT INTO impersonations (tenant_id, token) VALUES (?, ?)", (tenant_id, token))
    db().commit()
    resp = redirect(f"/t/{tenant_id}/dashboard")
    # an impersonation token cookie without Secure or HttpOnly
    # ruleid: insecure-cookie
    resp.set_cookie("impersonation_token", token)
    return resp


if __name__ == "__main__":
    # debug switch read from the environment
    # ok: debug-mode
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
