import sys
import urllib.request
from urllib.parse import urljoin, urlparse

import httpx
import requests
from fastapi import FastAPI, Query
from flask import Flask, abort, request

app = Flask(__name__)
api = FastAPI()

ALLOWED_HOSTS = {"api.example.com", "cdn.example.com"}
API_BASE_URL = "https://api.example.com"
ROOT = "https://api.example.com/"
NO_SLASH = "https://api.example.com"


def is_allowed_url(url):
    return urlparse(url).hostname in ALLOWED_HOSTS


# ---------------------------------------------------------------- vulnerable


@app.route("/proxy")
def proxy():
    url = request.args.get("url")
    # ruleid: python-ssrf-tainted-url
    return requests.get(url, timeout=5).text


@app.route("/webhook", methods=["POST"])
def webhook():
    target = request.get_json()["callback"]
    # ruleid: python-ssrf-tainted-url
    requests.post(url=target, json={"ok": True})


@app.route("/fetch")
def fetch_form():
    host = request.form["host"]
    # the host part is user controlled
    # ruleid: python-ssrf-tainted-url
    return httpx.get(f"https://{host}/status").text


@app.route("/open")
def open_url():
    # ruleid: python-ssrf-tainted-url
    with urllib.request.urlopen(request.values["u"]) as resp:
        return resp.read()


@app.route("/join")
def join():
    # urljoin() keeps an absolute user URL: the base does not pin the host
    target = urljoin(ROOT, request.args["path"])
    # ruleid: python-ssrf-tainted-url
    return requests.request("GET", target).text


@app.route("/noslash")
def no_slash():
    # "https://api.example.com" + "@evil.example" sends the request to evil.example
    # ruleid: python-ssrf-tainted-url
    return requests.get(NO_SLASH + request.args["p"]).text


@app.route("/weak")
def weak_check():
    url = request.cookies.get("next")
    if not url:
        return "missing", 400
    # a presence check is not a host check
    # ruleid: python-ssrf-tainted-url
    return requests.get(url).text


@app.route("/other")
def checks_other_value():
    url = request.args["url"]
    backup = request.args["backup"]
    if not is_allowed_url(backup):
        abort(400)
    # ruleid: python-ssrf-tainted-url
    return requests.get(url).text


@api.get("/preview")
async def preview(link: str):
    # FastAPI query parameter
    # ruleid: python-ssrf-tainted-url
    return httpx.get(link).text


def django_view(request):
    # ruleid: python-ssrf-tainted-url
    return requests.head(request.GET["url"])


def cli():
    # ruleid: python-ssrf-tainted-url
    urllib.request.Request(sys.argv[1])


# ---------------------------------------------------------------- safe


@app.route("/user")
def user_path():
    uid = request.args["id"]
    # constant scheme and host, user data only in the path
    # ok: python-ssrf-tainted-url
    return requests.get(f"https://api.example.com/users/{uid}").text


@app.route("/user2")
def user_concat():
    # ok: python-ssrf-tainted-url
    return requests.get("https://api.example.com/search?q=" + request.args["q"]).text


@app.route("/user3")
def user_base_constant():
    # ok: python-ssrf-tainted-url
    return requests.get(ROOT + request.args["q"]).text


@app.route("/user4")
def user_base_setting():
    # ok: python-ssrf-tainted-url
    return httpx.get(f"{API_BASE_URL}/items/{request.args['item']}").text


@app.route("/allow")
def allowlisted():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    # ok: python-ssrf-tainted-url
    return requests.get(url).text


@app.route("/validator")
def validated():
    url = request.args["url"]
    if not is_allowed_url(url):
        return "forbidden", 403
    # ok: python-ssrf-tainted-url
    return requests.get(url).text


@app.route("/validator2")
def validated_block():
    url = request.args["url"]
    if is_allowed_url(url):
        # ok: python-ssrf-tainted-url
        return requests.get(url).text
    return "forbidden", 403


@app.route("/port")
def port():
    port = int(request.args["port"])
    # ok: python-ssrf-tainted-url
    return requests.get("http://localhost:%d/health" % port).text


@api.get("/shard")
async def shard(n: int):
    # a FastAPI parameter declared int is coerced
    # ok: python-ssrf-tainted-url
    return httpx.get(f"http://shard{n}.internal/health").text


@app.route("/const")
def constant():
    # ok: python-ssrf-tainted-url
    return requests.get("https://api.example.com/status", params=request.args).text


@api.get("/shard2")
async def shard2(n: int = Query(0)):
    # ok: python-ssrf-tainted-url
    return httpx.get(f"http://shard{n}.internal/health").text


@api.get("/shard3")
async def shard3(n: str = Query("")):
    # ruleid: python-ssrf-tainted-url
    return httpx.get(f"http://shard{n}.internal/health").text


@app.route("/logged")
def validator_ignored():
    url = request.args["url"]
    if not is_allowed_url(url):
        app.logger.warning("unexpected host in %s", url)
    # the check does not stop the request
    # ruleid: python-ssrf-tainted-url
    return requests.get(url).text


@app.route("/after")
def after_positive_block():
    url = request.args["url"]
    if is_allowed_url(url):
        requests.get(url)
    # a positive check also counts after its block (the check is modelled as cleaning the value)
    # todoruleid: python-ssrf-tainted-url
    return requests.get(url).text
