"""Recipe sharing site: one Flask module over sqlite3, the way an assistant writes it."""

import hashlib
import os
import random
import sqlite3
import string
import subprocess
from urllib.parse import urlparse

import requests
from flask import (
    Flask,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from markupsafe import Markup, escape
from werkzeug.utils import secure_filename

from .accounts import find_user_by_email

DATABASE = os.environ.get("RECIPES_DB", "recipes.db")
UPLOAD_DIR = os.path.realpath(os.environ.get("RECIPES_UPLOADS", "/srv/recipes/uploads"))
EXPORT_DIR = "/srv/recipes/exports"
SORT_COLUMNS = {"newest": "created_at DESC", "rating": "avg_rating DESC", "title": "title ASC"}
IMAGE_HOSTS = {"images.unsplash.com", "cdn.recipes.example"}
PAPER_SIZES = ("A4", "Letter", "A5")

# Flask app with POST routes and a cookie session, and no CSRF protection anywhere in the module
# ruleid: missing-csrf
app = Flask(__name__)
# literal session signing key
# ruleid: hardcoded-secret
app.secret_key = "recipes-dev-7f3b9c2e41"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


class RecipeRepository:
    def __init__(self, conn):
        self.conn = conn

    def search(self, term, sort_key):
        order_by = SORT_COLUMNS.get(sort_key, "created_at DESC")
        # term bound as a parameter, ORDER BY looked up in a constant dictionary
        # ok: sql-injection
        return self.conn.execute(
            f"SELECT id, title, avg_rating FROM recipes WHERE title LIKE ? ORDER BY {order_by}",
            (f"%{term}%",),
        ).fetchall()

    def by_tag(self, tag):
        # repository method: its only caller passes request.args["tag"]
        # ruleid: sql-injection
        return self.conn.execute(f"SELECT id, title FROM recipes WHERE tags LIKE '%{tag}%'").fetchall()

    def by_author(self, author_id):
        # the only caller passes int(...) of the query value
        # ok: sql-injection
        return self.conn.execute("SELECT id, title FROM recipes WHERE author_id = %d" % author_id).fetchall()

    def add_rating(self, recipe_id, stars, comment, user_id):
        # every value bound
        # ok: sql-injection
        self.conn.execute(
            "INSERT INTO ratings (recipe_id, stars, comment, user_id) VALUES (?, ?, ?, ?)",
            (recipe_id, stars, comment, user_id),
        )
        self.conn.commit()

    def bulk_delete(self, ids):
        placeholders = ",".join("?" for _ in ids)
        # placeholders generated from the list length, the ids bound
        # ok: sql-injection
        self.conn.execute(f"DELETE FROM recipes WHERE id IN ({placeholders})", ids)
        self.conn.commit()


def _hash_password(password):
    # fast unsalted digest of the password
    # ruleid: weak-password-hash
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def _remember_token():
    # remember-me token from the random module
    # ruleid: weak-randomness
    remember_token = "".join(random.choices(string.ascii_letters + string.digits, k=32))
    return remember_token


def _fetch_image(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in IMAGE_HOSTS:
        raise ValueError("image host not allowed")
    # host checked against IMAGE_HOSTS just above (raises otherwise); the caller passes form input
    # ok: ssrf
    return requests.get(url, timeout=10).content


@app.route("/recipes")
def list_recipes():
    repo = RecipeRepository(get_db())
    rows = repo.search(request.args.get("q", ""), request.args.get("sort", "newest"))
    return jsonify([dict(r) for r in rows])


@app.route("/recipes/tagged")
def tagged():
    repo = RecipeRepository(get_db())
    return jsonify([dict(r) for r in repo.by_tag(request.args["tag"])])


@app.route("/recipes/suggest")
def suggest():
    prefix = request.args.get("prefix", "").strip()[:20]
    # strip() and a length cut leave quotes in place
    # ruleid: sql-injection
    rows = get_db().execute("SELECT title FROM recipes WHERE title LIKE '" + prefix + "%' LIMIT 10").fetchall()
    return jsonify([r["title"] for r in rows])


@app.route("/authors/recipes")
def author_recipes():
    author_id = int(request.args.get("author", "0"))
    return jsonify([dict(r) for r in RecipeRepository(get_db()).by_author(author_id)])


@app.route("/recipes/<int:recipe_id>")
def show_recipe(recipe_id):
    # bound id
    # ok: sql-injection
    row = get_db().execute("SELECT * FROM recipes WHERE id = ?", (recipe_id,)).fetchone()
    if row is None:
        abort(404)
    return render_template("recipe.html", recipe=row)


@app.post("/recipes/<int:recipe_id>/rate")
def rate(recipe_id):
    if "user_id" not in session:
        abort(401)
    form = request.form
    RecipeRepository(get_db()).add_rating(recipe_id, int(form["stars"]), form.get("comment", ""), session["user_id"])
    # url_for builds a path of this site
    # ok: open-redirect
    return redirect(url_for("show_recipe", recipe_id=recipe_id))


@app.post("/recipes/bulk-delete")
def bulk_delete():
    ids = [int(x) for x in request.form.getlist("id")]
    RecipeRepository(get_db()).bulk_delete(ids)
    return "", 204


@app.route("/recipes/<int:recipe_id>/card")
def recipe_card(recipe_id):
    note = request.args.get("note", "")
    # note escaped before it goes into the Markup f-string
    # ok: xss
    banner = Markup(f"<p class='note'>{escape(note)}</p>")
    highlight = request.args.get("highlight", "")
    # query text concatenated into Markup
    # ruleid: xss
    marked = Markup("<mark>" + highlight + "</mark>")
    return render_template("card.html", banner=banner, marked=marked, recipe_id=recipe_id)


@app.route("/share")
def share():
    title = request.args.get("title", "a recipe")
    # constant template, the title passed as a variable
    # ok: xss
    return render_template_string("<h1>Share {{ title }}</h1>", title=title)


@app.route("/print")
def print_view():
    heading = request.args.get("heading", "")
    # the heading becomes part of the template source
    # ruleid: xss
    return render_template_string("<h1>" + heading + "</h1>{% include 'print_body.html' %}")


@app.post("/recipes/<int:recipe_id>/image-from-url")
def image_from_url(recipe_id):
    data = _fetch_image(request.form["image_url"])
    target = os.path.join(UPLOAD_DIR, f"recipe-{recipe_id}.jpg")
    # file name made of the int route converter's value [beyond docs]
    # ok: path-traversal
    with open(target, "wb") as fh:
        fh.write(data)
    return "", 201


@app.get("/preview")
def link_preview():
    url = request.args.get("url", "")
    if not url.startswith(("http://", "https://")):
        abort(400)
    # scheme-only check
    # ruleid: ssrf
    resp = requests.get(url, timeout=5)
    return jsonify({"status": resp.status_code, "length": len(resp.content)})


@app.post("/recipes/<int:recipe_id>/photo")
def upload_photo(recipe_id):
    photo = request.files["photo"]
    name = secure_filename(photo.filename)
    # client file name reduced by secure_filename
    # ok: path-traversal
    photo.save(os.path.join(UPLOAD_DIR, name))
    return "", 201


@app.get("/photos/<path:name>")
def photo(name):
    # send_from_directory keeps the name inside UPLOAD_DIR
    # ok: path-traversal
    return send_from_directory(UPLOAD_DIR, name)


@app.get("/exports/download")
def download_export():
    name = request.args.get("file", "")
    if not name.endswith(".pdf"):
        abort(400)
    # extension check only
    # ruleid: path-traversal
    return send_file(os.path.join(EXPORT_DIR, name))


@app.get("/attachments")
def attachment():
    full = os.path.realpath(os.path.join(UPLOAD_DIR, request.args.get("name", "")))
    if not full.startswith(UPLOAD_DIR + os.sep):
        abort(404)
    # realpath + startswith(base + sep) with an early exit
    # ok: path-traversal
    return send_file(full)


@app.post("/recipes/<int:recipe_id>/pdf")
def make_pdf(recipe_id):
    paper = request.form.get("paper", "A4")
    out = os.path.join(EXPORT_DIR, f"recipe-{recipe_id}.pdf")
    # paper size from the form in a shell command line
    # ruleid: command-injection
    subprocess.run(f"wkhtmltopdf --page-size {paper} http://127.0.0.1:5000/recipes/{recipe_id}/print {out}", shell=True, check=True)
    return "", 204


@app.post("/recipes/<int:recipe_id>/pdf-safe")
def make_pdf_safe(recipe_id):
    paper = request.form.get("paper", "A4")
    if paper not in PAPER_SIZES:
        abort(400)
    out = os.path.join(EXPORT_DIR, f"recipe-{recipe_id}.pdf")
    # argument list without a shell
    # ok: command-injection
    subprocess.run(["wkhtmltopdf", "--page-size", paper, f"http://127.0.0.1:5000/recipes/{recipe_id}/print", out], check=True)
    return "", 204


@app.post("/login")
def login():
    email = request.form.get("email", "")
    user = find_user_by_email(email)
    if user is None or user["password_hash"] != _hash_password(request.form.get("password", "")):
        abort(401)
    session["user_id"] = user["id"]
    next_url = request.args.get("next", "/")
    if urlparse(next_url).netloc not in ("", "recipes.example"):
        abort(400)
    # the netloc check lets host-less values through (/\evil.example has no netloc for urlparse)
    # ruleid: open-redirect
    resp = redirect(next_url)
    # remember-me token cookie with neither secure nor httponly
    # ruleid: insecure-cookie
    resp.set_cookie("remember_token", _remember_token(), max_age=30 * 24 * 3600)
    # theme preference: not a session or auth cookie
    # ok: insecure-cookie
    resp.set_cookie("theme", request.args.get("theme", "light"))
    return resp


@app.get("/logout")
def logout():
    session.clear()
    # a route of this app
    # ok: open-redirect
    resp = redirect(url_for("list_recipes"))
    # deletion of the cookie
    # ok: insecure-cookie
    resp.set_cookie("remember_token", "", max_age=0)
    return resp


if __name__ == "__main__":
    # debug server left on
    # ruleid: debug-mode
    app.run(host="0.0.0.0", port=5000, debug=True)
