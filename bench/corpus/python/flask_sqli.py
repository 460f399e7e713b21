"""Bookshop API on sqlite3 (Flask).

Benchmark corpus, sql-injection (CWE-89).
"""
import re
import sqlite3

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)

SORT_COLUMNS = {"title", "author", "published", "price"}
ORDER = {"asc": "ASC", "desc": "DESC"}
REPORTS = {
    "daily": "SELECT date(created), count(*) FROM orders GROUP BY 1",
    "weekly": "SELECT strftime('%W', created), count(*) FROM orders GROUP BY 1",
}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,30}$")


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("books.db")
        g.db.row_factory = sqlite3.Row
    return g.db


def check_identifier(name: str) -> str:
    """Raises ValueError unless name is a plain SQL identifier."""
    if not IDENT.fullmatch(name):
        raise ValueError(f"bad identifier: {name!r}")
    return name


@app.route("/books/search")
def search_books():
    # f-string with a quoted user value.
    q = request.args.get("q", "")
    # ruleid: sql-injection
    rows = get_db().execute(f"SELECT * FROM books WHERE title LIKE '%{q}%'").fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books/search-safe")
def search_books_safe():
    # Placeholder with a bound parameter.
    q = request.args.get("q", "")
    # ok: sql-injection
    rows = get_db().execute("SELECT * FROM books WHERE title LIKE ?", (f"%{q}%",)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books/<book_id>")
def get_book(book_id):
    # Route parameter concatenated into the query.
    cur = get_db().cursor()
    # ruleid: sql-injection
    cur.execute("SELECT * FROM books WHERE id = " + book_id)
    return jsonify(dict(cur.fetchone() or {}))


@app.route("/books/by-number/<book_id>")
def get_book_int(book_id):
    # int() coercion before concatenation.
    cur = get_db().cursor()
    # ok: sql-injection
    cur.execute("SELECT * FROM books WHERE id = " + str(int(book_id)))
    return jsonify(dict(cur.fetchone() or {}))


@app.route("/books/by-number-typed/<int:book_id>")
def get_book_int_route(book_id):
    # Flask's <int:> converter only lets digits through.
    cur = get_db().cursor()
    # ok: sql-injection
    cur.execute(f"SELECT * FROM books WHERE id = {book_id}")
    return jsonify(dict(cur.fetchone() or {}))


@app.route("/books")
def list_books():
    # Sort column from an allowlist, direction from a constant dict.
    sort = request.args.get("sort", "title")
    direction = ORDER.get(request.args.get("dir", "asc"), "ASC")
    if sort not in SORT_COLUMNS:
        abort(400)
    # ok: sql-injection
    rows = get_db().execute(f"SELECT * FROM books ORDER BY {sort} {direction}").fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books/unsorted")
def list_books_unchecked():
    # Sort column not checked.
    sort = request.args.get("sort", "title")
    # ruleid: sql-injection
    rows = get_db().execute(f"SELECT * FROM books ORDER BY {sort}").fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books/len-checked")
def list_books_len_checked():
    # A length check is not a control.
    sort = request.args.get("sort", "title")
    if len(sort) > 20:
        abort(400)
    # ruleid: sql-injection
    rows = get_db().execute("SELECT * FROM books ORDER BY %s" % sort).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/columns")
def pick_columns():
    # Validator that raises, used as a statement.
    column = request.args.get("col", "title")
    check_identifier(column)
    # ok: sql-injection
    rows = get_db().execute("SELECT {} FROM books".format(column)).fetchall()
    return jsonify([r[0] for r in rows])


@app.route("/columns/isidentifier")
def pick_columns_isidentifier():
    # str.isidentifier() allows only letters, digits and underscores.
    column = request.args.get("col", "title")
    if not column.isidentifier():
        abort(400)
    # ok: sql-injection
    rows = get_db().execute("SELECT {} FROM books".format(column)).fetchall()
    return jsonify([r[0] for r in rows])


@app.route("/reports/<name>")
def run_report(name):
    # The user only picks a key of a constant dict of queries.
    sql = REPORTS.get(name)
    if sql is None:
        abort(404)
    # ok: sql-injection
    return jsonify(get_db().execute(sql).fetchall())


@app.post("/books/bulk-tag")
def bulk_tag():
    # executemany with placeholders.
    tag = request.json["tag"]
    ids = request.json["ids"]
    # ok: sql-injection
    get_db().executemany("UPDATE books SET tag = ? WHERE id = ?", [(tag, i) for i in ids])
    get_db().commit()
    return "", 204


@app.post("/admin/script")
def run_script():
    # executescript with the request body.
    script = request.get_data(as_text=True)
    # ruleid: sql-injection
    get_db().executescript(script)
    return "", 204


@app.route("/authors")
def authors():
    # Filter values joined into an IN list.
    names = request.args.getlist("name")
    in_list = ", ".join(f"'{n}'" for n in names)
    # ruleid: sql-injection
    rows = get_db().execute(f"SELECT * FROM authors WHERE name IN ({in_list})").fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/authors/safe")
def authors_safe():
    # One placeholder per value, values bound.
    names = request.args.getlist("name")
    marks = ", ".join("?" for _ in names)
    # ok: sql-injection
    rows = get_db().execute(f"SELECT * FROM authors WHERE name IN ({marks})", names).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/login", methods=["POST"])
def login():
    # Form fields in a classic login query.
    user = request.form["username"]
    pw = request.form["password"]
    query = "SELECT id FROM users WHERE name = '%s' AND pw_hash = '%s'" % (user, pw)
    # ruleid: sql-injection
    row = get_db().execute(query).fetchone()
    return jsonify(ok=row is not None)


@app.route("/inventory")
def inventory():
    # Cookie value in a WHERE clause.
    store = request.cookies.get("store", "main")
    # ruleid: sql-injection
    rows = get_db().execute("SELECT * FROM stock WHERE store = '" + store + "'").fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/inventory/isdigit")
def inventory_isdigit():
    # str.isdigit() guard with an early exit.
    store_id = request.args.get("store", "")
    if not store_id.isdigit():
        abort(400)
    # ok: sql-injection
    rows = get_db().execute("SELECT * FROM stock WHERE store_id = " + store_id).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/stats")
def stats():
    # Constant query assembled in several steps.
    table = "orders"
    where = "status = 'paid'"
    sql = "SELECT count(*) FROM " + table
    sql += " WHERE " + where
    # ok: sql-injection
    return jsonify(get_db().execute(sql).fetchone()[0])


@app.route("/stats/overwritten")
def stats_overwritten():
    # The user's query is replaced with a constant.
    sql = request.args.get("sql", "")
    sql = "SELECT count(*) FROM orders"
    # ok: sql-injection
    return jsonify(get_db().execute(sql).fetchone()[0])
