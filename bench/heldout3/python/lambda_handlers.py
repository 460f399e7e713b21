"""AWS Lambda handlers behind API Gateway (REST and HTTP APIs)."""
from __future__ import annotations

import base64
import hmac
import json
import os
import pickle
import subprocess
import urllib.request
from hashlib import sha256

import boto3
import pymysql
import requests

s3 = boto3.client("s3")
SIGNING_KEY = os.environ["STATE_SIGNING_KEY"].encode()
RENDER_API = "https://render.internal.example.com"
TMP = "/tmp"


def _db():
    return pymysql.connect(host=os.environ["RDS_HOST"], user="app", password=os.environ["RDS_PASSWORD"], database="shop")


def _ok(body) -> dict:
    return {"statusCode": 200, "body": json.dumps(body)}


def product_search(event, context):
    params = event.get("queryStringParameters") or {}
    category = params.get("category", "all")
    with _db().cursor() as cur:
        # API Gateway query string parameter in an f-string
        # ruleid: sql-injection
        cur.execute(f"SELECT id, name FROM products WHERE category = '{category}'")
        return _ok(cur.fetchall())


def product_detail(event, context):
    product_id = event["pathParameters"]["id"]
    with _db().cursor() as cur:
        # path parameter bound with %s
        # ok: sql-injection
        cur.execute("SELECT * FROM products WHERE id = %s", (product_id,))
        return _ok(cur.fetchone())


def create_review(event, context):
    body = json.loads(event["body"])
    rating = int(body["rating"])
    with _db().cursor() as cur:
        # rating coerced with int(); text bound as a parameter
        # ok: sql-injection
        cur.execute(f"INSERT INTO reviews (rating, text) VALUES ({rating}, %s)", (body["text"],))
    return _ok({"ok": True})


def bulk_delete(event, context):
    body = json.loads(base64.b64decode(event["body"]) if event.get("isBase64Encoded") else event["body"])
    ids = ", ".join(body["ids"])
    with _db().cursor() as cur:
        # list from the JSON body joined into IN (...)
        # ruleid: sql-injection
        cur.execute("DELETE FROM reviews WHERE id IN (" + ids + ")")
    return _ok({"deleted": True})


def link_unfurl(event, context):
    url = json.loads(event["body"])["url"]
    # body URL fetched with urllib
    # ruleid: ssrf
    with urllib.request.urlopen(url, timeout=5) as resp:
        return _ok({"title": resp.read(200).decode(errors="ignore")})


def render_invoice(event, context):
    invoice_id = event["pathParameters"]["invoice_id"]
    # constant host, the parameter only in the path
    # ok: ssrf
    r = requests.get(f"{RENDER_API}/invoices/{invoice_id}.pdf", timeout=10)
    return {"statusCode": 200, "body": base64.b64encode(r.content).decode(), "isBase64Encoded": True}


def thumbnail(event, context):
    key = event["queryStringParameters"]["key"]
    local = os.path.join(TMP, key)
    # boto3 download to a local path built from the query key [extended sink]
    # ruleid: path-traversal
    s3.download_file("uploads-bucket", key, local)
    # convert run through a shell with the object key
    # ruleid: command-injection
    subprocess.run(f"convert {local} -resize 256x256 {local}.thumb.jpg", shell=True, check=True)
    # file path built from the query key under /tmp
    # ruleid: path-traversal
    with open(local + ".thumb.jpg", "rb") as fh:
        return {"statusCode": 200, "body": base64.b64encode(fh.read()).decode(), "isBase64Encoded": True}


def thumbnail_safe(event, context):
    key = event["queryStringParameters"]["key"]
    local = os.path.join(TMP, os.path.basename(key))
    # boto3 download to a basename'd local path [extended sink]
    # ok: path-traversal
    s3.download_file("uploads-bucket", key, local)
    # no shell; basename'd local path as separate arguments
    # ok: command-injection
    subprocess.run(["convert", local, "-resize", "256x256", local + ".thumb.jpg"], check=True)
    # basename keeps the file inside /tmp
    # ok: path-traversal
    with open(local + ".thumb.jpg", "rb") as fh:
        return {"statusCode": 200, "body": base64.b64encode(fh.read()).decode(), "isBase64Encoded": True}


def restore_cart(event, context):
    body = json.loads(event["body"])
    blob = base64.b64decode(body["state"])
    expected = hmac.new(SIGNING_KEY, blob, sha256).hexdigest()
    if not hmac.compare_digest(expected, body.get("sig", "")):
        return {"statusCode": 403, "body": "bad signature"}
    # HMAC verified before unpickling
    # ok: unsafe-deserialization
    cart = pickle.loads(blob)
    return _ok({"items": len(cart)})


def restore_cart_legacy(event, context):
    blob = base64.b64decode(event["headers"]["x-cart-state"])
    # header value unpickled
    # ruleid: unsafe-deserialization
    cart = pickle.loads(blob)
    return _ok({"items": len(cart)})


def partner_status(event, context):
    partner = event["pathParameters"]["partner"]
    # TLS verification disabled; the path parameter is a subdomain label that can end the host
    # ruleid: tls-verification-disabled
    # ruleid: ssrf
    r = requests.get(f"https://{partner}.partners.example.com/status", verify=False, timeout=5)
    return _ok(r.json())


def s3_internal(event, context):
    # boto3 client with a custom CA bundle
    # ok: tls-verification-disabled
    client = boto3.client("s3", verify="/opt/certs/internal-ca.pem")
    return _ok(client.list_buckets()["Buckets"])


def redirect_short_link(event, context):
    target = event["queryStringParameters"]["to"]
    # Location header from the query string, returned to API Gateway [beyond docs]
    # ruleid: open-redirect
    return {"statusCode": 302, "headers": {"Location": target}}
