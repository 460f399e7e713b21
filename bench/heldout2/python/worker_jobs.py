"""Celery jobs for the analytics pipeline. Task arguments arrive from the broker."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import marshal
import os
import subprocess
import zipfile
from pathlib import Path

import dill
import httpx
import jsonpickle
from celery import Celery, shared_task
from pymongo import MongoClient

celery_app = Celery("analytics", broker=os.environ["BROKER_URL"])
mongo = MongoClient(os.environ["MONGO_URL"])
events = mongo.analytics.events
WORKDIR = Path("/srv/analytics/work")
SIGNING_KEY = os.environ["JOB_SIGNING_KEY"].encode()
DEFAULT_PIPELINE = base64.b64decode(os.environ.get("DEFAULT_PIPELINE_B64", ""))


def _signature_ok(blob: bytes, signature: str) -> bool:
    expected = hmac.new(SIGNING_KEY, blob, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@shared_task
def run_pipeline(encoded: str) -> int:
    blob = base64.b64decode(encoded)
    # task argument unpickled with dill
    # ruleid: unsafe-deserialization
    pipeline = dill.loads(blob)
    return pipeline.run()


@shared_task
def run_signed_pipeline(encoded: str, signature: str) -> int:
    blob = base64.b64decode(encoded)
    if not _signature_ok(blob, signature):
        raise PermissionError("bad signature")
    # HMAC checked with compare_digest before loading
    # ok: unsafe-deserialization
    pipeline = dill.loads(blob)
    return pipeline.run()


@shared_task
def run_default_pipeline() -> int:
    # bytes from configuration
    # ok: unsafe-deserialization
    pipeline = dill.loads(DEFAULT_PIPELINE)
    return pipeline.run()


@shared_task
def load_compiled_rule(code_b64: str):
    # marshal on a task argument
    # ruleid: unsafe-deserialization
    return marshal.loads(base64.b64decode(code_b64))


@shared_task
def restore_report(payload: str):
    # jsonpickle restores arbitrary classes
    # ruleid: unsafe-deserialization
    return jsonpickle.decode(payload)


@shared_task
def restore_report_v2(payload: str):
    # ok: unsafe-deserialization
    return json.loads(payload)


@shared_task
def export_csv(dataset: str, out_name: str) -> str:
    out = WORKDIR / "exports" / out_name
    # output name from the task arguments (unknown callers), no containment
    # ruleid: path-traversal
    out.write_text(dataset)
    return str(out)


@shared_task
def unpack_upload(archive: str) -> list[str]:
    names = []
    root = (WORKDIR / "unpacked").resolve()
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            dest = (root / member.filename).resolve()
            if os.path.commonpath([root, dest]) != str(root):
                continue
            # commonpath containment, skipping members outside the root
            # ok: path-traversal
            dest.write_bytes(zf.read(member))
            names.append(member.filename)
    return names


@shared_task
def transcode(src: str, preset: str) -> None:
    # task arguments inside a shell command
    # ruleid: command-injection
    subprocess.run(f"ffmpeg -y -i {src} -preset {preset} {src}.mp4", shell=True, check=True)


@shared_task
def transcode_v2(src: str, preset: str) -> None:
    if preset not in {"fast", "medium", "slow"}:
        raise ValueError(preset)
    # argument list, preset from an allowlist
    # ok: command-injection
    subprocess.run(["ffmpeg", "-y", "-i", src, "-preset", preset, f"{src}.mp4"], check=True)


@shared_task
def deliver_webhook(url: str, event: dict) -> int:
    # delivery URL registered by customers (task argument)
    # ruleid: ssrf
    r = httpx.post(url, json=event, timeout=10)
    return r.status_code


@shared_task
def purge_events(selector: dict) -> int:
    # whole filter document from the task arguments
    # ruleid: nosql-injection
    return events.delete_many(selector).deleted_count


@shared_task
def purge_tenant(tenant_id: str) -> int:
    # fixed filter shape with a string value
    # ok: nosql-injection
    return events.delete_many({"tenant_id": str(tenant_id)}).deleted_count


@shared_task
def events_matching(expr: str) -> list:
    # $where with a JavaScript expression from the task arguments
    # ruleid: nosql-injection
    return list(events.find({"$where": expr}).limit(100))


@shared_task
def count_since(ts: float) -> int:
    # ok: nosql-injection
    return events.count_documents({"ts": {"$gte": float(ts)}})
