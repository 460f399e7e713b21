"""Newsletter rendering for a local-news site: Jinja2, Markup, feeds, saved drafts.

The functions here are called by the editor app and the mail worker (other modules).
"""

import hashlib
import hmac
import os
import pickle
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import defusedxml.ElementTree as SafeET
import requests
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from lxml import etree
from markupsafe import Markup, escape

DRAFT_KEY = os.environ["DRAFT_SIGNING_KEY"].encode()
TEMPLATE_DIR = "/srv/newsletter/templates"

env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))
# autoescape off, used for plain-text mail
# ok: xss
text_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=False)


@dataclass
class Story:
    headline: str
    body_html: str
    tags: list = field(default_factory=list)


def render_issue(stories, editor_note):
    tpl = env.get_template("issue.html")
    # a template file with autoescape on
    # ok: xss
    return tpl.render(stories=stories, note=editor_note)


def render_teaser(story: Story):
    # headline escaped by Markup's format
    # ok: xss
    return Markup("<h3>{}</h3>").format(story.headline)


def render_tags(story: Story):
    chips = "".join(f"<span class='tag'>{t}</span>" for t in story.tags)
    # tags joined into markup and marked safe
    # ruleid: xss
    return Markup(f"<div class='tags'>{chips}</div>")


def render_tags_escaped(story: Story):
    chips = "".join(f"<span class='tag'>{escape(t)}</span>" for t in story.tags)
    # every tag escaped inside the comprehension
    # ok: xss
    return Markup(f"<div class='tags'>{chips}</div>")


def render_custom_footer(footer_source, context):
    # template source from the editor's settings form
    # ruleid: ssti
    return Template(footer_source).render(**context)


def render_footer_text(sponsor):
    # constant source, sponsor passed as a variable
    # ok: ssti
    return env.from_string("Sponsored by {{ sponsor }}").render(sponsor=sponsor)


def render_subject(prefix, title):
    # title spliced into a template string
    # ruleid: ssti
    return env.from_string(prefix + " " + title).render()


def load_draft(blob: bytes, signature: str):
    expected = hmac.new(DRAFT_KEY, blob, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise ValueError("bad signature")
    # HMAC verified before unpickling
    # ok: unsafe-deserialization
    return pickle.loads(blob)


def load_draft_legacy(blob: bytes, signature: str):
    expected = hmac.new(DRAFT_KEY, blob, hashlib.sha256).hexdigest()
    if expected != signature:
        print("legacy draft signature mismatch")
    # mismatch only printed
    # ruleid: unsafe-deserialization
    return pickle.loads(blob)


def import_feed(feed_url):
    # the caller's feed URL (annotation added after scoring, see RESULTS.md)
    # ruleid: ssrf
    xml_text = requests.get(feed_url, timeout=10).text
    # a feed from a caller's URL is parsed with ElementTree
    # ruleid: xxe
    root = ET.fromstring(xml_text)
    # defusedxml
    # ok: xxe
    safe_root = SafeET.fromstring(xml_text)
    return [item.findtext("title") for item in root.iter("item")] + [len(safe_root)]


def import_feed_lxml(xml_bytes):
    # lxml parser with entity resolution turned on
    # ruleid: xxe-parser-config
    parser = etree.XMLParser(resolve_entities=True)
    return etree.fromstring(xml_bytes, parser)


def import_feed_lxml_safe(xml_bytes):
    # ok: xxe-parser-config
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(xml_bytes, parser)


def fetch_story_image(url):
    # called by the editor app with a URL from the story form
    # ruleid: ssrf
    return requests.get(url, timeout=10).content


def archive_issue(issue_slug, html):
    path = os.path.join("/srv/newsletter/archive", f"{issue_slug}.html")
    # slug from the caller, joined under a constant prefix
    # ruleid: path-traversal
    with open(path, "w") as fh:
        fh.write(html)
