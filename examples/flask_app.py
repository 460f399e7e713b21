"""A small Flask app with the bugs AI assistants often write. Try: unguarded scan examples/"""

import os
import sqlite3
import subprocess
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"api.github.com"}


@app.route("/preview")
def preview():
    url = request.args.get("url", "")
    return requests.get(url, timeout=5).text  # SSRF: no host allowlist


@app.route("/preview-safe")
def preview_safe():
    url = request.args.get("url", "")
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    return requests.get(url, timeout=5).text  # fine: allowlisted host


@app.route("/user")
def user():
    name = request.args["name"]
    db = sqlite3.connect("app.db")
    rows = db.execute(f"SELECT * FROM users WHERE name = '{name}'")  # SQL injection
    return {"users": rows.fetchall()}


@app.route("/ping")
def ping():
    host = request.args["host"]
    out = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True)  # command injection
    return out.stdout


@app.route("/files/<path:name>")
def files(name):
    with open(os.path.join("/srv/files", name)) as handle:  # path traversal
        return handle.read()
