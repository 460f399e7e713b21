from pathlib import Path

from fastapi import FastAPI, HTTPException
from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
BASE = Path("/srv/notes")


# ---------------------------------------------------------------- vulnerable


@app.route("/note")
def note():
    name = request.args["name"]
    # ruleid: python-path-traversal-pathlib
    return (BASE / name).read_text()


@app.route("/save", methods=["POST"])
def save():
    target = BASE / request.form["name"]
    # ruleid: python-path-traversal-pathlib
    target.write_text(request.form["body"])


@api.delete("/notes/{name}")
def remove(name: str):
    path = Path("/srv/notes", name)
    # ruleid: python-path-traversal-pathlib
    path.unlink()


@app.route("/raw")
def raw():
    # ruleid: python-path-traversal-pathlib
    with Path(request.args["p"]).open("rb") as fh:
        return fh.read()


# ---------------------------------------------------------------- safe


@app.route("/note2")
def note_checked():
    target = (BASE / request.args["name"]).resolve()
    if not target.is_relative_to(BASE):
        abort(404)
    # ok: python-path-traversal-pathlib
    return target.read_text()


@api.get("/notes/{name}")
def read_note(name: str):
    target = BASE / name
    if not target.resolve().is_relative_to(BASE):
        raise HTTPException(status_code=404)
    # ok: python-path-traversal-pathlib
    return target.read_text()


@api.get("/notes2/{name}")
def read_note_inline(name: str):
    if not (BASE / name).resolve().is_relative_to(BASE):
        raise HTTPException(status_code=404)
    # a check on an expression rather than a variable is not tracked
    # todook: python-path-traversal-pathlib
    return (BASE / name).read_text()


@app.route("/save2", methods=["POST"])
def save_secure():
    target = BASE / secure_filename(request.form["name"])
    # ok: python-path-traversal-pathlib
    target.write_text(request.form["body"])


@app.route("/basename")
def basename_only():
    name = Path(request.args["name"]).name
    # ok: python-path-traversal-pathlib
    return (BASE / name).read_bytes()


@app.route("/page")
def page():
    n = int(request.args["n"])
    # ok: python-path-traversal-pathlib
    return (BASE / f"page-{n}.md").read_text()
