"""Downloads (Flask)."""
import os

from flask import Flask, request, send_file

app = Flask(__name__)

UPLOAD_DIR = "/srv/app/uploads"


@app.route("/download")
def download():
    name = request.args["name"]
    with open(os.path.join(UPLOAD_DIR, name), "rb") as fh:
        return fh.read()


@app.route("/reports/<path:name>")
def report(name):
    return send_file(f"/srv/app/reports/{name}")


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    dest = os.path.join(UPLOAD_DIR, f.filename)
    with open(dest, "wb") as out:
        out.write(f.read())
    return "", 201
