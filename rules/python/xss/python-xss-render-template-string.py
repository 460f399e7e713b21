import html

import jinja2
from flask import Flask, abort, render_template, render_template_string, request

app = Flask(__name__)
env = jinja2.Environment(autoescape=True)
THEMES = {"light": "<body class=light>{{ body }}</body>", "dark": "<body class=dark>{{ body }}</body>"}


# ---------------------------------------------------------------- vulnerable


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    template = "<h1>Hello " + name + "</h1>"
    # ruleid: python-xss-render-template-string
    return render_template_string(template)


@app.route("/page")
def page():
    body = request.form["body"]
    # ruleid: python-xss-render-template-string
    return render_template_string(f"<div>{body}</div>", title="Page")


@app.route("/escaped")
def escaped():
    # html.escape() stops tags but not {{ 7*7 }}: the template itself is still user controlled
    src = html.escape(request.args["tpl"])
    # ruleid: python-xss-render-template-string
    return render_template_string(src)


@app.route("/jinja")
def jinja():
    # ruleid: python-xss-render-template-string
    return env.from_string(request.args["t"]).render()


@app.route("/jinja2")
def jinja_template():
    # ruleid: python-xss-render-template-string
    return jinja2.Template("<p>" + request.cookies["motd"] + "</p>").render()


# ---------------------------------------------------------------- safe


@app.route("/hello2")
def hello_context():
    name = request.args.get("name", "")
    # the value is a context variable: autoescaped
    # ok: python-xss-render-template-string
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)


@app.route("/theme")
def theme():
    choice = request.args.get("theme", "light")
    if choice not in THEMES:
        abort(404)
    # ok: python-xss-render-template-string
    return render_template_string(THEMES[choice], body="hi")


@app.route("/count")
def count():
    n = int(request.args["n"])
    # ok: python-xss-render-template-string
    return render_template_string("<p>" + str(n) + " items</p>")


@app.route("/file")
def file_template():
    # ok: python-xss-render-template-string
    return render_template("page.html", body=request.args["body"])
