"""Notes JSON API: Flask + PyMongo, token auth in a header, imports from other note apps."""

import ast
import base64
import hashlib
import hmac
import os
import pickle
import xml.etree.ElementTree as ET

import yaml
from defusedxml import ElementTree as SafeET
from flask import Flask, abort, g, jsonify, request
from flask_cors import CORS
from lxml import etree
from pymongo import MongoClient

class DevelopmentConfig:
    # development configuration class
    # ok: debug-mode
    DEBUG = True


class ProductionConfig:
    JSON_SORT_KEYS = False
    # DEBUG on in the production configuration class
    # ruleid: debug-mode
    DEBUG = True


# JSON API with POST routes, authenticated by a bearer token: no cookie session
# ok: missing-csrf
app = Flask(__name__)
# credentials allowed for every origin
# ruleid: permissive-cors
CORS(app, supports_credentials=True)
app.config.from_object(ProductionConfig if os.environ.get("NOTES_ENV") == "production" else DevelopmentConfig)

client = MongoClient(os.environ["MONGO_URL"])
db = client.notes_app
notes = db.notes
DRAFT_SIGNING_KEY = os.environ["DRAFT_SIGNING_KEY"].encode()

# lxml parser with entities off and no network
# ok: xxe-parser-config
HARDENED = etree.XMLParser(resolve_entities=False, no_network=True)
# parser kept for the legacy DTD-based export format
# ruleid: xxe-parser-config
LEGACY_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True)


@app.before_request
def authenticate():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # header value is a string inside a fixed filter shape
    # ok: nosql-injection
    user = db.api_tokens.find_one({"token": token})
    if user is None:
        abort(401)
    g.user_id = user["user_id"]


@app.post("/api/share/accept")
def accept_share():
    body = request.get_json()
    # a JSON body value can be an object ({"$ne": null})
    # ruleid: nosql-injection
    invite = db.invites.find_one({"code": body["code"], "email": body["email"]})
    if invite is None:
        abort(404)
    return jsonify({"note": str(invite["note_id"])})


@app.post("/api/share/accept-v2")
def accept_share_v2():
    body = request.get_json()
    # each value coerced with str()
    # ok: nosql-injection
    invite = db.invites.find_one({"code": str(body.get("code", "")), "email": str(body.get("email", ""))})
    return jsonify({"found": invite is not None})


@app.get("/api/notes")
def list_notes():
    tag = request.args.get("tag", "")
    # query-string value is always a string
    # ok: nosql-injection
    docs = notes.find({"tags": tag, "owner": g.user_id}, {"_id": 0})
    return jsonify(list(docs))


@app.post("/api/notes/search")
def search_notes():
    # the whole JSON body as the filter
    # ruleid: nosql-injection
    cursor = notes.find(request.get_json(), {"_id": 0})
    return jsonify(list(cursor))


@app.post("/api/notes/filter")
def filter_notes():
    criteria = request.get_json() or {}
    query = {"owner": g.user_id}
    for key in ("tag", "color", "pinned"):
        if key in criteria:
            query[key] = str(criteria[key])
    # filter built from listed keys and str() values, passed by name [known limit]
    # ok: nosql-injection
    return jsonify(list(notes.find(query, {"_id": 0})))


@app.get("/api/notes/long")
def long_notes():
    min_len = request.args.get("min", "100")
    # query text inside $where
    # ruleid: nosql-injection
    return jsonify(list(notes.find({"$where": f"this.body.length > {min_len}"}, {"_id": 0})))


@app.post("/api/import/enex")
def import_enex():
    # request body parsed by ElementTree
    # ruleid: xxe
    root = ET.fromstring(request.data)
    return jsonify({"notes": len(root.findall("note"))})


@app.post("/api/import/opml")
def import_opml():
    # defusedxml
    # ok: xxe
    root = SafeET.fromstring(request.get_data())
    return jsonify({"outlines": len(root.findall(".//outline"))})


@app.post("/api/import/xhtml")
def import_xhtml():
    # lxml without a parser argument
    # ruleid: xxe
    doc = etree.fromstring(request.files["file"].read())
    return jsonify({"paragraphs": len(doc.findall(".//p"))})


@app.post("/api/import/xhtml-safe")
def import_xhtml_safe():
    # lxml with the hardened parser
    # ok: xxe
    doc = etree.fromstring(request.files["file"].read(), HARDENED)
    return jsonify({"paragraphs": len(doc.findall(".//p"))})


@app.post("/api/drafts/restore")
def restore_draft():
    blob = base64.b64decode(request.cookies.get("draft", ""))
    # pickled draft from a cookie
    # ruleid: unsafe-deserialization
    draft = pickle.loads(blob)
    return jsonify(draft)


@app.post("/api/drafts/restore-signed")
def restore_signed_draft():
    blob = base64.b64decode(request.form["blob"])
    expected = hmac.new(DRAFT_SIGNING_KEY, blob, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.form.get("sig", "")):
        abort(403)
    # HMAC verified before loading
    # ok: unsafe-deserialization
    draft = pickle.loads(blob)
    return jsonify(draft)


@app.post("/api/settings/import")
def import_settings():
    # safe loader
    # ok: unsafe-yaml-load
    data = yaml.safe_load(request.data)
    if data.get("version", 1) < 2:
        # the full loader for old exports
        # ruleid: unsafe-yaml-load
        data = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify({"keys": sorted(data)})


@app.post("/api/notes/calc")
def calc():
    expr = request.get_json()["expr"]
    # eval with emptied builtins
    # ruleid: code-injection
    value = eval(expr, {"__builtins__": {}}, {})
    return jsonify({"value": value})


@app.post("/api/notes/checklist")
def checklist():
    # literal-only parser
    # ok: code-injection
    items = ast.literal_eval(request.get_json()["items"])
    return jsonify({"count": len(items)})
