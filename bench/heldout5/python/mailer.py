"""Transactional email: pydantic-settings configuration, Jinja2 rendering, SMTP delivery, a preview blueprint."""

import smtplib
import ssl
from email.message import EmailMessage

import jinja2
from flask import Blueprint, render_template_string, request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape
from pydantic_settings import BaseSettings, SettingsConfigDict

FOOTER = "<p>Sent by {{ product }} &middot; <a href='{{ unsubscribe }}'>unsubscribe</a></p>"
SNIPPETS = {"welcome": "Hi {{ name }}, welcome aboard!", "reset": "Hi {{ name }}, use the link below."}


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MAIL_")

    smtp_host: str = "smtp.internal.example"
    smtp_user: str = "notifications"
    # typed class attribute holding a real-looking password as its default
    # ruleid: hardcoded-secret
    smtp_password: str = "Mx7#pq2-LLv0w9"
    # placeholder default
    # ok: hardcoded-secret
    api_token: str = "changeme-in-production"


settings = MailSettings()
env = Environment(loader=FileSystemLoader("templates/email"), autoescape=select_autoescape(["html"]))
sandbox = SandboxedEnvironment(autoescape=True)
preview_bp = Blueprint("mail_preview", __name__, url_prefix="/mail")


def render_named(name: str, context: dict) -> str:
    # file template by name, values as context
    # ok: ssti
    return env.get_template(f"{name}.html").render(**context)


def render_custom(subject_template: str, context: dict) -> str:
    # template source is the caller's string (the preview route passes form data)
    # ruleid: ssti
    return env.from_string(subject_template).render(**context)


def render_sandboxed(body_template: str, context: dict) -> str:
    # sandboxed environment
    # ok: ssti
    return sandbox.from_string(body_template).render(**context)


def render_footer(product: str, unsubscribe: str) -> str:
    # constant template, values passed as variables
    # ok: ssti
    return jinja2.Template(FOOTER).render(product=product, unsubscribe=unsubscribe)


def greeting_line(name: str) -> str:
    # the recipient's name becomes part of the template source
    # ruleid: ssti
    return jinja2.Template(f"Hello {name}, {{{{ intro }}}}").render(intro="here is your summary")


def snippet(key: str, name: str) -> str:
    if key not in SNIPPETS:
        raise KeyError(key)
    # template chosen from a constant table after a membership check
    # ok: ssti
    return env.from_string(SNIPPETS[key]).render(name=name)


def unsubscribe_link(url: str) -> Markup:
    # URL parameter inside Markup without escaping
    # ruleid: xss
    return Markup(f"<a href='{url}'>Unsubscribe</a>")


def note_block(note: str) -> Markup:
    # Markup.format escapes the argument
    # ok: xss
    return Markup("<blockquote>{}</blockquote>").format(note)


def name_badge(name: str) -> Markup:
    # escaped inside the f-string
    # ok: xss
    return Markup(f"<strong>{escape(name)}</strong>")


def name_with_alias(name: str) -> Markup:
    # escaped once, then the raw value appended again
    # ruleid: xss
    return Markup("<strong>" + str(escape(name)) + "</strong> (" + name + ")")


def send(to: str, subject: str, html_body: str) -> None:
    msg = EmailMessage()
    msg["To"] = to
    msg["Subject"] = subject
    msg.add_alternative(html_body, subtype="html")
    # default context
    # ok: tls-verification-disabled
    with smtplib.SMTP_SSL(settings.smtp_host, 465, context=ssl.create_default_context()) as smtp:
        smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(msg)


def send_relay(msg: EmailMessage) -> None:
    # unverified context for the legacy relay
    # ruleid: tls-verification-disabled
    with smtplib.SMTP_SSL("relay.legacy.example", 465, context=ssl._create_unverified_context()) as smtp:
        smtp.send_message(msg)


@preview_bp.post("/preview")
def preview():
    subject = render_custom(request.form["subject_template"], {"name": "Preview"})
    body = render_named("digest", {"name": request.form.get("name", "")})
    return {"subject": subject, "body": body, "footer": render_footer("Acme", "/u/1")}


@preview_bp.get("/preview/page")
def preview_page():
    name = request.args.get("name", "there")
    # constant template with the name as a variable
    # ok: xss
    return render_template_string("<h1>Preview for {{ name }}</h1>", name=name)


@preview_bp.get("/preview/raw")
def preview_raw():
    name = request.args.get("name", "there")
    # query value formatted into Markup
    # ruleid: xss
    return Markup("<h1>Preview for %s</h1>" % name)
