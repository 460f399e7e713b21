"""Book search on sqlite3 (Flask)."""
import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("books.db")
    return g.db


@app.route("/books/search")
def search():
    title = request.args.get("title", "")
    cur = get_db().cursor()
    cur.execute(f"SELECT * FROM books WHERE title LIKE '%{title}%' ORDER BY title")
    return jsonify(cur.fetchall())


@app.route("/books", methods=["POST"])
def add_book():
    db = get_db()
    db.execute(
        "INSERT INTO books (title, author, year) VALUES ('%s', '%s', %s)"
        % (request.form["title"], request.form["author"], request.form["year"])
    )
    db.commit()
    return "", 201


@app.route("/authors/<name>/books")
def by_author(name):
    query = "SELECT title FROM books WHERE author = '" + name + "' AND deleted = 0"
    rows = get_db().execute(query).fetchall()
    return jsonify([r[0] for r in rows])


@app.route("/books/<book_id>/rename", methods=["POST"])
def rename(book_id):
    # The statement already binds the id; the new title is pasted in.
    new_title = request.form["title"]
    get_db().execute("UPDATE books SET title = '{}' WHERE id = ?".format(new_title), (book_id,))
    return "", 204


@app.route("/tables/<table>/count")
def count(table):
    # A table name cannot be a parameter: no automatic fix, only the docs.
    return jsonify(get_db().execute(f"SELECT count(*) FROM {table}").fetchone()[0])
