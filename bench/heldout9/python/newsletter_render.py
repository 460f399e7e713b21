"""Rendering and delivery helpers of the newsletter service.

The editor app (another module) calls these with what editors and subscribers typed:
custom footers, intro blocks, Markdown bodies, avatar URLs, attachment names.
"""

from __future__ import annotations

import hashlib
import os
import random
import smtplib
import ssl
import string
from email.message import EmailMessage
from pathlib import Path

import bleach
import httpx
import jinja2
import markdown
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"
ATTACH_DIR = Path(os.environ.get("NEWSLETTER_ATTACHMENTS", "/srv/newsletter/attachments"))
ALLOWED_TAGS = ["p", "a", "strong", "em", "ul", "ol", "li", "h2", "h3", "blockquote"]
TOKEN_ALPHABET = string.ascii_letters + string.digits
# the SMTP password as a literal
# ruleid: hardcoded-secret
SMTP_PASSWORD = "mailer-Pa55-2025!"
SMTP_PASSWORD_ENV = "NEWSLETTER_SMTP_PASSWORD"

env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
sandbox = SandboxedEnvironment(autoescape=True)


def render_issue(issue: dict, footer_source: str) -> str:
    body = env.get_template("issue.html").render(issue=issue)
    # the editor's footer compiled by the app's environment
    # ruleid: ssti
    footer = env.from_string(footer_source).render(issue=issue)
    return body + footer


def render_intro(intro_source: str, subscriber: dict) -> str:
    # jinja2.Template compiles the caller's text
    # ruleid: ssti
    return jinja2.Template(intro_source).render(subscriber=subscriber)


def render_block(block_source: str, subscriber: dict) -> str:
    # the sandboxed environment
    # ok: ssti
    return sandbox.from_string(block_source).render(subscriber=subscriber)


def greeting(first_name: str) -> Markup:
    # Markup built around the raw name
    # ruleid: xss
    return Markup(f"<p class='greeting'>Hi {first_name},</p>")


def greeting_safe(first_name: str) -> Markup:
    # Markup.format() escapes its argument
    # ok: xss
    return Markup("<p class='greeting'>Hi {},</p>").format(first_name)


def article_html(body_markdown: str) -> Markup:
    # Markdown output is no sanitizer
    # ruleid: xss
    return Markup(markdown.markdown(body_markdown))


def article_html_clean(body_markdown: str) -> Markup:
    # bleach.clean with a tag allowlist over the Markdown output [beyond docs]
    # ok: xss
    return Markup(bleach.clean(markdown.markdown(body_markdown), tags=ALLOWED_TAGS, strip=True))


def fetch_avatar(avatar_url: str) -> bytes:
    # an avatar URL the subscriber typed in their profile
    # ruleid: ssrf
    return httpx.get(avatar_url, timeout=5, follow_redirects=True).content


def fetch_gravatar(email: str) -> bytes:
    # MD5 of an e-mail address, as Gravatar requires: not a password
    # ok: weak-password-hash
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    # fixed host, a digest in the path
    # ok: ssrf
    return httpx.get(f"https://www.gravatar.com/avatar/{digest}?s=96", timeout=5).content


def attachment(name: str) -> bytes:
    # an attachment name under the attachments directory
    # ruleid: path-traversal
    return (ATTACH_DIR / name).read_bytes()


def portal_password_hash(password: str) -> str:
    # SHA-1 over a subscriber portal password
    # ruleid: weak-password-hash
    return hashlib.sha1(password.encode()).hexdigest()


def new_unsubscribe_token() -> str:
    # an unsubscribe token from the random module
    # ruleid: weak-randomness
    unsubscribe_token = "".join(random.choices(TOKEN_ALPHABET, k=24))
    return unsubscribe_token


def send(message: EmailMessage, legacy_relay: bool = False) -> None:
    if legacy_relay:
        # the old relay's certificate is expired, so verification is off
        # ruleid: tls-verification-disabled
        context = ssl._create_unverified_context()
    else:
        context = ssl.create_default_context()
    with smtplib.SMTP("smtp.example-news.com", 587) as smtp:
        smtp.starttls(context=context)
        smtp.login("newsletter", os.environ.get(SMTP_PASSWORD_ENV, SMTP_PASSWORD))
        smtp.send_message(message)
