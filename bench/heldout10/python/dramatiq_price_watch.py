"""Price-watch crawler: Dramatiq actors that fetch competitor pages and store offers in MongoDB."""

import ipaddress
import json
import socket
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import dramatiq
import httpx
from bs4 import BeautifulSoup
from pymongo import MongoClient

mongo = MongoClient("mongodb://mongo:27017")
offers = mongo.pricewatch.offers
watches = mongo.pricewatch["watches"]
RETAILER_FEEDS = {
    "acme": "https://feeds.acme-retail.example/prices/",
    "bolt": "https://export.bolt-shop.example/v1/prices/",
}


def _public_host(url: str) -> bool:
    host = urlparse(url).hostname or ""
    infos = socket.getaddrinfo(host, 443)
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


@dramatiq.actor(max_retries=3)
def crawl_product(watch_id: str, product_url: str) -> None:
    if not _public_host(product_url):
        return
    # a same-file predicate over every resolved address, with an early return
    # ok: ssrf
    page = httpx.get(product_url, timeout=15, follow_redirects=False)
    soup = BeautifulSoup(page.text, "html.parser")
    for link in soup.select("link[rel=alternate]"):
        # a URL read out of the fetched page: the page's author picks the host
        # ruleid: ssrf
        httpx.get(link["href"], timeout=15)
    price = soup.select_one("[itemprop=price]")
    # a fixed filter shape with the watch id as a string field
    # ok: nosql-injection
    offers.update_one({"watch": str(watch_id)}, {"$set": {"price": price.text if price else None}}, upsert=True)


@dramatiq.actor
def crawl_feed(retailer: str, sku: str) -> None:
    base = RETAILER_FEEDS.get(retailer, RETAILER_FEEDS["acme"])
    # a constant dictionary of https bases with a default; the sku only fills the path
    # ok: ssrf
    resp = httpx.get(base + sku, timeout=15)
    # a feed from a fixed retailer host
    # ok: xxe
    root = ET.fromstring(resp.content)
    offers.insert_one({"sku": sku, "price": root.findtext("price")})


@dramatiq.actor
def crawl_partner_feed(feed_url: str) -> None:
    # the feed URL is whatever the enqueuing code passed
    # ruleid: ssrf
    resp = httpx.get(feed_url, timeout=15)
    # XML from a host the caller chose, parsed by ElementTree
    # ruleid: xxe
    root = ET.fromstring(resp.text)
    for item in root.iter("item"):
        offers.insert_one({"sku": item.findtext("sku"), "price": item.findtext("price")})


@dramatiq.actor
def apply_watch_filter(filter_json: str) -> int:
    criteria = json.loads(filter_json)
    # a whole filter parsed from the message body
    # ruleid: nosql-injection
    return offers.count_documents(criteria)


@dramatiq.actor
def find_watch(owner: str, criteria: dict) -> list:
    # a field value that can be an object ({"$ne": null})
    # ruleid: nosql-injection
    found = list(watches.find({"owner": owner, "sku": criteria.get("sku")}))
    # the same value coerced to str
    # ok: nosql-injection
    found += list(watches.find({"owner": str(owner), "sku": str(criteria.get("sku"))}))
    return found


@dramatiq.actor
def expire_watch(where: str) -> None:
    # a $where clause built from the message
    # ruleid: nosql-injection
    watches.delete_many({"$where": f"this.expires < {where}"})
