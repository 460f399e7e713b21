"""Document vault: FastAPI routes that move files between local scratch space and S3."""

import os
import shutil
import tempfile
from pathlib import Path

import boto3
import requests
from fastapi import FastAPI, HTTPException, UploadFile
from fastapi.responses import RedirectResponse
from botocore.config import Config

app = FastAPI()
s3 = boto3.client("s3", config=Config(signature_version="s3v4"))
BUCKET = "vault-documents-prod"
SCRATCH = Path("/var/tmp/vault").resolve()
ARCHIVE_ROOT = "/srv/vault/archive"
TEMPLATES = {"nda": "templates/nda-v3.docx", "invoice": "templates/invoice-2024.docx"}


@app.get("/documents/{key:path}/fetch")
def fetch_to_scratch(key: str):
    # the S3 key also used as the local file name under scratch
    # ruleid: path-traversal
    s3.download_file(BUCKET, key, str(SCRATCH / key))
    local = SCRATCH / Path(key).name
    # Path(key).name keeps only the last component for the local file
    # ok: path-traversal
    s3.download_file(BUCKET, key, str(local))
    return {"local": str(local)}


@app.post("/documents/push")
def push_from_scratch(name: str, folder: str = "inbox"):
    # a local file chosen by the query sent to S3
    # ruleid: path-traversal
    s3.upload_file(os.path.join(SCRATCH, folder, name), BUCKET, f"{folder}/{name}")
    return {"ok": True}


@app.get("/templates/{kind}")
def template_copy(kind: str):
    if kind not in TEMPLATES:
        raise HTTPException(404, "template")
    # the local path comes from a constant dict after a membership check
    # ok: path-traversal
    s3.download_file(BUCKET, TEMPLATES[kind], os.path.join(SCRATCH, TEMPLATES[kind]))
    return {"kind": kind}


@app.get("/documents/{key:path}/link")
def presign(key: str):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=300)
    # [beyond docs] a presigned URL produced by boto3 for the fixed bucket: the host is S3's
    # ok: open-redirect
    return RedirectResponse(url)


@app.post("/documents/{key:path}/mirror")
def mirror(key: str, target: str):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=60)
    # [beyond docs] request to a presigned URL for the fixed bucket
    # ok: ssrf
    body = requests.get(url, timeout=30).content
    # the mirror target is the query value
    # ruleid: ssrf
    requests.put(target, data=body, timeout=30)
    return {"bytes": len(body)}


@app.post("/documents/upload")
async def upload(file: UploadFile, folder: str = "inbox"):
    data = await file.read()
    # the upload's file name joined under scratch and written
    # ruleid: path-traversal
    (SCRATCH / folder / file.filename).write_bytes(data)
    with tempfile.NamedTemporaryFile(dir=SCRATCH, delete=False) as tmp:
        tmp.write(data)
    # the local file is a temporary file with a generated name
    # ok: path-traversal
    s3.upload_file(tmp.name, BUCKET, f"{folder}/{file.filename}")
    return {"ok": True}


@app.post("/archive/{batch}")
def archive_batch(batch: str):
    dest = os.path.realpath(os.path.join(ARCHIVE_ROOT, batch))
    if not dest.startswith(os.path.realpath(ARCHIVE_ROOT) + os.sep):
        raise HTTPException(403, "outside archive")
    # realpath + startswith(base + os.sep) with an early exit
    # ok: path-traversal
    shutil.make_archive(dest, "zip", root_dir=SCRATCH)
    return {"archive": dest + ".zip"}


@app.delete("/scratch/{folder}")
def wipe(folder: str):
    if os.path.splitext(folder)[1] not in ("", ".tmp"):
        raise HTTPException(400, "folder")
    # an extension check is no containment check
    # ruleid: path-traversal
    shutil.rmtree(SCRATCH / folder)
    return {"ok": True}


@app.post("/scratch/copy")
def copy_between(src: str, dst_batch: int):
    # the source path is the query value; the destination only an int
    # ruleid: path-traversal
    shutil.copy(src, os.path.join(ARCHIVE_ROOT, str(dst_batch)))
    return {"ok": True}


def sync_client(region):
    # TLS verification disabled for an S3-compatible endpoint
    # ruleid: tls-verification-disabled
    return boto3.client("s3", region_name=region, endpoint_url="https://minio.internal:9000", verify=False)


def sync_client_ca(region):
    # a CA bundle path instead of False
    # ok: tls-verification-disabled
    return boto3.client("s3", region_name=region, endpoint_url="https://minio.internal:9000", verify="/etc/ssl/minio-ca.pem")


# an AWS secret access key written into the module
# ruleid: hardcoded-secret
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYz9k2Lq7"
