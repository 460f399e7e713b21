"""Customer downloads portal: a Flask blueprint for exports and uploads, and the app factory."""

import io
import os
from urllib.parse import urlparse

from flask import Blueprint, Flask, abort, make_response, redirect, request, send_file, send_from_directory, url_for
from flask_wtf.csrf import CSRFProtect
from werkzeug.utils import secure_filename

EXPORT_DIR = os.path.realpath("/srv/portal/exports")
UPLOAD_DIR = "/srv/portal/uploads"
INVOICE_DIR = "/srv/portal/invoices"
ALLOWED_RETURN_HOSTS = {"portal.example.com", "help.example.com"}
ALLOWED_EXT = {".csv", ".xlsx", ".pdf"}

downloads = Blueprint("downloads", __name__, url_prefix="/downloads")


def inside_exports(candidate: str):
    full = os.path.realpath(os.path.join(EXPORT_DIR, candidate))
    if not full.startswith(EXPORT_DIR + os.sep):
        return None
    return full


@downloads.get("/exports/<path:name>")
def export_file(name):
    # send_from_directory keeps the name inside the directory
    # ok: path-traversal
    return send_from_directory(EXPORT_DIR, name, as_attachment=True)


@downloads.get("/exports/direct")
def export_direct():
    name = request.args.get("name", "")
    # query value joined onto the export directory and sent
    # ruleid: path-traversal
    return send_file(os.path.join(EXPORT_DIR, name), as_attachment=True)


@downloads.get("/exports/checked")
def export_checked():
    full = os.path.realpath(os.path.join(EXPORT_DIR, request.args.get("name", "")))
    if not full.startswith(EXPORT_DIR + os.sep):
        abort(403)
    # realpath + startswith(base + os.sep) with abort
    # ok: path-traversal
    return send_file(full, as_attachment=True)


@downloads.get("/exports/prefix")
def export_prefix():
    full = os.path.realpath(os.path.join(EXPORT_DIR, request.args.get("name", "")))
    if not full.startswith(EXPORT_DIR):
        abort(403)
    # startswith(base) without a separator also admits /srv/portal/exports-old/...
    # ruleid: path-traversal
    return send_file(full, as_attachment=True)


@downloads.get("/exports/helper")
def export_helper():
    full = inside_exports(request.args.get("name", ""))
    if full is None:
        abort(404)
    # same-file helper returns the resolved path or None, then an is None exit
    # ok: path-traversal
    return send_file(full)


@downloads.get("/invoices")
def invoice():
    name = request.args.get("file", "")
    if ".." in name:
        abort(400)
    # ".." blocklist: an absolute path walks around it
    # ruleid: path-traversal
    return send_file(os.path.join(INVOICE_DIR, name))


@downloads.get("/invoices/typed")
def invoice_typed():
    name = request.args.get("file", "")
    if os.path.splitext(name)[1] not in ALLOWED_EXT:
        abort(400)
    # extension allowlist: ../../x.pdf still passes
    # ruleid: path-traversal
    return send_file(os.path.join(INVOICE_DIR, name))


@downloads.get("/invoices/<int:invoice_id>")
def invoice_by_id(invoice_id):
    # Flask's int converter makes the route value an int [beyond docs]
    # ok: path-traversal
    return send_file(os.path.join(INVOICE_DIR, f"{invoice_id}.pdf"))


@downloads.get("/generated")
def generated():
    buf = io.BytesIO()
    buf.write(request.args.get("title", "report").encode())
    buf.seek(0)
    # in-memory buffer, not a path
    # ok: path-traversal
    return send_file(buf, download_name="report.txt", mimetype="text/plain")


@downloads.post("/uploads")
def upload():
    doc = request.files["doc"]
    # uploaded file saved under its client-supplied filename
    # ruleid: path-traversal
    doc.save(os.path.join(UPLOAD_DIR, doc.filename))
    return "", 201


@downloads.post("/uploads/safe")
def upload_safe():
    doc = request.files["doc"]
    # secure_filename on the client name
    # ok: path-traversal
    doc.save(os.path.join(UPLOAD_DIR, secure_filename(doc.filename)))
    return "", 201


@downloads.post("/uploads/append")
def upload_append():
    target = request.form.get("target", "notes.txt")
    safe_target = secure_filename(target)
    # sanitized into one variable, the raw one opened (wrong variable)
    # ruleid: path-traversal
    with open(os.path.join(UPLOAD_DIR, target), "a") as fh:
        fh.write(request.form.get("line", "") + "\n")
    return {"stored_as": safe_target}


@downloads.get("/done")
def done():
    # query value as the redirect target, with a url_for fallback
    # ruleid: open-redirect
    return redirect(request.args.get("next") or url_for("downloads.export_file", name="latest.csv"))


@downloads.get("/back")
def back():
    target = request.args.get("return_to", "/")
    if urlparse(target).hostname not in ALLOWED_RETURN_HOSTS:
        target = url_for("downloads.export_file", name="index.csv")
    # host allowlist that replaces the target when it fails
    # ok: open-redirect
    return redirect(target)


@downloads.get("/file-link")
def file_link():
    # URL built from a route name
    # ok: open-redirect
    return redirect(url_for("downloads.export_file", name=request.args.get("name", "x.csv")))


@downloads.post("/session")
def start_session():
    resp = make_response("", 204)
    sid = os.urandom(16).hex()
    # session cookie: secure but no httponly keyword
    # ruleid: insecure-cookie
    resp.set_cookie("dl_session", sid, secure=True)
    # session cookie with both flags
    # ok: insecure-cookie
    resp.set_cookie("dl_session_v2", sid, secure=True, httponly=True, samesite="Lax")
    return resp


def create_app(config: dict | None = None) -> Flask:
    # CSRFProtect is set up for the app
    # ok: missing-csrf
    app = Flask(__name__)
    app.config.update(config or {})
    CSRFProtect(app)
    app.register_blueprint(downloads)
    # debug flag forced on in the factory
    # ruleid: debug-mode
    app.config["DEBUG"] = True
    return app


class StagingConfig:
    # a staging configuration class with debug on
    # ruleid: debug-mode
    DEBUG = True


class DevelopmentConfig:
    # a development configuration class turns debug on on purpose
    # ok: debug-mode
    DEBUG = True


if __name__ == "__main__":
    # debug from the environment
    # ok: debug-mode
    create_app().run(debug=os.environ.get("FLASK_DEBUG") == "1")
