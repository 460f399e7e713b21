"""Link preview (Flask)."""
from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request

# Hosts this code may send requests to: list the ones it needs.
ALLOWED_HOSTS = frozenset()

app = Flask(__name__)


@app.route("/preview")
def preview():
    url = request.args.get("url", "")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or parsed.hostname not in ALLOWED_HOSTS:
        abort(400)
    resp = requests.get(url, timeout=5)
    return jsonify(status=resp.status_code, title=resp.text[:80])


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    payload = request.get_json()
    parsed = urlparse(payload["callback_url"])
    if parsed.scheme not in ("http", "https") or parsed.hostname not in ALLOWED_HOSTS:
        abort(400)
    r = requests.post(payload["callback_url"], json={"event": "ping"}, timeout=5)
    return jsonify(ok=r.ok)
