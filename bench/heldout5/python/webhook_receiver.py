"""Webhooks blueprint: partners register callback URLs, we deliver events and accept theirs."""

import hashlib
import hmac
import ipaddress
import os
import pickle
import random
import secrets
import socket
import string
from urllib.parse import urlparse

import jwt
import requests
from flask import Blueprint, abort, current_app, jsonify, request
from flask_pymongo import PyMongo

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")
mongo = PyMongo()
deliveries = mongo.db.deliveries

PARTNER_HOSTS = {"hooks.acme-partner.io", "events.globex.example"}
ALPHABET = string.ascii_letters + string.digits
# a real-looking signing secret in code
# ruleid: hardcoded-secret
PARTNER_SIGNING_SECRET = "whsec_4f9a1c77e2b04d19"
# a placeholder value
# ok: hardcoded-secret
FALLBACK_SIGNING_SECRET = "your-signing-secret-here"


def is_allowed_callback(url: str) -> bool:
    return urlparse(url).hostname in PARTNER_HOSTS


def assert_partner_host(url: str) -> None:
    host = urlparse(url).hostname or ""
    if not host.endswith(".acme-partner.io"):
        raise ValueError("callback host not allowed")


def resolves_public(host: str) -> bool:
    return all(ipaddress.ip_address(info[4][0]).is_global for info in socket.getaddrinfo(host, 443))


class Deliverer:
    http = requests.Session()

    def deliver(self, url: str, event: dict):
        # the URL is the registered callback the handler passes straight in
        # ruleid: ssrf
        return self.http.post(url, json=event, timeout=5)


@bp.post("/subscriptions")
def register():
    body = request.get_json(force=True)
    callback = body["callback_url"]
    # registration ping to the callback, no check
    # ruleid: ssrf
    requests.post(callback, json={"type": "ping"}, timeout=5)
    Deliverer().deliver(callback, {"type": "registered"})
    return jsonify(ok=True), 201


@bp.post("/subscriptions/checked")
def register_checked():
    callback = request.get_json(force=True)["callback_url"]
    if not is_allowed_callback(callback):
        abort(400)
    # same-file predicate (hostname in allowlist) with abort
    # ok: ssrf
    requests.post(callback, json={"type": "ping"}, timeout=5)
    return jsonify(ok=True), 201


@bp.post("/subscriptions/lenient")
def register_lenient():
    callback = request.get_json(force=True)["callback_url"]
    is_allowed_callback(callback)
    # the predicate's result is dropped
    # ruleid: ssrf
    requests.post(callback, json={"type": "ping"}, timeout=5)
    return jsonify(ok=True), 201


@bp.post("/subscriptions/acme")
def register_acme():
    callback = request.get_json(force=True)["callback_url"]
    assert_partner_host(callback)
    # same-file validator that raises unless the host ends with ".acme-partner.io"
    # ok: ssrf
    requests.post(callback, json={"type": "ping"}, timeout=5)
    return jsonify(ok=True), 201


@bp.post("/subscriptions/globex")
def register_globex():
    callback = request.form["callback_url"]
    host = urlparse(callback).hostname or ""
    if not host.endswith("globex.example"):
        abort(400)
    # suffix without a leading dot also accepts evilglobex.example [beyond docs]
    # ruleid: ssrf
    requests.post(callback, data={"type": "ping"}, timeout=5)
    return "", 204


@bp.post("/subscriptions/public")
def register_public():
    callback = request.form["callback_url"]
    host = urlparse(callback).hostname or ""
    if not resolves_public(host):
        abort(400)
    # every resolved address must be global (same-file predicate)
    # ok: ssrf
    requests.post(callback, data={"type": "ping"}, timeout=5)
    return "", 204


@bp.post("/inbound/state")
def inbound_state():
    signature = request.headers.get("X-Signature", "")
    expected = hmac.new(PARTNER_SIGNING_SECRET.encode(), request.data, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        abort(403)
    # HMAC verified with an exit before unpickling
    # ok: unsafe-deserialization
    state = pickle.loads(request.data)
    return jsonify(keys=list(state))


@bp.post("/inbound/legacy")
def inbound_legacy():
    signature = request.headers.get("X-Signature", "")
    expected = hmac.new(PARTNER_SIGNING_SECRET.encode(), request.data, hashlib.sha256).hexdigest()
    hmac.compare_digest(signature, expected)
    # comparison computed and ignored
    # ruleid: unsafe-deserialization
    state = pickle.loads(request.data)
    return jsonify(keys=list(state))


@bp.get("/inbound/claims")
def inbound_claims():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # signature verification switched off
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    # fixed algorithm list and a key
    # ok: jwt-not-verified
    verified = jwt.decode(token, current_app.config["PARTNER_JWT_KEY"], algorithms=["HS256"])
    return jsonify(sub=claims.get("sub"), verified=verified.get("sub"))


def new_endpoint_secret() -> dict:
    # random.choice for a signing secret
    # ruleid: weak-randomness
    signing_secret = "".join(random.choice(ALPHABET) for _ in range(32))
    # secrets module
    # ok: weak-randomness
    verify_token = secrets.token_urlsafe(32)
    # random used for retry jitter, not a secret
    # ok: weak-randomness
    jitter = random.uniform(0.5, 2.0)
    return {"signing_secret": signing_secret, "verify_token": verify_token, "jitter": jitter}


def fingerprint(signing_secret: str, verify_token: str) -> tuple[str, str]:
    # SHA-1 over a value named secret
    # ruleid: weak-password-hash
    a = hashlib.sha1(signing_secret.encode()).hexdigest()
    # SHA-256 of a random token
    # ok: weak-password-hash
    b = hashlib.sha256(verify_token.encode()).hexdigest()
    return a, b


@bp.get("/deliveries")
def list_deliveries():
    status_filter = request.args.get("status", "failed")
    # query-string string in a fixed filter shape
    # ok: nosql-injection
    docs = deliveries.find({"status": status_filter}).limit(50)
    return jsonify([d["_id"] for d in docs])


@bp.post("/deliveries/search")
def search_deliveries():
    body = request.get_json()
    # whole JSON body as the filter
    # ruleid: nosql-injection
    docs = deliveries.find(body)
    # JSON body field (may be an object such as {"$ne": null}) in a filter literal
    # ruleid: nosql-injection
    one = deliveries.find_one({"hook_id": body["hook_id"]})
    # the same field coerced with str()
    # ok: nosql-injection
    two = deliveries.find_one({"hook_id": str(body["hook_id"])})
    return jsonify(n=len(list(docs)), one=bool(one), two=bool(two))


@bp.post("/deliveries/retry")
def retry_deliveries():
    attempts = request.args.get("min_attempts", "3")
    # $where with request text runs as JavaScript in the database
    # ruleid: nosql-injection
    result = deliveries.update_many({"$where": f"this.attempts >= {attempts}"}, {"$set": {"status": "queued"}})
    # number coerced with int()
    # ok: nosql-injection
    mongo.db.deliveries.delete_many({"attempts": {"$gt": int(attempts)}})
    return jsonify(n=result.modified_count)


def partner_secret() -> str:
    return os.environ.get("PARTNER_SIGNING_SECRET", FALLBACK_SIGNING_SECRET)
