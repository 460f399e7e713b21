"""Profile pages, search and snippets (Flask, Jinja, MarkupSafe).

Benchmark corpus, xss (CWE-79). Flask returns a str from a view as text/html.
"""
import html
import re

import bleach
import markdown
from flask import Flask, abort, make_response, render_template, render_template_string, request
from jinja2 import Environment
from markupsafe import Markup, escape

app = Flask(__name__)

THEMES = {"light", "dark", "sepia"}
BADGES = {"admin": "<span class='badge red'>admin</span>", "member": "<span class='badge'>member</span>"}
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PAGE = "<html><body><h1>{{ title }}</h1><p>{{ body }}</p></body></html>"


def validate_color(value: str) -> str:
    """Raises ValueError unless value is a #rrggbb color."""
    if not COLOR.fullmatch(value):
        raise ValueError("bad color")
    return value


@app.route("/hello")
def hello():
    # User data in the template source.
    name = request.args.get("name", "world")
    # ruleid: xss
    return render_template_string(f"<h1>Hello {name}!</h1>")


@app.route("/hello/safe")
def hello_safe():
    # Constant template, user data passed as a variable (autoescaped).
    name = request.args.get("name", "world")
    # ok: xss
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=name)


@app.route("/hello/escaped")
def hello_escaped():
    # HTML escaping does not remove {{ }}: the template source is still the user's (SSTI).
    name = html.escape(request.args.get("name", "world"))
    # ruleid: xss
    return render_template_string("<h1>Hello " + name + "!</h1>")


@app.route("/page")
def page():
    # Constant module-level template with variables.
    # ok: xss
    return render_template_string(PAGE, title=request.args.get("t", ""), body=request.args.get("b", ""))


@app.route("/profile/<username>")
def profile(username):
    # Route parameter wrapped in Markup().
    # ruleid: xss
    greeting = Markup(f"<h2>{username}'s profile</h2>")
    return render_template("profile.html", greeting=greeting)


@app.route("/profile-safe/<username>")
def profile_safe(username):
    # escape() inside the Markup f-string.
    # ok: xss
    greeting = Markup(f"<h2>{escape(username)}'s profile</h2>")
    return render_template("profile.html", greeting=greeting)


@app.route("/profile-format/<username>")
def profile_format(username):
    # Markup.format() escapes its arguments.
    # ok: xss
    greeting = Markup("<h2>{}'s profile</h2>").format(username)
    return render_template("profile.html", greeting=greeting)


@app.route("/profile-percent/<username>")
def profile_percent(username):
    # Markup's % operator escapes its arguments.
    # ok: xss
    greeting = Markup("<h2>%s's profile</h2>") % username
    return render_template("profile.html", greeting=greeting)


@app.route("/bio", methods=["POST"])
def bio():
    # Markdown output is not sanitized HTML.
    text = request.form.get("bio", "")
    rendered = markdown.markdown(text)
    # ruleid: xss
    return render_template("bio.html", bio=Markup(rendered))


@app.route("/bio/clean", methods=["POST"])
def bio_clean():
    # bleach.clean() after Markdown.
    text = request.form.get("bio", "")
    rendered = bleach.clean(markdown.markdown(text), tags=["p", "em", "strong", "a"])
    # ok: xss
    return render_template("bio.html", bio=Markup(rendered))


@app.route("/theme")
def theme():
    # Allowlisted theme name.
    t = request.args.get("theme", "light")
    if t not in THEMES:
        abort(400)
    # ok: xss
    return render_template_string(f"<body class='{t}'>{{{{ content }}}}</body>", content="hi")


@app.route("/badge")
def badge():
    # Constant dict of HTML fragments.
    role = request.args.get("role", "member")
    # ok: xss
    return render_template("badge.html", badge=Markup(BADGES.get(role, "")))


@app.route("/color")
def color():
    # Validator that raises, called as a statement.
    c = request.args.get("c", "#000000")
    validate_color(c)
    # ok: xss
    swatch = Markup(f"<div style='background:{c}'></div>")
    return render_template("swatch.html", swatch=swatch)


@app.route("/color/unchecked")
def color_unchecked():
    # isinstance() is not a control.
    c = request.args.get("c", "#000000")
    if not isinstance(c, str):
        abort(400)
    # ruleid: xss
    swatch = Markup(f"<div style='background:{c}'></div>")
    return render_template("swatch.html", swatch=swatch)


@app.route("/count")
def count():
    # int() coercion.
    n = int(request.args.get("n", "0"))
    # ok: xss
    return render_template("count.html", msg=Markup(f"<b>{n}</b> results"))


@app.route("/search")
def search():
    # A str returned from a view is sent as text/html.
    q = request.args.get("q", "")
    # ruleid: xss
    return f"<p>No results for <b>{q}</b></p>"


@app.route("/search/escaped")
def search_escaped():
    # The same response with the value escaped.
    q = request.args.get("q", "")
    # ok: xss
    return f"<p>No results for <b>{html.escape(q)}</b></p>"


@app.route("/error")
def error_page():
    # make_response with an HTML body from a header.
    ref = request.headers.get("Referer", "")
    # ruleid: xss
    resp = make_response("<a href='" + ref + "'>Go back</a>", 404)
    return resp


@app.route("/report")
def report():
    # Jinja2 environment with autoescape off: variables are not escaped.
    env = Environment(autoescape=False)
    tpl = env.from_string("<h1>{{ title }}</h1>")
    # ruleid: xss
    return tpl.render(title=request.args.get("title", ""))


@app.route("/template/rendered")
def template_rendered():
    # render_template uses autoescaping for .html files.
    # ok: xss
    return render_template("search.html", q=request.args.get("q", ""))


@app.route("/footer")
def footer():
    # Constant HTML built in several steps.
    year = "2024"
    html_text = "<footer>&copy; " + year
    html_text += " Example Ltd.</footer>"
    # ok: xss
    return render_template("base.html", footer=Markup(html_text))


@app.route("/notice")
def notice():
    # User text replaced by a constant before Markup().
    msg = request.args.get("msg", "")
    msg = "<em>Maintenance tonight</em>"
    # ok: xss
    return render_template("base.html", notice=Markup(msg))
