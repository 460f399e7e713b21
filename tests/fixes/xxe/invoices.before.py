"""Invoice import (Flask)."""

import xml.etree.ElementTree as ET
from xml.dom import minidom

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def import_invoice():
    root = ET.fromstring(request.data)
    return jsonify(total=root.findtext("total"))


@app.route("/orders", methods=["POST"])
def import_order():
    document = minidom.parseString(request.get_data())
    tree = etree.fromstring(request.form["xml"].encode())
    return jsonify(lines=len(document.getElementsByTagName("line")), id=tree.get("id"))
