import os

import cherrypy
from blacksheep import Application, Request, file
from cherrypy.lib import static
from cherrypy.lib.static import serve_download
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


# ---------------------------------------------------------------- CherryPy and BlackSheep

EXPORTS = os.path.realpath("/srv/exports")
bs_app = Application()


class Downloads:
    @cherrypy.expose
    def export(self, name):
        # an exposed method's arguments come from the query string
        # ruleid: python-path-traversal-send-file
        return static.serve_file(os.path.join(EXPORTS, name), "application/octet-stream")

    @cherrypy.expose
    def attachment(self, report, fmt="pdf"):
        # ruleid: python-path-traversal-send-file
        return serve_download(os.path.join(EXPORTS, report + "." + fmt))

    @cherrypy.expose
    def raw(self):
        target = cherrypy.request.params.get("path")
        # ruleid: python-path-traversal-send-file
        return cherrypy.lib.static.serve_file(target)

    @cherrypy.expose
    def checked(self, name):
        full = os.path.realpath(os.path.join(EXPORTS, name))
        if not full.startswith(EXPORTS + os.sep):
            raise cherrypy.HTTPError(403)
        # ok: python-path-traversal-send-file
        return static.serve_file(full)

    @cherrypy.expose
    def bare(self, name):
        # ok: python-path-traversal-send-file
        return static.serve_file(os.path.join(EXPORTS, os.path.basename(name)))


@bs_app.router.get("/exports/{name}")
async def get_export(request: Request, name: str):
    # ruleid: python-path-traversal-send-file
    return file(os.path.join(EXPORTS, name), "text/csv")


@bs_app.router.get("/exports-safe/{name}")
async def get_export_safe(request: Request, name: str):
    # ok: python-path-traversal-send-file
    return file(os.path.join(EXPORTS, secure_filename(name)), "text/csv")


@bs_app.router.get("/generated")
async def generated(request: Request):
    # bytes are content, not a path
    # ok: python-path-traversal-send-file
    return file(b"id,total\n", "text/csv", file_name="totals.csv")
