"""Integration tests for the payment gateway client (test module: fixture credentials belong here)."""

from __future__ import annotations

import hashlib
import random

import jwt
import pytest
import requests
import yaml
from flask import Flask

# fixture password in a test module
# ok: hardcoded-secret
SANDBOX_PASSWORD = "Sandb0x!pass-2025"
# ok: hardcoded-secret
SANDBOX_API_KEY = "pk_sandbox_4f1e9a7c2b"

FIXTURE_YAML = """
merchant: acme
currency: EUR
"""


@pytest.fixture
def app():
    flask_app = Flask(__name__)
    # debug switched on for the test app in a test module
    # ok: debug-mode
    flask_app.config["DEBUG"] = True
    return flask_app


def test_sandbox_health():
    # self-signed sandbox certificate in a test
    # ok: tls-verification-disabled
    r = requests.get("https://sandbox.payments.local/health", verify=False, timeout=5)
    assert r.status_code == 200


def test_token_claims():
    token = jwt.encode({"sub": "merchant-1"}, "k", algorithm="HS256")
    # reading claims without verification in a test
    # ok: jwt-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == "merchant-1"


def test_fixture_config():
    # ok: unsafe-yaml-load
    cfg = yaml.load(FIXTURE_YAML, Loader=yaml.FullLoader)
    assert cfg["merchant"] == "acme"


def test_legacy_hash_compat():
    # ok: weak-password-hash
    assert hashlib.md5(SANDBOX_PASSWORD.encode()).hexdigest() != ""


def test_random_token_shape():
    # ok: weak-randomness
    fake_token = "".join(random.choices("abcdef0123456789", k=32))
    assert len(fake_token) == 32


class TestCookies:
    def test_cookie(self, app):
        with app.test_request_context():
            resp = app.make_response("ok")
            # ok: insecure-cookie
            resp.set_cookie("session", "abc", secure=False)
            assert "session" in resp.headers["Set-Cookie"]
