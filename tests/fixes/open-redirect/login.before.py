"""Login and logout (Flask)."""

from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    next_url = request.args.get("next", "/")
    return redirect(next_url)


@app.route("/logout")
def logout():
    return redirect(request.args["back"])
