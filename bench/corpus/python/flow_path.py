"""Harder data flow for path-traversal (Flask and plain Python).

Benchmark corpus, path-traversal (CWE-22).
"""
import os
from pathlib import Path

from flask import Flask, abort, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)

BASE = os.path.realpath("/srv/files")
NAMES = {"a.txt", "b.txt"}


def under_base(name):
    # Same-file helper that joins (no check).
    return os.path.join(BASE, name)


def checked(name):
    # Same-file helper that resolves and raises outside BASE.
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        raise PermissionError(name)
    return full


def requested_name():
    return request.args.get("name", "")


@app.route("/flow/helper")
def helper():
    # Request value through a joining helper.
    # ruleid: path-traversal
    return send_file(under_base(request.args["name"]))


@app.route("/flow/helper-checked")
def helper_checked():
    # Helper that checks containment and raises.
    # ok: path-traversal
    return send_file(checked(request.args["name"]))


@app.route("/flow/helper-source")
def helper_source():
    # Helper that reads the request.
    # ruleid: path-traversal
    return send_file(os.path.join(BASE, requested_name()))


@app.route("/flow/closure")
def closure():
    # Captured by an inner function.
    name = request.args["name"]

    def read():
        # ruleid: path-traversal
        with open(os.path.join(BASE, name)) as fh:
            return fh.read()

    return read()


@app.route("/flow/walrus")
def walrus():
    # Walrus with a truthiness check only.
    if name := request.args.get("name"):
        # ruleid: path-traversal
        return send_file(os.path.join(BASE, name))
    abort(400)


@app.route("/flow/walrus-basename")
def walrus_basename():
    # Walrus binding a basename.
    if name := os.path.basename(request.args.get("name", "")):
        # ok: path-traversal
        return send_file(os.path.join(BASE, name))
    abort(400)


@app.route("/flow/unpack")
def unpack():
    # Tuple unpacking of a split value.
    folder, fname = request.args.get("p", "x/y").split("/", 1)
    # ruleid: path-traversal
    return send_file(os.path.join(BASE, folder, fname))


@app.route("/flow/with-target")
def with_target():
    # The path is read from an uploaded manifest inside a with block.
    with request.files["manifest"].stream as fh:
        first = fh.readline().decode().strip()
    # ruleid: path-traversal
    return send_file(os.path.join(BASE, first))


@app.route("/flow/loop")
def loop():
    # Loop over names; reads each.
    out = []
    for n in request.args.getlist("n"):
        # ruleid: path-traversal
        out.append(Path(BASE, n).read_text())
    return "\n".join(out)


@app.route("/flow/loop-allowlist")
def loop_allowlist():
    # Loop with an allowlist and continue.
    out = []
    for n in request.args.getlist("n"):
        if n not in NAMES:
            continue
        # ok: path-traversal
        out.append(Path(BASE, n).read_text())
    return "\n".join(out)


@app.route("/flow/comprehension")
def comprehension():
    # Comprehension reading files.
    names = request.json["names"]
    # ruleid: path-traversal
    return {"sizes": [len(open(os.path.join(BASE, n)).read()) for n in names]}


@app.route("/flow/comprehension-secure")
def comprehension_secure():
    # Comprehension with secure_filename on each name.
    names = request.json["names"]
    # ok: path-traversal
    return {"sizes": [len(open(os.path.join(BASE, secure_filename(n))).read()) for n in names]}


@app.route("/flow/try")
def try_except():
    # except falls back to the raw name.
    raw = request.args.get("name", "")
    try:
        name = checked(raw)
    except PermissionError:
        name = raw
    # ruleid: path-traversal
    return send_file(name)


@app.route("/flow/try-safe")
def try_safe():
    # except aborts.
    raw = request.args.get("name", "")
    try:
        name = checked(raw)
    except PermissionError:
        abort(403)
    # ok: path-traversal
    return send_file(name)


@app.route("/flow/branch")
def branch():
    # One branch keeps the user's name.
    name = request.args.get("name", "")
    if not name.endswith(".txt"):
        name = "default.txt"
    # ruleid: path-traversal
    return send_file(os.path.join(BASE, name))


@app.route("/flow/dead")
def dead():
    # User value assigned only in a dead branch.
    name = "default.txt"
    if False:
        name = request.args["name"]
    # ok: path-traversal
    return send_file(os.path.join(BASE, name))


class Exporter:
    # self attribute set from request data.
    def __init__(self, req):
        self.target = os.path.join("/srv/exports", req.form["filename"])

    def write(self, text):
        # ruleid: path-traversal
        with open(self.target, "w") as fh:
            fh.write(text)


@app.route("/flow/export", methods=["POST"])
def export():
    Exporter(request).write("done")
    return "", 201


@app.route("/flow/lambda")
def lambda_read():
    # Lambda reading a path built from the captured value.
    name = request.args["name"]
    # ruleid: path-traversal
    reader = lambda: Path(BASE, name).read_bytes()  # noqa: E731
    return reader()


@app.route("/flow/overwritten")
def overwritten():
    # The user's value is replaced with a constant.
    name = request.args.get("name", "")
    name = "index.txt"
    # ok: path-traversal
    return send_file(os.path.join(BASE, name))
