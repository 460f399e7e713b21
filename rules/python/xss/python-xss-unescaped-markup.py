import html

import bleach
import markupsafe
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


@app.route("/motd")
def motd():
    line = request.cookies.get("motd", "")
    # ruleid: python-xss-unescaped-markup
    return render_template("motd.html", motd=Markup("<i>" + line + "</i>"))


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


@app.route("/motd2")
def motd_escaped():
    line = html.escape(request.cookies.get("motd", ""))
    # ok: python-xss-unescaped-markup
    return render_template("motd.html", motd=Markup("<i>" + line + "</i>"))


@app.route("/fixed")
def already_fixed():
    # ok: python-xss-unescaped-markup
    return render_template("bio.html", bio=markupsafe.escape(request.form["bio"]))
