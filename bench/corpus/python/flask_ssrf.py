"""Link unfurler, webhook relay and image proxy (Flask).

Benchmark corpus, ssrf (CWE-918). Each view is one case; the comment above the
annotation says what it exercises.
"""
import ipaddress
import logging
import socket
from urllib.parse import urljoin, urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
log = logging.getLogger(__name__)

ALLOWED_WEBHOOK_HOSTS = {"hooks.slack.com", "discord.com", "api.pagerduty.com"}
IMAGE_CDNS = frozenset(["images.example-cdn.com", "static.example-cdn.com"])
REGIONS = {
    "eu": "https://eu.api.example.com",
    "us": "https://us.api.example.com",
}
WEATHER_API = "https://api.weather.example.com/v2"


def is_safe_url(url: str) -> bool:
    """Only public http(s) hosts: resolves the name and rejects private ranges."""
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        resolved = socket.gethostbyname(parts.hostname)
    except OSError:
        return False
    ip = ipaddress.ip_address(resolved)
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved)


def require_allowed_host(url: str) -> None:
    """Raises unless the URL's host is on the webhook allowlist."""
    host = urlparse(url).hostname
    if host not in ALLOWED_WEBHOOK_HOSTS:
        raise ValueError(f"host not allowed: {host}")


@app.route("/unfurl")
def unfurl():
    # Query parameter straight into requests.get.
    link = request.args.get("link", "")
    # ruleid: ssrf
    page = requests.get(link, timeout=4)
    return jsonify(title=page.text[:80])


@app.route("/unfurl/v2")
def unfurl_v2():
    # Same input, but the URL is normalised with .strip() first (pass-through call).
    link = request.args.get("link", "").strip()
    # ruleid: ssrf
    page = requests.get(link, timeout=4, allow_redirects=False)
    return page.text


@app.post("/webhooks/relay")
def relay_webhook():
    # JSON body field read through a nested dict access.
    payload = request.get_json(force=True)
    target = payload["destination"]["url"]
    # ruleid: ssrf
    resp = requests.post(target, json=payload.get("event", {}), timeout=5)
    return jsonify(status=resp.status_code)


@app.post("/webhooks/relay-checked")
def relay_webhook_checked():
    # Host allowlist on the parsed hostname with an early abort.
    payload = request.get_json(force=True)
    target = payload["destination"]["url"]
    if urlparse(target).hostname not in ALLOWED_WEBHOOK_HOSTS:
        abort(403)
    # ok: ssrf
    resp = requests.post(target, json=payload.get("event", {}), timeout=5)
    return jsonify(status=resp.status_code)


@app.post("/webhooks/relay-validated")
def relay_webhook_validated():
    # A same-file validator that raises, called as a statement before the request.
    target = request.form["url"]
    require_allowed_host(target)
    # ok: ssrf
    requests.post(target, json={"ping": True}, timeout=5)
    return "", 204


@app.route("/image-proxy")
def image_proxy():
    # Validator defined above, used in a guard with an early return.
    src = request.args.get("src", "")
    if not is_safe_url(src):
        return "bad image url", 400
    # ok: ssrf
    img = requests.get(src, timeout=5, stream=True)
    return img.raw.read(), 200, {"Content-Type": img.headers.get("Content-Type", "image/png")}


@app.route("/image-proxy/logged")
def image_proxy_logged():
    # The validator runs, but its result is only logged: not a control.
    src = request.args.get("src", "")
    if not is_safe_url(src):
        log.warning("suspicious image url %s", src)
    # ruleid: ssrf
    img = requests.get(src, timeout=5)
    return img.content


@app.route("/image-proxy/cdn")
def image_proxy_cdn():
    # Allowlist of CDN hosts checked around the request (no early exit).
    src = request.args["src"]
    host = urlparse(src).hostname
    if host in IMAGE_CDNS:
        # ok: ssrf
        return requests.get(src, timeout=5).content
    abort(400)


@app.route("/image-proxy/suffix")
def image_proxy_suffix():
    # Suffix check without a leading dot: "evilexample-cdn.com" passes.
    src = request.args["src"]
    if not urlparse(src).hostname.endswith("example-cdn.com"):
        abort(400)
    # ruleid: ssrf
    return requests.get(src, timeout=5).content


@app.route("/image-proxy/https-only")
def image_proxy_https_only():
    # Scheme-only check: the host is still the caller's choice.
    src = request.args["src"]
    if not src.startswith("https://"):
        abort(400)
    # ruleid: ssrf
    return requests.get(src, timeout=5).content


