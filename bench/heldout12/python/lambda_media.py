"""AWS Lambda functions of the podcast host's media pipeline.

`import_episode` pulls an audio file from a URL, `make_waveform` and `make_clip` run
ffmpeg on files in /tmp, `share_page` and `go` serve the public share links behind
API Gateway.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import urllib.request
import uuid
from urllib.parse import urlparse

import boto3
import requests

log = logging.getLogger()
log.setLevel(logging.INFO)

s3 = boto3.client("s3")
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "podhost-media")
FFMPEG = os.environ.get("FFMPEG_PATH", "/opt/bin/ffmpeg")
WORK_DIR = "/tmp/work"
IMPORT_HOSTS = {"feeds.podhost.example", "cdn.podhost.example", "archive.org"}
CLIP_FORMATS = {"mp3": "libmp3lame", "ogg": "libvorbis", "m4a": "aac"}
PUBLIC_SITE = "https://podhost.example"
EPISODE_ID = re.compile(r"^[a-f0-9]{32}$")


def _response(status: int, body, content_type: str = "application/json") -> dict:
    if not isinstance(body, str):
        body = json.dumps(body)
    return {"statusCode": status, "headers": {"Content-Type": content_type}, "body": body}


def _params(event: dict) -> dict:
    return event.get("queryStringParameters") or {}


def _work_path(name: str) -> str:
    os.makedirs(WORK_DIR, exist_ok=True)
    return os.path.join(WORK_DIR, name)


def import_episode(event, context):
    body = json.loads(event.get("body") or "{}")
    source = body.get("source_url", "")
    if urlparse(source).hostname not in IMPORT_HOSTS:
        return _response(400, {"error": "host not allowed"})
    local = _work_path(f"{uuid.uuid4().hex}.audio")
    # host allowlist dominates the download; the local name is a uuid
    # ok: ssrf
    # ok: path-traversal
    with requests.get(source, stream=True, timeout=30) as resp, open(local, "wb") as fh:
        shutil.copyfileobj(resp.raw, fh)
    cover = body.get("cover_url")
    if cover:
        # [extended sink] urlretrieve; the cover URL was never checked (only source_url was)
        # ruleid: ssrf
        urllib.request.urlretrieve(cover, _work_path("cover.jpg"))
    key = f"episodes/{uuid.uuid4().hex}/original.audio"
    s3.upload_file(local, MEDIA_BUCKET, key)
    return _response(201, {"key": key})


def make_waveform(event, context):
    params = _params(event)
    episode = params.get("episode", "")
    if not EPISODE_ID.match(episode):
        return _response(400, {"error": "bad episode id"})
    src = _work_path(f"{episode}.audio")
    # anchored hex id checked before it becomes a local file name
    # ok: path-traversal
    s3.download_file(MEDIA_BUCKET, f"episodes/{episode}/original.audio", src)
    width = int(params.get("width", "1200"))
    color = params.get("color", "0x3366ff")
    out = _work_path(f"{episode}-wave.png")
    # the colour from the query string lands inside a shell command line
    # ruleid: command-injection
    subprocess.run(
        f"{FFMPEG} -y -i {src} -filter_complex showwavespic=s={width}x240:colors={color} -frames:v 1 {out}",
        shell=True,
        check=True,
    )
    return _response(200, {"waveform": out})


def make_clip(event, context):
    params = _params(event)
    episode = params.get("episode", "")
    fmt = params.get("format", "mp3")
    if fmt not in CLIP_FORMATS:
        return _response(400, {"error": "format"})
    start = float(params.get("start", "0"))
    length = float(params.get("length", "30"))
    src = _work_path(f"{episode}.audio")
    out = _work_path(f"{uuid.uuid4().hex}.{fmt}")
    # the episode id was not checked here: "../../var/task/x" picks another local file
    # ruleid: path-traversal
    s3.download_file(MEDIA_BUCKET, f"episodes/{episode}/original.audio", src)
    # no shell: each value one argument
    # ok: command-injection
    subprocess.run(
        [FFMPEG, "-y", "-ss", str(start), "-t", str(length), "-i", src, "-c:a", CLIP_FORMATS[fmt], out],
        check=True,
    )
    key = f"clips/{uuid.uuid4().hex}.{fmt}"
    # the local path is a uuid plus an allowlisted extension
    # ok: path-traversal
    s3.upload_file(out, MEDIA_BUCKET, key)
    return _response(201, {"clip": key})


def share_page(event, context):
    params = _params(event)
    title = params.get("title", "Untitled episode")
    quote = params.get("quote", "")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<blockquote>{quote}</blockquote>"
        "</body></html>"
    )
    # the title is escaped but the quote is not
    # ruleid: xss
    return {"statusCode": 200, "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": page}


def embed_card(event, context):
    params = _params(event)
    name = html.escape(params.get("name", ""))
    minutes = int(params.get("minutes", "0"))
    card = f"<div class='card'><strong>{name}</strong> <span>{minutes} min</span></div>"
    # every value escaped or an int
    # ok: xss
    return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": card}


def transcript_json(event, context):
    params = _params(event)
    # JSON content type: the text is data, not a page
    # ok: xss
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps({"q": params.get("q", "")})}


def go(event, context):
    params = _params(event)
    target = params.get("to", "/")
    if target.startswith("/") and not target.startswith("//"):
        location = PUBLIC_SITE + target
    else:
        location = PUBLIC_SITE + "/"
    # [beyond docs] the branch admits only a path starting with one "/", appended to the
    # constant https://host origin, so the host stays this site's
    # ok: open-redirect
    return {"statusCode": 302, "headers": {"Location": location}, "body": ""}


def go_partner(event, context):
    params = _params(event)
    target = params.get("url", "")
    # substring test: https://evil.example/?podhost.example passes
    if "podhost.example" not in target:
        return _response(400, {"error": "not ours"})
    # a substring test of the target is no host check
    # ruleid: open-redirect
    return {"statusCode": 302, "headers": {"Location": target}, "body": ""}


def cleanup(event, context):
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    return _response(204, "")
