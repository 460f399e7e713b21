"""Account and token helpers shared by the shop's services (imported from views and workers)."""

import hashlib
import hmac
import os
import random
import secrets
import ssl
import string

import bcrypt
import httpx
import jwt
import requests

JWT_SECRET = os.environ["JWT_SECRET"]
# internal service token written into the module
# ruleid: hardcoded-secret
INTERNAL_API_TOKEN = "itk_5f8a2b9c7d1e4f60a3"
# header name, not a secret
# ok: hardcoded-secret
API_KEY_HEADER = "X-Internal-Api-Key"
IDENTITY_URL = os.environ.get("IDENTITY_URL", "https://id.internal.example")


def hash_password(password: str) -> str:
    # unsalted SHA-256 of the password
    # ruleid: weak-password-hash
    return hashlib.sha256(password.encode()).hexdigest()


def hash_password_v2(password: str) -> bytes:
    # bcrypt
    # ok: weak-password-hash
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())


def api_key_fingerprint(api_key: str) -> str:
    # MD5 over an API key
    # ruleid: weak-password-hash
    return hashlib.md5(api_key.encode()).hexdigest()


def reset_token_digest(token: str) -> str:
    # SHA-256 of a long random token is the usual design
    # ok: weak-password-hash
    return hashlib.sha256(token.encode()).hexdigest()


def generate_reset_token() -> str:
    # reset token from random.choice
    # ruleid: weak-randomness
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(40))


def generate_session_id() -> str:
    return secrets.token_urlsafe(32)


def retry_delay(attempt: int) -> float:
    # jitter is not a secret
    # ok: weak-randomness
    jitter = random.uniform(0, 0.5)
    return 2**attempt + jitter


def one_time_code() -> str:
    # six-digit login code from randint
    # ruleid: weak-randomness
    otp = f"{random.randint(0, 999999):06d}"
    return otp


def read_claims(token: str) -> dict:
    # signature check turned off
    # ruleid: jwt-not-verified
    return jwt.decode(token, options={"verify_signature": False})


def verify_token(token: str) -> dict:
    # key and a fixed algorithm list
    # ok: jwt-not-verified
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], audience="shop")


def verify_legacy_token(token: str) -> dict:
    # no algorithms argument
    # ruleid: jwt-not-verified
    return jwt.decode(token, JWT_SECRET)


def token_kid(token: str) -> str:
    # reading the header to pick a key
    # ok: jwt-not-verified
    return jwt.get_unverified_header(token)["kid"]


def signatures_match(body: bytes, signature: str) -> bool:
    expected = hmac.new(JWT_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


class IdentityClient:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        # verification switched off on the session
        # ruleid: tls-verification-disabled
        self.session.verify = False

    def lookup(self, email: str) -> dict:
        # base URL taken from the constructor's parameter, whose callers are unknown
        # ruleid: ssrf
        resp = self.session.get(f"{self.base_url}/users", params={"email": email}, timeout=5)
        return resp.json()


def internal_client() -> httpx.Client:
    # verification against the internal CA bundle
    # ok: tls-verification-disabled
    return httpx.Client(base_url=IDENTITY_URL, verify="/etc/ssl/internal-ca.pem", timeout=5)


def identity_health() -> bool:
    # configured base followed by a path; verify=False on the call
    # ok: ssrf
    # ruleid: tls-verification-disabled
    return requests.get(f"{IDENTITY_URL}/healthz", verify=False, timeout=3).ok


def legacy_ldap_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    # hostname check off
    # ruleid: tls-verification-disabled
    ctx.check_hostname = False
    # certificate check off
    # ruleid: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
