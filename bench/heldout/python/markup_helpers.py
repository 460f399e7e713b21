"""Jinja filters, Markup helpers and a couple of views of the community site."""
import html
import re

import bleach
import markdown
from flask import Flask, current_app, render_template, render_template_string, request
from markupsafe import Markup, escape

app = Flask(__name__)

ALLOWED_TAGS = ["p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote"]
ERROR_TEMPLATE = """
<!doctype html>
<title>{{ code }}</title>
<h1>{{ code }}</h1>
<p>{{ message }}</p>
"""
SCRIPT_RE = re.compile(r"<script.*?>.*?</script>", re.I | re.S)


@app.template_filter("highlight")
def highlight(value, term):
    # Filter arguments wrapped in Markup after a plain replace (reported as a warning).
    # ruleid: xss
    return Markup(value.replace(term, f"<mark>{term}</mark>"))


def badge(label):
    # escape() on the only dynamic part.
    # ok: xss
    return Markup(f'<span class="badge">{escape(label)}</span>')


def user_link(user):
    # Markup.format() escapes its arguments.
    # ok: xss
    return Markup('<a href="/u/{}">{}</a>').format(user.id, user.display_name)


def render_bio(md_text):
    # Markdown output is not sanitized: raw HTML in the source passes through.
    # ruleid: xss
    return Markup(markdown.markdown(md_text))


def render_bio_clean(md_text):
    # bleach.clean() with a tag allowlist after Markdown.
    cleaned = bleach.clean(markdown.markdown(md_text), tags=ALLOWED_TAGS, strip=True)
    # ok: xss
    return Markup(cleaned)


def strip_scripts(fragment):
    # Home-made filter that only removes <script> blocks; <img onerror=...> survives.
    # ruleid: xss
    return Markup(SCRIPT_RE.sub("", fragment))


@app.route("/hello")
def hello():
    # Query value formatted into the template source.
    name = request.args.get("name", "stranger")
    # ruleid: xss
    return render_template_string(f"<h1>Hello {name}!</h1><p>Welcome back.</p>")


@app.route("/hello-safe")
def hello_safe():
    # Constant template; the value is passed as a variable and autoescaped.
    name = request.args.get("name", "stranger")
    # ok: xss
    return render_template_string("<h1>Hello {{ name }}!</h1><p>Welcome back.</p>", name=name)


@app.route("/newsletter/preview", methods=["POST"])
def newsletter_preview():
    # Whole template source from a form field.
    source = request.form.get("template", "")
    context = {"first_name": "Ada", "unsubscribe_url": "https://example.com/unsub"}
    # ruleid: xss
    return render_template_string(source, **context)


@app.errorhandler(404)
def not_found(err):
    # ok: xss
    return render_template_string(ERROR_TEMPLATE, code=404, message=request.path), 404


@app.route("/comments/preview", methods=["POST"])
def comment_preview():
    # html.escape() before wrapping, then newlines turned into <br>.
    body = request.form.get("body", "")
    # ok: xss
    rendered = Markup(html.escape(body).replace("\n", "<br>"))
    return render_template("comment_preview.html", rendered=rendered)


@app.route("/signature", methods=["POST"])
def signature_preview():
    # Form value wrapped in Markup after truthiness and length checks.
    sig = request.form.get("signature", "")
    if not sig or len(sig) > 500:
        return "invalid signature", 400
    # ruleid: xss
    rendered = Markup(f"<div class='sig'>{sig}</div>")
    return render_template("signature.html", rendered=rendered)


@app.context_processor
def inject_banner():
    # Banner HTML from the application config.
    # ok: xss
    return {"banner": Markup(current_app.config.get("BANNER_HTML", ""))}
