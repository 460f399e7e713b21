"""Live quiz for workshops: a Flask app with Flask-SocketIO events, SQLite and a host page."""

import os
import sqlite3
import subprocess
from html import escape

from flask import Flask, abort, g, redirect, render_template_string, request, session, url_for
from flask_socketio import SocketIO, emit, join_room

# a Flask app with POST routes and a cookie session, no CSRF protection anywhere
# ruleid: missing-csrf
app = Flask(__name__)
# the session key written into the module
# ruleid: hardcoded-secret
app.secret_key = "quiz-9f2c1e7a-5b0d-4a8e"
socketio = SocketIO(app, cors_allowed_origins=["https://quiz.workshop.example"])
QUESTION_SETS = {"python-basics", "sql-101", "security-intro"}
AVATAR_DIR = "/srv/quiz/avatars"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("/srv/quiz/quiz.db")
    return g.db


@socketio.on("join")
def on_join(data):
    room = data.get("room", "")
    nickname = data.get("nickname", "anon")
    join_room(room)
    # the nickname from the socket event bound
    # ok: sql-injection
    get_db().execute("INSERT INTO player (room, nickname) VALUES (?, ?)", (room, nickname))
    emit("joined", {"nickname": escape(nickname)}, to=room)


@socketio.on("answer")
def on_answer(data):
    question_id = data.get("question_id")
    choice = data.get("choice", "")
    # the choice text spliced into the UPDATE
    # ruleid: sql-injection
    get_db().execute(f"UPDATE answer SET choice = '{choice}' WHERE question_id = {int(question_id)}")


@socketio.on("leaderboard")
def on_leaderboard(data):
    order = data.get("order", "score")
    if order not in ("score", "nickname", "answered_at"):
        emit("error", {"msg": "bad order"})
        return
    # an allowlist tuple with an early return
    # ok: sql-injection
    rows = get_db().execute(f"SELECT nickname, score FROM player ORDER BY {order} DESC").fetchall()
    emit("leaderboard", rows)


@socketio.on("export")
def on_export(data):
    room = data.get("room", "")
    # the room name from the event in a shell command
    # ruleid: command-injection
    subprocess.run(f"sqlite3 -csv /srv/quiz/quiz.db 'select * from player' > /srv/quiz/exports/{room}.csv", shell=True)


@app.route("/host/<set_name>", methods=["GET", "POST"])
def host(set_name):
    if set_name not in QUESTION_SETS:
        abort(404)
    title = request.args.get("title", "Workshop quiz")
    # the title is a template variable, the set name passed the allowlist
    # ok: ssti
    # ok: xss
    return render_template_string("<h1>{{ title }}</h1><p>Set: " + set_name + "</p>", title=title)


@app.route("/banner")
def banner():
    text = request.args.get("text", "")
    # the banner text becomes part of the template source
    # ruleid: ssti
    # ruleid: xss
    return render_template_string("<div class='banner'>" + text + "</div>")


@app.route("/welcome")
def welcome():
    name = request.args.get("name", "")
    # a string with markup returned from the view, the name escaped
    # ok: xss
    return f"<p>Welcome, {escape(name)}!</p>"


@app.route("/scores")
def scores():
    player = request.args.get("player", "")
    # markup returned from the view with the raw query value
    # ruleid: xss
    return "<table><tr><td>" + player + "</td></tr></table>"


@app.route("/avatar", methods=["POST"])
def avatar():
    upload = request.files["avatar"]
    # the uploaded file's own name as the path
    # ruleid: path-traversal
    upload.save(os.path.join(AVATAR_DIR, upload.filename))
    session["avatar"] = upload.filename
    return redirect(url_for("scores"))


@app.route("/login", methods=["POST"])
def login():
    session["player"] = request.form["nickname"]
    target = request.args.get("next", "")
    if target.startswith("/"):
        # a leading slash alone lets //evil.example through
        # ruleid: open-redirect
        return redirect(target)
    # url_for builds a same-site URL
    # ok: open-redirect
    return redirect(url_for("welcome", name=session["player"]))


if __name__ == "__main__":
    # the dev server with the debugger on
    # ruleid: debug-mode
    socketio.run(app, host="0.0.0.0", debug=True)
