import os
import shlex
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)
SCRIPTS = {"backup": "pg_dump app > /tmp/app.sql", "vacuum": "vacuumdb app"}


# ---------------------------------------------------------------- vulnerable


@app.route("/run")
def run():
    script = request.args["script"]
    # ruleid: python-cmdi-shell-c-argument
    return subprocess.check_output(["bash", "-c", script])


@app.route("/find")
def find():
    name = request.args["name"]
    # ruleid: python-cmdi-shell-c-argument
    argv = ["/bin/sh", "-c", f"find /srv -name {name}"]
    return subprocess.run(argv, capture_output=True).stdout


@app.route("/exec")
def exec_shell():
    # ruleid: python-cmdi-shell-c-argument
    os.execl("/bin/sh", "sh", "-c", "echo " + request.args["msg"])


@app.route("/win")
def windows():
    # ruleid: python-cmdi-shell-c-argument
    subprocess.run(("cmd.exe", "/c", "type " + request.args["file"]))


# ---------------------------------------------------------------- safe


@app.route("/find2")
def find_quoted():
    name = request.args["name"]
    # ok: python-cmdi-shell-c-argument
    argv = ["/bin/sh", "-c", f"find /srv -name {shlex.quote(name)}"]
    return subprocess.run(argv, capture_output=True).stdout


@app.route("/find3")
def find_direct():
    # the program runs without a shell; the name is one argument
    # ok: python-cmdi-shell-c-argument
    return subprocess.run(["find", "/srv", "-name", request.args["name"]], capture_output=True).stdout


@app.route("/task")
def task():
    key = request.args["task"]
    if key not in SCRIPTS:
        abort(404)
    # ok: python-cmdi-shell-c-argument
    return subprocess.check_output(["sh", "-c", SCRIPTS[key]])


@app.route("/sleep")
def sleep():
    secs = int(request.args["s"])
    # ok: python-cmdi-shell-c-argument
    subprocess.run(["sh", "-c", f"sleep {secs} && echo done"])
