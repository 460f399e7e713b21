"""Account security helpers shared by the web app and the admin CLI."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import random
import secrets
import string
import uuid
from dataclasses import dataclass

import numpy as np
import psycopg2
import redis
from argon2 import PasswordHasher
from passlib.hash import pbkdf2_sha256
from werkzeug.security import check_password_hash, generate_password_hash

ALPHABET = string.ascii_letters + string.digits
_ph = PasswordHasher()

# fallback literal in an environment lookup
# ok: hardcoded-secret
PASSWORD_PEPPER = os.getenv("PASSWORD_PEPPER", "pepper-dev-only-4242")
# placeholder value in the sample configuration
# ok: hardcoded-secret
SMTP_PASSWORD = "changeme-in-production"
# form field name
# ok: hardcoded-secret
PASSWORD_FIELD = "password"
# OAuth token endpoint
# ok: hardcoded-secret
TOKEN_URL = "https://auth.example.com/oauth2/token"
# name of the token endpoint's auth method (letters and underscores only)
# ok: hardcoded-secret
TOKEN_ENDPOINT_AUTH_METHOD = "client_secret_post"
# internal service token with a recognisable prefix
# ruleid: hardcoded-secret
INTERNAL_SERVICE_TOKEN = "svc_9b1e7f3a2c4d5e6f7a8b"
# [beyond docs] PEM private key literal (contains spaces in its header line)
# ruleid: hardcoded-secret
SIGNING_PRIVATE_KEY = """-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIO2x9Gk3vP0qL5mZp8cD1rW7tYb6nHf4sJ0aKeU2iQ1ZoAoGCCqGSM49
AwEHoUQDQgAE3Jd8wR6sT1kVx0Pq9mLz2cYh4nBf7eA5gH3iK6jU8oW1rQ2tS4vX
-----END EC PRIVATE KEY-----"""


def connect_reporting_db():
    # keyword argument password literal
    # ruleid: hardcoded-secret
    return psycopg2.connect(host="reporting.internal", dbname="reports", user="reporter", password="R3port!ng-2025")


def cache_client() -> redis.Redis:
    # password read from the environment
    # ok: hardcoded-secret
    return redis.Redis(host="cache.internal", port=6380, password=os.environ["REDIS_PASSWORD"], ssl=True)


def make_reset_token() -> str:
    # function named like a token generator returning random.choice output
    # ruleid: weak-randomness
    return "".join(random.choice(ALPHABET) for _ in range(40))


def make_session_key() -> str:
    # ok: weak-randomness
    return secrets.token_hex(32)


def temporary_password(length: int = 14) -> str:
    rng = random.SystemRandom()
    # SystemRandom is the OS CSPRNG
    # ok: weak-randomness
    password = "".join(rng.choice(ALPHABET) for _ in range(length))
    return password


def api_key_for(user_id: int) -> dict:
    # dictionary key named like a secret, value from numpy's PRNG
    # ruleid: weak-randomness
    return {"user_id": user_id, "api_key": "".join(map(str, np.random.randint(0, 10, size=32)))}


def login_otp() -> str:
    # otp built from random.randrange
    # ruleid: weak-randomness
    otp = str(random.randrange(100000, 1000000))
    return otp


def backoff_seconds(attempt: int) -> float:
    # jitter for retries, not a secret
    # ok: weak-randomness
    jitter = random.uniform(0, 0.5)
    return min(30.0, 2**attempt) + jitter


def new_device_id() -> str:
    # ok: weak-randomness
    device_id = uuid.uuid4().hex
    return device_id


@dataclass
class Invite:
    email: str
    # [beyond docs] invite code generated as a dataclass default via random.getrandbits
    # ruleid: weak-randomness
    invite_code: str = f"{random.getrandbits(48):012x}"


def hash_password(password: str) -> str:
    # argon2id
    # ok: weak-password-hash
    return _ph.hash(password)


def hash_password_legacy(password: str) -> str:
    # MD5 of the password with a static pepper
    # ruleid: weak-password-hash
    return hashlib.md5((PASSWORD_PEPPER + password).encode()).hexdigest()


def verify_password_v1(stored: str, pw: str) -> bool:
    # SHA-1 through hashlib.new
    # ruleid: weak-password-hash
    return hmac.compare_digest(stored, hashlib.new("sha1", pw.encode()).hexdigest())


def hash_password_v2(password: str) -> str:
    salt = os.urandom(16)
    # PBKDF2 with many iterations
    # ok: weak-password-hash
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return base64.b64encode(salt + key).decode()


def hash_password_v3(password: str) -> str:
    # Werkzeug's salted hash
    # ok: weak-password-hash
    return generate_password_hash(password, method="scrypt")


def check_v3(stored: str, password: str) -> bool:
    return check_password_hash(stored, password)


def hash_password_v4(password: str) -> str:
    # passlib pbkdf2
    # ok: weak-password-hash
    return pbkdf2_sha256.hash(password)


def api_key_lookup_hash(api_key: str) -> str:
    # MD5 over an API key, stored for lookups
    # ruleid: weak-password-hash
    return hashlib.md5(api_key.encode()).hexdigest()


def file_etag(content: bytes) -> str:
    # digest of file contents
    # ok: weak-password-hash
    return hashlib.sha1(content).hexdigest()


def passphrase_digest(passphrase: str) -> bytes:
    # BLAKE2b over a passphrase
    # ruleid: weak-password-hash
    return hashlib.blake2b(passphrase.encode(), digest_size=32).digest()
