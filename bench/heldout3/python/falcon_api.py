"""Inventory API on Falcon 4 (resources with on_get/on_post responders)."""
from __future__ import annotations

import ipaddress
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import defusedxml.ElementTree as DET
import falcon
import pymysql
import requests
import yaml
from lxml import etree

ALLOWED_WAREHOUSES = {"ams", "fra", "iad"}
SUPPLIER_HOSTS = {"api.supplier-one.example", "edi.supplier-two.example"}


def _conn():
    return pymysql.connect(host=os.environ["DB_HOST"], user="inventory", password=os.environ["DB_PASSWORD"], database="inventory")


class ItemsResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        warehouse = req.params.get("warehouse", "ams")
        with _conn() as conn, conn.cursor() as cur:
            # responder's request parameter field in an f-string
            # ruleid: sql-injection
            cur.execute(f"SELECT sku, qty FROM stock WHERE warehouse = '{warehouse}'")
            resp.media = cur.fetchall()

    def on_get_by_warehouse(self, req: falcon.Request, resp: falcon.Response, warehouse: str) -> None:
        if warehouse not in ALLOWED_WAREHOUSES:
            raise falcon.HTTPBadRequest(title="unknown warehouse")
        with _conn() as conn, conn.cursor() as cur:
            # set allowlist that raises before the query
            # ok: sql-injection
            cur.execute(f"SELECT sku, qty FROM stock_{warehouse}")
            resp.media = cur.fetchall()

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        body = req.get_media()
        with _conn() as conn, conn.cursor() as cur:
            # %s placeholders with a params tuple
            # ok: sql-injection
            cur.execute("INSERT INTO stock (sku, qty, warehouse) VALUES (%s, %s, %s)", (body["sku"], body["qty"], body["warehouse"]))
            conn.commit()
        resp.status = falcon.HTTP_201


class ItemResource:
    def on_patch(self, req: falcon.Request, resp: falcon.Response, sku: str) -> None:
        note = req.get_param("note") or ""
        with _conn() as conn, conn.cursor() as cur:
            # Falcon get_param() value and a route parameter formatted in
            # ruleid: sql-injection
            cur.execute("UPDATE stock SET note = '%s' WHERE sku = '%s'" % (note, sku))
            conn.commit()


class SupplierSyncResource:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        feed = req.get_media()["feed_url"]
        if urlparse(feed).hostname not in SUPPLIER_HOSTS:
            raise falcon.HTTPForbidden()
        # hostname allowlist that raises
        # ok: ssrf
        r = requests.get(feed, timeout=10)
        resp.media = {"bytes": len(r.content)}

    def on_put(self, req: falcon.Request, resp: falcon.Response) -> None:
        feed = req.get_media()["feed_url"]
        host = urlparse(feed).hostname or ""
        if host.endswith(".supplier-one.example") or host == "localhost":
            # suffix check that also lets localhost through; URL from req.get_media() [beyond docs]
            # ruleid: ssrf
            r = requests.get(feed, timeout=10)
            resp.media = {"bytes": len(r.content)}

    def on_delete(self, req: falcon.Request, resp: falcon.Response) -> None:
        ip = req.get_param("ip", required=True)
        addr = ipaddress.ip_address(ip)
        if addr.is_private or addr.is_loopback:
            raise falcon.HTTPForbidden()
        # parsed IP literal rejected when private or loopback before the request [beyond docs]
        # ok: ssrf
        requests.delete(f"http://{ip}/hooks/inventory", timeout=5)


class XmlImportResource:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = req.bounded_stream.read()
        # stdlib ElementTree over the request stream [beyond docs]
        # ruleid: xxe
        root = ET.fromstring(data)
        resp.media = {"items": len(root)}

    def on_put(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = req.bounded_stream.read()
        # defusedxml parser
        # ok: xxe
        root = DET.fromstring(data)
        resp.media = {"items": len(root)}

    def on_patch(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = req.bounded_stream.read()
        # lxml parser configured with entity resolution on
        # ruleid: xxe-parser-config
        parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
        root = etree.fromstring(data, parser)
        resp.media = {"items": len(root)}

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        # hardened lxml parser
        # ok: xxe-parser-config
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.parse("/srv/inventory/schema.xml", parser)
        resp.media = {"tag": root.getroot().tag}


class ConfigResource:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        raw = req.bounded_stream.read()
        # full_load shortcut on a request body
        # ruleid: unsafe-yaml-load
        cfg = yaml.full_load(raw)
        resp.media = cfg

    def on_put(self, req: falcon.Request, resp: falcon.Response) -> None:
        raw = req.bounded_stream.read()
        # safe loader by keyword
        # ok: unsafe-yaml-load
        cfg = yaml.load(raw, Loader=yaml.SafeLoader)
        resp.media = cfg


class LabelResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response, sku: str) -> None:
        # label printer invoked without a shell, route parameter as one argument
        # ok: command-injection
        subprocess.run(["lp", "-d", "labels", "-t", sku, "/srv/inventory/label.pdf"], check=True)
        resp.media = json.loads('{"queued": true}')

    def on_post(self, req: falcon.Request, resp: falcon.Response, sku: str) -> None:
        printer = req.get_media().get("printer", "labels")
        # req.get_media() value in an os.system command line [beyond docs]
        # ruleid: command-injection
        os.system("lp -d " + printer + " /srv/inventory/label.pdf")


app = falcon.App()
app.add_route("/items", ItemsResource())
app.add_route("/items/{warehouse}", ItemsResource(), suffix="by_warehouse")
app.add_route("/item/{sku}", ItemResource())
app.add_route("/suppliers/sync", SupplierSyncResource())
app.add_route("/import", XmlImportResource())
app.add_route("/config", ConfigResource())
app.add_route("/labels/{sku}", LabelResource())
