"""Support-desk backend on Quart: async views, a websocket feed, Motor for tickets."""

import html
import json
import os
import re
from urllib.parse import urlparse

import httpx
from markupsafe import Markup, escape
from motor.motor_asyncio import AsyncIOMotorClient
from quart import Quart, abort, redirect, render_template_string, request, url_for, websocket

app = Quart(__name__)
mongo = AsyncIOMotorClient(os.environ["MONGO_URL"])
tickets = mongo.support.tickets

ATTACH_DIR = os.path.realpath("/srv/support/attachments")
STATUS_LABELS = {"open": "Open", "pending": "Waiting on customer", "closed": "Closed"}
AVATAR_HOSTS = {"avatars.support.example", "gravatar.example"}
http = httpx.AsyncClient(timeout=5)


@app.get("/tickets/search")
async def search_tickets():
    owner = request.args.get("owner", "")
    # a query-string value is always a string: a fixed filter shape
    # ok: nosql-injection
    found = await tickets.find_one({"owner": owner})
    body = await request.get_json()
    # a JSON body value can be an object such as {"$ne": null}
    # ruleid: nosql-injection
    mine = await tickets.find_one({"owner": owner, "secret": body["secret"]})
    # the same value coerced with str()
    # ok: nosql-injection
    strict = await tickets.find_one({"owner": owner, "secret": str(body["secret"])})
    # the whole JSON body as the filter
    # ruleid: nosql-injection
    cursor = tickets.find(body)
    return {"found": bool(found), "mine": bool(mine), "strict": bool(strict), "n": len(await cursor.to_list(10))}


@app.post("/tickets/<ticket_id>/note")
async def add_note(ticket_id):
    form = await request.form
    note = form.get("note", "")
    # [extended sink] a Quart view returning an f-string is served as text/html
    # ruleid: xss
    return f"<p class='note'>Saved: {note}</p>"


@app.get("/tickets/<ticket_id>/badge")
async def badge(ticket_id):
    status = request.args.get("status", "open")
    # value looked up in a constant dict
    # ok: xss
    label = Markup("<span class='badge'>" + STATUS_LABELS.get(status, "Unknown") + "</span>")
    # escape() applied before the markup is built
    # ok: xss
    tag = Markup(f"<em>{escape(request.args.get('tag', ''))}</em>")
    # the raw query value inside Markup()
    # ruleid: xss
    hint = Markup("<small>" + request.args.get("hint", "") + "</small>")
    return str(label + tag + hint)


@app.get("/greeting")
async def greeting():
    name = request.args.get("name", "")
    # [extended sink] Quart's render_template_string with the value in the template source
    # ruleid: xss
    page = await render_template_string("<h1>Hi " + name + "</h1>")
    # [extended sink] constant template, the value passed as a variable
    # ok: xss
    page2 = await render_template_string("<h1>Hi {{ who }}</h1>", who=name)
    return page + page2


@app.get("/preview")
async def preview():
    text = request.args.get("text", "")
    safe = html.escape(text)
    # escaped once, but the raw text is appended after the escaped one
    # ruleid: xss
    return Markup("<pre>" + safe + "</pre><!-- " + text + " -->")


@app.get("/avatar")
async def avatar():
    src = request.args.get("src", "")
    if urlparse(src).hostname not in AVATAR_HOSTS:
        abort(400)
    # host allowlist with abort() before the request
    # ok: ssrf
    resp = await http.get(src)
    return resp.content


@app.get("/unfurl")
async def unfurl():
    link = request.args.get("link", "")
    if not link.startswith("https://"):
        abort(400)
    # a scheme check says nothing about the host
    # ruleid: ssrf
    resp = await http.get(link)
    return {"title": resp.text[:80]}


@app.get("/status/<service>")
async def status(service):
    # the route segment only fills the path of a fixed host
    # ok: ssrf
    resp = await http.get(f"https://status.support.example/api/{service}.json")
    return resp.json()


@app.get("/attachments/<path:name>")
async def attachment(name):
    full = os.path.realpath(os.path.join(ATTACH_DIR, name))
    if not full.startswith(ATTACH_DIR):
        abort(403)
    # startswith(base) without a separator admits "/srv/support/attachments-old/..."
    # ruleid: path-traversal
    with open(full, "rb") as fh:
        return fh.read()


@app.get("/attachments-safe/<path:name>")
async def attachment_safe(name):
    full = os.path.realpath(os.path.join(ATTACH_DIR, name))
    if os.path.commonpath([full, ATTACH_DIR]) != ATTACH_DIR:
        abort(403)
    # realpath + commonpath containment with abort()
    # ok: path-traversal
    with open(full, "rb") as fh:
        return fh.read()


@app.post("/attachments/upload")
async def upload_attachment():
    files = await request.files
    upload = files["file"]
    name = re.sub(r"[^A-Za-z0-9_-]", "_", upload.filename)
    # every character outside [A-Za-z0-9_-] replaced: no "/", "\" or "."
    # ok: path-traversal
    await upload.save(os.path.join(ATTACH_DIR, name + ".bin"))
    # the raw upload name under the attachments folder
    # ruleid: path-traversal
    await upload.save(os.path.join(ATTACH_DIR, "raw", upload.filename))
    return {"saved": name}


@app.get("/logout")
async def logout():
    back = request.args.get("back", "")
    if re.fullmatch(r"/[\w-]*", back):
        # one path segment only: a fullmatch of /[\w-]* admits no second "/"
        # ok: open-redirect
        return redirect(back)
    # url_for builds the target from a route name
    # ok: open-redirect
    return redirect(url_for("search_tickets", owner=back))


@app.get("/go")
async def go():
    dest = request.args.get("dest", "")
    if "support.example" not in dest:
        abort(400)
    # a substring test passes "https://evil.example/?support.example"
    # ruleid: open-redirect
    return redirect(dest)


@app.websocket("/ws/agent")
async def agent_feed():
    while True:
        message = await websocket.receive()
        event = json.loads(message)
        # a websocket JSON message's field used as a whole Mongo filter
        # ruleid: nosql-injection
        doc = await tickets.find_one(event["filter"])
        # websocket message evaluated as Python
        # ruleid: code-injection
        value = eval(event["expr"])
        await websocket.send(json.dumps({"doc": str(doc), "value": str(value)}))
