"""Harder data flow for xss (Flask and MarkupSafe helpers).

Benchmark corpus, xss (CWE-79).
"""
from flask import Flask, render_template, render_template_string, request
from markupsafe import Markup, escape

app = Flask(__name__)

LAYOUTS = {"grid", "list"}


def card(title, body):
    # Helper building HTML from its parameters (reported as a warning).
    # ruleid: xss
    return Markup(f"<div class='card'><h3>{title}</h3><p>{body}</p></div>")


def safe_card(title, body):
    # Helper that escapes its parameters.
    # ok: xss
    return Markup("<div class='card'><h3>{}</h3><p>{}</p></div>").format(title, body)


def user_title():
    return request.args.get("title", "")


def tag(name, text):
    # Helper returning a plain string of HTML (no sink inside).
    return "<%s>%s</%s>" % (name, text, name)


@app.route("/flow/helper-tag")
def helper_tag():
    # Request data through a helper that formats HTML.
    # ruleid: xss
    return render_template_string(tag("h1", request.args.get("h", "")))


@app.route("/flow/helper-source")
def helper_source():
    # Helper that reads the request.
    # ruleid: xss
    return render_template("t.html", title=Markup("<h1>" + user_title() + "</h1>"))


@app.route("/flow/closure")
def closure():
    # Captured by an inner function.
    msg = request.args.get("msg", "")

    def banner():
        # ruleid: xss
        return Markup(f"<div class='banner'>{msg}</div>")

    return render_template("t.html", banner=banner())


@app.route("/flow/walrus")
def walrus():
    # Walrus binding in a conditional expression.
    # ruleid: xss
    return render_template("t.html", note=Markup(n) if (n := request.args.get("note")) else "")


@app.route("/flow/comprehension")
def comprehension():
    # List items joined into HTML in a comprehension.
    items = request.args.getlist("item")
    lis = "".join([f"<li>{i}</li>" for i in items])
    # ruleid: xss
    return render_template("t.html", items=Markup(f"<ul>{lis}</ul>"))


@app.route("/flow/comprehension-escaped")
def comprehension_escaped():
    # Each item escaped in the comprehension.
    items = request.args.getlist("item")
    lis = "".join([f"<li>{escape(i)}</li>" for i in items])
    # ok: xss
    return render_template("t.html", items=Markup(f"<ul>{lis}</ul>"))


@app.route("/flow/loop")
def loop():
    # += in a loop over form values.
    out = ""
    for key, value in request.form.items():
        out += f"<dt>{key}</dt><dd>{value}</dd>"
    # ruleid: xss
    return render_template("t.html", dl=Markup("<dl>" + out + "</dl>"))


@app.route("/flow/try")
def try_except():
    # except branch keeps the raw value.
    raw = request.args.get("n", "")
    try:
        shown = str(int(raw))
    except ValueError:
        shown = raw
    # ruleid: xss
    return render_template("t.html", n=Markup(f"<b>{shown}</b>"))


@app.route("/flow/layout")
def layout():
    # Equality with literals in both branches.
    layout = request.args.get("layout", "grid")
    if layout == "grid" or layout == "list":
        # ok: xss
        return render_template_string("<div class='" + layout + "'>{{ x }}</div>", x=1)
    return "bad layout", 400


@app.route("/flow/wrong-var-escaped")
def wrong_var_escaped():
    # The escaped copy is computed, but the raw value is used.
    name = request.args.get("name", "")
    safe_name = escape(name)
    # ruleid: xss
    return render_template("t.html", hello=Markup(f"Hello {name}"), plain=safe_name)


@app.route("/flow/dict")
def dict_flow():
    # Stored in a dict field, read back.
    ctx = {"title": request.args.get("title", ""), "layout": "grid"}
    # ruleid: xss
    return render_template("t.html", title=Markup("<h1>" + ctx["title"] + "</h1>"))


@app.route("/flow/dead")
def dead():
    # The user's value is assigned only in a dead branch.
    title = "Welcome"
    if False:
        title = request.args.get("title", "")
    # ok: xss
    return render_template("t.html", title=Markup("<h1>" + title + "</h1>"))


class Widget:
    # self attribute from a constructor parameter (reported as a warning).
    def __init__(self, label):
        self.label = label

    def __html__(self):
        # ruleid: xss
        return Markup(f"<button>{self.label}</button>")


@app.route("/flow/cards")
def cards():
    return render_template("t.html", a=card(request.args.get("t", ""), "x"), b=safe_card("t", "x"))
