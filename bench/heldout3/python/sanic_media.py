"""Media transcoding API on Sanic 24 (handlers receive the request as a parameter)."""
from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import httpx
from sanic import Sanic, response
from sanic.exceptions import Forbidden, SanicException

app = Sanic("media")

MEDIA_ROOT = Path("/srv/media").resolve()
PRESETS = {"720p": "-vf scale=-2:720 -c:v libx264", "audio": "-vn -c:a aac -b:a 128k"}
ALLOWED_CODECS = {"h264", "vp9", "av1"}
WEBHOOK_BASE = "https://hooks.media.example.com"


@app.post("/transcode")
async def transcode(request):
    body = request.json
    source = body["source"]
    preset = PRESETS.get(body.get("preset", "720p"), PRESETS["720p"])
    # JSON body field in a shell command; preset from a constant dict
    # ruleid: command-injection
    proc = subprocess.run(f"ffmpeg -y -i {source} {preset} /tmp/out.mp4", shell=True, capture_output=True)
    return response.json({"rc": proc.returncode})


@app.post("/transcode/safe")
async def transcode_safe(request):
    source = request.json["source"]
    codec = request.json.get("codec", "h264")
    if codec not in ALLOWED_CODECS:
        raise SanicException("codec", status_code=400)
    # user path quoted with shlex.quote, codec allowlisted
    # ok: command-injection
    proc = subprocess.run(f"ffmpeg -y -i {shlex.quote(source)} -c:v {codec} /tmp/out.mkv", shell=True)
    return response.json({"rc": proc.returncode})


@app.get("/probe")
async def probe(request):
    target = request.args.get("file", "")
    # argument list without a shell
    # ok: command-injection
    out = subprocess.check_output(["ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", "--", target])
    return response.text(out.decode())


@app.get("/probe/legacy")
async def probe_legacy(request):
    target = request.args.get("file", "")
    # asyncio shell subprocess with a query value [extended sink]
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell("ffprobe -show_streams " + target, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return response.text(out.decode())


@app.get("/waveform/<name>")
async def waveform(request, name: str):
    # os.popen with a route parameter wrapped in quotes (quotes are not a control)
    # ruleid: command-injection
    data = os.popen(f"audiowaveform -i '/srv/media/{name}' --output-format json").read()
    return response.text(data)


@app.get("/media/<name:path>")
async def download(request, name: str):
    target = (MEDIA_ROOT / name).resolve()
    if not target.is_relative_to(MEDIA_ROOT):
        raise Forbidden("outside media root")
    # resolve + is_relative_to with an early raise
    # ok: path-traversal
    return response.raw(target.read_bytes())


@app.get("/media-legacy/<name:path>")
async def download_legacy(request, name: str):
    # route parameter under a constant root, no containment check
    # ruleid: path-traversal
    data = (MEDIA_ROOT / name).read_bytes()
    return response.raw(data)


@app.get("/media-file")
async def media_file(request):
    name = request.args.get("name", "")
    if ".." in name:
        raise Forbidden("nope")
    # Sanic file() helper after a '..' blocklist (absolute paths pass) [extended sink]
    # ruleid: path-traversal
    return await response.file(os.path.join("/srv/media", name))


@app.post("/upload")
async def upload(request):
    upload = request.files.get("file")
    safe = os.path.basename(upload.name)
    # uploaded file name reduced with basename
    # ok: path-traversal
    with open(os.path.join("/srv/media/incoming", safe), "wb") as fh:
        fh.write(upload.body)
    return response.json({"stored": safe})


@app.post("/archive")
async def archive(request):
    src = request.form.get("src")
    # shutil.copy of a form-supplied path [extended sink]
    # ruleid: path-traversal
    shutil.copy(src, "/srv/media/archive/")
    return response.empty()


@app.post("/notify")
async def notify(request):
    event = request.json.get("event", "done")
    async with httpx.AsyncClient(timeout=5) as client:
        # constant host; the JSON value only picks the path
        # ok: ssrf
        await client.post(f"{WEBHOOK_BASE}/events/{event}", json={"ok": True})
    return response.empty()


@app.post("/callback")
async def callback(request):
    hook = request.json["callback_url"]
    if not hook.startswith("https://"):
        raise SanicException("https only", status_code=400)
    async with httpx.AsyncClient(timeout=5) as client:
        # scheme-only check on a JSON callback URL
        # ruleid: ssrf
        await client.post(hook, json={"status": "done"})
    return response.empty()


if __name__ == "__main__":
    # Sanic dev server with the debugger on
    # ruleid: debug-mode
    app.run(host="0.0.0.0", port=8000, debug=True)
