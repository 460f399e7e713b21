"""Third-party API clients used across the backend (GitHub, Slack, partners, geocoding)."""
from __future__ import annotations

import json
import os
import urllib.request
from urllib.parse import quote, urlparse

import aiohttp
import httpx
import requests

PARTNER_HOSTS = frozenset({"catalog.partner-a.com", "feeds.partner-b.net"})
WEATHER_API = "https://api.openweathermap.org/data/2.5/weather"


class GitHubClient:
    API = "https://api.github.com"

    def __init__(self, token: str | None = None) -> None:
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/vnd.github+json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def repo(self, owner: str, name: str) -> dict:
        # Constant host; the arguments only fill path segments.
        # ok: ssrf
        resp = self.session.get(f"{self.API}/repos/{quote(owner)}/{quote(name)}", timeout=10)
        resp.raise_for_status()
        return resp.json()

    def follow(self, next_url: str) -> requests.Response:
        # Pagination helper: requests whatever URL it is handed (reported as a warning).
        # ruleid: ssrf
        return self.session.get(next_url, timeout=10)


class SlackNotifier:
    def __init__(self) -> None:
        self.webhook = os.environ["SLACK_WEBHOOK_URL"]

    def send(self, text: str) -> None:
        # Webhook URL from the environment.
        # ok: ssrf
        requests.post(self.webhook, json={"text": text}, timeout=5)


def fetch_json(url: str, timeout: float = 5.0) -> dict:
    # Generic helper around urlopen (reported as a warning).
    # ruleid: ssrf
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read().decode("utf-8"))


def _is_partner(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return host in PARTNER_HOSTS


def fetch_partner_catalog(url: str) -> dict:
    # Same-file validator comparing the hostname with a frozenset, raising on failure.
    if not _is_partner(url):
        raise ValueError(f"not a partner URL: {url}")
    # ok: ssrf
    return requests.get(url, timeout=10).json()


def is_safe_url(url: str) -> bool:
    # Despite the name, only the scheme is checked.
    return urlparse(url).scheme in ("http", "https")


def fetch_avatar(url: str) -> bytes:
    if not is_safe_url(url):
        raise ValueError("bad url")
    # ruleid: ssrf
    return requests.get(url, timeout=5).content


async def fetch_many(urls: list[str]) -> list[str]:
    # Loop over caller-supplied URLs with aiohttp (reported as a warning).
    results = []
    async with aiohttp.ClientSession() as session:
        for u in urls:
            # ruleid: ssrf
            async with session.get(u, timeout=aiohttp.ClientTimeout(total=10)) as resp:
                results.append(await resp.text())
    return results


async def geocode(address: str) -> list[dict]:
    # base_url fixed on the client; the address is a query parameter.
    async with httpx.AsyncClient(base_url="https://nominatim.openstreetmap.org", timeout=10) as client:
        # ok: ssrf
        r = await client.get("/search", params={"q": address, "format": "json"})
        return r.json()


def current_weather(city: str) -> dict:
    # ok: ssrf
    return requests.get(WEATHER_API, params={"q": city, "appid": os.environ["OWM_KEY"]}, timeout=5).json()


def shopify_get(shop: str, resource: str) -> dict:
    # Shop name fills the host part: "evil.example/#" or "10.0.0.1:8080/x?" redirects the request.
    url = f"https://{shop}.myshopify.com/admin/api/2024-01/{resource}.json"
    # ruleid: ssrf
    return httpx.get(url, headers={"X-Shopify-Access-Token": os.environ["SHOPIFY_TOKEN"]}).json()


def shopify_get_checked(shop: str, resource: str) -> dict:
    # Same, after an anchored pattern for the shop handle.
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", shop):
        raise ValueError("invalid shop handle")
    url = f"https://{shop}.myshopify.com/admin/api/2024-01/{resource}.json"
    # ok: ssrf
    return httpx.get(url, headers={"X-Shopify-Access-Token": os.environ["SHOPIFY_TOKEN"]}).json()
