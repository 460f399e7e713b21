"""Network tools and media conversion (Flask).

Benchmark corpus, command-injection (CWE-78).
"""
import ipaddress
import os
import re
import shlex
import subprocess

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

FORMATS = {"mp3", "ogg", "flac"}
SERVICES = {"web": "nginx", "worker": "celery-worker", "cache": "redis-server"}
HOSTNAME = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


def is_hostname(value: str) -> bool:
    return bool(HOSTNAME.fullmatch(value)) and not value.startswith("-")


def require_ip(value: str) -> str:
    """Raises ValueError unless value is an IP address."""
    return str(ipaddress.ip_address(value))


@app.route("/ping")
def ping():
    # Query parameter in an os.system command line.
    host = request.args.get("host", "")
    # ruleid: command-injection
    rc = os.system(f"ping -c 1 {host}")
    return jsonify(up=rc == 0)


@app.route("/ping/quoted")
def ping_quoted():
    # shlex.quote() makes one shell word.
    host = request.args.get("host", "")
    # ok: command-injection
    rc = os.system(f"ping -c 1 {shlex.quote(host)}")
    return jsonify(up=rc == 0)


@app.route("/ping/list")
def ping_list():
    # Argument list, no shell.
    host = request.args.get("host", "")
    # ok: command-injection
    result = subprocess.run(["ping", "-c", "1", "--", host], capture_output=True, timeout=10)
    return jsonify(up=result.returncode == 0)


@app.route("/ping/validated")
def ping_validated():
    # Same-file validator with an early abort.
    host = request.args.get("host", "")
    if not is_hostname(host):
        abort(400)
    # ok: command-injection
    out = subprocess.check_output(f"ping -c 1 {host}", shell=True, text=True)
    return jsonify(out=out)


@app.route("/ping/ip")
def ping_ip():
    # Validator that raises and returns the normalised address.
    ip = require_ip(request.args.get("ip", ""))
    # ok: command-injection
    out = subprocess.check_output("ping -c 1 " + ip, shell=True, text=True)
    return jsonify(out=out)


@app.route("/ping/hand-quoted")
def ping_hand_quoted():
    # Quotes written by hand: a quote in the value ends them.
    host = request.args.get("host", "")
    # ruleid: command-injection
    out = subprocess.check_output(f"ping -c 1 '{host}'", shell=True, text=True)
    return jsonify(out=out)


@app.route("/ping/blocklist")
def ping_blocklist():
    # A blocklist of some metacharacters misses $(), backticks and newlines.
    host = request.args.get("host", "")
    if ";" in host or "&" in host or "|" in host:
        abort(400)
    # ruleid: command-injection
    out = subprocess.getoutput("ping -c 1 " + host)
    return jsonify(out=out)


@app.route("/convert", methods=["POST"])
def convert():
    # Form field and uploaded file name in a shell command.
    fmt = request.form.get("format", "mp3")
    name = request.files["audio"].filename
    # ruleid: command-injection
    subprocess.run(f"ffmpeg -i uploads/{name} out.{fmt}", shell=True, check=True)
    return "", 204


@app.route("/convert/checked", methods=["POST"])
def convert_checked():
    # Format allowlisted, file name quoted.
    fmt = request.form.get("format", "mp3")
    name = request.files["audio"].filename
    if fmt not in FORMATS:
        abort(400)
    # ok: command-injection
    subprocess.run(f"ffmpeg -i uploads/{shlex.quote(name)} out.{fmt}", shell=True, check=True)
    return "", 204


@app.route("/convert/half-checked", methods=["POST"])
def convert_half_checked():
    # Format allowlisted, but the file name is not quoted.
    fmt = request.form.get("format", "mp3")
    name = request.files["audio"].filename
    if fmt not in FORMATS:
        abort(400)
    # ruleid: command-injection
    subprocess.run(f"ffmpeg -i uploads/{name} out.{fmt}", shell=True, check=True)
    return "", 204


@app.post("/services/<svc>/restart")
def restart(svc):
    # Service name translated through a constant dict.
    unit = SERVICES.get(svc)
    if unit is None:
        abort(404)
    # ok: command-injection
    os.system("systemctl restart " + unit)
    return "", 202


@app.post("/services/<svc>/restart-raw")
def restart_raw(svc):
    # Route parameter used as the unit name.
    # ruleid: command-injection
    os.system("systemctl restart " + svc)
    return "", 202


@app.route("/logs")
def logs():
    # int() coercion for the line count; constant file.
    n = int(request.args.get("lines", "100"))
    # ok: command-injection
    out = subprocess.check_output(f"tail -n {n} /var/log/app.log", shell=True, text=True)
    return out


@app.route("/grep")
def grep_logs():
    # Pattern passed to a shell via popen.
    pattern = request.args.get("q", "")
    # ruleid: command-injection
    out = os.popen("grep -i " + pattern + " /var/log/app.log").read()
    return out


@app.route("/grep/argv")
def grep_logs_argv():
    # sh -c with the user's text inside the script: still a shell.
    pattern = request.args.get("q", "")
    # ruleid: command-injection
    out = subprocess.run(["sh", "-c", f"grep -i {pattern} /var/log/app.log | tail -50"], capture_output=True, text=True)
    return out.stdout


@app.route("/grep/argv-safe")
def grep_logs_argv_safe():
    # sh -c with the value as a positional parameter ("$1"), not in the script.
    pattern = request.args.get("q", "")
    # ok: command-injection
    out = subprocess.run(["sh", "-c", 'grep -i -- "$1" /var/log/app.log | tail -50', "sh", pattern], capture_output=True, text=True)
    return out.stdout


@app.route("/disk")
def disk():
    # Constant command with shell=True.
    # ok: command-injection
    return subprocess.check_output("df -h | sort -k5 -r | head -5", shell=True, text=True)


@app.route("/whois")
def whois():
    # A truthiness check is not a control.
    domain = request.args.get("d")
    if not domain:
        abort(400)
    # ruleid: command-injection
    return subprocess.check_output("whois " + domain, shell=True, text=True)


@app.route("/whois/literal")
def whois_literal():
    # Equality with literals.
    domain = request.args.get("d", "")
    if domain != "example.com" and domain != "example.org":
        abort(400)
    # ok: command-injection
    return subprocess.check_output("whois " + domain, shell=True, text=True)
