"""Document store API (FastAPI, aiofiles).

Benchmark corpus, path-traversal (CWE-22).
"""
import os
import uuid
from pathlib import Path

import aiofiles
from fastapi import FastAPI, HTTPException, UploadFile
from fastapi.responses import FileResponse

app = FastAPI()

DOCS = Path("/srv/docs").resolve()


@app.get("/docs/{name}")
def get_doc(name: str):
    # FileResponse with a path parameter.
    # ruleid: path-traversal
    return FileResponse(f"/srv/docs/{name}")


@app.get("/docs-safe/{name}")
def get_doc_safe(name: str):
    # resolve() + is_relative_to() with an exception.
    target = (DOCS / name).resolve()
    if not target.is_relative_to(DOCS):
        raise HTTPException(403)
    # ok: path-traversal
    return FileResponse(target)


@app.get("/docs-uuid/{doc_id}")
def get_doc_uuid(doc_id: uuid.UUID):
    # UUID-typed parameter.
    # ok: path-traversal
    return FileResponse(DOCS / f"{doc_id}.pdf")


@app.get("/docs-query")
async def get_doc_query(path: str):
    # aiofiles.open with a query parameter.
    # ruleid: path-traversal
    async with aiofiles.open(os.path.join("/srv/docs", path), "rb") as fh:
        return await fh.read()


@app.post("/docs")
async def upload(file: UploadFile):
    # UploadFile.filename as the destination.
    data = await file.read()
    # ruleid: path-traversal
    Path("/srv/docs", file.filename).write_bytes(data)
    return {"stored": file.filename}


@app.post("/docs-safe")
async def upload_safe(file: UploadFile):
    # basename of the client's name.
    data = await file.read()
    name = os.path.basename(file.filename or "upload.bin")
    # ok: path-traversal
    (DOCS / name).write_bytes(data)
    return {"stored": name}


@app.get("/templates/{name}")
def template_source(name: str):
    # pathlib Path(...).open() with a parameter.
    # ruleid: path-traversal
    with Path(f"/srv/templates/{name}").open() as fh:
        return {"source": fh.read()}
