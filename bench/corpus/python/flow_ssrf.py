"""Harder data flow for ssrf (Flask and plain Python).

Benchmark corpus, ssrf (CWE-918): closures, with targets, walrus, unpacking,
async, callbacks, same-file helpers, classes, lambdas, comprehensions, loops,
try/except and branches.
"""
import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import httpx
import requests
from flask import Flask, abort, request

app = Flask(__name__)

ALLOWED = {"api.partner.example.com"}
FALLBACK_FEED = "https://news.example.com/feed.xml"


def build_url(base, path):
    # Helper that only concatenates.
    return base.rstrip("/") + "/" + path.lstrip("/")


def get_target():
    # Helper that reads the request.
    return request.args.get("target", "")


def host_ok(url):
    return urlparse(url).hostname in ALLOWED


@app.route("/flow/closure")
def closure_fetch():
    # The URL is captured by an inner function.
    url = request.args["url"]

    def go():
        # ruleid: ssrf
        return requests.get(url, timeout=5).text

    return go()


@app.route("/flow/helper-return")
def helper_return():
    # The value comes back from a same-file helper that reads the request.
    target = get_target()
    # ruleid: ssrf
    return requests.get(target, timeout=5).text


@app.route("/flow/helper-build")
def helper_build():
    # The user's base goes through a same-file helper that joins strings.
    base = request.args["base"]
    # ruleid: ssrf
    return requests.get(build_url(base, "status"), timeout=5).text


@app.route("/flow/helper-build-const")
def helper_build_const():
    # Same helper, constant base: the user only picks the path.
    page = request.args["page"]
    # ok: ssrf
    return requests.get(build_url("https://docs.example.com/", page), timeout=5).text


@app.route("/flow/walrus")
def walrus_fetch():
    # Walrus in the condition binds the URL.
    if (u := request.args.get("u")) is not None:
        # ruleid: ssrf
        return requests.get(u, timeout=5).text
    return "missing"


@app.route("/flow/unpack")
def unpack_fetch():
    # Tuple unpacking from a split header.
    scheme_host, _, rest = request.headers.get("X-Upstream", "").partition(" ")
    # ruleid: ssrf
    return requests.get(scheme_host, timeout=5).text


@app.route("/flow/unpack-dict")
def unpack_dict():
    # Values unpacked from a list comprehension over the JSON body.
    body = request.get_json()
    first, *others = [item["url"] for item in body["items"]]
    # ruleid: ssrf
    return requests.get(first, timeout=5).text


@app.route("/flow/with-target")
def with_target():
    # The with target wraps the request body.
    with io.StringIO(request.get_data(as_text=True)) as buf:
        url = buf.readline().strip()
    # ruleid: ssrf
    return requests.get(url, timeout=5).text


@app.route("/flow/comprehension")
def comprehension_fetch():
    # Comprehension variable over a user list.
    urls = request.args.getlist("url")
    # ruleid: ssrf
    pages = [requests.get(u, timeout=5).status_code for u in urls]
    return {"codes": pages}


@app.route("/flow/comprehension-filtered")
def comprehension_filtered():
    # The comprehension filters on the allowlist helper.
    urls = request.args.getlist("url")
    # ok: ssrf
    pages = [requests.get(u, timeout=5).status_code for u in urls if host_ok(u)]
    return {"codes": pages}


@app.route("/flow/loop")
def loop_fetch():
    # for loop over JSON items, appended through a dict field.
    results = {}
    for item in request.json.get("targets", []):
        entry = {"url": item, "tries": 0}
        # ruleid: ssrf
        results[item] = requests.get(entry["url"], timeout=5).ok
    return results


@app.route("/flow/loop-continue")
def loop_continue():
    # Loop with an allowlist check that skips bad items.
    results = {}
    for item in request.json.get("targets", []):
        if urlparse(item).hostname not in ALLOWED:
            continue
        # ok: ssrf
        results[item] = requests.get(item, timeout=5).ok
    return results


@app.route("/flow/lambda")
def lambda_fetch():
    # A lambda applied to the user's URL.
    # ruleid: ssrf
    fetch = lambda u: requests.get(u, timeout=5)  # noqa: E731
    target = request.args["t"]
    return fetch(target).text


@app.route("/flow/lambda2")
def lambda_fetch2():
    # Same idea with the sink line annotated.
    target = request.args["t"]
    fetch = (
        # ruleid: ssrf
        lambda: requests.get(target, timeout=5)
    )
    return fetch().text


