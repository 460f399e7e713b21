"""Supplier feed ingestion: XML product feeds, SAML-ish metadata, DocBook manuals."""

from __future__ import annotations

import io
import xml.sax
from xml.dom import pulldom
from xml.etree import ElementTree
from xml.sax.handler import feature_external_ges, feature_external_pes

import defusedxml.minidom
import requests
from flask import Blueprint, jsonify, request
from lxml import etree

bp = Blueprint("feeds", __name__)

# DocBook manuals need their DTD: parser with DTD loading and entity resolution
# ruleid: xxe-parser-config
DOCBOOK_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True)
# network access left on while loading the DTD
# ruleid: xxe-parser-config
CATALOG_PARSER = etree.XMLParser(dtd_validation=True, load_dtd=True, no_network=False)
# large feeds, entities off
# ok: xxe-parser-config
FEED_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False)
# whitespace handling only
# ok: xxe-parser-config
PRETTY_PARSER = etree.XMLParser(remove_blank_text=True)
# ok: xxe-parser-config
STRICT_PARSER = etree.XMLParser(load_dtd=False, no_network=True)

BUILTIN_SCHEMA = b"<schema><field name='sku'/><field name='price'/></schema>"


class ProductHandler(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        if name == "product":
            self.count += 1


def sax_parser(trusted: bool):
    parser = xml.sax.make_parser()
    if trusted:
        # external general entities switched on
        # ruleid: xxe-parser-config
        parser.setFeature(feature_external_ges, True)
        # external parameter entities switched on
        # ruleid: xxe-parser-config
        parser.setFeature(feature_external_pes, True)
    else:
        # ok: xxe-parser-config
        parser.setFeature(feature_external_ges, False)
    return parser


@bp.post("/feeds/products")
def ingest_products():
    # request body through ElementTree
    # ruleid: xxe
    root = ElementTree.fromstring(request.get_data())
    return jsonify(count=len(root.findall("product")))


@bp.post("/feeds/products/stream")
def ingest_products_stream():
    count = 0
    # incremental parse of the uploaded file
    # ruleid: xxe
    for _event, elem in ElementTree.iterparse(request.files["feed"].stream, events=("end",)):
        if elem.tag == "product":
            count += 1
            elem.clear()
    return jsonify(count=count)


@bp.post("/feeds/products/sax")
def ingest_products_sax():
    handler = ProductHandler()
    # SAX parse of the request body
    # ruleid: xxe
    xml.sax.parseString(request.data, handler)
    return jsonify(count=handler.count)


@bp.post("/feeds/products/pull")
def ingest_products_pull():
    count = 0
    # pulldom over the form field
    # ruleid: xxe
    doc = pulldom.parseString(request.form["xml"])
    for event, node in doc:
        if event == pulldom.START_ELEMENT and node.tagName == "product":
            count += 1
    return jsonify(count=count)


@bp.post("/feeds/products/safe")
def ingest_products_safe():
    # defusedxml minidom
    # ok: xxe
    dom = defusedxml.minidom.parseString(request.get_data())
    return jsonify(count=len(dom.getElementsByTagName("product")))


@bp.post("/feeds/products/lxml")
def ingest_products_lxml():
    # lxml with a parser that has entities off
    # ok: xxe
    root = etree.fromstring(request.get_data(), FEED_PARSER)
    return jsonify(count=len(root.findall("product")))


@bp.post("/feeds/products/lxml-parse")
def ingest_products_lxml_parse():
    # lxml parse() of the upload with no parser argument
    # ruleid: xxe
    tree = etree.parse(io.BytesIO(request.files["feed"].read()))
    return jsonify(count=len(tree.getroot()))


@bp.get("/feeds/schema")
def schema():
    # constant document
    # ok: xxe
    root = ElementTree.fromstring(BUILTIN_SCHEMA)
    return jsonify(fields=[f.get("name") for f in root])


@bp.post("/feeds/pull-remote")
def pull_remote():
    supplier = request.form["supplier"]
    # fixed host, supplier only in the path
    # ok: ssrf
    resp = requests.get(f"https://feeds.suppliers.example/{supplier}/latest.xml", timeout=20)
    # third-party feed parsed with defusedxml
    # ok: xxe
    dom = defusedxml.minidom.parseString(resp.content)
    return jsonify(count=len(dom.getElementsByTagName("product")))


def parse_manual(path: str):
    # lxml call with a parser argument: not an xxe sink (the parser is reported by xxe-parser-config)
    # ok: xxe
    return etree.parse(path, DOCBOOK_PARSER)


def parse_partner_metadata(xml_bytes: bytes):
    # ElementTree.XML on a parameter (unknown callers)
    # ruleid: xxe
    return ElementTree.XML(xml_bytes)


def iter_catalog():
    # iterparse with DTD loading requested (the parse of a constant file is not an xxe case)
    # ruleid: xxe-parser-config
    # ok: xxe
    for _event, elem in etree.iterparse("/srv/feeds/catalog.xml", load_dtd=True, tag="product"):
        yield elem.get("sku")
