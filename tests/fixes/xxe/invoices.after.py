"""Invoice import (Flask)."""

import xml.etree.ElementTree as ET

import defusedxml.ElementTree
import defusedxml.minidom
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def import_invoice():
    root = defusedxml.ElementTree.fromstring(request.data)
    return jsonify(total=root.findtext("total"))


@app.route("/orders", methods=["POST"])
def import_order():
    document = defusedxml.minidom.parseString(request.get_data())
    tree = etree.fromstring(request.form["xml"].encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    return jsonify(lines=len(document.getElementsByTagName("line")), id=tree.get("id"))
