"""Supplier catalogue API on Django Ninja: handlers receive typed query, path and body parameters."""

import shlex
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import requests
from django.db import connection
from django.http import FileResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError

from .models import Product, Supplier

api = NinjaAPI(title="catalogue")

EXPORT_ROOT = Path("/srv/catalogue/exports").resolve()
SORT_KEYS = {"name": "p.name", "price": "p.price_cents", "stock": "p.stock"}
CARRIERS = {"dhl": "https://api.dhl.example/track/", "ups": "https://tracking.ups.example/v2/"}
PRICE_FEEDS = {"feeds.acme.example", "prices.globex.example"}
API_KEY_HEADER = "X-Partner-Key"


class WebhookIn(Schema):
    callback_url: str
    event: str


class ExportIn(Schema):
    table: str
    file_name: str


def _search_sql(term):
    return "SELECT p.id, p.name FROM catalogue_product p WHERE p.name ILIKE '%" + term + "%'"


def _quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


@api.get("/products/search")
def search_products(request, q: str, sort: str = "name"):
    if sort not in SORT_KEYS:
        raise HttpError(400, "bad sort")
    with connection.cursor() as cur:
        # query parameter concatenated into SQL inside a same-file helper
        # ruleid: sql-injection
        cur.execute(_search_sql(q))
        hits = cur.fetchall()
        # sort key checked against the dict before the lookup, the term bound as a parameter
        # ok: sql-injection
        cur.execute("SELECT id FROM catalogue_product p WHERE p.name ILIKE %s ORDER BY " + SORT_KEYS[sort], [f"%{q}%"])
    return {"hits": hits}


@api.get("/suppliers/{supplier_id}/products")
def supplier_products(request, supplier_id: int, category: str = ""):
    # raw() with the path id bound as a parameter
    # ok: sql-injection
    bound = Product.objects.raw("SELECT * FROM catalogue_product WHERE supplier_id = %s", [supplier_id])
    # raw() with the category interpolated into a quoted literal
    # ruleid: sql-injection
    loose = Product.objects.raw(f"SELECT * FROM catalogue_product WHERE category = '{category}'")
    return {"bound": len(list(bound)), "loose": len(list(loose))}


@api.get("/suppliers/page/{page}")
def suppliers_page(request, page: int, country: str = "DE"):
    # [beyond docs] a Ninja parameter annotated int is validated and converted to int before the handler runs
    # ok: sql-injection
    first = Supplier.objects.raw(f"SELECT * FROM catalogue_supplier ORDER BY id LIMIT 50 OFFSET {page * 50}")
    # extra(where=...) with the country written into the clause
    # ruleid: sql-injection
    by_country = Supplier.objects.extra(where=[f"country = '{country}'"])
    # extra(where=...) with a placeholder and params
    # ok: sql-injection
    safe_country = Supplier.objects.extra(where=["country = %s"], params=[country])
    return {"n": len(list(first)), "c": by_country.count(), "s": safe_country.count()}


@api.post("/admin/vacuum")
def vacuum_table(request, payload: ExportIn):
    with connection.cursor() as cur:
        # table name quoted as an identifier by a same-file helper that doubles the quote
        # ok: sql-injection
        cur.execute("VACUUM ANALYZE " + _quote_ident(payload.table))
        # table name pasted as it is
        # ruleid: sql-injection
        cur.execute("ANALYZE " + payload.table)
    return {"ok": True}


@api.post("/webhooks/test")
def test_webhook(request, payload: WebhookIn):
    # body field used as the whole URL
    # ruleid: ssrf
    resp = requests.post(payload.callback_url, json={"event": payload.event}, timeout=5)
    return {"status": resp.status_code}


@api.get("/track/{carrier}/{number}")
def track(request, carrier: str, number: str):
    if carrier not in CARRIERS:
        raise HttpError(404, "carrier")
    # base URL picked from a constant dict, the number only extends the path
    # ok: ssrf
    return requests.get(CARRIERS[carrier] + number, timeout=5).json()


@api.get("/quote")
def quote(request, region: str, sku: str):
    # region placed in front of the host name: it can end the host ("evil.example/")
    # ruleid: ssrf
    resp = requests.get(f"https://{region}.pricing.example.com/v1/quote/{sku}", timeout=5)
    # fixed scheme and host, the user value only in the path
    # ok: ssrf
    spare = requests.get(f"https://pricing.example.com/v1/{region}/quote/{sku}", timeout=5)
    return {"a": resp.json(), "b": spare.json()}


@api.get("/feeds/pull")
def pull_feed(request, feed: str, mirror: str = ""):
    if urlparse(feed).hostname not in PRICE_FEEDS:
        raise HttpError(400, "feed host")
    # hostname allowlist with an early exit before the request
    # ok: ssrf
    main = requests.get(feed, timeout=10)
    # the allowlist checked `feed`, not `mirror`
    # ruleid: ssrf
    backup = requests.get(mirror, timeout=10) if mirror else None
    return {"main": main.status_code, "backup": backup.status_code if backup else None}


@api.get("/exports/{name}")
def download_export(request, name: str):
    # constant directory in front of a path parameter
    # ruleid: path-traversal
    return FileResponse(open(EXPORT_ROOT / name, "rb"))


@api.get("/exports/checked/{name}")
def download_checked(request, name: str):
    target = (EXPORT_ROOT / name).resolve()
    if not target.is_relative_to(EXPORT_ROOT):
        raise HttpError(403, "outside exports")
    # resolve() + is_relative_to() with an early exit
    # ok: path-traversal
    return FileResponse(open(target, "rb"))


@api.get("/exports/parents/{name}")
def download_parents(request, name: str):
    candidate = EXPORT_ROOT / name
    if EXPORT_ROOT not in candidate.parents:
        raise HttpError(403, "outside exports")
    # .parents of a path that was never resolved still contains the base for "a/../../x"
    # ruleid: path-traversal
    return FileResponse(open(candidate, "rb"))


@api.post("/exports/run")
def run_export(request, payload: ExportIn):
    out = f"/tmp/{payload.file_name}.sql"
    # shell command with the table and file name from the body
    # ruleid: command-injection
    subprocess.run(f"pg_dump -t {payload.table} catalogue > {out}", shell=True, check=True)
    # the same dump as an argument list, no shell
    # ok: command-injection
    subprocess.run(["pg_dump", "-t", payload.table, "-f", out, "catalogue"], check=True)
    # every value quoted with shlex.quote
    # ok: command-injection
    subprocess.run("pg_dump -t " + shlex.quote(payload.table) + " catalogue | gzip > " + shlex.quote(out + ".gz"), shell=True, check=True)
    return {"ok": True}


@api.get("/login/done")
def login_done(request, next: str = "/"):
    # query parameter as the redirect target
    # ruleid: open-redirect
    return HttpResponseRedirect(next)


@api.get("/login/done-safe")
def login_done_safe(request, next: str = "/"):
    if not url_has_allowed_host_and_scheme(next, allowed_hosts={request.get_host()}, require_https=True):
        next = "/"
    # Django's host check, with the target reset when it fails
    # ok: open-redirect
    return HttpResponseRedirect(next)


# a plain Django view with CSRF protection switched off
# ruleid: missing-csrf
@csrf_exempt
def legacy_price_upload(request):
    return HttpResponseRedirect("/catalogue/")
