"""Product catalog service used by the storefront's Flask blueprint (defined below)."""

import os
import sqlite3
from dataclasses import dataclass
from typing import Optional

import requests
from flask import Blueprint, abort, jsonify, render_template_string, request

from .catalog_validators import (
    ValidationError,
    is_image_host,
    looks_like_slug,
    require_slug,
    require_sort,
    resolves_public,
)

bp = Blueprint("catalog", __name__)
IMAGE_CACHE = "/var/cache/catalog/images"


@dataclass
class ProductQuery:
    category: str
    sort: str = "title"
    q: Optional[str] = None


class CatalogRepository:
    def __init__(self, path: str = "catalog.db"):
        self.conn = sqlite3.connect(path)

    def by_category(self, query: ProductQuery):
        sql = f"SELECT * FROM products WHERE category = '{query.category}' ORDER BY {query.sort}"
        if query.q:
            sql += f" AND title LIKE '%{query.q}%'"
        # category and sort validated by the imported helpers, q never [beyond docs]
        # ruleid: sql-injection
        return self.conn.execute(sql).fetchall()

    def product(self, slug: str):
        # slug validated by the imported require_slug in every caller [beyond docs]
        # ok: sql-injection
        return self.conn.execute(f"SELECT * FROM products WHERE slug = '{slug}'").fetchone()

    def related(self, slug: str):
        # ruleid: sql-injection
        return self.conn.execute("SELECT * FROM related WHERE a = '" + slug + "'").fetchall()


repo = CatalogRepository()


@bp.get("/c/<category>")
def category_page(category):
    try:
        query = ProductQuery(
            category=require_slug(category),
            sort=require_sort(request.args.get("sort", "title")),
            q=request.args.get("q"),
        )
    except ValidationError:
        abort(400)
    return jsonify(repo.by_category(query))


@bp.get("/p/<slug>")
def product_page(slug):
    slug = require_slug(slug)
    return jsonify(repo.product(slug))


@bp.get("/p/<slug>/related")
def related_products(slug):
    if not looks_like_slug(slug):
        print("odd slug", slug)
    return jsonify(repo.related(slug))


@bp.post("/images/import")
def import_image():
    url = request.json["url"]
    if not is_image_host(url):
        abort(400)
    # imported host allowlist predicate with an early exit [beyond docs]
    # ok: ssrf
    data = requests.get(url, timeout=10).content
    name = os.path.basename(url)
    # basename of the URL
    # ok: path-traversal
    with open(os.path.join(IMAGE_CACHE, name), "wb") as fh:
        fh.write(data)
    return jsonify({"stored": name})


@bp.post("/images/mirror")
def mirror_image():
    url = request.json["url"]
    host = request.json.get("host", "")
    if not resolves_public(host):
        abort(400)
    # the resolved host is a separate field from the URL fetched
    # ruleid: ssrf
    data = requests.get(url, timeout=10).content
    return jsonify({"size": len(data)})


@bp.get("/c/<category>/banner")
def banner(category):
    title = request.args.get("title", category)
    # title spliced into template source (Flask's render_template_string is the xss rule's sink)
    # ruleid: xss
    return render_template_string("<h1>" + title + "</h1>")


@bp.get("/c/<category>/banner2")
def banner2(category):
    title = request.args.get("title", category)
    # title passed as a template variable
    # ok: xss
    return render_template_string("<h1>{{ title }}</h1>", title=title)
