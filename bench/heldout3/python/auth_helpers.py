"""Authentication helpers shared by the services (written with an assistant, reviewed)."""
from __future__ import annotations

import hashlib
import os
import random
import secrets
import ssl
import string
import time
import uuid
import xml.sax
from dataclasses import dataclass, field
from xml.dom import minidom

import httpx
import jwt
import requests
from jose import jwt as jose_jwt
from passlib.hash import argon2

# literal API key for the payment provider
# ruleid: hardcoded-secret
STRIPE_API_KEY = "sk_live_51Nz8QxKf3mA9bC7dE2fG4hJ6kL"

# token read from the environment with an empty fallback
# ok: hardcoded-secret
GITHUB_TOKEN = os.getenv("GITHUB_TOKEN", "")

# header name, not a secret
# ok: hardcoded-secret
API_KEY_HEADER = "X-Internal-Api-Key"

OTP_ALPHABET = string.digits


@dataclass
class ServiceAccount:
    name: str
    # typed class attribute default with a literal password
    # ruleid: hardcoded-secret
    password: str = "svc-Passw0rd!2025"
    scopes: list[str] = field(default_factory=list)


def connect_ldap(host: str, bind_password: str = os.environ.get("LDAP_BIND_PW", "")) -> None:
    pass


def generate_otp() -> str:
    # 6-digit OTP from random.choice
    # ruleid: weak-randomness
    return "".join(random.choice(OTP_ALPHABET) for _ in range(6))


def generate_otp_secure() -> str:
    # secrets.choice
    # ok: weak-randomness
    return "".join(secrets.choice(OTP_ALPHABET) for _ in range(6))


def new_session(user_id: int) -> dict:
    # session id from random.getrandbits
    # ruleid: weak-randomness
    session_id = "%032x" % random.getrandbits(128)
    # jitter for retry backoff
    # ok: weak-randomness
    jitter = random.uniform(0.1, 0.5)
    return {"user": user_id, "sid": session_id, "retry_after": time.time() + jitter}


def api_key_for(user_id: int) -> str:
    # uuid4 is not predictable
    # ok: weak-randomness
    api_key = uuid.uuid4().hex
    return f"{user_id}:{api_key}"


def hash_password_legacy(password: str, salt: str) -> str:
    # salted MD5 is still a fast digest
    # ruleid: weak-password-hash
    return hashlib.md5((salt + password).encode()).hexdigest()


def hash_password_v2(password: str) -> str:
    # argon2 via passlib
    # ok: weak-password-hash
    return argon2.hash(password)


def hash_password_v3(password: str) -> bytes:
    salt = os.urandom(16)
    # scrypt
    # ok: weak-password-hash
    return salt + hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def pin_digest(pin_code: str) -> str:
    # SHA-512 over a PIN (a short password) [beyond docs]
    # ruleid: weak-password-hash
    return hashlib.sha512(pin_code.encode()).hexdigest()


def read_claims(token: str, key: str) -> dict:
    # PyJWT decode without an algorithms list
    # ruleid: jwt-not-verified
    return jwt.decode(token, key)


def read_claims_relaxed(token: str, key: str) -> dict:
    # expiry check relaxed, signature still verified
    # ok: jwt-not-verified
    return jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})


def read_claims_jose(token: str) -> dict:
    # python-jose get_unverified_claims
    # ruleid: jwt-not-verified
    return jose_jwt.get_unverified_claims(token)


def key_id(token: str) -> str:
    # reading the header to pick the key
    # ok: jwt-not-verified
    return jwt.get_unverified_header(token)["kid"]


def legacy_client() -> httpx.Client:
    # httpx client with verification off
    # ruleid: tls-verification-disabled
    return httpx.Client(base_url="https://legacy.internal.example", verify=False)


def pinned_client() -> httpx.Client:
    # custom CA bundle
    # ok: tls-verification-disabled
    return httpx.Client(base_url="https://legacy.internal.example", verify="/etc/ssl/internal-ca.pem")


def ssl_context_for(host: str) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if host.endswith(".lan"):
        # hostname check turned off for the LAN
        # ruleid: tls-verification-disabled
        ctx.check_hostname = False
        # certificate verification turned off
        # ruleid: tls-verification-disabled
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def session_with(verify: bool) -> requests.Session:
    s = requests.Session()
    # value that is not a literal
    # ok: tls-verification-disabled
    s.verify = verify
    return s


def parse_saml(xml_bytes: bytes):
    # minidom over a function parameter (callers unknown)
    # ruleid: xxe
    return minidom.parseString(xml_bytes)


def parse_metadata_file():
    # constant file shipped with the app
    # ok: xxe
    return minidom.parse("/etc/app/idp-metadata.xml")


def sax_parser(handler: xml.sax.ContentHandler) -> xml.sax.xmlreader.XMLReader:
    parser = xml.sax.make_parser()
    parser.setContentHandler(handler)
    # external general entities enabled on a SAX parser
    # ruleid: xxe-parser-config
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    return parser