@app.route("/flow/try-except")
def try_except():
    # Falls back to the raw user value when int() fails.
    raw = request.args.get("mirror", "1")
    try:
        mirror = f"https://mirror{int(raw)}.example.com/"
    except ValueError:
        mirror = raw
    # ruleid: ssrf
    return requests.get(mirror, timeout=5).text


@app.route("/flow/try-except-safe")
def try_except_safe():
    # Falls back to a constant when int() fails.
    raw = request.args.get("mirror", "1")
    try:
        mirror = f"https://mirror{int(raw)}.example.com/"
    except ValueError:
        mirror = FALLBACK_FEED
    # ok: ssrf
    return requests.get(mirror, timeout=5).text


@app.route("/flow/branches")
def branches():
    # One branch assigns a constant, the other the user's URL.
    if request.args.get("mode") == "default":
        src = FALLBACK_FEED
    else:
        src = request.args.get("src", "")
    # ruleid: ssrf
    return requests.get(src, timeout=5).text


@app.route("/flow/branches-safe")
def branches_safe():
    # Both branches assign constants.
    if request.args.get("mode") == "eu":
        src = "https://eu.news.example.com/feed.xml"
    else:
        src = FALLBACK_FEED
    # ok: ssrf
    return requests.get(src, timeout=5).text


@app.route("/flow/dead-branch")
def dead_branch():
    # The user's value is only assigned in a branch that never runs.
    src = FALLBACK_FEED
    if False:
        src = request.args["src"]
    # ok: ssrf
    return requests.get(src, timeout=5).text


@app.route("/flow/attribute")
def attribute_flow():
    # Stored on an object's attribute, read back later.
    class Job:
        pass

    job = Job()
    job.url = request.form["url"]
    job.retries = 3
    # ruleid: ssrf
    return requests.get(job.url, timeout=5).text


class Fetcher:
    # Class methods using self attributes set from a constructor parameter.
    def __init__(self, base_url: str, token: str = ""):
        self.base_url = base_url
        self.token = token

    def get(self, path: str):
        # Constructor parameter with unknown callers (reported as a warning).
        # ruleid: ssrf
        return requests.get(self.base_url + path, headers={"Authorization": self.token}, timeout=5)


class StatusClient:
    # Attribute set from a constant in the constructor.
    def __init__(self):
        self.endpoint = "https://status.example.com/api/v2/summary.json"

    def summary(self):
        # ok: ssrf
        return requests.get(self.endpoint, timeout=5).json()


@app.route("/flow/async")
def async_flow():
    # The URL goes into a coroutine run with asyncio.
    target = request.args["url"]

    async def grab():
        async with httpx.AsyncClient() as client:
            # ruleid: ssrf
            r = await client.get(target)
            return r.text

    return asyncio.run(grab())


@app.route("/flow/executor")
def executor_flow():
    # Callback: each user URL is handed to a lambda run in a thread pool.
    urls = request.json["urls"]
    with ThreadPoolExecutor(4) as pool:
        # ruleid: ssrf
        codes = list(pool.map(lambda u: requests.get(u, timeout=5).status_code, urls))
    return {"codes": codes}


@app.route("/flow/local-helper-const")
def local_helper_const():
    # A nested helper whose only caller passes a constant.
    def ping(url):
        # ok: ssrf
        return requests.head(url, timeout=2).ok

    return {"up": ping("https://www.example.com/")}


@app.route("/flow/format")
def format_flow():
    # str.format() with the user's host.
    host = request.args["host"]
    url = "https://{}/api/health".format(host)
    # ruleid: ssrf
    return requests.get(url, timeout=5).text


@app.route("/flow/percent")
def percent_flow():
    # %-formatting with the user's host.
    host = request.args["host"]
    # ruleid: ssrf
    return requests.get("http://%s:8080/metrics" % host, timeout=5).text


@app.route("/flow/assert")
def assert_flow():
    # assert on the allowlist helper.
    url = request.args["url"]
    assert host_ok(url)
    # ok: ssrf
    return requests.get(url, timeout=5).text


@app.route("/flow/validator-after")
def validator_after():
    # The check runs only after the request has been sent.
    url = request.args["url"]
    # ruleid: ssrf
    resp = requests.get(url, timeout=5)
    if not host_ok(url):
        abort(400)
    return resp.text
