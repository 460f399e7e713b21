"""File downloads, uploads and reports (Flask).

Benchmark corpus, path-traversal (CWE-22).
"""
import os
import re
import uuid
from pathlib import Path

from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

UPLOAD_DIR = os.path.realpath("/srv/app/uploads")
REPORT_DIR = Path("/srv/app/reports").resolve()
PUBLIC_FILES = {"terms.pdf", "privacy.pdf", "logo.png"}
LICENSES = {"mit": "licenses/MIT.txt", "apache": "licenses/APACHE-2.0.txt"}
REPORT_NAME = re.compile(r"^[a-z0-9_-]{1,64}\.csv$")


def inside(base: str, candidate: str) -> bool:
    full = os.path.realpath(candidate)
    return os.path.commonpath([full, base]) == base


@app.route("/download")
def download():
    # Query parameter joined to the upload directory.
    name = request.args.get("name", "")
    # ruleid: path-traversal
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.route("/download/contained")
def download_contained():
    # realpath + startswith(base + sep) with an early abort.
    name = request.args.get("name", "")
    full = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if not full.startswith(UPLOAD_DIR + os.sep):
        abort(403)
    # ok: path-traversal
    return send_file(full)


@app.route("/download/prefix")
def download_prefix():
    # startswith(base) without the separator lets "/srv/app/uploads-old/..." through.
    name = request.args.get("name", "")
    full = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if not full.startswith(UPLOAD_DIR):
        abort(403)
    # ruleid: path-traversal
    return send_file(full)


@app.route("/download/unresolved")
def download_unresolved():
    # The check runs on the joined path before resolving "..": "../../etc/passwd" passes.
    name = request.args.get("name", "")
    full = os.path.join(UPLOAD_DIR, name)
    if not full.startswith(UPLOAD_DIR + os.sep):
        abort(403)
    # ruleid: path-traversal
    return send_file(full)


@app.route("/download/commonpath")
def download_commonpath():
    # Same-file containment helper with an early abort.
    candidate = os.path.join(UPLOAD_DIR, request.args.get("name", ""))
    if not inside(UPLOAD_DIR, candidate):
        abort(403)
    # ok: path-traversal
    return send_file(candidate)


@app.route("/files/<path:name>")
def files(name):
    # send_from_directory refuses paths outside the directory.
    # ok: path-traversal
    return send_from_directory(UPLOAD_DIR, name)


@app.route("/public/<name>")
def public(name):
    # Allowlist of file names.
    if name not in PUBLIC_FILES:
        abort(404)
    # ok: path-traversal
    return send_file(os.path.join("static", name))


@app.route("/license/<key>")
def license_text(key):
    # Constant dict lookup.
    rel = LICENSES.get(key)
    if rel is None:
        abort(404)
    # ok: path-traversal
    with open(rel, encoding="utf-8") as fh:
        return fh.read()


@app.route("/blocklist")
def blocklist():
    # ".." blocklist: an absolute path replaces the base in os.path.join.
    name = request.args.get("name", "")
    if ".." in name:
        abort(400)
    # ruleid: path-traversal
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.route("/strip-dots")
def strip_dots():
    # One pass of replace("../", "") turns "....//" back into "../".
    name = request.args.get("name", "").replace("../", "")
    # ruleid: path-traversal
    return send_file(UPLOAD_DIR + "/" + name)


@app.route("/normpath")
def normpath_only():
    # normpath alone keeps leading "../".
    name = os.path.normpath(request.args.get("name", ""))
    # ruleid: path-traversal
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.post("/upload")
def upload():
    # Uploaded file name written as is.
    f = request.files["file"]
    # ruleid: path-traversal
    with open(os.path.join(UPLOAD_DIR, f.filename), "wb") as out:
        out.write(f.read())
    return "", 201


@app.post("/upload/secure")
def upload_secure():
    # secure_filename() reduces the name to a bare file name.
    f = request.files["file"]
    # ok: path-traversal
    with open(os.path.join(UPLOAD_DIR, secure_filename(f.filename)), "wb") as out:
        out.write(f.read())
    return "", 201


@app.post("/upload/save")
def upload_save():
    # FileStorage.save() to a path built from the client's name.
    f = request.files["file"]
    # ruleid: path-traversal
    f.save(os.path.join(UPLOAD_DIR, f.filename))
    return "", 201


@app.post("/upload/uuid")
def upload_uuid():
    # Server-generated name; the client's name is ignored.
    f = request.files["file"]
    stored = f"{uuid.uuid4().hex}.bin"
    # ok: path-traversal
    with open(os.path.join(UPLOAD_DIR, stored), "wb") as out:
        out.write(f.read())
    return stored, 201


@app.route("/reports/<name>")
def report(name):
    # pathlib: resolve() + is_relative_to().
    target = (REPORT_DIR / name).resolve()
    if not target.is_relative_to(REPORT_DIR):
        abort(403)
    # ok: path-traversal
    return target.read_text()


@app.route("/reports-raw/<name>")
def report_raw(name):
    # pathlib join with the route parameter and no check.
    # ruleid: path-traversal
    return (REPORT_DIR / name).read_text()


@app.route("/reports-regex")
def report_regex():
    # Anchored regex with an early abort.
    name = request.args.get("name", "")
    if not REPORT_NAME.fullmatch(name):
        abort(400)
    # ok: path-traversal
    return (REPORT_DIR / name).read_text()


@app.route("/reports-basename")
def report_basename():
    # os.path.basename() drops directories.
    name = os.path.basename(request.args.get("name", ""))
    # ok: path-traversal
    return send_file(os.path.join(REPORT_DIR, name))


@app.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    # int route converter and int().
    # ok: path-traversal
    return send_file(f"/srv/app/invoices/{int(invoice_id)}.pdf")


@app.route("/avatar")
def avatar():
    # Constant prefix is not a control: "../" climbs out.
    user = request.cookies.get("user", "anon")
    # ruleid: path-traversal
    return send_file(f"/srv/app/avatars/{user}.png")


@app.route("/log")
def log():
    # Constant path assembled in steps.
    base = "/var/log"
    name = "app" + ".log"
    path = os.path.join(base, name)
    # ok: path-traversal
    with open(path) as fh:
        return fh.read()[-5000:]


@app.route("/delete", methods=["POST"])
def delete():
    # os.remove with a form field.
    name = request.form["name"]
    # ruleid: path-traversal
    os.remove(os.path.join(UPLOAD_DIR, name))
    return "", 204
