"""A small Scrapy-like documentation crawler: jobs arrive with a seed URL, pages are mirrored to disk."""

import hashlib
import os
import random
import re
import sqlite3
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

import defusedxml.ElementTree as SafeET
import httpx
from lxml import etree

MIRROR_DIR = "/var/lib/crawler/mirror"
ALLOWED_DOMAINS = frozenset({"docs.python.org", "developer.mozilla.org"})
AGENTS = ["docbot/1.0", "docbot/1.1"]
SITEMAP_SKELETON = b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'></urlset>"
DOCS_URL_RE = re.compile(r"https://docs\.example\.org/[\w/.-]*")
# entities off, no network
# ok: xxe-parser-config
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def allowed(url: str) -> bool:
    return urlparse(url).hostname in ALLOWED_DOMAINS


class CrawlJob:
    def __init__(self, seed: str, db: sqlite3.Connection):
        self.seed = seed
        self.db = db
        self.client = httpx.Client(follow_redirects=False, timeout=10)

    def run(self):
        # the job's seed URL is fetched with no check
        # ruleid: ssrf
        first = self.client.get(self.seed, headers={"User-Agent": self.agent()})
        self.store(self.seed, first.text)
        self.fetch_robots(self.seed)
        return first.status_code

    def run_checked(self):
        if not allowed(self.seed):
            raise PermissionError(self.seed)
        # same-file predicate: hostname in the allowlist, raise otherwise
        # ok: ssrf
        return self.client.get(self.seed).status_code

    def fetch_robots(self, page_url: str):
        parsed = urlparse(page_url)
        # scheme and host taken from the unchecked page URL
        # ruleid: ssrf
        return self.client.get(f"{parsed.scheme}://{parsed.netloc}/robots.txt").text

    def follow(self, page_url: str, href: str):
        target = urljoin(page_url, href)
        if not re.search(r"^https://docs\.example\.org", target):
            return None
        # start-anchored only: https://docs.example.org.evil.net passes
        # ruleid: ssrf
        return self.client.get(target).text

    def follow_strict(self, href: str):
        if not DOCS_URL_RE.fullmatch(href):
            return None
        # full match of scheme, host and a following "/"
        # ok: ssrf
        return self.client.get(href).text

    def agent(self) -> str:
        # random choice of a user agent, not a secret
        # ok: weak-randomness
        user_agent = random.choice(AGENTS)
        return user_agent

    def store(self, url: str, body: str):
        title = extract_title(body)
        # ? placeholders for both values
        # ok: sql-injection
        self.db.execute("INSERT INTO pages (url, title) VALUES (?, ?)", (url, title))
        # page URL inside a quoted literal
        # ruleid: sql-injection
        self.db.execute(f"UPDATE pages SET fetched_at = datetime('now') WHERE url = '{url}'")
        self.mirror(url, body)

    def mirror(self, url: str, body: str):
        parsed = urlparse(url)
        out = os.path.join(MIRROR_DIR, parsed.netloc, parsed.path.lstrip("/"))
        # the URL path (which may hold ../ segments) decides where the page is written
        # ruleid: path-traversal
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(body)

    def mirror_hashed(self, url: str, body: str):
        name = hashlib.sha256(url.encode()).hexdigest() + ".html"
        # file name is a hex digest of the URL [beyond docs]
        # ok: path-traversal
        with open(os.path.join(MIRROR_DIR, name), "w", encoding="utf-8") as fh:
            fh.write(body)


def extract_title(body: str) -> str:
    m = re.search(r"<title>(.*?)</title>", body, re.S)
    return m.group(1).strip() if m else ""


def fetch_legacy(url: str) -> bytes:
    # urllib urlopen of a caller's URL
    # ruleid: ssrf
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


def parse_sitemap(xml_bytes: bytes) -> list[str]:
    # stdlib parser on the caller's document
    # ruleid: xxe
    root = ET.fromstring(xml_bytes)
    return [loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def parse_sitemap_safe(xml_bytes: bytes) -> list[str]:
    # defusedxml
    # ok: xxe
    root = SafeET.fromstring(xml_bytes)
    return [loc.text or "" for loc in root.iter()]


def empty_sitemap():
    # constant document
    # ok: xxe
    return ET.fromstring(SITEMAP_SKELETON)


def parse_feed(feed: bytes):
    # lxml without a parser argument
    # ruleid: xxe
    return etree.fromstring(feed)


def parse_feed_hardened(feed: bytes):
    # lxml with a parser that has entities off
    # ok: xxe
    return etree.fromstring(feed, SAFE_PARSER)


def legacy_parser():
    # parser that resolves entities and may use the network
    # ruleid: xxe-parser-config
    return etree.XMLParser(resolve_entities=True, no_network=False)


def job_from_api(payload: dict, db: sqlite3.Connection) -> int:
    return CrawlJob(payload["seed"], db).run()
