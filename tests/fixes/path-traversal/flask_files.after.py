"""Downloads (Flask)."""
import os

from flask import Flask, abort, request, send_from_directory

app = Flask(__name__)

UPLOAD_DIR = "/srv/app/uploads"


@app.route("/download")
def download():
    name = request.args["name"]
    base_dir = os.path.realpath(UPLOAD_DIR)
    resolved = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if os.path.commonpath([base_dir, resolved]) != base_dir:
        abort(400)
    with open(resolved, "rb") as fh:
        return fh.read()


@app.route("/reports/<path:name>")
def report(name):
    return send_from_directory("/srv/app/reports", name)


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    dest = os.path.join(UPLOAD_DIR, f.filename)
    base_dir = os.path.realpath(UPLOAD_DIR)
    resolved = os.path.realpath(dest)
    if os.path.commonpath([base_dir, resolved]) != base_dir:
        abort(400)
    with open(resolved, "wb") as out:
        out.write(f.read())
    return "", 201
