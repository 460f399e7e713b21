"""Account helpers for the member portal: passwords, reset tokens, JWTs, outbound calls.

Imported by the portal's views; the parameters come from there.
"""

import hashlib
import os
import random
import secrets
import string

import bcrypt
import jwt
import requests

# ruleid: hardcoded-secret
JWT_SECRET = "portal-signing-key-8f3a9c2e71d4b6a0"
# ok: hardcoded-secret
JWT_SECRET_ENV = os.environ.get("PORTAL_JWT_SECRET", "")
# ok: hardcoded-secret
RESET_TOKEN_LENGTH = "32"


def hash_password(password: str) -> bytes:
    # ok: weak-password-hash
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())


def hash_password_legacy(password: str, salt: str) -> str:
    # salted sha256 for passwords
    # ruleid: weak-password-hash
    return hashlib.sha256((salt + password).encode()).hexdigest()


def file_checksum(data: bytes) -> str:
    # a checksum, not a password
    # ok: weak-password-hash
    return hashlib.sha256(data).hexdigest()


def reset_token() -> str:
    # ruleid: weak-randomness
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))


def reset_token_secure() -> str:
    # ok: weak-randomness
    return secrets.token_urlsafe(32)


def shuffle_tips(tips: list) -> list:
    # shuffling display order is not a secret
    # ok: weak-randomness
    random.shuffle(tips)
    return tips


def read_claims(token: str) -> dict:
    # ok: jwt-not-verified
    return jwt.decode(token, JWT_SECRET_ENV, algorithms=["HS256"])


def peek_claims(token: str) -> dict:
    # claims read without verification and trusted for the user id
    # ruleid: jwt-not-verified
    return jwt.decode(token, options={"verify_signature": False})


def verify_recaptcha(response_token: str) -> bool:
    # constant URL
    # ok: ssrf
    r = requests.post("https://www.google.com/recaptcha/api/siteverify", data={"response": response_token}, timeout=5)
    return r.json().get("success", False)


def fetch_avatar(avatar_url: str) -> bytes:
    # ruleid: tls-verification-disabled
    # ruleid: ssrf
    return requests.get(avatar_url, timeout=5, verify=False).content


def fetch_gravatar(email: str) -> bytes:
    # md5 of an e-mail for gravatar, not a password
    # ok: weak-password-hash
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    # constant host, digest in the path
    # ok: ssrf
    return requests.get(f"https://www.gravatar.com/avatar/{digest}", timeout=5).content
