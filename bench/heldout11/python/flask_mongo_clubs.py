"""Running-club site: Flask + PyMongo, members and events, login redirects, cookies."""

import os
import re
import secrets
from functools import wraps
from urllib.parse import urlparse

from bson import ObjectId
from flask import Flask, abort, g, jsonify, make_response, redirect, request, url_for
from flask_wtf.csrf import CSRFProtect
from pymongo import MongoClient

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["CLUB_SECRET"]
csrf = CSRFProtect(app)

db = MongoClient(os.environ["MONGO_URL"])["club"]
members = db.members
events = db.events

PACE_GROUPS = {"easy", "steady", "tempo"}
PARTNER_SITES = {"strava.com", "www.strava.com", "parkrun.org.uk"}
EVENT_FIELDS = ("city", "distance", "pace")


def current_member():
    token = request.cookies.get("club_session", "")
    # str() of the cookie
    # ok: nosql-injection
    return members.find_one({"session": str(token)})


def member_required(fn):
    @wraps(fn)
    def inner(*args, **kwargs):
        g.member = current_member()
        if g.member is None:
            return redirect(url_for("login", next=request.path))
        return fn(*args, **kwargs)

    return inner


@app.post("/api/members/search")
@member_required
def member_search():
    body = request.get_json()
    # the whole JSON body is the filter
    # ruleid: nosql-injection
    found = members.find(body.get("filter", {}))
    return jsonify([m["name"] for m in found])


@app.post("/api/members/by-email")
def member_by_email():
    body = request.get_json()
    # the email field may be an object such as {"$ne": ""}
    # ruleid: nosql-injection
    member = members.find_one({"email": body["email"]})
    # str() pins it to a string
    # ok: nosql-injection
    member2 = members.find_one({"email": str(body["email"])})
    return jsonify({"found": bool(member or member2)})


@app.get("/api/events")
def list_events():
    query = {}
    for key in EVENT_FIELDS:
        if key in request.args:
            query[key] = request.args[key]
    # query-string values are strings; the keys come from a constant tuple [known limit]
    # ok: nosql-injection
    return jsonify([e["title"] for e in events.find(query)])


@app.post("/api/events/filter")
def filter_events():
    body = request.get_json()
    query = {}
    for key in EVENT_FIELDS:
        if key in body:
            query[key] = body[key]
    # JSON values can be operator objects, built up field by field
    # ruleid: nosql-injection
    return jsonify([e["title"] for e in events.find(query)])


@app.post("/api/events/pace")
def events_by_pace():
    pace = request.get_json().get("pace")
    if pace not in PACE_GROUPS:
        abort(400)
    # allowlisted string
    # ok: nosql-injection
    return jsonify([e["title"] for e in events.find({"pace": pace})])


@app.get("/api/events/<event_id>")
def event_detail(event_id):
    # ObjectId() coerces the route string
    # ok: nosql-injection
    event = events.find_one({"_id": ObjectId(event_id)})
    return jsonify({"title": event["title"]})


@app.post("/api/events/custom")
@member_required
def custom_event_query():
    expr = request.get_json().get("expr", "")
    # $where with client JavaScript
    # ruleid: nosql-injection
    return jsonify(list(events.find({"$where": expr})))


@app.get("/login")
def login():
    nxt = request.args.get("next", "/")
    parsed = urlparse(nxt)
    if parsed.netloc and parsed.netloc not in PARTNER_SITES:
        nxt = "/"
    # netloc check; host-less '/\\evil.example' and 'https:evil.example' pass
    # ruleid: open-redirect
    return redirect(nxt)


@app.get("/out")
def partner_out():
    target = request.args.get("to", "")
    if urlparse(target).hostname not in PARTNER_SITES:
        abort(400)
    # host allowlist with abort
    # ok: open-redirect
    return redirect(target)


@app.get("/profile/<member_id>")
@member_required
def profile_redirect(member_id):
    # url_for builds a same-site URL
    # ok: open-redirect
    return redirect(url_for("profile", member_id=member_id))


@app.post("/login")
def do_login():
    # ok: nosql-injection
    member = members.find_one({"email": str(request.form["email"])})
    if member is None:
        abort(401)
    token = secrets.token_urlsafe(32)
    members.update_one({"_id": member["_id"]}, {"$set": {"session": token}})
    resp = make_response(redirect("/"))
    # Secure and HttpOnly set
    # ok: insecure-cookie
    resp.set_cookie("club_session", token, secure=True, httponly=True, samesite="Lax")
    # a theme preference cookie without flags, not a session cookie
    # ok: insecure-cookie
    resp.set_cookie("theme", request.form.get("theme", "light"))
    return resp


@app.post("/remember")
def remember_me():
    token = secrets.token_urlsafe(32)
    resp = make_response("", 204)
    # remember-me token without Secure/HttpOnly
    # ruleid: insecure-cookie
    resp.set_cookie("club_remember", token, max_age=30 * 86400)
    return resp


@app.get("/api/members/pattern")
def members_by_pattern():
    prefix = request.args.get("prefix", "")
    # re.escape makes a literal prefix; the regex is a value, not an operator
    # ok: nosql-injection
    found = members.find({"name": {"$regex": "^" + re.escape(prefix)}})
    return jsonify([m["name"] for m in found])


@app.get("/api/events/near")
def events_near():
    city = request.args.get("city", "")
    sort_field = request.args.get("sort", "date")
    # a query-string value is a string; sort key passed to sort() is not a filter
    # ok: nosql-injection
    found = events.find({"city": city}).sort(sort_field)
    return jsonify([e["title"] for e in found])


@app.post("/api/members/update")
@member_required
def update_member():
    changes = request.get_json()
    # the JSON body is the update document: {"$set": {"role": "admin"}}
    # ruleid: nosql-injection
    members.update_one({"_id": g.member["_id"]}, changes)
    return jsonify({"ok": True})


@app.get("/gallery/<path:photo>")
def gallery_photo(photo):
    from flask import send_file

    # a <path:> converter admits slashes
    # ruleid: path-traversal
    return send_file(os.path.join("/srv/club/gallery", photo))
