"""Catalogue JSON API (Flask + PyMongo), authenticated with bearer tokens only."""

from __future__ import annotations

import os
import re
from functools import wraps

from bson import ObjectId
from bson.errors import InvalidId
from flask import Flask, abort, g, jsonify, request
from flask_cors import CORS, cross_origin
from flask_pymongo import PyMongo

# JSON API: POST routes but no session, cookies or logins in this module
# ok: missing-csrf
app = Flask(__name__)
app.config["MONGO_URI"] = os.environ["MONGO_URI"]
mongo = PyMongo(app)
products_collection = mongo.db.products
# public read API: any origin, no credentials
# ok: permissive-cors
CORS(app, resources={r"/public/*": {"origins": "*"}})

FILTERABLE = {"brand", "category", "color"}
SKU_RE = re.compile(r"[A-Z]{3}-\d{6}")


def require_token(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            abort(401)
        # fixed filter shape, header value coerced to str
        # ok: nosql-injection
        g.client = mongo.db.api_clients.find_one({"token": str(auth[7:])})
        if g.client is None:
            abort(401)
        return view(*args, **kwargs)

    return wrapper


def _oid(value: str) -> ObjectId:
    try:
        return ObjectId(value)
    except InvalidId:
        abort(404)


@app.post("/products/search")
@require_token
def search_products():
    criteria = request.get_json(force=True)
    # whole JSON body used as the filter
    # ruleid: nosql-injection
    docs = products_collection.find(criteria).limit(50)
    return jsonify([{**d, "_id": str(d["_id"])} for d in docs])


@app.post("/products/search/v2")
@require_token
def search_products_v2():
    body = request.get_json(force=True) or {}
    query = {k: str(v) for k, v in body.items() if k in FILTERABLE}
    # [known limit] dictionary built from allowlisted keys with str() values, passed by name
    # ok: nosql-injection
    docs = products_collection.find(query).limit(50)
    return jsonify([{**d, "_id": str(d["_id"])} for d in docs])


@app.post("/products/by-sku")
@require_token
def by_sku():
    body = request.get_json(force=True)
    # [beyond docs] JSON body value (may be an object such as {"$ne": null}) inside a dict literal
    # ruleid: nosql-injection
    doc = products_collection.find_one({"sku": body["sku"], "tenant": g.client["tenant"]})
    return jsonify(doc and {**doc, "_id": str(doc["_id"])})


@app.post("/products/by-sku/v2")
@require_token
def by_sku_v2():
    sku = (request.get_json(force=True) or {}).get("sku", "")
    if not isinstance(sku, str) or not SKU_RE.fullmatch(sku):
        abort(400)
    # type and anchored format check before the query
    # ok: nosql-injection
    doc = products_collection.find_one({"sku": sku, "tenant": g.client["tenant"]})
    return jsonify(doc and {**doc, "_id": str(doc["_id"])})


@app.get("/products")
@require_token
def list_products():
    brand = request.args.get("brand", "")
    # query-string value (always a string in Flask) in a dict literal
    # ok: nosql-injection
    docs = products_collection.find({"brand": brand}).limit(50)
    return jsonify([{**d, "_id": str(d["_id"])} for d in docs])


@app.get("/products/<product_id>")
@require_token
def get_product(product_id):
    # ObjectId coercion
    # ok: nosql-injection
    doc = products_collection.find_one({"_id": _oid(product_id)})
    return jsonify(doc and {**doc, "_id": str(doc["_id"])})


@app.delete("/products")
@require_token
def bulk_delete():
    selector = request.get_json(force=True).get("selector")
    # selector object from the body, passed whole
    # ruleid: nosql-injection
    result = mongo.db.products.delete_many(selector)
    return jsonify(deleted=result.deleted_count)


@app.post("/products/<product_id>/price")
@require_token
def update_price(product_id):
    body = request.get_json(force=True)
    price = float(body["price"])
    # coerced value in a fixed update document
    # ok: nosql-injection
    mongo.db.products.update_one({"_id": _oid(product_id)}, {"$set": {"price": price}})
    return jsonify(ok=True)


@app.get("/reports/slow")
@require_token
def slow_report():
    expr = request.args.get("where", "this.stock < 5")
    # $where with JavaScript from the query string
    # ruleid: nosql-injection
    docs = products_collection.find({"$where": expr})
    return jsonify(count=len(list(docs)))


@app.get("/partner/feed")
# partner dashboard: credentials allowed, any origin
# ruleid: permissive-cors
@cross_origin(supports_credentials=True)
def partner_feed():
    return jsonify(items=[])


@app.get("/partner/feed/v2")
# explicit origin list with credentials
# ok: permissive-cors
@cross_origin(origins=["https://partners.example.com"], supports_credentials=True)
def partner_feed_v2():
    return jsonify(items=[])
