"""Celery tasks for the content pipeline (feeds, thumbnails, tenant cleanup, log archiving)."""
import datetime
import gzip
import logging
import re
import shutil
import subprocess

import requests
from celery import shared_task
from sqlalchemy import text

from pipeline.config import settings
from pipeline.db import engine

logger = logging.getLogger(__name__)

TENANT_SCHEMA_RE = re.compile(r"tenant_[a-z0-9]{8}")
THUMB_SIZES = {"small": "160x160", "medium": "480x480", "large": "1024x1024"}


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def fetch_feed(self, feed_url):
    # Task argument used as the URL; the caller that enqueues it is unknown (reported as a warning).
    try:
        # ruleid: ssrf
        resp = requests.get(feed_url, timeout=15, headers={"Accept": "application/rss+xml"})
        resp.raise_for_status()
    except requests.RequestException as exc:
        raise self.retry(exc=exc)
    return resp.text


@shared_task
def refresh_exchange_rates():
    # URL from settings.
    # ok: ssrf
    resp = requests.get(settings.RATES_URL, params={"base": "EUR"}, timeout=10)
    rates = resp.json()["rates"]
    with engine.begin() as conn:
        for code, rate in rates.items():
            # ok: sql-injection
            conn.execute(text("UPDATE currencies SET rate = :rate WHERE code = :code"), {"rate": rate, "code": code})


@shared_task
def make_thumbnail(src_path, size="medium"):
    # Source path argument put into a shell command; size comes from a constant dict.
    geometry = THUMB_SIZES.get(size, "480x480")
    dest = f"{src_path}.thumb.jpg"
    # ruleid: command-injection
    subprocess.run(f"convert {src_path} -thumbnail {geometry} {dest}", shell=True, check=True)
    return dest


@shared_task
def transcode(src_path, dest_path):
    # Argument list without a shell.
    # ok: command-injection
    subprocess.run(["ffmpeg", "-y", "-i", src_path, "-c:v", "libx264", dest_path], check=True, timeout=3600)
    return dest_path


@shared_task
def drop_tenant_schema(schema):
    # Schema name from the task argument formatted into DDL.
    logger.warning("dropping schema %s", schema)
    with engine.begin() as conn:
        # ruleid: sql-injection
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))


@shared_task
def drop_tenant_schema_checked(schema):
    # fullmatch() against a strict pattern, raising before the DDL runs.
    if not TENANT_SCHEMA_RE.fullmatch(schema):
        raise ValueError(f"refusing to drop {schema!r}")
    with engine.begin() as conn:
        # ok: sql-injection
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))


@shared_task
def archive_log(day):
    # Day string from the task argument inside a constant directory prefix.
    src = f"/var/log/app/{day}.log"
    # ruleid: path-traversal
    with open(src, "rb") as fh, gzip.open(f"/var/log/app/archive/{day}.log.gz", "wb") as out:
        shutil.copyfileobj(fh, out)


@shared_task
def archive_log_checked(day):
    # The argument is parsed into a date; only its ISO form is used in the path.
    d = datetime.date.fromisoformat(day)
    # ok: path-traversal
    with open(f"/var/log/app/{d.isoformat()}.log", "rb") as fh:
        data = fh.read()
    return len(data)


@shared_task
def send_weekly_digest(user_email, items):
    # Fixed provider URL; user data goes in the form body.
    # ok: ssrf
    requests.post(
        f"https://api.mailgun.net/v3/{settings.MAILGUN_DOMAIN}/messages",
        auth=("api", settings.MAILGUN_KEY),
        data={"to": user_email, "subject": "Your weekly digest", "text": "\n".join(items)},
        timeout=10,
    )
