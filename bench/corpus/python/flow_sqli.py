"""Harder data flow for sql-injection (Flask and plain Python).

Benchmark corpus, sql-injection (CWE-89).
"""
import sqlite3
from contextlib import closing

from flask import Flask, abort, request

app = Flask(__name__)
db = sqlite3.connect("app.db", check_same_thread=False)

COLUMNS = {"name", "email", "created"}
DEFAULT_FILTER = "active = 1"


def where_clause(field, value):
    # Same-file helper that builds SQL text.
    return f"{field} = '{value}'"


def safe_column(name):
    # Same-file helper that maps to a constant or raises.
    if name not in COLUMNS:
        raise ValueError(name)
    return name


def user_filter():
    # Helper that reads the request.
    return request.args.get("filter", DEFAULT_FILTER)


@app.route("/flow/helper-where")
def helper_where():
    # Request value through a helper that builds the clause.
    clause = where_clause("email", request.args["email"])
    # ruleid: sql-injection
    return {"rows": db.execute("SELECT * FROM users WHERE " + clause).fetchall()}


@app.route("/flow/helper-filter")
def helper_filter():
    # Helper returning request data.
    # ruleid: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users WHERE {user_filter()}").fetchall()}


@app.route("/flow/helper-safe-column")
def helper_safe_column():
    # Helper that allowlists (raises otherwise).
    col = safe_column(request.args.get("col", "name"))
    # ok: sql-injection
    return {"rows": db.execute(f"SELECT {col} FROM users").fetchall()}


@app.route("/flow/closure")
def closure_query():
    # Value captured by an inner function.
    name = request.args["name"]

    def run():
        # ruleid: sql-injection
        return db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()

    return {"rows": run()}


@app.route("/flow/walrus")
def walrus_query():
    # Walrus in a condition.
    if tag := request.args.get("tag"):
        # ruleid: sql-injection
        return {"rows": db.execute("SELECT * FROM posts WHERE tag = '" + tag + "'").fetchall()}
    return {"rows": []}


@app.route("/flow/unpack")
def unpack_query():
    # Tuple unpacking from a split parameter.
    field, value = request.args.get("where", "name:x").split(":", 1)
    # ruleid: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users WHERE {field} = ?", (value,)).fetchall()}


@app.route("/flow/unpack-safe")
def unpack_query_safe():
    # Field allowlisted, value bound.
    field, value = request.args.get("where", "name:x").split(":", 1)
    if field not in COLUMNS:
        abort(400)
    # ok: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users WHERE {field} = ?", (value,)).fetchall()}


@app.route("/flow/with")
def with_cursor():
    # The cursor comes from a with statement; the SQL from the form.
    term = request.form["term"]
    with closing(db.cursor()) as cur:
        # ruleid: sql-injection
        cur.execute("SELECT * FROM docs WHERE body MATCH '%s'" % term)
        return {"rows": cur.fetchall()}


@app.route("/flow/loop-append")
def loop_append():
    # Conditions appended in a loop over the query string.
    parts = []
    for key, value in request.args.items():
        parts.append(f"{key} = '{value}'")
    sql = "SELECT * FROM users"
    if parts:
        sql += " WHERE " + " AND ".join(parts)
    # ruleid: sql-injection
    return {"rows": db.execute(sql).fetchall()}


@app.route("/flow/loop-params")
def loop_params():
    # Allowlisted keys, values as parameters.
    parts, params = [], []
    for key, value in request.args.items():
        if key not in COLUMNS:
            continue
        parts.append(f"{key} = ?")
        params.append(value)
    sql = "SELECT * FROM users"
    if parts:
        sql += " WHERE " + " AND ".join(parts)
    # ok: sql-injection
    return {"rows": db.execute(sql, params).fetchall()}


@app.route("/flow/comprehension")
def comprehension_query():
    # Comprehension over user ids without int().
    ids = request.args.getlist("id")
    id_list = ",".join([i for i in ids])
    # ruleid: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users WHERE id IN ({id_list})").fetchall()}


@app.route("/flow/comprehension-int")
def comprehension_int():
    # Comprehension that coerces each id with int().
    ids = request.args.getlist("id")
    id_list = ",".join(str(int(i)) for i in ids)
    # ok: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users WHERE id IN ({id_list})").fetchall()}


@app.route("/flow/try")
def try_query():
    # except branch keeps the raw string.
    raw = request.args.get("limit", "10")
    try:
        limit = int(raw)
    except ValueError:
        limit = raw
    # ruleid: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users LIMIT {limit}").fetchall()}


@app.route("/flow/try-safe")
def try_query_safe():
    # except branch falls back to a constant.
    raw = request.args.get("limit", "10")
    try:
        limit = int(raw)
    except ValueError:
        limit = 10
    # ok: sql-injection
    return {"rows": db.execute(f"SELECT * FROM users LIMIT {limit}").fetchall()}


@app.route("/flow/branch")
def branch_query():
    # One branch replaces the filter with a constant, the other keeps it.
    flt = request.args.get("filter", "")
    if flt == "":
        flt = DEFAULT_FILTER
    # ruleid: sql-injection
    return {"rows": db.execute("SELECT * FROM users WHERE " + flt).fetchall()}


@app.route("/flow/dead")
def dead_query():
    # User value assigned only inside a branch that never runs.
    flt = DEFAULT_FILTER
    if 0:
        flt = request.args["filter"]
    # ok: sql-injection
    return {"rows": db.execute("SELECT * FROM users WHERE " + flt).fetchall()}


@app.route("/flow/dict-field")
def dict_field():
    # Value stored in a dict and read back by key.
    opts = {"table": "users", "order": request.args.get("order", "id")}
    # ruleid: sql-injection
    return {"rows": db.execute(f"SELECT * FROM {opts['table']} ORDER BY {opts['order']}").fetchall()}


@app.route("/flow/dict-field-safe")
def dict_field_safe():
    # Only the constant field of the same dict reaches the SQL.
    opts = {"table": "users", "order": request.args.get("order", "id")}
    # ok: sql-injection
    return {"rows": db.execute(f"SELECT * FROM {opts['table']}").fetchall()}


class Report:
    # Attribute set from request data in one method, used in another.
    def __init__(self, req):
        self.group = req.args.get("group", "day")

    def rows(self):
        # ruleid: sql-injection
        return db.execute(f"SELECT {self.group}, count(*) FROM events GROUP BY 1").fetchall()


@app.route("/flow/class")
def class_query():
    return {"rows": Report(request).rows()}


@app.route("/flow/lambda")
def lambda_query():
    # A lambda that runs SQL with the captured user value.
    q = request.args["q"]
    # ruleid: sql-injection
    run = lambda: db.execute("SELECT * FROM notes WHERE body LIKE '%" + q + "%'").fetchall()  # noqa: E731
    return {"rows": run()}


@app.route("/flow/map-callback")
def map_callback():
    # Callback applied with map() over user-provided names.
    names = request.json["names"]
    # ruleid: sql-injection
    found = list(map(lambda n: db.execute(f"SELECT id FROM users WHERE name = '{n}'").fetchone(), names))
    return {"found": found}


@app.route("/flow/augmented")
def augmented():
    # += appends the user's value to a constant prefix.
    sql = "SELECT * FROM users WHERE 1 = 1"
    sql += " AND team = '" + request.args.get("team", "") + "'"
    # ruleid: sql-injection
    return {"rows": db.execute(sql).fetchall()}
