"""Background jobs of a media pipeline: Celery tasks, Dramatiq actors, RQ jobs.

Job arguments arrive from the broker; the code that enqueues them is elsewhere.
"""

import os
import pickle
import shlex
import shutil
import subprocess
import uuid

import dramatiq
import psycopg2
import requests
from celery import shared_task

MEDIA_ROOT = "/srv/media"
WORK_ROOT = "/srv/media/work"
PRESETS = {
    "web": ["-vf", "scale=1280:-2", "-crf", "28"],
    "mobile": ["-vf", "scale=640:-2", "-crf", "32"],
}
FEED_BASE = "https://feeds.partner-cdn.net"


@shared_task
def render_thumbnail(upload_key: str, size: str):
    src = os.path.join(MEDIA_ROOT, upload_key)
    # task arguments formatted into a shell command
    # ruleid: command-injection
    subprocess.run(f"convert {src} -resize {size} {src}.thumb.png", shell=True, check=True)


@shared_task
def transcode(upload_key: str, preset: str):
    args = PRESETS.get(preset)
    if args is None:
        return
    src = os.path.join(MEDIA_ROOT, os.path.basename(upload_key))
    # argument list, preset looked up in a constant table
    # ok: command-injection
    subprocess.run(["ffmpeg", "-y", "-i", src, *args, src + ".mp4"], check=True)


@shared_task
def mirror_repo(repo_url: str):
    # [beyond docs] no shell, but shlex.split turns one value into several git options (--config core.sshCommand=...)
    # ruleid: command-injection
    subprocess.run(shlex.split(f"git clone --depth 1 {repo_url} /srv/media/repos/tmp"), check=True)


@shared_task
def archive_job(job_id: str):
    # uuid.UUID() coercion before the path is built
    # ok: path-traversal
    shutil.rmtree(os.path.join(WORK_ROOT, str(uuid.UUID(job_id))))


@shared_task
def cleanup_job(job_id: str):
    # raw job id joined under the work root
    # ruleid: path-traversal
    shutil.rmtree(os.path.join(WORK_ROOT, job_id), ignore_errors=True)


@shared_task
def purge_sessions(user_id):
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn.cursor() as cur:
        # %-formatting, not a params tuple
        # ruleid: sql-injection
        cur.execute("DELETE FROM sessions WHERE user_id = %s" % user_id)
        # the same statement with int() coercion
        # ok: sql-injection
        cur.execute("DELETE FROM sessions WHERE user_id = %d" % int(user_id))
        # params tuple
        # ok: sql-injection
        cur.execute("DELETE FROM api_tokens WHERE user_id = %s", (user_id,))
    conn.commit()


@dramatiq.actor(max_retries=3)
def fetch_feed(feed_url):
    # the feed URL is whatever the producer put in the message
    # ruleid: ssrf
    resp = requests.get(feed_url, timeout=10)
    resp.raise_for_status()
    return resp.text


@dramatiq.actor
def fetch_partner_feed(feed_name):
    # fixed scheme and host from a module constant, name only in the path
    # ok: ssrf
    resp = requests.get(f"{FEED_BASE}/v2/{feed_name}.xml", timeout=10)
    return resp.text


@dramatiq.actor
def store_feed(feed_name, body):
    target = os.path.join(MEDIA_ROOT, "feeds", feed_name + ".xml")
    if ".." in feed_name:
        return
    # blocklist of ".." only; an absolute feed_name replaces the base in os.path.join
    # ruleid: path-traversal
    with open(target, "w") as fh:
        fh.write(body)


def restore_checkpoint(blob: bytes):
    # RQ job: the pickled state is the job argument
    # ruleid: unsafe-deserialization
    return pickle.loads(blob)


def load_defaults():
    # a constant file shipped with the worker
    # ok: unsafe-deserialization
    with open("/srv/media/defaults.pkl", "rb") as fh:
        return pickle.load(fh)


def report_disk_usage(volume: str):
    allowed = {"media", "work", "cache"}
    if volume not in allowed:
        raise ValueError(volume)
    # allowlist with an early exit
    # ok: command-injection
    return subprocess.check_output(f"du -sh /srv/{volume}", shell=True, text=True)