@app.route("/image-proxy/prefix")
def image_proxy_prefix():
    # Prefix check without the trailing slash: "https://images.example-cdn.com.evil.io/x" passes.
    src = request.args["src"]
    if not src.startswith("https://images.example-cdn.com"):
        abort(400)
    # ruleid: ssrf
    return requests.get(src, timeout=5).content


@app.route("/image-proxy/prefix-slash")
def image_proxy_prefix_slash():
    # Prefix check that pins scheme and host (ends with "/"): the host cannot change.
    src = request.args["src"]
    if not src.startswith("https://images.example-cdn.com/"):
        abort(400)
    # ok: ssrf
    return requests.get(src, timeout=5).content


@app.route("/weather/<city>")
def weather(city):
    # Route parameter only in the path of a constant host.
    # ok: ssrf
    r = requests.get(f"{WEATHER_API}/current/{city}", timeout=5)
    return r.json()


@app.route("/weather")
def weather_query():
    # User data passed as query parameters of a constant URL.
    city = request.args.get("city", "Berlin")
    # ok: ssrf
    r = requests.get(WEATHER_API + "/current", params={"q": city}, timeout=5)
    return r.json()


@app.route("/region/<region>/health")
def region_health(region):
    # The region key selects a base URL from a constant dict.
    base = REGIONS.get(region, REGIONS["eu"])
    # ok: ssrf
    return requests.get(base + "/health", timeout=3).text


@app.route("/region-host/<region>/health")
def region_host_health(region):
    # The user's value becomes part of the host name: "evil.com#" takes over.
    # ruleid: ssrf
    return requests.get(f"https://{region}.api.example.com/health", timeout=3).text


@app.route("/tenant-api")
def tenant_api():
    # Constant host without a trailing slash: a path of "@evil.com/" changes the host.
    path = request.args.get("path", "")
    # ruleid: ssrf
    return requests.get("https://api.example.com" + path, timeout=3).text


@app.route("/docs-link")
def docs_link():
    # urljoin with an absolute URL from the user returns the user's URL.
    page = request.args.get("page", "index.html")
    # ruleid: ssrf
    return requests.get(urljoin("https://docs.example.com/", page), timeout=3).text


@app.route("/status/<int:node>")
def node_status(node):
    # Converted by the route (<int:...>) and by int(): only a number reaches the host.
    node_id = int(node)
    # ok: ssrf
    return requests.get(f"http://node{node_id}.internal.example.com/status", timeout=2).text


@app.route("/feed")
def feed():
    # The user URL is replaced by a constant before the request.
    feed_url = request.args.get("feed")
    feed_url = "https://blog.example.com/rss.xml"
    # ok: ssrf
    return requests.get(feed_url, timeout=5).text


@app.route("/feed/mirror")
def feed_mirror():
    # Overwritten only when a flag is set: the user's URL still reaches the request otherwise.
    feed_url = request.args.get("feed", "")
    if request.args.get("official"):
        feed_url = "https://blog.example.com/rss.xml"
    # ruleid: ssrf
    return requests.get(feed_url, timeout=5).text


@app.route("/callback-test")
def callback_test():
    # Header value used as the URL.
    cb = request.headers.get("X-Callback-Url")
    if cb is None:
        abort(400)
    # ruleid: ssrf
    requests.head(cb, timeout=2)
    return "ok"


@app.route("/session-fetch")
def session_fetch():
    # A requests.Session() used with a cookie value.
    sess = requests.Session()
    target = request.cookies.get("last_feed", "")
    # ruleid: ssrf
    return sess.get(target, timeout=3).text


@app.route("/ping-partner")
def ping_partner():
    # Equality with literals before the request: only two URLs can pass.
    target = request.args.get("target", "")
    if target != "https://partner-a.example.com/ping" and target != "https://partner-b.example.com/ping":
        abort(400)
    # ok: ssrf
    return requests.get(target, timeout=3).text


@app.route("/health-all")
def health_all():
    # Constant URL assembled in several steps.
    scheme = "https://"
    host = "status." + "example.com"
    url = scheme + host
    url += "/api/v2/summary.json"
    # ok: ssrf
    return requests.get(url, timeout=3).json()


@app.route("/import", methods=["POST"])
def import_from_url():
    # request.values merges args and form; the URL is passed by keyword.
    src = request.values.get("source_url")
    # ruleid: ssrf
    data = requests.request("GET", url=src, timeout=10)
    return jsonify(size=len(data.content))
