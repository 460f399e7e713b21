"""Billing portal endpoints on Azure Functions (Python v2 programming model), over SQL Server."""

import hashlib
import json
import logging
import os
import subprocess
import tempfile
from urllib.parse import urlparse

import azure.functions as func
import jwt
import pyodbc
import requests
from azure.storage.blob import BlobServiceClient
from pymongo import MongoClient

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
CONN_STR = os.environ["BILLING_SQL"]
PUBLIC_KEY = os.environ["PORTAL_JWT_PUBLIC_KEY"]
RETURN_HOSTS = {"billing.example-corp.com", "portal.example-corp.com"}
blobs = BlobServiceClient.from_connection_string(os.environ["BLOB_CONN"])
# Cosmos DB for MongoDB holds the payment-method records
payment_methods = MongoClient(os.environ["COSMOS_MONGO_URL"]).billing.payment_methods


def _cursor():
    return pyodbc.connect(CONN_STR, autocommit=True).cursor()


def _caller(req: func.HttpRequest) -> dict:
    token = req.headers.get("Authorization", "").removeprefix("Bearer ")
    # signature verified with a fixed algorithm list
    # ok: jwt-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="billing-portal")


def _caller_unverified(req: func.HttpRequest) -> dict:
    token = req.headers.get("Authorization", "").removeprefix("Bearer ")
    # claims read without checking the signature, then trusted as the caller
    # ruleid: jwt-not-verified
    return jwt.decode(token, options={"verify_signature": False})


@app.route(route="invoices", methods=["GET"])
def list_invoices(req: func.HttpRequest) -> func.HttpResponse:
    customer = req.params.get("customer", "")
    claims = _caller_unverified(req)
    cur = _cursor()
    # the customer filter between hand-written quotes
    # ruleid: sql-injection
    cur.execute(f"SELECT id, total FROM invoices WHERE customer = '{customer}' AND tenant = ?", claims["tenant"])
    return func.HttpResponse(json.dumps([list(r) for r in cur.fetchall()], default=str), mimetype="application/json")


@app.route(route="invoices/{invoice_id}/summary", methods=["GET"])
def invoice_summary(req: func.HttpRequest) -> func.HttpResponse:
    note = req.params.get("note", "")
    # an HTML response with the raw note [extended sink]
    # ruleid: xss
    return func.HttpResponse(f"<html><body><h2>Invoice summary</h2><p>{note}</p></body></html>", mimetype="text/html")


@app.route(route="invoices/{invoice_id}/pdf", methods=["POST"])
def render_pdf(req: func.HttpRequest) -> func.HttpResponse:
    invoice_id = req.route_params.get("invoice_id")
    out = os.path.join(tempfile.gettempdir(), "invoice.pdf")
    # the route parameter inside a shell command line
    # ruleid: command-injection
    subprocess.run(f"wkhtmltopdf https://billing.example-corp.com/print/{invoice_id} {out}", shell=True, check=True)
    number = int(invoice_id)
    # an int in the same command
    # ok: command-injection
    subprocess.run(f"wkhtmltopdf https://billing.example-corp.com/print/{number} {out}", shell=True, check=True)
    with open(out, "rb") as fh:
        return func.HttpResponse(fh.read(), mimetype="application/pdf")


@app.route(route="attachments/{name}", methods=["GET"])
def attachment(req: func.HttpRequest) -> func.HttpResponse:
    name = req.route_params.get("name")
    data = blobs.get_blob_client("attachments", name).download_blob().readall()
    # the route's name under the temp directory
    # ruleid: path-traversal
    with open(os.path.join(tempfile.gettempdir(), name), "wb") as fh:
        fh.write(data)
    safe = os.path.basename(name)
    # basename first
    # ok: path-traversal
    with open(os.path.join(tempfile.gettempdir(), safe), "wb") as fh:
        fh.write(data)
    return func.HttpResponse(data, mimetype="application/octet-stream")


@app.route(route="checkout/return", methods=["GET"])
def checkout_return(req: func.HttpRequest) -> func.HttpResponse:
    target = req.params.get("return_url", "/")
    # a Location header from the query string [extended sink]
    # ruleid: open-redirect
    return func.HttpResponse(status_code=302, headers={"Location": target})


@app.route(route="checkout/return-safe", methods=["GET"])
def checkout_return_safe(req: func.HttpRequest) -> func.HttpResponse:
    target = req.params.get("return_url", "/")
    if urlparse(target).hostname not in RETURN_HOSTS:
        return func.HttpResponse("bad return URL", status_code=400)
    # a host allowlist before the Location header [extended sink]
    # ok: open-redirect
    return func.HttpResponse(status_code=302, headers={"Location": target})


@app.route(route="webhooks/test", methods=["POST"])
def test_webhook(req: func.HttpRequest) -> func.HttpResponse:
    body = req.get_json()
    # a webhook URL from the JSON body, read through get_json() [beyond docs]
    # ruleid: ssrf
    resp = requests.post(body["url"], json={"event": "ping"}, timeout=5)
    return func.HttpResponse(str(resp.status_code))


@app.route(route="api-keys", methods=["POST"])
def create_api_key(req: func.HttpRequest) -> func.HttpResponse:
    api_key = os.urandom(24).hex()
    # MD5 of an API key
    # ruleid: weak-password-hash
    digest = hashlib.md5(api_key.encode()).hexdigest()
    reset_token = os.urandom(32).hex()
    # SHA-256 of a long random token is the usual design
    # ok: weak-password-hash
    stored = hashlib.sha256(reset_token.encode()).hexdigest()
    logging.info("key %s… created", digest[:6])
    return func.HttpResponse(json.dumps({"api_key": api_key, "stored": stored}), mimetype="application/json")


@app.route(route="payment-methods/lookup", methods=["POST"])
def lookup_payment_method(req: func.HttpRequest) -> func.HttpResponse:
    body = req.get_json()
    # a JSON body value inside the filter can be an object such as {"$ne": null}; read through get_json() [beyond docs]
    # ruleid: nosql-injection
    doc = payment_methods.find_one({"customer_id": body["customer_id"], "last4": body["last4"]})
    # the same lookup with both values forced to strings
    # ok: nosql-injection
    doc = payment_methods.find_one({"customer_id": str(body["customer_id"]), "last4": str(body["last4"])})
    return func.HttpResponse(json.dumps({"found": doc is not None}), mimetype="application/json")


@app.route(route="payment-methods", methods=["GET"])
def list_payment_methods(req: func.HttpRequest) -> func.HttpResponse:
    customer = req.params.get("customer", "")
    # an Azure query-string value is always a string [beyond docs]
    # ok: nosql-injection
    docs = list(payment_methods.find({"customer_id": customer}, {"_id": 0}))
    return func.HttpResponse(json.dumps(docs, default=str), mimetype="application/json")
