import asyncio
import os
import re
import shlex
import subprocess
import sys

from fastapi import FastAPI
from flask import Flask, abort, request

app = Flask(__name__)
api = FastAPI()
FORMATS = {"png", "jpg", "webp"}


# ---------------------------------------------------------------- vulnerable


@app.route("/ping")
def ping():
    host = request.args.get("host")
    # ruleid: python-cmdi-shell-command-string
    os.system("ping -c 1 " + host)


@app.route("/convert", methods=["POST"])
def convert():
    fmt = request.form["format"]
    cmd = f"convert in.png out.{fmt}"
    # ruleid: python-cmdi-shell-command-string
    return os.popen(cmd).read()


@app.route("/du")
def du():
    # ruleid: python-cmdi-shell-command-string
    return subprocess.getoutput("du -sh %s" % request.args["dir"])


@api.get("/lookup")
async def lookup(domain: str):
    # ruleid: python-cmdi-shell-command-string
    proc = await asyncio.create_subprocess_shell(f"dig +short {domain}")
    return await proc.communicate()


def main():
    # ruleid: python-cmdi-shell-command-string
    os.system("grep -r {} .".format(sys.argv[1]))


# ---------------------------------------------------------------- safe


@app.route("/ping2")
def ping_quoted():
    host = request.args.get("host")
    # ok: python-cmdi-shell-command-string
    os.system("ping -c 1 " + shlex.quote(host))


@app.route("/ping3")
def ping_argv():
    # an argument list without a shell
    # ok: python-cmdi-shell-command-string
    subprocess.run(["ping", "-c", "1", request.args["host"]], check=False)


@app.route("/convert2", methods=["POST"])
def convert_allowlist():
    fmt = request.form["format"]
    if fmt not in FORMATS:
        abort(400)
    # ok: python-cmdi-shell-command-string
    return os.popen(f"convert in.png out.{fmt}").read()


@app.route("/kill")
def kill():
    pid = int(request.args["pid"])
    # ok: python-cmdi-shell-command-string
    os.system("kill -TERM %d" % pid)


@app.route("/branch")
def branch():
    name = request.args["name"]
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", name):
        return "bad branch", 400
    # ok: python-cmdi-shell-command-string
    return subprocess.getoutput("git log -1 " + name)


@api.get("/lookup2")
async def lookup_exec(domain: str):
    # ok: python-cmdi-shell-command-string
    proc = await asyncio.create_subprocess_exec("dig", "+short", domain)
    return await proc.communicate()
