"""Member import/export for the climbing gym's staff portal (Flask + PyMongo).

Staff upload the front-desk CSV or Excel sheet, search members, print waiver PDFs
and download zip exports for the accountant.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import tempfile
import zipfile
from datetime import datetime

from bson import ObjectId
from flask import Flask, abort, jsonify, redirect, request, send_file, url_for
from flask_pymongo import PyMongo
from flask_wtf.csrf import CSRFProtect
from openpyxl import load_workbook
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from werkzeug.utils import secure_filename

log = logging.getLogger("gym.members")

app = Flask(__name__)
app.config["MONGO_URI"] = os.environ.get("MONGO_URI", "mongodb://localhost:27017/gym")
app.config["SECRET_KEY"] = os.environ["GYM_SECRET_KEY"]
csrf = CSRFProtect(app)
mongo = PyMongo(app)

EXPORT_DIR = os.path.realpath(os.environ.get("EXPORT_DIR", "/srv/gym/exports"))
WAIVER_DIR = "/srv/gym/waivers"
MEMBER_FIELDS = ("first_name", "last_name", "email", "membership", "joined")
MEMBERSHIPS = {"day", "monthly", "annual", "student"}
MEMBER_NO = re.compile(r"^G\d{6}$")


def _row_to_member(row: dict) -> dict:
    member = {k: (row.get(k) or "").strip() for k in MEMBER_FIELDS}
    if member["membership"] not in MEMBERSHIPS:
        member["membership"] = "day"
    member["imported_at"] = datetime.utcnow()
    return member


@app.post("/members/import/csv")
def import_csv():
    upload = request.files.get("sheet")
    if upload is None:
        abort(400)
    text = io.TextIOWrapper(upload.stream, encoding="utf-8-sig")
    members = [_row_to_member(r) for r in csv.DictReader(text)]
    if members:
        mongo.db.members.insert_many(members)
    return jsonify({"imported": len(members)})


@app.post("/members/import/xlsx")
def import_xlsx():
    upload = request.files["sheet"]
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)
    # tempfile's own name
    # ok: path-traversal
    upload.save(tmp.name)
    wb = load_workbook(tmp.name, read_only=True)
    ws = wb.active
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    members = [_row_to_member({k: str(v or "") for k, v in r.items()}) for r in rows]
    mongo.db.members.insert_many(members)
    original = upload.filename or "sheet.xlsx"
    # the client's file name kept as the archive copy's name
    # ruleid: path-traversal
    upload.save(os.path.join(EXPORT_DIR, "originals", original))
    return jsonify({"imported": len(members)})


@app.get("/members/search")
def search_members():
    last = request.args.get("last_name", "")
    membership = request.args.get("membership", "")
    # query-string values are strings: no operator objects
    # ok: nosql-injection
    found = mongo.db.members.find({"last_name": last, "membership": membership}).limit(50)
    return jsonify([{**m, "_id": str(m["_id"])} for m in found])


@app.post("/members/query")
def query_members():
    criteria = request.get_json(force=True) or {}
    # a JSON body value can be {"$ne": null}
    # ruleid: nosql-injection
    found = mongo.db.members.find({"email": criteria.get("email")}).limit(50)
    return jsonify([{**m, "_id": str(m["_id"])} for m in found])


@app.get("/members/advanced")
def advanced_search():
    q = json.loads(request.args.get("q", "{}"))
    # a query-string value turned back into an object
    # ruleid: nosql-injection
    found = mongo.db.members.find({"joined": q.get("joined")}).limit(50)
    return jsonify([{**m, "_id": str(m["_id"])} for m in found])


@app.get("/members/by-fields")
def by_fields():
    flt = {}
    for key in ("first_name", "last_name", "membership"):
        if request.args.get(key):
            flt[key] = request.args[key]
    # [known limit] a filter of listed keys and query-string strings, passed by name
    # ok: nosql-injection
    found = mongo.db.members.find(flt).limit(50)
    return jsonify([{**m, "_id": str(m["_id"])} for m in found])


@app.post("/members/<member_id>/waiver")
def waiver_pdf(member_id: str):
    member = mongo.db.members.find_one_or_404({"_id": ObjectId(member_id)})
    number = request.form.get("member_no", "")
    if not MEMBER_NO.match(number):
        abort(400)
    path = os.path.join(WAIVER_DIR, f"{number}.pdf")
    # [extended sink] reportlab Canvas writes the file; anchored member number checked first
    # ok: path-traversal
    pdf = canvas.Canvas(path, pagesize=A4)
    pdf.drawString(72, 800, f"Waiver for {member['first_name']} {member['last_name']}")
    pdf.save()
    # send_file of the same checked path
    # ok: path-traversal
    return send_file(path, mimetype="application/pdf")


@app.get("/exports/<path:name>")
def download_export(name: str):
    full = os.path.realpath(os.path.join(EXPORT_DIR, name))
    # a prefix check without the separator: "/srv/gym/exports-old/..." passes
    if not full.startswith(EXPORT_DIR):
        abort(404)
    # the base without os.sep admits sibling directories
    # ruleid: path-traversal
    return send_file(full, as_attachment=True)


@app.post("/exports/bundle")
def bundle_exports():
    names = request.form.getlist("name")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in names:
            safe = secure_filename(name)
            # [extended sink] ZipFile.write reads the file; secure_filename of each requested name
            # ok: path-traversal
            zf.write(os.path.join(EXPORT_DIR, safe), arcname=safe)
    buf.seek(0)
    # an in-memory buffer, not a path
    # ok: path-traversal
    return send_file(buf, download_name="exports.zip", as_attachment=True)


@app.post("/members/<member_id>/delete")
def delete_member(member_id: str):
    # ObjectId of the route value
    # ok: nosql-injection
    mongo.db.members.delete_one({"_id": ObjectId(member_id)})
    return redirect(url_for("search_members"))


@app.post("/members/bulk-delete")
def bulk_delete():
    body = request.get_json(force=True) or {}
    # the whole "where" object of the body is the filter
    # ruleid: nosql-injection
    result = mongo.db.members.delete_many(body.get("where", {"_id": None}))
    return jsonify({"deleted": result.deleted_count})


@app.get("/after-import")
def after_import():
    back = request.args.get("back", "")
    if back not in ("/members/search", "/exports/bundle"):
        back = "/members/search"
    # the target reset to a default unless it is one of two literals
    # ok: open-redirect
    return redirect(back)


@app.get("/go")
def go():
    # the raw "to" parameter
    # ruleid: open-redirect
    return redirect(request.args.get("to", "/"))
