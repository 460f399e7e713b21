"""Customer portal: hardened Flask app with a few remaining mistakes."""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import requests
from flask import (
    Flask,
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_from_directory,
    session,
)
from flask_login import LoginManager, current_user, login_required, login_user
from flask_wtf.csrf import CSRFProtect
from markupsafe import Markup, escape
from werkzeug.utils import secure_filename

REPORTS_ROOT = Path("/srv/portal/reports").resolve()
EXPORT_DIR = "/srv/portal/exports"
WEBHOOK_HOSTS = frozenset({"hooks.slack.com", "outlook.office.com", "discord.com"})
HOSTNAME_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*")
STATUS_BADGES = {"open": "badge-green", "closed": "badge-grey", "blocked": "badge-red"}

# CSRFProtect is registered below
# ok: missing-csrf
app = Flask(__name__)
# ok: hardcoded-secret
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(
    # ok: insecure-cookie
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
csrf = CSRFProtect(app)
login_manager = LoginManager(app)


def db():
    return psycopg.connect(os.environ["PORTAL_DSN"])


def is_public_host(hostname: str) -> bool:
    try:
        infos = socket.getaddrinfo(hostname, 443)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


@app.post("/login")
def do_login():
    with db() as conn:
        # psycopg placeholders
        # ok: sql-injection
        row = conn.execute("SELECT id, pw FROM users WHERE email = %s", (request.form["email"],)).fetchone()
    if row is None:
        abort(401)
    login_user(load_user(row[0]))
    return jsonify(ok=True)


@login_manager.user_loader
def load_user(user_id):
    with db() as conn:
        # ok: sql-injection
        return conn.execute("SELECT * FROM users WHERE id = %s", (int(user_id),)).fetchone()


@app.post("/integrations/webhook/test")
@login_required
def test_webhook():
    target = request.get_json(force=True).get("url", "")
    host = urlparse(target).hostname
    if host not in WEBHOOK_HOSTS:
        return jsonify(error="host not allowed"), 400
    # parsed hostname checked against a frozenset, early return
    # ok: ssrf
    r = requests.post(target, json={"text": "Portal test message"}, timeout=5)
    return jsonify(status=r.status_code)


@app.post("/integrations/feeds")
@login_required
def add_feed():
    feed_url = request.form["feed_url"]
    if not is_public_host(urlparse(feed_url).hostname or ""):
        abort(400, "feed host must be public")
    # same-file validator resolving the host and rejecting private ranges, early abort
    # ok: ssrf
    preview = requests.get(feed_url, timeout=5, allow_redirects=False)
    return jsonify(length=len(preview.content))


@app.post("/integrations/avatar-from-url")
@login_required
def avatar_from_url():
    url = request.form["url"]
    ok = is_public_host(urlparse(url).hostname or "")
    if not ok:
        current_app.logger.warning("avatar URL %s points to a private host", url)
    # validator result only logged, the request still happens
    # ruleid: ssrf
    img = requests.get(url, timeout=5)
    return jsonify(size=len(img.content))


@app.get("/reports/<path:name>")
@login_required
def report(name):
    full = (REPORTS_ROOT / name).resolve()
    if not full.is_relative_to(REPORTS_ROOT):
        abort(404)
    # resolve() + is_relative_to() containment with early exit
    # ok: path-traversal
    return full.read_bytes(), 200, {"Content-Type": "application/pdf"}


@app.get("/exports/<path:name>")
@login_required
def export_file(name):
    # send_from_directory refuses names outside the directory
    # ok: path-traversal
    return send_from_directory(EXPORT_DIR, name, as_attachment=True)


@app.post("/exports/upload")
@login_required
def upload_export():
    f = request.files["file"]
    safe = secure_filename(f.filename or "")
    if not safe:
        abort(400)
    # secure_filename() strips separators and dots
    # ok: path-traversal
    with open(os.path.join(EXPORT_DIR, safe), "wb") as out:
        out.write(f.read())
    return jsonify(name=safe), 201


@app.get("/exports/legacy")
@login_required
def legacy_export():
    requested = request.args.get("path", "")
    full = os.path.realpath(os.path.join(EXPORT_DIR, requested))
    # prefix check without a separator: /srv/portal/exports-old/... also passes
    if not full.startswith(EXPORT_DIR):
        abort(403)
    # realpath + startswith(base) without os.sep
    # ruleid: path-traversal
    with open(full, "rb") as fh:
        return fh.read()


@app.get("/diagnostics/ping")
@login_required
def ping():
    host = request.args.get("host", "")
    if not HOSTNAME_RE.fullmatch(host):
        abort(400)
    # anchored full-match hostname regex dominates the shell call
    # ok: command-injection
    out = subprocess.run(f"ping -c 2 -W 1 {host}", shell=True, capture_output=True, text=True, timeout=10)
    return jsonify(output=out.stdout)


@app.get("/diagnostics/trace")
@login_required
def trace():
    host = request.args.get("host", "")
    if HOSTNAME_RE.search(host) is None:
        abort(400)
    # unanchored search(): 'example.com; id' contains a match
    # ruleid: command-injection
    out = subprocess.check_output("traceroute -m 8 " + host, shell=True, timeout=30)
    return jsonify(output=out.decode())


@app.get("/tickets/<int:ticket_id>")
@login_required
def ticket(ticket_id):
    status = request.args.get("status", "open")
    badge = STATUS_BADGES.get(status, "badge-grey")
    # value looked up in a constant dictionary
    # ok: xss
    label = Markup(f"<span class='{badge}'>#{ticket_id}</span>")
    title = request.args.get("title", "")
    # Markup.format escapes its arguments
    # ok: xss
    heading = Markup("<h2>{}</h2>").format(title)
    return render_template("ticket.html", label=label, heading=heading)


@app.get("/greeting")
@login_required
def greeting():
    name = request.args.get("name", current_user.display_name)
    # constant template, the value passed as a variable
    # ok: xss
    return render_template_string("<p>Welcome back, {{ name }}!</p>", name=name)


@app.get("/motd")
@login_required
def motd():
    extra = escape(request.args.get("extra", ""))
    # HTML-escaped, but still part of the template source: '{{ config }}' survives escaping
    # ruleid: xss
    return render_template_string("<p>Message of the day</p><p>" + str(extra) + "</p>")


@app.get("/search")
@login_required
def search_page():
    q = request.args.get("q", "")
    # [beyond docs] reflected request text in a hand-built HTML response
    # ruleid: xss
    return f"<html><body><h1>Results for {q}</h1></body></html>"


@app.post("/session/theme")
@login_required
def set_theme():
    resp = make_response("", 204)
    # session-like name, both flags set, SameSite=Lax
    # ok: insecure-cookie
    resp.set_cookie("portal_session_hint", "1", secure=True, httponly=True, samesite="Lax")
    # SameSite=None with no secure keyword
    # ruleid: insecure-cookie
    resp.set_cookie("auth_state", session.get("state", ""), httponly=True, samesite="None")
    return resp


@app.get("/sso/return")
def sso_return():
    target = request.args.get("to", "/")
    parsed = urlparse(target)
    if parsed.netloc and parsed.netloc != request.host:
        abort(400)
    if parsed.scheme not in ("", "https"):
        abort(400)
    # host-less values pass: '/\\evil.example' has no netloc for urlparse but a host for the browser
    # ruleid: open-redirect
    return redirect(target)


@app.get("/go/<name>")
def go(name):
    links = {"docs": "https://docs.portal.example", "status": "https://status.portal.example"}
    if name not in links:
        abort(404)
    # target looked up by name
    # ok: open-redirect
    return redirect(links[name])


def verify_signature(body: bytes, sig: str) -> bool:
    expected = hmac.new(os.environ["HOOK_KEY"].encode(), body, "sha256").hexdigest()
    return hmac.compare_digest(expected, sig)


if __name__ == "__main__":
    # debug switch read from the environment, off by default
    # ok: debug-mode
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
