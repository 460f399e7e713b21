from flask import Flask, render_template, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template_string(f"<h1>Hello {name}!</h1><p>{{{{ greeting }}}}</p>", greeting="Welcome")


@app.route("/card", methods=["POST"])
def card():
    template = "<div class='card'><p>%s</p><footer>%s</footer></div>" % (
        request.form["message"],
        request.form["signature"],
    )
    return render_template_string(template)


@app.route("/comment", methods=["POST"])
def comment():
    body = request.get_json()["body"]
    rendered = Markup(f"<blockquote class='{{quote}}'>{body}</blockquote>")
    return render_template("page.html", body=rendered)
