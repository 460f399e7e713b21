import os

from fastapi import FastAPI
from fastapi.responses import FileResponse
from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
STATIC = "/srv/static"


# ---------------------------------------------------------------- vulnerable


@app.route("/files")
def files():
    name = request.args["name"]
    # ruleid: python-path-traversal-send-file
    return send_file(os.path.join(STATIC, name))


@app.route("/files/<path:name>")
def files_path(name):
    # Flask <path:> converters accept "../"
    # ruleid: python-path-traversal-send-file
    return send_file(STATIC + "/" + name, as_attachment=True)


@app.route("/theme")
def theme():
    # the directory itself is user controlled
    # ruleid: python-path-traversal-send-file
    return send_from_directory(request.args["dir"], "style.css")


@api.get("/docs/{doc}")
async def docs(doc: str):
    # ruleid: python-path-traversal-send-file
    return FileResponse(f"/srv/docs/{doc}")


# ---------------------------------------------------------------- safe


@app.route("/files2")
def files_from_directory():
    # send_from_directory() refuses names that leave the directory
    # ok: python-path-traversal-send-file
    return send_from_directory(STATIC, request.args["name"])


@app.route("/files3")
def files_secure():
    # ok: python-path-traversal-send-file
    return send_file(os.path.join(STATIC, secure_filename(request.args["name"])))


@app.route("/files4")
def files_checked():
    full = os.path.realpath(os.path.join(STATIC, request.args["name"]))
    if not full.startswith(STATIC + "/"):
        abort(404)
    # ok: python-path-traversal-send-file
    return send_file(full)


@api.get("/receipts/{rid}")
async def receipt(rid: int):
    # ok: python-path-traversal-send-file
    return FileResponse(f"/srv/receipts/{rid}.pdf")
