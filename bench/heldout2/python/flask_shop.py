"""Storefront: catalogue, search, cart, checkout and account pages (single-module Flask app)."""

import hashlib
import os
import random
import secrets
import sqlite3
import string

import requests
from flask import (
    Flask,
    abort,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from markupsafe import Markup, escape

DB_PATH = os.environ.get("SHOP_DB", "/var/lib/shop/shop.db")
INVOICE_DIR = "/var/lib/shop/invoices"
AVATAR_DIR = "/var/lib/shop/avatars"
IMAGE_CDN = "https://cdn.shop-assets.example"
SORTABLE = {"name", "price", "created_at"}

# module-level Flask app with POST routes, session logins, and no CSRF protection in the module
# ruleid: missing-csrf
app = Flask(__name__)
# signing key written into the module (digits and hyphens)
# ruleid: hardcoded-secret
app.secret_key = "shop-7f3a91c2-prod-2024"
app.config["MAX_CONTENT_LENGTH"] = 8 * 1024 * 1024


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/products")
def list_products():
    category = request.args.get("category", "")
    sort = request.args.get("sort", "name")
    direction = request.args.get("dir", "asc")
    if sort not in SORTABLE:
        sort = "name"
    order = "DESC" if direction == "desc" else "ASC"
    # sort column replaced by a constant unless it is in the allowlist; direction chosen from literals
    # ok: sql-injection
    rows = get_db().execute(
        f"SELECT id, name, price FROM products WHERE category = ? ORDER BY {sort} {order}",
        (category,),
    ).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/search")
def search():
    term = request.args.get("q", "").strip()
    if not term:
        return jsonify([])
    # truthiness check only; the term lands inside a quoted LIKE literal
    # ruleid: sql-injection
    cur = get_db().execute(f"SELECT id, name FROM products WHERE name LIKE '%{term}%' LIMIT 50")
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/products/<product_id>")
def product_detail(product_id):
    pid = int(product_id)
    # path segment coerced with int() before %-formatting
    # ok: sql-injection
    row = get_db().execute("SELECT * FROM products WHERE id = %d" % pid).fetchone()
    if row is None:
        abort(404)
    return render_template("product.html", product=row)


def _reviews_for(product_id, min_stars):
    sql = "SELECT author, body, stars FROM reviews WHERE product_id = " + str(int(product_id))
    sql += " AND stars >= " + min_stars
    # same-file helper; its only caller passes request.args text as min_stars
    # ruleid: sql-injection
    return get_db().execute(sql).fetchall()


@app.get("/products/<int:product_id>/reviews")
def product_reviews(product_id):
    rows = _reviews_for(product_id, request.args.get("min", "1"))
    return jsonify([dict(r) for r in rows])


@app.get("/featured")
def featured():
    # constant SQL
    # ok: sql-injection
    rows = get_db().execute("SELECT id, name FROM products WHERE featured = 1").fetchall()
    # random pick of products to display, not a secret
    # ok: weak-randomness
    picks = random.sample(rows, k=min(4, len(rows)))
    return jsonify([dict(r) for r in picks])


@app.post("/admin/products/<int:product_id>/image")
def import_image(product_id):
    source = request.form["image_url"]
    if not source.startswith(("http://", "https://")):
        abort(400)
    # scheme-only check before fetching a user-supplied URL
    # ruleid: ssrf
    resp = requests.get(source, timeout=10)
    resp.raise_for_status()
    thumb_name = request.form.get("thumb", "default.webp")
    # constant CDN scheme and host; the user only picks the path
    # ok: ssrf
    thumb = requests.get(f"{IMAGE_CDN}/thumbs/{thumb_name}", timeout=5)
    # parameterized update
    # ok: sql-injection
    get_db().execute("UPDATE products SET image = ?, thumb = ? WHERE id = ?", (resp.content, thumb.content, product_id))
    get_db().commit()
    return "", 204


@app.get("/account/invoices")
def download_invoice():
    if "user_id" not in session:
        abort(401)
    name = request.args.get("file", "")
    if ".." in name:
        abort(400)
    # '..' blocklist only: an absolute path replaces the base in os.path.join
    # ruleid: path-traversal
    return send_file(os.path.join(INVOICE_DIR, str(session["user_id"]), name))


@app.post("/account/avatar")
def upload_avatar():
    f = request.files["avatar"]
    # uploaded file name used as is (no secure_filename)
    # ruleid: path-traversal
    with open(os.path.join(AVATAR_DIR, f.filename), "wb") as out:
        out.write(f.read())
    # ok: open-redirect
    return redirect(url_for("account"))


@app.get("/products/<int:product_id>/share")
def share_banner(product_id):
    who = request.args.get("from", "a friend")
    # request text interpolated into Markup
    # ruleid: xss
    banner = Markup(f"<p class='share'>Recommended by <b>{who}</b></p>")
    # value escaped before it is wrapped in Markup
    # ok: xss
    note = Markup(f"<small>{escape(request.args.get('note', ''))}</small>")
    return render_template("share.html", banner=banner, note=note, product_id=product_id)


def _check_credentials(email, password):
    # parameterized lookup
    # ok: sql-injection
    row = get_db().execute("SELECT id, password_hash FROM users WHERE email = ?", (email,)).fetchone()
    if row is None:
        return None
    # unsalted SHA-256 of the password
    # ruleid: weak-password-hash
    digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
    return row if secrets.compare_digest(digest, row["password_hash"]) else None


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = _check_credentials(request.form["email"], request.form["password"])
    if user is None:
        return render_template("login.html", error="Invalid credentials"), 401
    session["user_id"] = user["id"]
    next_url = request.args.get("next") or url_for("account")
    if not next_url.startswith("/"):
        next_url = url_for("account")
    # only requires a leading '/', so '//evil.example/login' passes
    # ruleid: open-redirect
    resp = make_response(redirect(next_url))
    if request.form.get("remember"):
        # CSPRNG token
        # ok: weak-randomness
        token = secrets.token_urlsafe(32)
        # remember-me cookie: httponly but no secure keyword
        # ruleid: insecure-cookie
        resp.set_cookie("remember_token", token, httponly=True, max_age=30 * 86400)
    return resp


@app.get("/account")
def account():
    if "user_id" not in session:
        # URL built from a route name
        # ok: open-redirect
        return redirect(url_for("login"))
    return render_template("account.html")


@app.post("/cart/referral")
def create_referral():
    if "user_id" not in session:
        abort(401)
    # invite code from random.choices (predictable)
    # ruleid: weak-randomness
    invite_code = "".join(random.choices(string.ascii_uppercase + string.digits, k=10))
    # ok: sql-injection
    get_db().execute("INSERT INTO referrals (user_id, code) VALUES (?, ?)", (session["user_id"], invite_code))
    get_db().commit()
    return jsonify({"code": invite_code})


@app.post("/preferences")
def save_preferences():
    # ok: open-redirect
    resp = make_response(redirect(url_for("list_products")))
    # display preference cookie, not a session or auth cookie
    # ok: insecure-cookie
    resp.set_cookie("currency", request.form.get("currency", "EUR"), max_age=31536000)
    return resp


if __name__ == "__main__":
    # hard-coded debug=True in the entry point
    # ruleid: debug-mode
    app.run(host="0.0.0.0", port=8080, debug=True)
