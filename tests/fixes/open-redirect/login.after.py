"""Login and logout (Flask)."""

from flask import Flask, abort, redirect, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    next_url = request.args.get("next", "/")
    if not next_url.startswith("/") or next_url.startswith(("//", "/\\")) or not next_url.isprintable():
        abort(400)
    return redirect(next_url)


@app.route("/logout")
def logout():
    url = request.args["back"]
    if not url.startswith("/") or url.startswith(("//", "/\\")) or not url.isprintable():
        abort(400)
    return redirect(url)
