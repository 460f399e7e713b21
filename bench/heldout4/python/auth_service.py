"""Auth and session helpers of the SaaS backend (FastAPI + PyJWT + a few integrations)."""

import base64
import hashlib
import hmac
import os
import pickle
import random
import secrets
import ssl
import string
import xml.etree.ElementTree as ET

import httpx
import jwt
import yaml
from defusedxml import ElementTree as SafeET
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from jinja2 import Environment, select_autoescape
from lxml import etree

app = FastAPI()

# credentials with an explicit origin list
# ok: permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example-saas.io"], allow_credentials=True)

JWT_KEY = os.environ["JWT_KEY"]
STATE_KEY = os.environ["STATE_KEY"].encode()
# a webhook signing secret committed in the module
# ruleid: hardcoded-secret
WEBHOOK_SECRET = "whsec_4f9Kq2LmX8vR1tZ7pN3bC6dY"
# a placeholder value
# ok: hardcoded-secret
SMTP_PASSWORD = "changeme"

jinja = Environment(autoescape=select_autoescape())


def read_claims(token: str) -> dict:
    # signature verified, algorithm pinned
    # ok: jwt-not-verified
    return jwt.decode(token, JWT_KEY, algorithms=["HS256"])


def peek_tenant(token: str) -> str:
    # claims read with verify_signature off, then trusted for routing
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["tenant"]


def hash_password_legacy(password: str) -> str:
    # unsalted SHA-256 of a password
    # ruleid: weak-password-hash
    return hashlib.sha256(password.encode()).hexdigest()


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    # scrypt
    # ok: weak-password-hash
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return base64.b64encode(salt + digest).decode()


def hash_reset_token(reset_token: str) -> str:
    # SHA-256 of a long random token (the documented design)
    # ok: weak-password-hash
    return hashlib.sha256(reset_token.encode()).hexdigest()


def new_invite_code() -> str:
    # random.choices for an invite code
    # ruleid: weak-randomness
    invite_code = "".join(random.choices(string.ascii_uppercase + string.digits, k=8))
    return invite_code


def new_api_key() -> str:
    # secrets module
    # ok: weak-randomness
    api_key = "sk_" + secrets.token_urlsafe(32)
    return api_key


def retry_delay(attempt: int) -> float:
    # random jitter, not a secret
    # ok: weak-randomness
    jitter = random.uniform(0, 0.5)
    return 2**attempt + jitter


def partner_client() -> httpx.Client:
    # certificate checks turned off for the partner API
    # ruleid: tls-verification-disabled
    return httpx.Client(base_url="https://partner.example-saas.io", verify=False)


def ldap_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile="/etc/ssl/corp-ca.pem")
    # a comparison, not an assignment
    # ok: tls-verification-disabled
    assert ctx.verify_mode != ssl.CERT_NONE
    return ctx


@app.post("/sso/saml")
async def saml(request: Request):
    body = await request.body()
    # defusedxml
    # ok: xxe
    doc = SafeET.fromstring(body)
    # the stdlib parser on the same body
    # ruleid: xxe
    raw = ET.fromstring(body)
    return {"issuer": doc.findtext("Issuer"), "raw": raw.tag}


def metadata_parser():
    # lxml parser with entity resolution on
    # ruleid: xxe-parser-config
    return etree.XMLParser(resolve_entities=True, no_network=False)


@app.post("/session/restore")
async def restore(request: Request):
    blob = base64.b64decode(request.headers["X-State"])
    sig, payload = blob[:32], blob[32:]
    if not hmac.compare_digest(sig, hmac.new(STATE_KEY, payload, hashlib.sha256).digest()):
        raise HTTPException(status_code=403)
    # HMAC verified before unpickling
    # ok: unsafe-deserialization
    return pickle.loads(payload)


@app.post("/session/import")
async def import_state(request: Request):
    # request body unpickled
    # ruleid: unsafe-deserialization
    return pickle.loads(await request.body())


@app.post("/settings/import")
async def import_settings(request: Request):
    # FullLoader on an uploaded document
    # ruleid: unsafe-yaml-load
    return yaml.load(await request.body(), Loader=yaml.FullLoader)


@app.post("/emails/preview")
async def email_preview(request: Request):
    data = await request.json()
    # the user's text is the template source
    # ruleid: ssti
    subject = jinja.from_string(data["subject"]).render(user="preview")
    # constant template, value as a variable
    # ok: ssti
    body = jinja.from_string("<p>Hello {{ name }}</p>").render(name=data["name"])
    return {"subject": subject, "body": body}


@app.post("/login")
def login(response: Response):
    token = secrets.token_urlsafe(32)
    # a session cookie with httponly but no secure keyword
    # ruleid: insecure-cookie
    response.set_cookie("session_token", token, httponly=True, samesite="lax")
    # both flags set
    # ok: insecure-cookie
    response.set_cookie("remember_me", token, secure=True, httponly=True, max_age=86400)
    return {"ok": True}
