"""Video pipeline tasks on Huey: fetch sources, transcode with ffmpeg, thumbnails, publish.

Tasks are enqueued by the upload API with values from the uploader's request
(``fetch_source(video.id, form["source_url"])``), so task arguments are client data.
"""

import json
import os
import shlex
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import urllib3
from huey import RedisHuey, crontab

huey = RedisHuey("video-pipeline", url=os.environ.get("REDIS_URL", "redis://localhost:6379/3"))
# certificate verification required
# ok: tls-verification-disabled
http = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", timeout=urllib3.Timeout(connect=5, read=60))
# the ingest appliance's self-signed certificate: verification off for every request through it
# ruleid: tls-verification-disabled
legacy_http = urllib3.PoolManager(cert_reqs="CERT_NONE", assert_hostname=False)

WORK = Path("/srv/video/work")
OUT = Path("/srv/video/out").resolve()
PRESETS = {
    "720p": ["-vf", "scale=-2:720", "-b:v", "2500k"],
    "1080p": ["-vf", "scale=-2:1080", "-b:v", "5000k"],
}
CDN_ORIGIN = "https://origin.videocdn.example/"
LANGS = {"en", "de", "fr", "es"}


@huey.task(retries=3, retry_delay=30)
def fetch_source(video_id, source_url):
    dest = WORK / f"{int(video_id)}.src"
    # source URL from the task payload, fetched with urllib3 [extended sink]
    # ruleid: ssrf
    resp = http.request("GET", source_url, preload_content=False)
    # file name from the int() of the id
    # ok: path-traversal
    with open(dest, "wb") as fh:
        for chunk in resp.stream(65536):
            fh.write(chunk)
    resp.release_conn()


@huey.task()
def transcode(video_id, preset):
    src = WORK / f"{int(video_id)}.src"
    args = PRESETS.get(preset)
    if args is None:
        raise ValueError(f"unknown preset {preset}")
    out = OUT / f"{int(video_id)}-{preset}.mp4"
    # argument list, no shell; the preset arguments come from a dictionary
    # ok: command-injection
    subprocess.run(["ffmpeg", "-y", "-i", str(src), *args, str(out)], check=True)


@huey.task()
def thumbnail(video_id, at="00:00:05", size="320x180"):
    src = WORK / f"{int(video_id)}.src"
    # timestamp and size from the task in an os.system command line
    # ruleid: command-injection
    os.system(f"ffmpeg -y -ss {at} -i {src} -frames:v 1 -s {size} {OUT}/{int(video_id)}.jpg")


@huey.task()
def watermark(video_id, label):
    # the label quoted with shlex.quote inside the shell command
    # ok: command-injection
    subprocess.run(
        f"ffmpeg -y -i {WORK}/{int(video_id)}.src -vf drawtext=text={shlex.quote(label)} {OUT}/{int(video_id)}-wm.mp4",
        shell=True,
        check=True,
    )


@huey.task()
def probe(path):
    # a task argument wrapped in single quotes by hand in a shell command
    # ruleid: command-injection
    out = subprocess.check_output(f"ffprobe -v quiet -print_format json -show_format '{path}'", shell=True)
    return json.loads(out)


@huey.task()
def publish(video_id, filename):
    src = OUT / filename
    # the rendition file name from the task, joined under the output folder with no check
    # ruleid: path-traversal
    data = src.read_bytes()
    req = urllib.request.Request(f"{CDN_ORIGIN}videos/{int(video_id)}/{filename}", data=data, method="PUT")
    # constant CDN origin with a trailing slash; the file name is only a path
    # ok: ssrf
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status


@huey.task()
def notify(callback_url, payload):
    # callback URL from the job opened with urlopen
    # ruleid: ssrf
    with urllib.request.urlopen(callback_url, data=json.dumps(payload).encode(), timeout=10) as r:
        return r.status


@huey.task()
def attach_subtitles(video_id, subtitle_url, lang):
    if lang not in LANGS:
        raise ValueError("unsupported language")
    with tempfile.NamedTemporaryFile(suffix=".vtt", delete=False) as tmp:
        # subtitle URL from the job, fetched through urllib3 [extended sink]
        # ruleid: ssrf
        tmp.write(http.request("GET", subtitle_url).data)
    dest = OUT / f"{int(video_id)}.{lang}.vtt"
    # tempfile's own name to an int() id plus an allowlisted language
    # ok: path-traversal
    shutil.copyfile(tmp.name, dest)


@huey.task()
def import_sidecar(video_id, sidecar_name):
    # sidecar file name from the job read from the work folder
    # ruleid: path-traversal
    with open(os.path.join(WORK, "sidecars", sidecar_name), encoding="utf-8") as fh:
        meta = json.load(fh)
    return meta.get("title")


@huey.periodic_task(crontab(minute="0", hour="3"))
def purge_workdir():
    # constant command
    # ok: command-injection
    subprocess.run("find /srv/video/work -mtime +2 -delete", shell=True, check=True)
