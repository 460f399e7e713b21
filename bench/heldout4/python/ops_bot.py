"""ChatOps bot: Slack slash commands that run operational tasks on the bastion host."""

import asyncio
import hashlib
import hmac
import os
import re
import shlex
import subprocess
import time

from flask import Flask, abort, request

app = Flask(__name__)

SIGNING_SECRET = os.environ["SLACK_SIGNING_SECRET"].encode()
ACTIONS = {
    "restart": "systemctl restart app.service",
    "status": "systemctl status app.service --no-pager",
    "reload": "systemctl reload nginx",
}
POD_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
SERVICE_RE = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


def _verify(req) -> None:
    ts = req.headers.get("X-Slack-Request-Timestamp", "0")
    if abs(time.time() - int(ts)) > 300:
        abort(401)
    base = f"v0:{ts}:{req.get_data(as_text=True)}".encode()
    expected = "v0=" + hmac.new(SIGNING_SECRET, base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, req.headers.get("X-Slack-Signature", "")):
        abort(401)


@app.post("/slack/logs")
def logs():
    _verify(request)
    pod = request.form["text"].strip()
    # the pod name from the slash command text into a shell string
    # ruleid: command-injection
    out = subprocess.run("kubectl logs " + pod + " --tail=100", shell=True, capture_output=True, text=True)
    return out.stdout[-3000:]


@app.post("/slack/logs-safe")
def logs_safe():
    _verify(request)
    pod = request.form["text"].strip()
    if not POD_RE.match(pod):
        abort(400)
    # anchored DNS-label regex, early exit
    # ok: command-injection
    out = subprocess.run(f"kubectl logs {pod} --tail=100", shell=True, capture_output=True, text=True)
    return out.stdout[-3000:]


@app.post("/slack/grep")
def grep():
    _verify(request)
    pattern = request.form["text"]
    # single quotes around the value are not quoting
    # ruleid: command-injection
    out = subprocess.check_output(f"grep -m 20 '{pattern}' /var/log/app/app.log", shell=True, text=True)
    return out


@app.post("/slack/action")
def action():
    _verify(request)
    name = request.form["text"].strip()
    if name not in ACTIONS:
        return "unknown action"
    # the command comes from a constant table
    # ok: command-injection
    os.system(ACTIONS[name])
    return "done"


@app.post("/slack/tail")
def tail():
    _verify(request)
    lines = int(request.form.get("text", "50"))
    # int() coercion
    # ok: command-injection
    return os.popen(f"tail -n {lines} /var/log/app/app.log").read()


@app.post("/slack/ping")
def ping():
    _verify(request)
    host = request.form["text"].strip()
    safe = shlex.quote(host)
    # quoted once, but the raw host is appended again after &&
    # ruleid: command-injection
    os.system(f"ping -c 1 {safe} && echo {host} >> /var/log/pinged.txt")
    return "sent"


@app.post("/slack/restart")
def restart():
    _verify(request)
    service = request.form.get("service", "")
    unit = request.form.get("unit", "")
    if not SERVICE_RE.match(service):
        abort(400)
    # the regex checks service, the command uses unit
    # ruleid: command-injection
    subprocess.call(f"systemctl restart {unit}", shell=True)
    return "restarting"


@app.post("/slack/dns")
def dns():
    _verify(request)
    host = request.form["text"].strip()

    async def lookup():
        # [extended sink] asyncio.create_subprocess_shell with the host
        # ruleid: command-injection
        proc = await asyncio.create_subprocess_shell(f"dig +short {host}", stdout=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate()
        # [extended sink] create_subprocess_exec passes an argument vector, no shell
        # ok: command-injection
        proc2 = await asyncio.create_subprocess_exec("host", host, stdout=asyncio.subprocess.PIPE)
        out2, _ = await proc2.communicate()
        return out + out2

    return asyncio.run(lookup()).decode()


@app.post("/slack/deploy")
def deploy():
    _verify(request)
    env, _, ref = request.form["text"].partition(" ")
    if env != "staging" and env != "production":
        abort(400)
    # env is compared with literals, ref goes in unchecked
    # ruleid: command-injection
    subprocess.run(f"./deploy.sh {env} {ref}", shell=True, check=True, cwd="/srv/deploy")
    return "deploying"
