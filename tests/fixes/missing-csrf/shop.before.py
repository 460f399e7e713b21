"""A shop with a login session and form posts."""

from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/cart", methods=["POST"])
def add_to_cart():
    session.setdefault("cart", []).append(request.form["item"])
    return redirect("/cart")
