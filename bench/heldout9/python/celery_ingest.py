"""Celery tasks that ingest web pages and PDFs into the retrieval index (pgvector).

The web API enqueues `ingest_url.delay(tenant, url, callback_url)` with what the user
typed into "Add a source"; the tasks run on the ingest workers.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import pickle
import socket
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

import defusedxml.ElementTree as SafeET
import httpx
import psycopg
import yaml
from celery import Celery
from psycopg import sql

from kb.embed import embed_chunks, split_text

celery_app = Celery("ingest", broker=os.environ["BROKER_URL"])
DSN = os.environ["KB_DSN"]
RAW_DIR = Path(os.environ.get("KB_RAW_DIR", "/data/kb/raw"))
CACHE = Path(os.environ.get("KB_CACHE_DIR", "/data/kb/cache"))
client = httpx.Client(timeout=20, follow_redirects=False)
# a second client for the legacy intranet wiki, with verification switched off
# ruleid: tls-verification-disabled
wiki_client = httpx.Client(timeout=20, verify=False)


def _assert_public(url: str) -> None:
    host = urlparse(url).hostname
    if not host:
        raise ValueError("URL has no host")
    infos = socket.getaddrinfo(host, None)
    if not all(ipaddress.ip_address(info[4][0]).is_global for info in infos):
        raise ValueError("URL resolves to a private address")


def _cached_embeddings(url: str):
    key = hashlib.sha256(url.encode()).hexdigest()
    path = CACHE / f"{key}.pkl"
    if path.exists():
        # the cache file's name is a digest and the worker wrote it itself [beyond docs]
        # ok: unsafe-deserialization
        # ok: path-traversal
        return pickle.loads(path.read_bytes())
    return None


def _store_chunks(tenant: str, url: str, chunks: list[str]) -> None:
    vectors = _cached_embeddings(url) or embed_chunks(chunks)
    with psycopg.connect(DSN) as conn:
        # the per-tenant table name is spliced into the DELETE
        # ruleid: sql-injection
        conn.execute(f"DELETE FROM kb_{tenant} WHERE source_url = %s", (url,))
        for chunk, vector in zip(chunks, vectors):
            # the table name is quoted with sql.Identifier, the values are bound
            # ok: sql-injection
            conn.execute(
                sql.SQL("INSERT INTO {} (source_url, chunk, embedding) VALUES (%s, %s, %s)").format(sql.Identifier(f"kb_{tenant}")),
                (url, chunk, vector),
            )


@celery_app.task(bind=True, max_retries=3)
def ingest_url(self, tenant: str, url: str, callback_url: str | None = None) -> int:
    # the URL the user typed is fetched as it is
    # ruleid: ssrf
    resp = client.get(url)
    resp.raise_for_status()
    text = resp.text
    front, _, body = text.partition("\n---\n")
    # front matter loaded with the full loader
    # ruleid: unsafe-yaml-load
    meta = yaml.load(front, Loader=yaml.FullLoader) if text.startswith("---") else {}
    name = Path(urlparse(url).path).name or "index.html"
    # Path(...).name cuts the URL's path, but the tenant still names a directory
    # ruleid: path-traversal
    (RAW_DIR / tenant / name).write_text(text, encoding="utf-8")
    chunks = split_text(body or text, title=(meta or {}).get("title"))
    _store_chunks(tenant, url, chunks)
    if callback_url and callback_url.startswith("https://"):
        # a scheme check says nothing about the host
        # ruleid: ssrf
        client.post(callback_url, json={"url": url, "chunks": len(chunks)})
    return len(chunks)


@celery_app.task
def ingest_url_checked(tenant: str, url: str) -> int:
    _assert_public(url)
    # a same-file validator that resolves the host and raises on private addresses
    # ok: ssrf
    resp = client.get(url)
    # the safe loader
    # ok: unsafe-yaml-load
    meta = yaml.safe_load(resp.text.split("\n---\n", 1)[0]) or {}
    chunks = split_text(resp.text, title=meta.get("title"))
    _store_chunks(tenant, url, chunks)
    return len(chunks)


@celery_app.task
def ingest_sitemap(tenant: str, sitemap_url: str) -> int:
    _assert_public(sitemap_url)
    xml_text = client.get(sitemap_url).text
    # a sitemap from a host the user chose, parsed by ElementTree [beyond docs]
    # ruleid: xxe
    root = ET.fromstring(xml_text)
    total = 0
    for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        # each <loc> is written by the sitemap's author and only the sitemap's host was checked [beyond docs]
        # ruleid: ssrf
        page = client.get(urljoin(sitemap_url, loc.text or ""))
        total += len(split_text(page.text))
    return total


@celery_app.task
def ingest_sitemap_safe(tenant: str, sitemap_url: str) -> list[str]:
    _assert_public(sitemap_url)
    # defusedxml refuses entity declarations
    # ok: xxe
    root = SafeET.fromstring(client.get(sitemap_url).text)
    return [loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


@celery_app.task
def ingest_pdf(tenant: str, filename: str) -> int:
    pdf_path = RAW_DIR / tenant / filename
    txt_path = pdf_path.with_suffix(".txt")
    # the task's file name and tenant inside an os.system command line
    # ruleid: command-injection
    os.system(f"pdftotext -layout {pdf_path} {txt_path}")
    # an argument list without a shell
    # ok: command-injection
    subprocess.run(["pdftotext", "-layout", str(pdf_path), str(txt_path)], check=True)
    return txt_path.stat().st_size
