"""Media service: uploads, transcoding presets, probing and streaming (FastAPI)."""
import asyncio
import json
import os
import shlex
import subprocess
import uuid
from pathlib import Path

from fastapi import FastAPI, File, Form, HTTPException, UploadFile
from fastapi.responses import FileResponse, StreamingResponse

app = FastAPI()

MEDIA = Path(os.environ.get("MEDIA_ROOT", "/srv/media"))
UPLOADS = MEDIA / "uploads"
OUTPUT = MEDIA / "out"
PRESETS = {
    "720p": "-vf scale=-2:720 -b:v 2500k",
    "480p": "-vf scale=-2:480 -b:v 1000k",
    "audio": "-vn -c:a aac -b:a 128k",
}
VIDEO_SUFFIXES = {".mp4", ".mov", ".mkv", ".webm"}


@app.post("/upload")
async def upload(file: UploadFile = File(...)):
    # Client-supplied filename used as the destination name.
    dest = UPLOADS / file.filename
    # ruleid: path-traversal
    with open(dest, "wb") as out:
        out.write(await file.read())
    return {"stored": dest.name}


@app.post("/upload/v2")
async def upload_v2(file: UploadFile = File(...)):
    # Server-generated name; only an allowlisted suffix is kept from the client's filename.
    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in VIDEO_SUFFIXES:
        raise HTTPException(status_code=415, detail="unsupported type")
    dest = UPLOADS / f"{uuid.uuid4().hex}{suffix}"
    # ok: path-traversal
    with open(dest, "wb") as out:
        out.write(await file.read())
    return {"stored": dest.name}


@app.post("/transcode")
async def transcode(name: str = Form(...), preset: str = Form("720p")):
    # Form field in a shell command run by asyncio; the preset comes from a dict lookup. [extended sink]
    if preset not in PRESETS:
        raise HTTPException(status_code=400, detail="unknown preset")
    src = UPLOADS / name
    out = OUTPUT / f"{uuid.uuid4().hex}.mp4"
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"ffmpeg -y -i {src} {PRESETS[preset]} {out}")
    await proc.wait()
    return {"output": out.name, "rc": proc.returncode}


@app.post("/transcode/v2")
async def transcode_v2(name: str = Form(...), preset: str = Form("720p")):
    # Same job through create_subprocess_exec (no shell). [extended sink]
    if preset not in PRESETS:
        raise HTTPException(status_code=400, detail="unknown preset")
    src = UPLOADS / os.path.basename(name)
    out = OUTPUT / f"{uuid.uuid4().hex}.mp4"
    # ok: command-injection
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", str(src), *shlex.split(PRESETS[preset]), str(out))
    await proc.wait()
    return {"output": out.name, "rc": proc.returncode}


@app.get("/probe/{video_id}")
def probe(video_id: uuid.UUID):
    # video_id parsed as a UUID by FastAPI.
    path = OUTPUT / f"{video_id}.mp4"
    # ok: command-injection
    raw = subprocess.check_output(f"ffprobe -v quiet -print_format json -show_format {path}", shell=True)
    return json.loads(raw)


@app.get("/probe-upload")
def probe_upload(name: str):
    # Query parameter in the same shell command.
    path = UPLOADS / name
    # ruleid: command-injection
    raw = subprocess.check_output(f"ffprobe -v quiet -print_format json -show_format {path}", shell=True)
    return json.loads(raw)


@app.get("/stream")
def stream(name: str):
    # Query parameter joined under OUTPUT and served. [extended sink]
    # ruleid: path-traversal
    return FileResponse(OUTPUT / name, media_type="video/mp4")


@app.get("/thumb")
def thumbnail(name: str):
    # basename() strips directories from the query value.
    path = os.path.join(MEDIA, "thumbs", os.path.basename(name))

    def iterfile():
        # ok: path-traversal
        with open(path, "rb") as fh:
            yield from fh

    return StreamingResponse(iterfile(), media_type="image/jpeg")
