"""Network tools panel (Flask)."""
import os

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    code = os.system(f"ping -c 1 {host}")
    return jsonify(reachable=code == 0)


@app.route("/audit", methods=["POST"])
def audit():
    agent = request.headers.get("User-Agent", "unknown")
    os.system("logger -t webapp 'login from " + agent + "'")
    return "", 204


@app.route("/traceroute")
def traceroute():
    return os.popen("traceroute -m 10 %s" % request.args["target"]).read()


@app.route("/export", methods=["POST"])
def export():
    # A redirect needs the shell: no automatic fix, only the docs.
    table = request.form["table"]
    os.system(f"pg_dump -t {table} appdb > /tmp/export.sql")
    return "", 202
