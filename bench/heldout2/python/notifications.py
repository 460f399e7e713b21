"""Notification rendering: e-mail, SMS and in-app banners (Flask blueprint + plain helpers)."""

from __future__ import annotations

import html
import string

import bleach
import markdown
from django.template import engines
from flask import Blueprint, abort, current_app, render_template_string, request
from jinja2 import Environment, StrictUndefined, Template
from mako.template import Template as MakoTemplate
from markupsafe import Markup

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

template_env = Environment(undefined=StrictUndefined, autoescape=True)
TEMPLATES = {
    "welcome": "Hello {{ user.first_name }}, welcome to {{ product }}!",
    "digest": "{{ count }} new updates since {{ since }}.",
}
SMS_TEMPLATE = "Your code is {{ code }}. It expires in {{ minutes }} minutes."
ALLOWED_TAGS = ["b", "i", "em", "strong", "a", "p", "ul", "li"]


@bp.post("/preview")
def preview():
    source = request.form["template"]
    # template source from the form compiled with jinja2.Template
    # ruleid: ssti
    return Template(source).render(user={"first_name": "Ada"}, product="Acme")


@bp.post("/preview/named")
def preview_named():
    name = request.form.get("name", "welcome")
    if name not in TEMPLATES:
        abort(404)
    # template chosen by name from a constant dictionary
    # ok: ssti
    return template_env.from_string(TEMPLATES[name]).render(
        user={"first_name": request.form.get("first_name", "")}, product="Acme", count=0, since=""
    )


@bp.post("/preview/mako")
def preview_mako():
    layout = request.form.get("layout", "<p>${body}</p>")
    # Mako template source from the form
    # ruleid: ssti
    return MakoTemplate(layout).render(body=request.form.get("body", ""))


@bp.post("/preview/django")
def preview_django():
    src = request.get_json()["template"]
    # Django template engine from_string on JSON input
    # ruleid: ssti
    return engines["django"].from_string(src).render({"user": {"first_name": "Ada"}})


def render_sms(code: str, minutes: int) -> str:
    # constant template, values as context
    # ok: ssti
    return Template(SMS_TEMPLATE).render(code=code, minutes=minutes)


def render_custom_footer(footer_source: str, **context) -> str:
    # footer source is a parameter (unknown callers)
    # ruleid: ssti
    return template_env.from_string(footer_source).render(**context)


def render_plain(text: str, **values) -> str:
    # string.Template only substitutes $names
    # ok: ssti
    return string.Template(text).safe_substitute(values)


def render_subject(first_name: str) -> str:
    # value pasted into the template source (parameter, unknown callers)
    # ruleid: ssti
    return Template("Welcome aboard, " + first_name + "! {{ product }} is ready.").render(product="Acme")


@bp.get("/banner")
def banner():
    msg = request.args.get("msg", "")
    # query text through a Markdown renderer, then trusted as Markup
    # ruleid: xss
    return Markup(markdown.markdown(msg))


@bp.get("/banner/v2")
def banner_v2():
    msg = request.args.get("msg", "")
    # Markdown output cleaned by bleach with an allowlist of tags
    # ok: xss
    return Markup(bleach.clean(markdown.markdown(msg), tags=ALLOWED_TAGS, strip=True))


@bp.get("/banner/v3")
def banner_v3():
    msg = request.args.get("msg", "")
    # html.escape before building the Markup
    # ok: xss
    return Markup("<div class='banner'>" + html.escape(msg) + "</div>")


@bp.get("/inbox")
def inbox():
    who = request.args.get("user", "")
    tpl = "<h2>Inbox of " + who + "</h2>{% for m in messages %}<p>{{ m }}</p>{% endfor %}"
    # user text inside the template source of render_template_string
    # ruleid: xss
    return render_template_string(tpl, messages=["hi"])


@bp.get("/inbox/v2")
def inbox_v2():
    # constant template, the value as a variable
    # ok: xss
    return render_template_string(
        "<h2>Inbox of {{ who }}</h2>{% for m in messages %}<p>{{ m }}</p>{% endfor %}",
        who=request.args.get("user", ""),
        messages=["hi"],
    )


def highlight(term: str, text: str) -> Markup:
    # parameter (unknown callers) wrapped in Markup without escaping
    # ruleid: xss
    return Markup(text.replace(term, f"<mark>{term}</mark>"))


def status_pill(status: str) -> Markup:
    if status not in ("active", "paused", "cancelled"):
        raise ValueError(status)
    # compared against literals, raising otherwise
    # ok: xss
    return Markup(f"<span class='pill pill-{status}'>{status}</span>")


def app_version_badge() -> Markup:
    version = current_app.config.get("VERSION", "dev")
    # configuration value
    # ok: xss
    return Markup(f"<span class='version'>{version}</span>")
