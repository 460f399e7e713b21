"""Restores a workspace from an uploaded backup."""

import tarfile

from flask import Flask, request

app = Flask(__name__)


@app.post("/restore")
def restore():
    upload = request.files["backup"]
    with tarfile.open(fileobj=upload.stream, mode="r:gz") as tar:
        tar.extractall("/srv/workspaces/restored", filter="data")
    return {"ok": True}
