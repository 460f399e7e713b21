"""File storage API of a small SaaS (FastAPI router): uploads, downloads, archives."""

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from fastapi import APIRouter, File, HTTPException, UploadFile

router = APIRouter()

UPLOADS = Path("/srv/storage/uploads").resolve()
ARCHIVES = os.path.realpath("/srv/storage/archives")
IMAGE_SUFFIXES = {".png", ".jpg", ".webp"}


def _validated_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise HTTPException(status_code=400, detail="bad id") from None


def _is_safe_name(name: str) -> bool:
    return name.isidentifier()


def _inside(base: Path, candidate: Path) -> Path:
    resolved = candidate.resolve()
    if not resolved.is_relative_to(base):
        raise HTTPException(status_code=403)
    return resolved


@router.post("/files")
async def upload(file: UploadFile = File(...)):
    dest = UPLOADS / file.filename
    # the client's file name used as the destination
    # ruleid: path-traversal
    dest.write_bytes(await file.read())
    return {"stored": dest.name}


@router.post("/files/safe")
async def upload_safe(file: UploadFile = File(...)):
    dest = UPLOADS / Path(file.filename).name
    # Path(...).name reduces the name to its last component
    # ok: path-traversal
    dest.write_bytes(await file.read())
    return {"stored": dest.name}


@router.get("/files/{doc_id}")
def download(doc_id: str):
    # try/except UUID validator that raises
    # ok: path-traversal
    return {"data": (UPLOADS / _validated_id(doc_id)).read_bytes().hex()}


@router.get("/files/by-name/{name}")
def download_by_name(name: str):
    _is_safe_name(name)
    # the validator's result is ignored
    # ruleid: path-traversal
    return {"data": (UPLOADS / name).read_bytes().hex()}


@router.get("/files/nested/{folder}/{name}")
def download_nested(folder: str, name: str):
    path = _inside(UPLOADS, UPLOADS / folder / name)
    # resolve + is_relative_to in a helper that raises and returns the resolved path
    # ok: path-traversal
    return {"data": path.read_bytes().hex()}


@router.get("/files/parents/{name}")
def download_parents(name: str):
    candidate = UPLOADS / name
    if UPLOADS not in candidate.parents:
        raise HTTPException(status_code=403)
    # .parents of an unresolved path: UPLOADS/../../etc/passwd still lists UPLOADS
    # ruleid: path-traversal
    return {"data": candidate.read_bytes().hex()}


@router.get("/images/{name}")
def image(name: str):
    if Path(name).suffix not in IMAGE_SUFFIXES:
        raise HTTPException(status_code=415)
    # an extension check only
    # ruleid: path-traversal
    return {"data": (UPLOADS / name).read_bytes().hex()}


@router.post("/archives/{name}/extract")
def extract(name: str):
    target = os.path.realpath(os.path.join(ARCHIVES, name))
    if not target.startswith(ARCHIVES + os.sep):
        raise HTTPException(status_code=403)
    # realpath + startswith(base + sep) before unpacking into a temp dir
    # ok: path-traversal
    shutil.unpack_archive(target, tempfile.mkdtemp())
    return {"ok": True}


@router.post("/archives/{name}/copy")
def copy_archive(name: str, to: str):
    src = os.path.realpath(os.path.join(ARCHIVES, name))
    if not src.startswith(ARCHIVES + os.sep):
        raise HTTPException(status_code=403)
    # the source is contained, the destination "to" is not checked
    # ruleid: path-traversal
    shutil.copy(src, os.path.join(ARCHIVES, to))
    return {"ok": True}


@router.delete("/archives/{name}")
def delete_archive(name: str):
    if not name.replace("-", "").isalnum():
        raise HTTPException(status_code=400)
    # [beyond docs] [extended sink] isalnum() after removing hyphens leaves no separator or dot; os.remove
    # ok: path-traversal
    os.remove(os.path.join(ARCHIVES, name + ".zip"))
    # [beyond docs] the same isalnum()-checked name, now through pathlib
    # ok: path-traversal
    Path(ARCHIVES, name + ".zip.sha256").write_text("")
    return {"ok": True}
