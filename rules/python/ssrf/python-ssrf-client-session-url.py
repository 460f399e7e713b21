from urllib.parse import urlparse

import aiohttp
import httpx
import requests
import urllib3
from fastapi import FastAPI
from flask import Flask, abort, request

app = Flask(__name__)
api = FastAPI()

ALLOWED_HOSTS = frozenset({"api.example.com"})


def is_safe_url(url):
    return urlparse(url).scheme == "https" and urlparse(url).hostname in ALLOWED_HOSTS


# ---------------------------------------------------------------- vulnerable


@api.get("/avatar")
async def avatar(src: str):
    async with httpx.AsyncClient(timeout=5) as client:
        # ruleid: python-ssrf-client-session-url
        resp = await client.get(src)
    return resp.content


@api.post("/hook")
async def hook(callback: str):
    async with aiohttp.ClientSession() as session:
        # ruleid: python-ssrf-client-session-url
        async with session.post(callback, json={"done": True}) as resp:
            return await resp.text()


@app.route("/mirror")
def mirror():
    session = requests.Session()
    target = request.args["target"]
    # ruleid: python-ssrf-client-session-url
    return session.request("GET", target).text


@app.route("/pool")
def pool():
    http = urllib3.PoolManager()
    # ruleid: python-ssrf-client-session-url
    return http.request("GET", request.headers["X-Upstream"]).data


@app.route("/client")
def sync_client():
    with httpx.Client() as client:
        # ruleid: python-ssrf-client-session-url
        return client.get(url=request.form["url"]).text


@api.get("/base")
async def base(tenant_url: str):
    # the whole client is bound to a user-chosen host
    # ruleid: python-ssrf-client-session-url
    async with httpx.AsyncClient(base_url=tenant_url) as client:
        return (await client.get("/status")).json()


# ---------------------------------------------------------------- safe


@api.get("/avatar2")
async def avatar_checked(src: str):
    if not is_safe_url(src):
        raise ValueError("host not allowed")
    async with httpx.AsyncClient() as client:
        # ok: python-ssrf-client-session-url
        resp = await client.get(src)
    return resp.content


@api.get("/avatar3")
async def avatar_allowlist(src: str):
    if urlparse(src).hostname not in ALLOWED_HOSTS:
        return {"error": "forbidden"}
    async with aiohttp.ClientSession() as session:
        # ok: python-ssrf-client-session-url
        async with session.get(src) as resp:
            return await resp.read()


@app.route("/item")
def item():
    session = requests.Session()
    item_id = request.args["id"]
    # constant host, user data in the path only
    # ok: python-ssrf-client-session-url
    return session.get(f"https://api.example.com/items/{item_id}").text


@app.route("/page")
def page():
    http = urllib3.PoolManager()
    page = int(request.args["page"])
    # ok: python-ssrf-client-session-url
    return http.request("GET", "https://api.example.com/list?page=" + str(page)).data


@api.get("/relative")
async def relative(path: str):
    async with httpx.AsyncClient(base_url="https://api.example.com") as client:
        # a path that starts with "/" under a constant base_url keeps the host, but the rule
        # does not model base_url merging
        # todook: python-ssrf-client-session-url
        return (await client.get("/v1/" + path)).json()
