"""Visitor badge kiosk: a bare Werkzeug WSGI app with Peewee, run on the front-desk PC."""

import os
import subprocess
import tempfile

from lxml import etree
from peewee import SQL, CharField, DateTimeField, Model, SqliteDatabase
from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.serving import run_simple
from werkzeug.utils import redirect, secure_filename, send_file
from werkzeug.wrappers import Request, Response

PHOTOS = os.path.realpath(os.environ.get("BADGE_PHOTOS", "/srv/badges/photos"))
PRINTERS = {"lobby": "Zebra_ZD421_Lobby", "dock": "Zebra_ZD421_Dock"}
# the kiosk's admin password as a literal
# ruleid: hardcoded-secret
ADMIN_PASSWORD = "badge-admin-2025!"
db = SqliteDatabase("/srv/badges/badges.db")


class Badge(Model):
    name = CharField()
    company = CharField()
    department = CharField()
    issued_at = DateTimeField()

    class Meta:
        database = db


def search(request):
    q = request.args.get("q", "")
    # the search text between quotes in execute_sql
    # ruleid: sql-injection
    rows = db.execute_sql(f"SELECT id, name, company FROM badge WHERE name LIKE '%{q}%'").fetchall()
    return Response(str(rows), mimetype="text/plain")


def by_department(request):
    dept = request.args.get("dept", "")
    # a Peewee SQL() fragment with the department pasted in
    # ruleid: sql-injection
    badges = Badge.select().where(SQL(f"department = '{dept}'"))
    badge_id = int(request.args.get("id", "0"))
    # Model.raw with a ? parameter
    # ok: sql-injection
    single = Badge.raw("SELECT * FROM badge WHERE id = ?", badge_id)
    return Response(f"{len(list(badges))} badges, {len(list(single))} match", mimetype="text/plain")


def welcome(request):
    name = request.args.get("name", "visitor")
    # an HTML Werkzeug response with the raw name [extended sink]
    # ruleid: xss
    return Response(f"<h2>Welcome, {name}!</h2><p>Please wait for your host.</p>", mimetype="text/html")


def upload_photo(request):
    photo = request.files["photo"]
    # the client's file name for the saved photo
    # ruleid: path-traversal
    photo.save(os.path.join(PHOTOS, photo.filename))
    # secure_filename
    # ok: path-traversal
    photo.save(os.path.join(PHOTOS, secure_filename(photo.filename)))
    return redirect("/badges/new", code=303)


def photo(request):
    name = request.args.get("name", "")
    # Werkzeug's send_file with a joined client path [extended sink]
    # ruleid: path-traversal
    return send_file(os.path.join(PHOTOS, name), request.environ, mimetype="image/jpeg")


def print_badge(request):
    badge_id = int(request.args.get("id", "0"))
    printer_name = request.args.get("printer", "lobby")
    pdf = os.path.join(tempfile.gettempdir(), f"badge-{badge_id}.pdf")
    # the printer name from the query string inside the lp command line
    # ruleid: command-injection
    subprocess.run(f"lp -d {printer_name} {pdf}", shell=True, check=True)
    queue = PRINTERS.get(printer_name)
    if queue is None:
        raise BadRequest("unknown printer")
    # the queue name comes from a constant dictionary
    # ok: command-injection
    subprocess.run(f"lp -d {queue} {pdf}", shell=True, check=True)
    return Response("printing", mimetype="text/plain")


def import_roster(request):
    # lxml's default parser on the uploaded roster, read through request.get_data() [beyond docs]
    # ruleid: xxe
    tree = etree.fromstring(request.get_data())
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # an lxml parser with entities off
    # ok: xxe
    tree = etree.fromstring(request.get_data(), parser)
    return Response(f"{len(tree)} visitors", mimetype="text/plain")


# the HR export's DTD is loaded, and the network is allowed
# ruleid: xxe-parser-config
ROSTER_PARSER = etree.XMLParser(load_dtd=True, no_network=False)
# entities off, no network
# ok: xxe-parser-config
STRICT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def done(request):
    target = request.args.get("next", "/")
    # Werkzeug's redirect with the next parameter [extended sink]
    # ruleid: open-redirect
    return redirect(target)


ROUTES = {
    "/search": search,
    "/department": by_department,
    "/welcome": welcome,
    "/photo": photo,
    "/photo/upload": upload_photo,
    "/print": print_badge,
    "/roster": import_roster,
    "/done": done,
}


@Request.application
def application(request):
    handler = ROUTES.get(request.path)
    if handler is None:
        raise NotFound()
    return handler(request)


if __name__ == "__main__":
    # the Werkzeug debugger on a kiosk reachable from the lobby network
    # ruleid: debug-mode
    run_simple("0.0.0.0", 5050, application, use_debugger=True, use_reloader=True)
