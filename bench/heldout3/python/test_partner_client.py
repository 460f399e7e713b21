"""pytest module for the partner client: fake credentials and disabled checks belong here."""
import hashlib
import random

import pytest
import requests

# fixture credential in a test module
# ok: hardcoded-secret
PARTNER_API_KEY = "pk_test_9fA3kLm2Qx7Rt5Vw"


@pytest.fixture
def session():
    s = requests.Session()
    # disabled verification in a test module
    # ok: tls-verification-disabled
    s.verify = False
    return s


def test_token_is_random():
    # random token in a test function
    # ok: weak-randomness
    token = str(random.random())
    assert token


def test_legacy_password_digest():
    # literal password in a test function
    # ok: hardcoded-secret
    password = "hunter2-test"
    # md5 of a password in a test
    # ok: weak-password-hash
    assert hashlib.md5(password.encode()).hexdigest()


def test_status(session):
    # TLS off in a test function
    # ok: tls-verification-disabled
    r = session.get("https://sandbox.partner.example/status", verify=False)
    assert r.status_code == 200
