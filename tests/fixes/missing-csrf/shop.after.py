"""A shop with a login session and form posts."""

from flask import Flask, redirect, request, session
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
CSRFProtect(app)


@app.route("/cart", methods=["POST"])
def add_to_cart():
    session.setdefault("cart", []).append(request.form["item"])
    return redirect("/cart")
