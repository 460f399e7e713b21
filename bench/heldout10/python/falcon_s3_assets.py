"""Brand-asset portal: Falcon responders over S3 (boto3), urllib.request and sqlite3."""

import html
import os
import sqlite3
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import boto3
import falcon

BUCKET = os.environ.get("ASSET_BUCKET", "brand-assets")
CACHE = Path("/var/cache/brand-assets").resolve()
s3 = boto3.client("s3")
db = sqlite3.connect("/var/lib/brand/assets.db", check_same_thread=False)
RENDITIONS = {"thumb": "320x320", "web": "1280x1280", "print": "4000x4000"}
SAFE_REDIRECT_HOSTS = {"brand.example", "www.brand.example"}
LICENSE_SERVER = "https://licensing.brand.example/v2/"


class AssetResource:
    def on_get(self, req, resp, asset_id):
        rendition = req.get_param("rendition", default="web")
        size = RENDITIONS.get(rendition, RENDITIONS["web"])
        key = f"{asset_id}/{size}.jpg"
        local = CACHE / key
        # the S3 key path segment comes from the URL route; download_file writes it locally
        # ruleid: path-traversal
        s3.download_file(BUCKET, key, str(local))
        # the same cached path opened for the response
        # ruleid: path-traversal
        resp.stream = open(local, "rb")
        resp.content_type = "image/jpeg"

    def on_get_link(self, req, resp, asset_id):
        # presigned URL: the storage service's own host
        url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": f"{asset_id}/original"}, ExpiresIn=300)
        resp.media = {"url": url}


class CachedFileResource:
    def on_get(self, req, resp):
        name = req.get_param("name", required=True)
        path = (CACHE / name).resolve()
        if not str(path).startswith(str(CACHE) + os.sep):
            raise falcon.HTTPForbidden()
        # resolved and checked against CACHE plus a separator
        # ok: path-traversal
        with open(path, "rb") as fh:
            resp.data = fh.read()

    def on_delete(self, req, resp):
        name = req.get_param("name", required=True)
        if ".." in name:
            raise falcon.HTTPBadRequest()
        # a ".." blocklist leaves absolute names through
        # ruleid: path-traversal
        os.remove(os.path.join(CACHE, name))


class ImportResource:
    def on_post(self, req, resp):
        body = req.media
        source = body.get("source_url", "")
        if urlparse(source).hostname not in {"dam.partner.example", "images.partner.example"}:
            raise falcon.HTTPBadRequest(description="source host not allowed")
        # host allowlist with a raise
        # ok: ssrf
        with urllib.request.urlopen(source, timeout=20) as r:
            data = r.read()
        name = os.path.basename(body.get("name", "import.bin"))
        # basename of the requested name
        # ok: path-traversal
        s3.upload_file(str(CACHE / name), BUCKET, f"imports/{name}")
        resp.media = {"bytes": len(data)}

    def on_post_license(self, req, resp):
        body = req.media
        # constant https base with a slash; the asset id only fills the path
        # ok: ssrf
        urllib.request.urlopen(LICENSE_SERVER + str(body.get("asset_id")), timeout=10)
        callback = body.get("callback", "")
        request = urllib.request.Request(callback, data=b"{}", method="POST")
        # a Request object whose URL is the caller's callback
        # ruleid: ssrf
        urllib.request.urlopen(request, timeout=10)


class SearchResource:
    def on_get(self, req, resp):
        tag = req.get_param("tag", default="")
        owner = req.get_param("owner", default="")
        cur = db.cursor()
        # tag bound, owner spliced
        # ruleid: sql-injection
        cur.execute(f"SELECT id, title FROM asset WHERE tag = ? AND owner = '{owner}'", (tag,))
        rows = cur.fetchall()
        # both values bound
        # ok: sql-injection
        cur.execute("SELECT COUNT(*) FROM asset WHERE tag = ? AND owner = ?", (tag, owner))
        items = "".join(f"<li>{html.escape(title)}</li>" for _, title in rows)
        resp.content_type = falcon.MEDIA_HTML
        # [extended sink] Falcon HTML body: the titles are escaped, the tag is not
        # ruleid: xss
        resp.text = f"<h2>Assets tagged {tag}</h2><ul>{items}</ul>"

    def on_get_label(self, req, resp):
        label = req.get_param("label", default="")
        resp.content_type = falcon.MEDIA_HTML
        # [extended sink] Falcon HTML body with the label escaped
        # ok: xss
        resp.text = "<span class='label'>" + html.escape(label) + "</span>"


class LoginResource:
    def on_get(self, req, resp):
        target = req.get_param("return_to", default="/")
        if urlparse(target).hostname not in SAFE_REDIRECT_HOSTS:
            target = "/"
        # [extended sink] host allowlist that resets the target; host-less values (also /\evil.example) fall back to "/"
        # ok: open-redirect
        raise falcon.HTTPFound(target)

    def on_get_logout(self, req, resp):
        nxt = req.get_param("next", default="/")
        # [extended sink] Falcon redirect to the query value unchecked
        # ruleid: open-redirect
        raise falcon.HTTPSeeOther(nxt)

    def on_post(self, req, resp):
        form = req.media
        # [beyond docs] Falcon's keyword is http_only; both flags are on
        # ok: insecure-cookie
        resp.set_cookie("brand_session", form.get("session", ""), secure=True, http_only=True)
        # [beyond docs] Falcon's set_cookie with both flags turned off for a remember-me cookie
        # ruleid: insecure-cookie
        resp.set_cookie("brand_remember", form.get("remember", ""), secure=False, http_only=False)


app = falcon.App()
app.add_route("/assets/{asset_id}", AssetResource())
app.add_route("/assets/{asset_id}/link", AssetResource(), suffix="link")
app.add_route("/cache", CachedFileResource())
app.add_route("/import", ImportResource())
app.add_route("/import/license", ImportResource(), suffix="license")
app.add_route("/search", SearchResource())
app.add_route("/label", SearchResource(), suffix="label")
app.add_route("/login", LoginResource())
app.add_route("/logout", LoginResource(), suffix="logout")
