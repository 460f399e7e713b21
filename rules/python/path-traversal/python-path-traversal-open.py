import os
import shutil
import sys

from fastapi import FastAPI
from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
BASE_DIR = "/srv/app/uploads"
REPORTS = {"daily.csv", "weekly.csv"}


# ---------------------------------------------------------------- vulnerable


@app.route("/download")
def download():
    name = request.args.get("file")
    # ruleid: python-path-traversal-open
    with open(os.path.join(BASE_DIR, name), "rb") as f:
        return f.read()


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["doc"]
    path = BASE_DIR + "/" + f.filename
    # ruleid: python-path-traversal-open
    with open(path, "wb") as out:
        out.write(f.read())


@app.route("/delete", methods=["POST"])
def delete():
    # ruleid: python-path-traversal-open
    os.remove(f"{BASE_DIR}/{request.form['name']}")


@app.route("/naive")
def naive_prefix():
    # a prefix check on an unresolved path: "uploads/../../etc/passwd" passes it
    path = os.path.join(BASE_DIR, request.args["file"])
    if not path.startswith(BASE_DIR):
        abort(403)
    # ruleid: python-path-traversal-open
    return open(path).read()


@api.get("/logs/{name}")
def logs(name: str):
    # ruleid: python-path-traversal-open
    shutil.copy("/var/log/app/" + name, "/tmp/export")


def django_view(request):
    # ruleid: python-path-traversal-open
    return open(request.GET["template"]).read()


def cli():
    # ruleid: python-path-traversal-open
    shutil.rmtree(sys.argv[1])


# ---------------------------------------------------------------- safe


@app.route("/download2")
def download_resolved():
    name = request.args.get("file")
    full = os.path.realpath(os.path.join(BASE_DIR, name))
    if not full.startswith(BASE_DIR + os.sep):
        abort(403)
    # ok: python-path-traversal-open
    with open(full, "rb") as f:
        return f.read()


@app.route("/download3")
def download_commonpath():
    full = os.path.abspath(os.path.join(BASE_DIR, request.args["file"]))
    if os.path.commonpath([BASE_DIR, full]) != BASE_DIR:
        return "forbidden", 403
    # ok: python-path-traversal-open
    return open(full).read()


@app.route("/upload2", methods=["POST"])
def upload_secure():
    f = request.files["doc"]
    path = os.path.join(BASE_DIR, secure_filename(f.filename))
    # ok: python-path-traversal-open
    with open(path, "wb") as out:
        out.write(f.read())


@app.route("/avatar")
def avatar():
    name = os.path.basename(request.args["name"])
    # ok: python-path-traversal-open
    return open(os.path.join(BASE_DIR, name), "rb").read()


@app.route("/report")
def report():
    name = request.args["name"]
    if name not in REPORTS:
        abort(404)
    # ok: python-path-traversal-open
    return open(os.path.join("/srv/reports", name)).read()


@app.route("/invoice")
def invoice():
    number = int(request.args["n"])
    # ok: python-path-traversal-open
    return open(f"/srv/invoices/{number}.pdf", "rb").read()
