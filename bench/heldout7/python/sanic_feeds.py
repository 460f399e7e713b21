"""Podcast feed ingester on Sanic: OPML/RSS uploads, feed configs, artwork, episode cache."""

import hashlib
import hmac
import os
import pickle
import xml.etree.ElementTree as ET
from xml.dom import minidom

import defusedxml.ElementTree as SafeET
import httpx
import yaml
from lxml import etree
from sanic import Sanic
from sanic.response import file, html, json, redirect
from sanic_cors import CORS

app = Sanic("feeds")
# Sanic-CORS (a port of flask-cors) with credentials and no origins: every origin is echoed [beyond docs]
# ruleid: permissive-cors
CORS(app, supports_credentials=True)

CACHE_KEY = os.environ["FEED_CACHE_KEY"].encode()
ARTWORK_DIR = "/srv/feeds/artwork"
# entities and network access off
# ok: xxe-parser-config
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
# DTD loading and entity expansion on, for old feeds that declare a DOCTYPE
# ruleid: xxe-parser-config
LEGACY_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True)


def load_defaults():
    with open("/etc/feeds/defaults.yaml", encoding="utf-8") as fh:
        # safe loader
        # ok: unsafe-yaml-load
        return yaml.safe_load(fh)


@app.post("/opml/import")
async def import_opml(request):
    # the uploaded OPML body parsed with the standard library's ElementTree
    # ruleid: xxe
    root = ET.fromstring(request.body)
    feeds = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    return json({"feeds": feeds})


@app.post("/opml/preview")
async def preview_opml(request):
    # defusedxml refuses entity declarations
    # ok: xxe
    root = SafeET.fromstring(request.body)
    return json({"outlines": len(list(root.iter("outline")))})


@app.post("/rss/validate")
async def validate_rss(request):
    upload = request.files.get("feed")
    # lxml with the hardened parser passed explicitly
    # ok: xxe
    doc = etree.fromstring(upload.body, SAFE_PARSER)
    return json({"items": len(doc.findall(".//item"))})


@app.post("/rss/inspect")
async def inspect_rss(request):
    # minidom parseString of the posted feed
    # ruleid: xxe
    dom = minidom.parseString(request.body)
    return json({"title": dom.getElementsByTagName("title")[0].firstChild.data})


@app.post("/feeds")
async def add_feed(request):
    feed_url = request.json.get("url")
    async with httpx.AsyncClient(follow_redirects=True, timeout=10) as client:
        # feed URL from the JSON body fetched as is
        # ruleid: ssrf
        r = await client.get(feed_url)
    # a document fetched from a host the client chose, parsed with ElementTree [beyond docs]
    # ruleid: xxe
    root = ET.fromstring(r.content)
    return json({"title": root.findtext("channel/title")})


@app.post("/feeds/config")
async def upload_config(request):
    # yaml.load with FullLoader on an uploaded document
    # ruleid: unsafe-yaml-load
    cfg = yaml.load(request.body, Loader=yaml.FullLoader)
    return json({"keys": sorted(cfg)})


@app.get("/episodes/cached")
async def cached_episodes(request):
    blob = bytes.fromhex(request.cookies.get("ep_cache", ""))
    # a pickled episode list read back from a cookie
    # ruleid: unsafe-deserialization
    episodes = pickle.loads(blob)
    return json({"episodes": episodes})


@app.post("/episodes/restore")
async def restore_episodes(request):
    blob = request.body
    sig = request.headers.get("x-signature", "")
    expected = hmac.new(CACHE_KEY, blob, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig):
        return json({"error": "bad signature"}, status=403)
    # HMAC compared in constant time before unpickling
    # ok: unsafe-deserialization
    state = pickle.loads(blob)
    return json({"restored": len(state)})


@app.get("/artwork/<name:path>")
async def artwork(request, name):
    # a path route parameter joined under the artwork folder
    # ruleid: path-traversal
    return await file(os.path.join(ARTWORK_DIR, name))


@app.get("/artwork-thumb/<name>")
async def artwork_thumb(request, name):
    # basename of the route parameter
    # ok: path-traversal
    return await file(os.path.join(ARTWORK_DIR, "thumbs", os.path.basename(name)), mime_type="image/jpeg")


@app.post("/artwork")
async def upload_artwork(request):
    up = request.files.get("image")
    slug = request.form.get("slug", "")
    dest = os.path.join(ARTWORK_DIR, f"{slug}.jpg")
    # form slug used as the destination file name
    # ruleid: path-traversal
    with open(dest, "wb") as fh:
        fh.write(up.body)
    return json({"stored": slug})


@app.get("/search")
async def search(request):
    q = request.args.get("q", "")
    # Sanic html() response with the raw query [extended sink]
    # ruleid: xss
    return html(f"<p>No podcasts match <b>{q}</b></p>")


@app.get("/out")
async def outbound(request):
    target = request.args.get("u", "")
    if not target.startswith(("https://", "http://")):
        return json({"error": "bad url"}, status=400)
    # scheme check only before the redirect
    # ruleid: open-redirect
    return redirect(target)
