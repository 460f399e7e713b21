import io
import os
import re

import pandas as pd
from fastapi import FastAPI, UploadFile
from flask import Flask, abort, jsonify, request
from pandas import read_json
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
DATA_DIR = os.path.realpath("/srv/datasets")


# ---------------------------------------------------------------- vulnerable


@app.route("/datasets/preview")
def preview():
    name = request.args.get("name", "")
    # ruleid: python-path-traversal-pandas-read
    df = pd.read_csv(os.path.join(DATA_DIR, name))
    return jsonify(df.head(20).to_dict(orient="records"))


@app.route("/datasets/import", methods=["POST"])
def import_dataset():
    source = request.json["source"]
    # the whole path (or an http:// / s3:// URL) comes from the client
    # ruleid: python-path-traversal-pandas-read
    df = pd.read_parquet(path=source)
    return jsonify(rows=len(df))


@app.route("/reports/<report>")
def report(report):
    # ruleid: python-path-traversal-pandas-read
    df = read_json(f"{DATA_DIR}/{report}.json")
    return df.to_html()


@api.get("/sheets")
def sheet(workbook: str, tab: str = "Sheet1"):
    # ruleid: python-path-traversal-pandas-read
    df = pd.read_excel(DATA_DIR + "/" + workbook, sheet_name=tab)
    return df.to_dict(orient="records")


# ---------------------------------------------------------------- safe


@app.route("/datasets/preview-safe")
def preview_safe():
    full = os.path.realpath(os.path.join(DATA_DIR, request.args.get("name", "")))
    if not full.startswith(DATA_DIR + os.sep):
        abort(400)
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(full)
    return jsonify(df.head(20).to_dict(orient="records"))


@app.route("/datasets/by-name")
def by_name():
    name = secure_filename(request.args.get("name", ""))
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(os.path.join(DATA_DIR, name))
    return jsonify(rows=len(df))


@app.route("/datasets/slug")
def by_slug():
    slug = request.args.get("slug", "")
    if not re.fullmatch(r"[a-z0-9_-]+", slug):
        abort(400)
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(os.path.join(DATA_DIR, slug + ".csv"))
    return jsonify(rows=len(df))


@app.route("/upload", methods=["POST"])
def upload():
    # the uploaded file object is read as content, not opened by name
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(request.files["data"])
    return jsonify(columns=list(df.columns))


@app.route("/upload-held", methods=["POST"])
def upload_held():
    uploaded = request.files.get("data")
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(uploaded)
    return jsonify(columns=list(df.columns))


@app.route("/paste", methods=["POST"])
def paste():
    # CSV text pasted into a form: a buffer, not a path
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(io.StringIO(request.form["csv"]))
    return jsonify(rows=len(df))


@api.post("/upload")
async def upload_api(file: UploadFile):
    # ok: python-path-traversal-pandas-read
    df = pd.read_csv(file.file)
    return {"columns": list(df.columns)}
