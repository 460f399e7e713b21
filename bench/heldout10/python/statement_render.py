"""Rendering helpers of a credit-union statement service (called by the API and batch modules)."""

import hashlib
import hmac
import pickle
import xml.dom.minidom
from pathlib import Path

import defusedxml.minidom
import jwt
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

TEMPLATES = Path("/srv/statements/templates")
raw_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False)
html_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
sandbox = SandboxedEnvironment(autoescape=True)
SIGNING_KEY = Path("/run/secrets/statement-cache-key").read_bytes()
JWT_PUBLIC_KEY = Path("/run/secrets/portal-jwt.pub").read_text()


def member_banner(display_name: str) -> Markup:
    # Markup around an f-string that holds the caller's display name
    # ruleid: xss
    return Markup(f"<div class='banner'>Welcome back, {display_name}</div>")


def member_banner_safe(display_name: str) -> Markup:
    # Markup.format escapes the argument
    # ok: xss
    return Markup("<div class='banner'>Welcome back, {}</div>").format(display_name)


def footer(note: str) -> Markup:
    # escape() before it is wrapped
    # ok: xss
    return Markup("<footer>" + str(escape(note)) + "</footer>")


def custom_statement(layout_source: str, member: dict) -> str:
    # a member-supplied layout compiled by a non-sandboxed environment
    # ruleid: ssti
    tmpl = raw_env.from_string(layout_source)
    return tmpl.render(member=member)


def sandboxed_statement(layout_source: str, member: dict) -> str:
    # the sandboxed environment
    # ok: ssti
    return sandbox.from_string(layout_source).render(member=member)


def greeting(member_name: str) -> str:
    # constant template, the name is a context value; autoescape off so it is raw in the HTML
    # ok: ssti
    tmpl = raw_env.from_string("<p>Dear {{ name }},</p>")
    return tmpl.render(name=member_name)


def notice_page(member_name: str) -> str:
    # a file template rendered by an autoescaping environment, returned to the caller
    # ok: xss
    return html_env.get_template("notice.html").render(name=member_name)


def parse_ofx(document: bytes):
    # minidom over an uploaded OFX/XML statement
    # ruleid: xxe
    return xml.dom.minidom.parseString(document)


def parse_ofx_safe(document: bytes):
    # defusedxml's minidom
    # ok: xxe
    return defusedxml.minidom.parseString(document)


def parse_camt(document: bytes):
    # a parser with entities and network off
    # ok: xxe-parser-config
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(document, parser)


def parse_legacy(document: bytes):
    # the legacy bank feed asks for DTD loading and entity resolution
    # ruleid: xxe-parser-config
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    return etree.fromstring(document, parser)


def load_cached(blob: bytes, signature: str):
    expected = hmac.new(SIGNING_KEY, blob, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise ValueError("bad signature")
    # HMAC verified before unpickling
    # ok: unsafe-deserialization
    return pickle.loads(blob)


def load_cached_fast(blob: bytes):
    # no signature on this path
    # ruleid: unsafe-deserialization
    return pickle.loads(blob)


def portal_claims(token: str) -> dict:
    # RS256 pinned, signature checked
    # ok: jwt-not-verified
    return jwt.decode(token, JWT_PUBLIC_KEY, algorithms=["RS256"], audience="statements")


def preview_claims(token: str) -> dict:
    # signature check switched off to read the claims for a preview
    # ruleid: jwt-not-verified
    return jwt.decode(token, options={"verify_signature": False})


def pin_digest(statement_pin: str, member_password: str) -> str:
    # a member password under one round of SHA-256
    # ruleid: weak-password-hash
    return hashlib.sha256(member_password.encode()).hexdigest()


def password_record(member_password: str, salt: bytes) -> bytes:
    # scrypt with a salt
    # ok: weak-password-hash
    return hashlib.scrypt(member_password.encode(), salt=salt, n=2**14, r=8, p=1)
