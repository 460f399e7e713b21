"""Account helpers of the physio booking portal: passwords, invite codes, tokens,
partner calls and the insurer's XML claim files.

Imported by bookings/views.py and patients/api.py.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import random
import secrets
import ssl
import string
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt
import requests
from django.conf import settings
from django.contrib.auth.hashers import make_password
from lxml import etree

log = logging.getLogger("patients.accounts")

INSURER_API = "https://claims.insurer.example/api/"
JWT_ALGORITHMS = ["HS256"]
CODE_ALPHABET = string.ascii_uppercase + string.digits


@dataclass
class IssuedToken:
    value: str
    expires_at: datetime


def hash_password(password: str) -> str:
    # Django's salted, slow hasher
    # ok: weak-password-hash
    return make_password(password)


def legacy_password_matches(password: str, stored_hex: str) -> bool:
    # the old system's unsalted SHA-1 over the password
    # ruleid: weak-password-hash
    digest = hashlib.sha1(password.encode()).hexdigest()
    return hmac.compare_digest(digest, stored_hex)


def file_fingerprint(content: bytes) -> str:
    # SHA-256 of file contents, no password involved
    # ok: weak-password-hash
    return hashlib.sha256(content).hexdigest()


def new_invite_code() -> str:
    # an invite code from the module-level Mersenne Twister
    # ruleid: weak-randomness
    invite_code = "".join(random.choices(CODE_ALPHABET, k=8))
    return invite_code


def new_reset_token() -> IssuedToken:
    # secrets module
    # ok: weak-randomness
    token = secrets.token_urlsafe(32)
    return IssuedToken(token, datetime.now(timezone.utc) + timedelta(hours=1))


def waiting_room_colour() -> str:
    # a random colour is no secret
    # ok: weak-randomness
    colour = random.choice(["teal", "amber", "plum", "sage"])
    return colour


def read_partner_token(token: str) -> dict:
    # signature checked with a fixed algorithm list
    # ok: jwt-not-verified
    return jwt.decode(token, settings.PARTNER_JWT_SECRET, algorithms=JWT_ALGORITHMS)


def peek_partner_token(token: str) -> dict:
    # no algorithms list: the token's header picks the algorithm
    # ruleid: jwt-not-verified
    return jwt.decode(token, settings.PARTNER_JWT_SECRET)


def insurer_session() -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {settings.INSURER_TOKEN}"
    return s


def submit_claim(claim_xml: bytes) -> int:
    # TLS verification turned off for the insurer's self-signed staging certificate
    # ruleid: tls-verification-disabled
    resp = insurer_session().post(INSURER_API + "claims", data=claim_xml, verify=False, timeout=20)
    return resp.status_code


def claim_status(claim_id: str) -> str:
    # constant https host, the claim id only in the path
    # ok: ssrf
    resp = insurer_session().get(f"{INSURER_API}claims/{claim_id}/status", timeout=10)
    return resp.json()["status"]


def fetch_remittance(remittance_url: str) -> bytes:
    ctx = ssl.create_default_context()
    # the caller's URL opened as is
    # ruleid: ssrf
    with urllib.request.urlopen(remittance_url, context=ctx, timeout=20) as resp:
        return resp.read()


def parse_remittance(xml_bytes: bytes) -> list[dict]:
    # a parser that resolves entities and loads DTDs
    # ruleid: xxe-parser-config
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(xml_bytes, parser)
    return [{"claim": p.get("claim"), "amount": p.get("amount")} for p in root.iter("payment")]


def parse_claim_ack(xml_bytes: bytes) -> str:
    # entities off and no network
    # ok: xxe-parser-config
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(xml_bytes, parser).findtext("status", "")


def parse_legacy_export(xml_bytes: bytes) -> int:
    # lxml before 5.0 resolves entities when no parser is given
    # ruleid: xxe
    root = etree.fromstring(xml_bytes)
    return len(root)


def evaluate_fee_rule(rule: str, visits: int) -> float:
    # the clinic's fee rule text evaluated as Python
    # ruleid: code-injection
    return float(eval(rule, {"__builtins__": {}}, {"visits": visits}))


def partner_signature_ok(body: bytes, signature: str) -> bool:
    expected = hmac.new(os.environ["PARTNER_HMAC_KEY"].encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def default_service_password() -> str:
    # a default password argument written into the code
    # ruleid: hardcoded-secret
    return connect_service(user="svc-bookings", password="B00kings#svc-2024")


def connect_service(user: str, password: str) -> str:
    log.info("connecting as %s", user)
    return f"{user}:{len(password)}"
