"""Admin blueprint: network diagnostics, service restarts and a log viewer."""
import logging
import os
import re
import shlex
import subprocess

from flask import Blueprint, abort, jsonify, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

from webapp.auth import admin_required

bp = Blueprint("admin_tools", __name__, url_prefix="/admin/tools")
log = logging.getLogger(__name__)

HOSTNAME_RE = re.compile(r"^[a-zA-Z0-9.-]{1,253}$")
LOG_DIR = "/var/log/webapp"
BUNDLE_DIR = "/var/lib/webapp/bundles"
SERVICES = {"web": "webapp.service", "worker": "webapp-worker.service", "beat": "webapp-beat.service"}


def validate_host(host: str) -> str:
    if not HOSTNAME_RE.match(host):
        raise ValueError(f"invalid host: {host!r}")
    return host


@bp.route("/ping")
@admin_required
def ping():
    # Host from the query string in an os.popen() command line.
    host = request.args.get("host", "")
    # ruleid: command-injection
    output = os.popen(f"ping -c 3 -W 2 {host}").read()
    return jsonify(output=output)


@bp.route("/ping2")
@admin_required
def ping_checked():
    # Anchored hostname pattern with an early abort.
    host = request.args.get("host", "")
    if not HOSTNAME_RE.match(host):
        abort(400)
    # ok: command-injection
    output = subprocess.check_output(f"ping -c 3 -W 2 {host}", shell=True, text=True)
    return jsonify(output=output)


@bp.route("/ping3")
@admin_required
def ping_count():
    # The host is validated, but the packet count next to it is not.
    host = request.args.get("host", "")
    count = request.args.get("count", "3")
    if not HOSTNAME_RE.match(host):
        abort(400)
    # ruleid: command-injection
    output = subprocess.check_output(f"ping -c {count} -W 2 {host}", shell=True, text=True)
    return jsonify(output=output)


@bp.route("/traceroute")
@admin_required
def traceroute():
    # Unanchored re.search(): "example.com; id" contains a match.
    host = request.args.get("host", "")
    if not re.search(r"[a-z0-9.-]+", host):
        abort(400)
    # ruleid: command-injection
    proc = subprocess.run(f"traceroute -m 12 {host}", shell=True, capture_output=True, text=True, timeout=60)
    return jsonify(output=proc.stdout)


@bp.route("/dig")
@admin_required
def dig():
    # shlex.quote() on both values.
    name = shlex.quote(request.args.get("name", "example.com"))
    rtype = shlex.quote(request.args.get("type", "A"))
    # ok: command-injection
    proc = subprocess.run(f"dig +short {name} {rtype} | head -n 20", shell=True, capture_output=True, text=True)
    return jsonify(output=proc.stdout)


@bp.route("/restart/<service>", methods=["POST"])
@admin_required
def restart(service):
    # Unit name looked up in a constant dict.
    unit = SERVICES.get(service)
    if unit is None:
        abort(404)
    # ok: command-injection
    rc = subprocess.call(f"sudo systemctl restart {unit}", shell=True)
    return jsonify(rc=rc)


@bp.route("/whois")
@admin_required
def whois():
    # Validator called inside try/except, but the except branch only logs and falls through.
    domain = request.args.get("domain", "")
    try:
        validate_host(domain)
    except ValueError:
        log.warning("suspicious whois lookup: %r", domain)
    # ruleid: command-injection
    out = subprocess.check_output("whois " + domain, shell=True, text=True, timeout=30)
    return jsonify(output=out)


@bp.route("/whois2")
@admin_required
def whois_checked():
    # Same validator, and the except branch returns.
    domain = request.args.get("domain", "")
    try:
        domain = validate_host(domain)
    except ValueError:
        return jsonify(error="invalid domain"), 400
    # ok: command-injection
    out = subprocess.check_output("whois " + domain, shell=True, text=True, timeout=30)
    return jsonify(output=out)


@bp.route("/logs/raw")
@admin_required
def raw_log():
    # Query value joined under LOG_DIR and passed to send_file().
    name = request.args["file"]
    # ruleid: path-traversal
    return send_file(os.path.join(LOG_DIR, name), mimetype="text/plain")


@bp.route("/logs/<path:name>")
@admin_required
def log_file(name):
    # send_from_directory() refuses names outside LOG_DIR.
    # ok: path-traversal
    return send_from_directory(LOG_DIR, name, mimetype="text/plain")


@bp.route("/logs/tail")
@admin_required
def tail_log():
    # secure_filename() reduces the value to a bare name.
    name = secure_filename(request.args.get("file", "app.log"))
    # ok: path-traversal
    with open(os.path.join(LOG_DIR, name), errors="replace") as fh:
        lines = fh.readlines()[-200:]
    return jsonify(lines=lines)


@bp.route("/logs/search")
@admin_required
def search_log():
    # realpath() + startswith(LOG_DIR) without a separator: "/var/log/webapp-old/..." passes.
    name = request.args.get("file", "app.log")
    full = os.path.realpath(os.path.join(LOG_DIR, name))
    if not full.startswith(LOG_DIR):
        abort(403)
    needle = request.args.get("q", "")
    # ruleid: path-traversal
    with open(full, errors="replace") as fh:
        hits = [line for line in fh if needle in line]
    return jsonify(hits=hits[:500])


@bp.route("/logs/download")
@admin_required
def download_log():
    # realpath() + startswith(LOG_DIR + os.sep) with an early abort.
    name = request.args.get("file", "app.log")
    full = os.path.realpath(os.path.join(LOG_DIR, name))
    if not full.startswith(LOG_DIR + os.sep):
        abort(403)
    # ok: path-traversal
    return send_file(full, as_attachment=True)


@bp.route("/bundles", methods=["POST"])
@admin_required
def upload_bundle():
    # Uploaded file name used as is for FileStorage.save(). [extended sink]
    f = request.files["bundle"]
    # ruleid: path-traversal
    f.save(os.path.join(BUNDLE_DIR, f.filename))
    return jsonify(saved=f.filename), 201
