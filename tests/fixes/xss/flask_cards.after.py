from flask import Flask, render_template, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template_string("<h1>Hello {{ name }}!</h1><p>{{ greeting }}</p>", greeting="Welcome", name=name)


@app.route("/card", methods=["POST"])
def card():
    template = "<div class='card'><p>{{ message }}</p><footer>{{ signature }}</footer></div>"
    return render_template_string(template, message=request.form["message"], signature=request.form["signature"])


@app.route("/comment", methods=["POST"])
def comment():
    body = request.get_json()["body"]
    rendered = Markup("<blockquote class='{{quote}}'>{}</blockquote>").format(body)
    return render_template("page.html", body=rendered)
