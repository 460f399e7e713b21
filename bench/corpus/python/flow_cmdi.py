"""Harder data flow for command-injection (Flask and plain Python).

Benchmark corpus, command-injection (CWE-78).
"""
import io
import os
import shlex
import subprocess
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, abort, request

app = Flask(__name__)

TOOLS = {"uptime", "df", "free"}


def build_cmd(tool, arg):
    # Same-file helper that builds a command line.
    return f"{tool} {arg}"


def quoted_cmd(tool, arg):
    # Same-file helper that quotes.
    return f"{tool} {shlex.quote(arg)}"


def run(cmd):
    # Wrapper around the shell (reported as a warning).
    # ruleid: command-injection
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def target_host():
    return request.args.get("host", "localhost")


@app.route("/flow/helper")
def helper():
    # Request value through a helper into os.system.
    # ruleid: command-injection
    os.system(build_cmd("nslookup", request.args["name"]))
    return "ok"


@app.route("/flow/helper-quoted")
def helper_quoted():
    # Helper that quotes the argument.
    # ok: command-injection
    os.system(quoted_cmd("nslookup", request.args["name"]))
    return "ok"


@app.route("/flow/helper-source")
def helper_source():
    # Helper returning request data.
    # ruleid: command-injection
    return subprocess.getoutput("ping -c 1 " + target_host())


@app.route("/flow/closure")
def closure():
    # Captured by a nested function.
    path = request.args["path"]

    def size():
        # ruleid: command-injection
        return subprocess.check_output(f"du -sh {path}", shell=True, text=True)

    return size()


@app.route("/flow/walrus")
def walrus():
    # Walrus in an if.
    if (tool := request.args.get("tool")) in TOOLS:
        # ok: command-injection
        return subprocess.check_output(tool, shell=True, text=True)
    abort(400)


@app.route("/flow/walrus-unchecked")
def walrus_unchecked():
    # Walrus with only a truthiness check.
    if tool := request.args.get("tool"):
        # ruleid: command-injection
        return subprocess.check_output(tool, shell=True, text=True)
    abort(400)


@app.route("/flow/unpack")
def unpack():
    # Tuple unpacking of a JSON pair.
    src, dst = request.json["pair"]
    # ruleid: command-injection
    os.system(f"cp {src} {dst}")
    return "ok"


@app.route("/flow/with")
def with_target():
    # Command read from the uploaded file through a with target.
    with io.TextIOWrapper(request.files["script"].stream) as fh:
        first = fh.readline().strip()
    # ruleid: command-injection
    os.system(first)
    return "ok"


@app.route("/flow/loop")
def loop():
    # Loop over JSON items, joined into one command.
    parts = []
    for f in request.json["files"]:
        parts.append(f)
    # ruleid: command-injection
    os.system("rm -f " + " ".join(parts))
    return "ok"


@app.route("/flow/loop-quoted")
def loop_quoted():
    # Each item quoted with shlex.join.
    files = list(request.json["files"])
    # ok: command-injection
    os.system("rm -f -- " + shlex.join(files))
    return "ok"


@app.route("/flow/comprehension")
def comprehension():
    # Comprehension builds the argument string.
    args = " ".join(f"--label={x}" for x in request.args.getlist("label"))
    # ruleid: command-injection
    os.system(f"docker run {args} alpine true")
    return "ok"


@app.route("/flow/try")
def try_except():
    # except keeps the raw value.
    raw = request.args.get("n", "1")
    try:
        n = str(int(raw))
    except ValueError:
        n = raw
    # ruleid: command-injection
    os.system("sleep " + n)
    return "ok"


@app.route("/flow/branches")
def branches():
    # Reassignment in one branch only.
    level = request.args.get("level", "")
    if level not in ("1", "2", "3"):
        level = level.strip()
    # ruleid: command-injection
    os.system("nice -n " + level + " ./job.sh")
    return "ok"


@app.route("/flow/branches-safe")
def branches_safe():
    # Reassigned to a constant when not allowlisted.
    level = request.args.get("level", "")
    if level not in ("1", "2", "3"):
        level = "1"
    # ok: command-injection
    os.system("nice -n " + level + " ./job.sh")
    return "ok"


@app.route("/flow/executor")
def executor():
    # Callback: user hosts mapped through a lambda in a thread pool.
    hosts = request.json["hosts"]
    with ThreadPoolExecutor(4) as pool:
        # ruleid: command-injection
        codes = list(pool.map(lambda h: os.system("ping -c 1 " + h), hosts))
    return {"codes": codes}


@app.route("/flow/run-wrapper")
def run_wrapper():
    # The wrapper above is the sink; this call passes it the request.
    return run("host " + request.args["name"])


class Job:
    # self attributes from request data set in one method, used in another.
    def __init__(self, req):
        self.script = req.form["script"]
        self.env = "prod"

    def start(self):
        # ruleid: command-injection
        subprocess.Popen(f"bash -lc '{self.script}'", shell=True)


@app.route("/flow/job", methods=["POST"])
def job():
    Job(request).start()
    return "", 202


@app.route("/flow/dead")
def dead():
    # The user's value is assigned only in a branch that never runs.
    cmd = "uptime"
    if False:
        cmd = request.args["cmd"]
    # ok: command-injection
    return subprocess.check_output(cmd, shell=True, text=True)


@app.route("/flow/local-helper-const")
def local_helper_const():
    # A nested helper whose only caller passes a constant.
    def sh(c):
        # ok: command-injection
        return subprocess.check_output(c, shell=True, text=True)

    return sh("uptime")
