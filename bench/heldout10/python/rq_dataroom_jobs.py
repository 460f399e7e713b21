"""RQ jobs of a data-room service: imports, exports and archive handling (enqueued by the web app)."""

import os
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import requests
import yaml
from psycopg2 import sql
from redis import Redis
from rq import Queue
from sqlalchemy import create_engine

ENGINE = create_engine(os.environ["DATAROOM_DB"])
ROOMS = Path("/data/rooms")
EXPORTS = Path("/data/exports")
queue = Queue("dataroom", connection=Redis())
DATASETS = {"deals": "deal_summary", "contacts": "contact_export", "audit": "audit_events"}
IMPORT_BASE = "https://files.partner-vault.example/"


def room_dir(room_id: str) -> Path:
    return ROOMS / f"room-{int(room_id)}"


def export_dataset(dataset: str, room_id: str, out_name: str) -> str:
    table = DATASETS[dataset]
    # table picked from a constant dictionary, room id bound
    # ok: sql-injection
    frame = pd.read_sql(f"SELECT * FROM {table} WHERE room_id = %(room)s", ENGINE, params={"room": room_id})
    target = EXPORTS / f"room-{int(room_id)}" / out_name
    # to_csv with the requested file name under the room folder
    # ruleid: path-traversal
    frame.to_csv(target, index=False)
    return str(target)


def filtered_export(room_id: str, where: str) -> int:
    # the job receives a WHERE clause typed in the UI
    # ruleid: sql-injection
    frame = pd.read_sql(f"SELECT * FROM deal_summary WHERE room_id = '{room_id}' AND ({where})", ENGINE)
    # to_parquet with a name built from the room id only after int()
    # ok: path-traversal
    frame.to_parquet(EXPORTS / f"room-{int(room_id)}.parquet")
    return len(frame)


def rename_column(room_id: str, column: str, new_name: str) -> None:
    conn = ENGINE.raw_connection()
    with conn.cursor() as cur:
        # psycopg2 sql.Identifier quotes both names
        # ok: sql-injection
        cur.execute(
            sql.SQL("ALTER TABLE {} RENAME COLUMN {} TO {}").format(
                sql.Identifier(f"room_{int(room_id)}"), sql.Identifier(column), sql.Identifier(new_name)
            )
        )
        # the audit line is built with % formatting instead
        # ruleid: sql-injection
        cur.execute("INSERT INTO audit_events (room_id, what) VALUES (%s, 'renamed %s')" % (room_id, column))
    conn.commit()


def import_archive(room_id: str, archive_name: str) -> list[str]:
    dest = room_dir(room_id)
    src = ROOMS / "incoming" / os.path.basename(archive_name)
    with tarfile.open(src) as tar:
        # [extended sink] extractall of an uploaded tarball with no filter: members named ../ escape dest
        # ruleid: path-traversal
        tar.extractall(dest)
    return os.listdir(dest)


def import_archive_safely(room_id: str, archive_name: str) -> None:
    dest = room_dir(room_id).resolve()
    src = ROOMS / "incoming" / os.path.basename(archive_name)
    with tarfile.open(src) as tar:
        # [extended sink] the "data" filter refuses absolute names, .. and links leaving dest
        # ok: path-traversal
        tar.extractall(dest, filter="data")


def unpack_bundle(room_id: str, bundle: str) -> None:
    # unpack_archive with a caller-chosen archive path
    # ruleid: path-traversal
    shutil.unpack_archive(bundle, room_dir(room_id) / "bundle")


def copy_template(room_id: str, template: str) -> None:
    base = (ROOMS / "templates").resolve()
    source = (base / template).resolve()
    if base not in source.parents:
        raise PermissionError(template)
    # resolved path checked with .parents and a raise
    # ok: path-traversal
    shutil.copy(source, room_dir(room_id))


def zip_room(room_id: str, label: str) -> str:
    # make_archive base name from the job's label
    # ruleid: path-traversal
    return shutil.make_archive(str(EXPORTS / label), "zip", room_dir(room_id))


def pull_partner_file(room_id: str, file_key: str) -> None:
    # constant https host with a trailing slash; the key is only the path
    # ok: ssrf
    resp = requests.get(IMPORT_BASE + file_key, timeout=30)
    with tempfile.NamedTemporaryFile(suffix=".zip", delete=False) as tmp:
        tmp.write(resp.content)
    with zipfile.ZipFile(tmp.name) as zf:
        # [extended sink] ZipFile.extractall strips .. and absolute names itself
        # ok: path-traversal
        zf.extractall(room_dir(room_id) / "partner")


def mirror_url(room_id: str, url: str) -> None:
    # the web app enqueues whatever URL the user pasted
    # ruleid: ssrf
    resp = requests.get(url, timeout=30, stream=True)
    # read_csv of the same URL: pandas fetches it itself (reported as path traversal)
    # ruleid: path-traversal
    frame = pd.read_csv(url)
    frame.to_csv(EXPORTS / f"mirror-{int(room_id)}.csv")
    resp.close()


def load_room_settings(room_id: str, settings_text: str) -> dict:
    # full_load builds arbitrary Python objects from the uploaded settings
    # ruleid: unsafe-yaml-load
    loaded = yaml.full_load(settings_text)
    # safe_load for the defaults file
    # ok: unsafe-yaml-load
    defaults = yaml.safe_load((ROOMS / "defaults.yaml").read_text())
    return {**defaults, **loaded}


def schedule_export(room_id: str, dataset: str) -> None:
    queue.enqueue(export_dataset, dataset, room_id, f"{dataset}.csv")
