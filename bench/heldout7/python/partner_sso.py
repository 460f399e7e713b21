"""Partner SSO bridge: token checks, API keys, password migration, outbound clients."""

import hashlib
import hmac
import os
import random
import secrets
import smtplib
import ssl
import string

import httpx
import jwt
from jose import jwt as jose_jwt
from passlib.hash import argon2

JWT_AUDIENCE = "partner-portal"
PARTNER_PUBLIC_KEY = os.environ["PARTNER_PUBLIC_KEY"]
ALPHABET = string.ascii_letters + string.digits

# a live client secret of the partner's OAuth app, as a module constant
# ruleid: hardcoded-secret
PARTNER_CLIENT_SECRET = "b7f3e9a1-44c2-4d6e-9f0a-2c8e51d7a3b9"
# a header name, not a secret
# ok: hardcoded-secret
API_KEY_HEADER = "X-Partner-Api-Key"


def read_partner_claims(token: str) -> dict:
    # RS256 verification with a fixed algorithm list and an audience
    # ok: jwt-not-verified
    return jwt.decode(token, PARTNER_PUBLIC_KEY, algorithms=["RS256"], audience=JWT_AUDIENCE)


def tenant_of(token: str) -> str:
    # signature check switched off; the tenant claim then picks the account
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims.get("tenant", "default")


def jose_claims(token: str) -> dict:
    # python-jose's unverified claims used as the identity
    # ruleid: jwt-not-verified
    return jose_jwt.get_unverified_claims(token)


def legacy_password_matches(password: str, stored_md5: str) -> bool:
    # MD5 of the password compared with the stored digest
    # ruleid: weak-password-hash
    return hmac.compare_digest(hashlib.md5(password.encode()).hexdigest(), stored_md5)


def hash_password(password: str) -> str:
    # argon2 through passlib
    # ok: weak-password-hash
    return argon2.hash(password)


def api_key_fingerprint(api_key: str) -> str:
    # SHA-1 over an API key
    # ruleid: weak-password-hash
    return hashlib.sha1(api_key.encode()).hexdigest()[:12]


def reset_token_digest(reset_token: str) -> str:
    # SHA-256 over a long random token (the documented design)
    # ok: weak-password-hash
    return hashlib.sha256(reset_token.encode()).hexdigest()


def generate_api_key() -> str:
    # random.choices in a function named for an API key
    # ruleid: weak-randomness
    return "pk_" + "".join(random.choices(ALPHABET, k=40))


def new_invite_code() -> str:
    # secrets module
    # ok: weak-randomness
    return secrets.token_urlsafe(12)


def send_login_code(user_email: str) -> str:
    # a six-digit one-time code from random.randint
    # ruleid: weak-randomness
    otp = f"{random.randint(0, 999999):06d}"
    with smtplib.SMTP_SSL("smtp.partner-mail.example", 465) as smtp:
        # SMTP password written as a keyword argument
        # ruleid: hardcoded-secret
        smtp.login("sso-bridge@partner-mail.example", password="Sso#Bridge-2024!")
        smtp.sendmail("sso-bridge@partner-mail.example", [user_email], f"Subject: Your code\n\n{otp}")
    return otp


def partner_client(ca_bundle: str | None = None) -> httpx.Client:
    # verification on, with the partner CA bundle when given
    # ok: tls-verification-disabled
    return httpx.Client(verify=ca_bundle or True, timeout=10, headers={API_KEY_HEADER: os.environ["PARTNER_API_KEY"]})


def sandbox_client() -> httpx.Client:
    # verification off for the sandbox client
    # ruleid: tls-verification-disabled
    return httpx.Client(base_url="https://sandbox.partner.example", verify=False)


def legacy_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    # host name check off (required before CERT_NONE)
    # ruleid: tls-verification-disabled
    ctx.check_hostname = False
    # certificate check off
    # ruleid: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
