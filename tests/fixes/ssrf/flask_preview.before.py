"""Link preview (Flask)."""
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/preview")
def preview():
    url = request.args.get("url", "")
    resp = requests.get(url, timeout=5)
    return jsonify(status=resp.status_code, title=resp.text[:80])


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    payload = request.get_json()
    r = requests.post(payload["callback_url"], json={"event": "ping"}, timeout=5)
    return jsonify(ok=r.ok)
