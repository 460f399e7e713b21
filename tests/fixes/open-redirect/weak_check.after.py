"""Return to the page before login (Flask), with a check that refuses `//` only."""

from flask import Flask, abort, redirect, request

app = Flask(__name__)


@app.route("/login/done")
def login_done():
    nxt = request.args.get("next", "/")
    if not nxt.startswith("/") or nxt.startswith("//"):
        abort(400)
    if not nxt.startswith("/") or nxt.startswith(("//", "/\\")) or not nxt.isprintable():
        abort(400)
    return redirect(nxt)
