"""Config and data-loading helpers for the tracker (ruamel, YAML, pickle caches, XML)."""
from __future__ import annotations

import json
import os
import pickle
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.minidom
import yaml
from authlib.jose import jwt as authlib_jwt
from django.urls import path
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from ruamel.yaml import YAML

from . import views

CACHE = Path("/var/cache/tracker")
DEFAULT_STATE = b"\x80\x04]\x94."

urlpatterns = [
    # csrf_exempt wrapped around a view in the URLconf
    # ruleid: missing-csrf
    path("hooks/legacy/", csrf_exempt(views.legacy_hook)),
    # csrf_protect
    # ok: missing-csrf
    path("forms/feedback/", csrf_protect(views.feedback)),
]


def load_project_file(stream):
    yaml = YAML()
    # ruamel round-trip loader under the name yaml (safe) [known limit]
    # ok: unsafe-yaml-load
    return yaml.load(stream)


def load_legacy(stream):
    # PyYAML FullLoader passed by position
    # ruleid: unsafe-yaml-load
    return yaml.load(stream, yaml.FullLoader)


def dump_settings(data) -> str:
    # dump is never a sink
    # ok: unsafe-yaml-load
    return yaml.dump(data)


def load_cache(name: str):
    # pickle of a cache file chosen by a parameter (callers unknown); the file name is reduced by Path(...).name
    # ruleid: unsafe-deserialization
    # ok: path-traversal
    return pickle.loads((CACHE / Path(name).name).read_bytes())


def default_state():
    # constant input
    # ok: unsafe-deserialization
    return pickle.loads(DEFAULT_STATE)


def load_json_cache(name: str):
    # JSON is data-only; the file name is reduced by Path(...).name
    # ok: unsafe-deserialization
    # ok: path-traversal
    return json.loads((CACHE / Path(name).name).read_text())


def read_schema():
    # constant schema shipped with the app
    # ok: xxe
    return ET.parse("/usr/share/tracker/schema.xml")


def parse_upload(data: bytes):
    # defusedxml minidom
    # ok: xxe
    return defusedxml.minidom.parseString(data)


def claims_from(token: str, key: dict):
    # authlib decode verifies with the key's algorithm [known limit]
    # ok: jwt-not-verified
    return authlib_jwt.decode(token, key)


def make_key() -> str:
    # random value under a name that does not say secret [known limit]
    # ruleid: weak-randomness
    key = "".join(random.choice("abcdef0123456789") for _ in range(32))
    return key


def sample_rows(rows: list) -> list:
    # sampling for a report
    # ok: weak-randomness
    return random.sample(rows, k=min(10, len(rows)))


def report_path(kind: str) -> str:
    return os.path.join("/srv/reports", {"daily": "daily.csv", "weekly": "weekly.csv"}.get(kind, "daily.csv"))


def open_report(kind: str):
    # file name looked up in a literal dict inside a same-file helper
    # ok: path-traversal
    return open(report_path(kind))
