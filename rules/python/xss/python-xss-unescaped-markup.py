import html

import bleach
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from flask import Flask, abort, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)
COLORS = ("red", "green")


# ---------------------------------------------------------------- vulnerable


@app.route("/greet")
def greet():
    name = request.args.get("name")
    # ruleid: python-xss-unescaped-markup
    banner = Markup(f"<b>Hello {name}</b>")
    return render_template("page.html", banner=banner)


@app.route("/bio")
def bio():
    # ruleid: python-xss-unescaped-markup
    return render_template("bio.html", bio=Markup(request.form["bio"]))


def comment(request):
    text = request.POST["text"]
    # ruleid: python-xss-unescaped-markup
    return {"html": mark_safe("<p>" + text + "</p>")}


# ---------------------------------------------------------------- safe


@app.route("/greet2")
def greet_escaped():
    name = request.args.get("name")
    # ok: python-xss-unescaped-markup
    banner = Markup(f"<b>Hello {escape(name)}</b>")
    return render_template("page.html", banner=banner)


@app.route("/greet3")
def greet_format():
    # Markup.format() escapes its arguments
    # ok: python-xss-unescaped-markup
    banner = Markup("<b>Hello {}</b>").format(request.args["name"])
    return render_template("page.html", banner=banner)


@app.route("/bio2")
def bio_clean():
    # ok: python-xss-unescaped-markup
    return render_template("bio.html", bio=Markup(bleach.clean(request.form["bio"])))


@app.route("/color")
def color():
    c = request.args["c"]
    if c not in COLORS:
        abort(400)
    # ok: python-xss-unescaped-markup
    return render_template("c.html", swatch=Markup(f"<span class='{c}'>x</span>"))


def comment_escaped(request):
    text = html.escape(request.POST["text"])
    # ok: python-xss-unescaped-markup
    return {"html": mark_safe("<p>" + text + "</p>")}


def comment_format_html(request):
    # ok: python-xss-unescaped-markup
    return {"html": format_html("<p>{}</p>", request.POST["text"])}
