import sqlite3
import sys

import psycopg2
from django.db import connection
from flask import Flask, abort, request
from psycopg2 import sql
from sqlalchemy import text

app = Flask(__name__)
SORT_COLUMNS = {"name", "created_at"}


def get_db():
    return sqlite3.connect("app.db")


# ---------------------------------------------------------------- vulnerable


@app.route("/users")
def users():
    name = request.args.get("name")
    cur = get_db().cursor()
    # ruleid: python-sqli-dbapi-execute
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    return str(cur.fetchall())


@app.route("/orders")
def orders():
    customer = request.form["customer"]
    query = f"SELECT * FROM orders WHERE customer = '{customer}'"
    conn = psycopg2.connect("dbname=shop")
    with conn.cursor() as cur:
        # ruleid: python-sqli-dbapi-execute
        cur.execute(query)
        return str(cur.fetchall())


@app.route("/sort")
def sort():
    column = request.args["sort"]
    db = get_db()
    # ruleid: python-sqli-dbapi-execute
    return str(db.execute("SELECT * FROM items ORDER BY " + column).fetchall())


@app.route("/bulk", methods=["POST"])
def bulk():
    table = request.get_json()["table"]
    db = get_db()
    # ruleid: python-sqli-dbapi-execute
    db.executemany("INSERT INTO {} VALUES (?)".format(table), [(1,), (2,)])


def django_search(request):
    term = request.GET["q"]
    with connection.cursor() as cursor:
        # ruleid: python-sqli-dbapi-execute
        cursor.execute("SELECT id FROM app_item WHERE title LIKE '%%" + term + "%%'")
        return cursor.fetchall()


@app.route("/composed")
def composed():
    table = request.args["table"]
    cur = get_db().cursor()
    # sql.SQL() marks its argument as trusted SQL: a user string in it is injected as is
    # ruleid: python-sqli-dbapi-execute
    cur.execute(sql.SQL("SELECT * FROM " + table))


def maintenance():
    # ruleid: python-sqli-dbapi-execute
    get_db().executescript(sys.argv[1])


# ---------------------------------------------------------------- safe


@app.route("/users2")
def users_param():
    name = request.args.get("name")
    cur = get_db().cursor()
    # constant SQL, value bound as a parameter
    # ok: python-sqli-dbapi-execute
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return str(cur.fetchall())


@app.route("/users3")
def users_named():
    cur = get_db().cursor()
    # ok: python-sqli-dbapi-execute
    cur.execute("SELECT * FROM users WHERE id = :id", {"id": request.args["id"]})


@app.route("/page")
def page():
    limit = int(request.args.get("limit", 10))
    db = get_db()
    # ok: python-sqli-dbapi-execute
    return str(db.execute(f"SELECT * FROM items LIMIT {limit}").fetchall())


@app.route("/sort2")
def sort_allowlist():
    column = request.args["sort"]
    if column not in SORT_COLUMNS:
        abort(400)
    db = get_db()
    # ok: python-sqli-dbapi-execute
    return str(db.execute("SELECT * FROM items ORDER BY " + column).fetchall())


@app.route("/sort3")
def sort_identifier():
    column = request.args["sort"]
    cur = get_db().cursor()
    # psycopg2.sql.Identifier quotes the name
    # ok: python-sqli-dbapi-execute
    cur.execute(sql.SQL("SELECT * FROM items ORDER BY {}").format(sql.Identifier(column)))


@app.route("/sa")
def sqlalchemy_text(session=None):
    name = request.args["name"]
    # reported by python-sqli-sqlalchemy-text on the text() argument instead
    # ok: python-sqli-dbapi-execute
    session.execute(text(f"SELECT * FROM users WHERE name = '{name}'"))


@app.route("/word")
def word_check():
    word = request.args["word"]
    if not word.isalnum():
        return "bad", 400
    db = get_db()
    # ok: python-sqli-dbapi-execute
    return str(db.execute("SELECT * FROM words WHERE w = '" + word + "'").fetchall())
