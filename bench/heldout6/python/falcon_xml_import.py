"""Product-feed importer on Falcon: partners push or point us at XML feeds."""

import io
import re
import xml.etree.ElementTree as ET
from xml.dom import minidom
from xml.sax import make_parser
from xml.sax.handler import feature_external_ges

import defusedxml.ElementTree as SafeET
import falcon
import requests
from lxml import etree

FEED_URL = re.compile(r"^https://feeds\.partners\.example/[\w/-]+\.xml$")
LOOSE_URL = re.compile(r"^https?://[\w.-]+/[\w/.-]*$")
SCHEMA_PATH = "/srv/importer/schema/feed.xsd"

# a module-level lxml parser that loads external DTDs
# ruleid: xxe-parser-config
DTD_PARSER = etree.XMLParser(load_dtd=True, no_network=True)
# entities off, network off
# ok: xxe-parser-config
HARD_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _items(root):
    return [el.findtext("sku") for el in root.iter("item")]


class PushResource:
    def on_post(self, req, resp):
        body = req.bounded_stream.read()
        # standard-library ElementTree on the request body
        # ruleid: xxe
        root = ET.fromstring(body)
        # defusedxml refuses entity declarations
        # ok: xxe
        safe_root = SafeET.fromstring(body)
        resp.media = {"n": len(_items(root)), "m": len(_items(safe_root))}


class LxmlResource:
    def on_post(self, req, resp):
        body = req.bounded_stream.read()
        # lxml fromstring without a parser argument
        # ruleid: xxe
        tree = etree.fromstring(body)
        # lxml with the hardened module parser
        # ok: xxe
        hard = etree.fromstring(body, HARD_PARSER)
        # lxml with a parser built here that resolves entities
        # ruleid: xxe-parser-config
        loose = etree.fromstring(body, etree.XMLParser(resolve_entities=True))
        resp.media = {"a": len(tree), "b": len(hard), "c": len(loose)}


class FormResource:
    def on_post(self, req, resp):
        xml_text = req.get_param("xml") or ""
        # minidom on a form parameter
        # ruleid: xxe
        doc = minidom.parseString(xml_text)
        parser = make_parser()
        # SAX parser with external general entities switched on
        # ruleid: xxe-parser-config
        parser.setFeature(feature_external_ges, True)
        resp.media = {"nodes": len(doc.childNodes)}


class PullResource:
    def on_get(self, req, resp):
        feed = req.get_param("feed", required=True)
        if not FEED_URL.match(feed):
            raise falcon.HTTPBadRequest(title="feed")
        # anchored regex fixing scheme and host, raising otherwise
        # ok: ssrf
        raw = requests.get(feed, timeout=15).content
        # fetched from the checked partner host and parsed with defusedxml
        # ok: xxe
        root = SafeET.fromstring(raw)
        resp.media = {"n": len(_items(root))}

    def on_post(self, req, resp):
        feed = req.media.get("feed", "")
        if not LOOSE_URL.match(feed):
            raise falcon.HTTPBadRequest(title="feed")
        # a regex that only checks the URL's shape accepts http://169.254.169.254/latest/meta-data/
        # ruleid: ssrf
        raw = requests.get(feed, timeout=15).content
        # [beyond docs] a response fetched from a host the caller chose, parsed by ElementTree
        # ruleid: xxe
        root = ET.fromstring(raw)
        resp.media = {"n": len(_items(root))}


class SchemaResource:
    def on_get(self, req, resp):
        # a constant local schema file
        # ok: xxe
        schema = ET.parse(SCHEMA_PATH)
        resp.media = {"root": schema.getroot().tag}


class UploadResource:
    async def on_post(self, req, resp):
        form = await req.get_media()
        async for part in form:
            data = await part.stream.read()
            # iterparse over an uploaded part
            # ruleid: xxe
            for _event, el in ET.iterparse(io.BytesIO(data)):
                el.clear()


app = falcon.App()
app.add_route("/push", PushResource())
app.add_route("/push/lxml", LxmlResource())
app.add_route("/push/form", FormResource())
app.add_route("/pull", PullResource())
app.add_route("/schema", SchemaResource())
app.add_route("/upload", UploadResource())
