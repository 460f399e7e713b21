"""Warehouse inventory service: a Flask-Smorest blueprint plus a Flask-RESTX namespace on one app."""

import hashlib
import os
import pickle
import random
import sqlite3
import string

import yaml
from flask import Flask, abort, redirect, request, send_file, session
from flask_cors import CORS
from flask_restx import Api, Namespace, Resource, reqparse
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from werkzeug.utils import secure_filename

# an app with POST routes and a cookie session, and no CSRF protection in the module
# ruleid: missing-csrf
app = Flask(__name__)
# secret key written into the source
# ruleid: hardcoded-secret
app.secret_key = "wh-7f3a91c2e8d4b6a0"
# credentials with an explicit list of origins
# ok: permissive-cors
CORS(app, origins=["https://ops.warehouse.example"], supports_credentials=True)

blp = Blueprint("stock", __name__, url_prefix="/stock")
restx_api = Api(app, doc="/docs")
ns = Namespace("bins")
restx_api.add_namespace(ns)

DB_PATH = "/var/lib/warehouse/stock.db"
LABEL_DIR = "/srv/warehouse/labels"
SORTABLE = ("sku", "qty", "updated_at")


def db():
    return sqlite3.connect(DB_PATH)


class StockQuery(Schema):
    sku = fields.Str(required=True)
    order = fields.Str(validate=validate.OneOf(["sku", "qty", "updated_at"]))
    limit = fields.Int(load_default=50)


class MoveArgs(Schema):
    bin_from = fields.Str()
    bin_to = fields.Str()


@blp.route("/")
@blp.arguments(StockQuery, location="query")
def list_stock(args):
    conn = db()
    # [beyond docs] a marshmallow field validated with OneOf(...) holds one of the listed names
    # ok: sql-injection
    conn.execute(f"SELECT sku, qty FROM stock ORDER BY {args['order']}")
    # [beyond docs] fields.Int() deserializes to an int
    # ok: sql-injection
    conn.execute(f"SELECT sku, qty FROM stock LIMIT {args['limit']}")
    # the free-text sku field interpolated into a literal
    # ruleid: sql-injection
    rows = conn.execute(f"SELECT * FROM stock WHERE sku = '{args['sku']}'").fetchall()
    return {"rows": rows}


@blp.route("/move", methods=["POST"])
@blp.arguments(MoveArgs)
def move_stock(args):
    conn = db()
    # both bins bound with ? placeholders
    # ok: sql-injection
    conn.execute("UPDATE stock SET bin = ? WHERE bin = ?", (args["bin_to"], args["bin_from"]))
    note = "moved from %s" % args["bin_from"]
    # %-formatted value reaches the script through a variable
    # ruleid: sql-injection
    conn.executescript("INSERT INTO audit(note) VALUES ('" + note + "');")
    return {"ok": True}


bin_parser = reqparse.RequestParser()
bin_parser.add_argument("sort", choices=("sku", "qty"), location="args")
bin_parser.add_argument("zone", type=str, location="args")
bin_parser.add_argument("level", type=int, location="args")


@ns.route("/")
class BinList(Resource):
    def get(self):
        args = bin_parser.parse_args()
        conn = db()
        # [beyond docs] a reqparse argument declared with choices=(...) is one of them, like argparse choices
        # ok: sql-injection
        conn.execute("SELECT * FROM bins ORDER BY " + args["sort"])
        # [beyond docs] a reqparse argument declared type=int is converted to int
        # ok: sql-injection
        conn.execute("SELECT * FROM bins WHERE level = %d" % args["level"])
        # [beyond docs] a reqparse argument with type=str is request text
        # ruleid: sql-injection
        return conn.execute("SELECT * FROM bins WHERE zone = '%s'" % args["zone"]).fetchall()


@ns.route("/<string:code>/label")
class BinLabel(Resource):
    def get(self, code):
        # a URL segment joined under a constant directory
        # ruleid: path-traversal
        return send_file(os.path.join(LABEL_DIR, code + ".pdf"))

    def put(self, code):
        upload = request.files["label"]
        # the upload's own file name reduced by secure_filename
        # ok: path-traversal
        upload.save(os.path.join(LABEL_DIR, secure_filename(upload.filename)))
        # the uploaded file saved under the route segment
        # ruleid: path-traversal
        upload.save(os.path.join(LABEL_DIR, "by-code", code))
        return {"ok": True}


@app.route("/labels/print", methods=["POST"])
def print_label():
    name = request.form.get("name", "")
    if ".." in name:
        abort(400)
    # a ".." blocklist: an absolute name replaces the base
    # ruleid: path-traversal
    with open(os.path.join(LABEL_DIR, name), "rb") as fh:
        data = fh.read()
    return {"bytes": len(data)}


@app.route("/labels/preview")
def preview_label():
    name = os.path.basename(request.args.get("name", ""))
    # basename() keeps only the last component
    # ok: path-traversal
    return send_file(os.path.join(LABEL_DIR, name))


@app.route("/after-login")
def after_login():
    target = request.args.get("to", "/stock/")
    if not target.startswith("/"):
        abort(400)
    # a leading "/" admits "//evil.example"
    # ruleid: open-redirect
    return redirect(target)


@app.route("/snapshot", methods=["POST"])
def load_snapshot():
    # request body unpickled
    # ruleid: unsafe-deserialization
    state = pickle.loads(request.get_data())
    session["restored"] = True
    return {"keys": list(state)}


@app.route("/layout", methods=["POST"])
def load_layout():
    # yaml.load with the full loader
    # ruleid: unsafe-yaml-load
    layout = yaml.load(request.data, Loader=yaml.FullLoader)
    # safe_load
    # ok: unsafe-yaml-load
    defaults = yaml.safe_load(open("/etc/warehouse/layout.yaml"))
    return {"layout": layout, "defaults": defaults}


@app.route("/pickers/<int:picker_id>/pin", methods=["POST"])
def reset_pin(picker_id):
    # a picker's login PIN drawn from random
    # ruleid: weak-randomness
    pin_code = "".join(random.choice(string.digits) for _ in range(6))
    # a shuffle seed for the pick route: not a secret
    # ok: weak-randomness
    route_jitter = random.randint(0, 30)
    # password digest with unsalted sha1
    # ruleid: weak-password-hash
    session["pw"] = hashlib.sha1(request.form["password"].encode()).hexdigest()
    resp = app.make_response({"pin": pin_code, "jitter": route_jitter})
    # session cookie set without secure=/httponly=
    # ruleid: insecure-cookie
    resp.set_cookie("picker_session", str(picker_id))
    # a UI preference cookie without flags
    # ok: insecure-cookie
    resp.set_cookie("theme", "dark")
    return resp


app.register_blueprint(blp)

if __name__ == "__main__":
    # debug switched on in the script entry point
    # ruleid: debug-mode
    app.run(host="0.0.0.0", port=8080, debug=True)
