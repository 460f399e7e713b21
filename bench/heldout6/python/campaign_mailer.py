"""Campaign mailer: marketers write email templates, subscribers get rendered messages."""

import hashlib
import random
import secrets
import smtplib
import string
from email.message import EmailMessage

import jwt
from flask import Blueprint, abort, render_template_string, request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")

html_env = Environment(loader=FileSystemLoader("templates/mail"), autoescape=select_autoescape(["html"]))
text_env = Environment(loader=FileSystemLoader("templates/mail"), autoescape=False)
sandbox = SandboxedEnvironment(autoescape=True)

FOOTER = "<p>You are receiving this because you subscribed to {{ list_name }}.</p>"
LAYOUTS = {"plain": "plain.html", "promo": "promo.html", "digest": "digest.html"}
UNSUBSCRIBE_KEY = None
# SMTP login password written into the module
# ruleid: hardcoded-secret
SMTP_PASSWORD = "m41l-Rel4y!2024"
# a header name, not a credential
# ok: hardcoded-secret
SMTP_PASSWORD_HEADER = "X-Relay-Password"


def send(to, subject, html_body, text_body):
    msg = EmailMessage()
    msg["To"], msg["Subject"] = to, subject
    msg.set_content(text_body)
    msg.add_alternative(html_body, subtype="html")
    with smtplib.SMTP_SSL("smtp.relay.example") as smtp:
        smtp.login("campaigns", SMTP_PASSWORD)
        smtp.send_message(msg)


@bp.route("/preview", methods=["POST"])
def preview():
    source = request.form.get("template", "")
    # a marketer's template compiled by an autoescaping (but not sandboxed) Environment
    # ruleid: ssti
    body = html_env.from_string(source).render(first_name="Ada")
    # the same source rendered in the sandbox
    # ok: ssti
    safe_body = sandbox.from_string(source).render(first_name="Ada")
    return {"body": body, "safe": safe_body}


@bp.route("/preview-text", methods=["POST"])
def preview_text():
    subject = request.form.get("subject", "")
    # the subject concatenated into the template source of the plain-text environment
    # ruleid: ssti
    rendered = text_env.from_string("Subject: " + subject + "\n\n{{ body }}").render(body="...")
    # a constant template with the subject as a variable
    # ok: ssti
    fixed = text_env.from_string("Subject: {{ subject }}").render(subject=subject)
    return {"text": rendered, "fixed": fixed}


@bp.route("/layout")
def layout():
    name = request.args.get("layout", "plain")
    if name not in LAYOUTS:
        abort(404)
    # a template file picked from a constant dict
    # ok: ssti
    return html_env.get_template(LAYOUTS[name]).render(list_name="News")


@bp.route("/footer")
def footer():
    list_name = request.args.get("list", "")
    # constant template source, the list name passed as a variable
    # ok: xss
    html = render_template_string(FOOTER, list_name=list_name)
    # the list name pasted into the template source
    # ruleid: xss
    html2 = render_template_string(FOOTER.replace("{{ list_name }}", list_name))
    return html + html2


def render_for(subscriber, campaign):
    # Markup.format escapes the subscriber's display name
    # ok: xss
    greeting = Markup("<p>Hello {}</p>").format(subscriber["display_name"])
    # the campaign's stored HTML wrapped in Markup
    # ruleid: xss
    banner = Markup(campaign["banner_html"])
    return greeting + banner


def unsubscribe_token():
    # an unsubscribe token from random.choices
    # ruleid: weak-randomness
    return "".join(random.choices(string.ascii_letters + string.digits, k=24))


def open_tracking_id():
    # secrets.token_urlsafe
    # ok: weak-randomness
    tracking_token = secrets.token_urlsafe(16)
    return tracking_token


def read_unsubscribe(token):
    # decoded with signature verification switched off
    # ruleid: jwt-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def read_unsubscribe_checked(token, key):
    # verified with a fixed algorithm list
    # ok: jwt-not-verified
    return jwt.decode(token, key, algorithms=["HS256"])["sub"]


def read_legacy(token, key):
    # decoded with a key but no algorithms list: the token header chooses
    # ruleid: jwt-not-verified
    return jwt.decode(token, key)["sub"]


def list_password_digest(list_password):
    # the list's password hashed with unsalted SHA-256
    # ruleid: weak-password-hash
    return hashlib.sha256(list_password.encode()).hexdigest()


def template_etag(source):
    # a digest of template text for caching
    # ok: weak-password-hash
    return hashlib.md5(source.encode()).hexdigest()
