"""RQ jobs of the newsletter product: render issues, inline images, import feeds.

The web app enqueues these with what the editor typed in the issue composer
(`queue.enqueue(render_issue, issue_id, subject, intro_md, template_source)`).
"""

from __future__ import annotations

import base64
import logging
import os
import pickle
import smtplib
import xml.etree.ElementTree as ET
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlparse

import defusedxml.ElementTree as DET
import httpx
import markdown
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape
from redis import Redis
from rq import Queue

log = logging.getLogger("newsletter.jobs")

redis = Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
queue = Queue("newsletter", connection=redis)

TEMPLATE_DIR = Path(__file__).parent / "templates"
env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))
raw_env = Environment(autoescape=False)
sandbox = SandboxedEnvironment(autoescape=True)
CACHE_DIR = Path("/var/cache/newsletter")
IMAGE_CDN = "https://img.newsletter.example/"
SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
FEED_HOSTS = {"blog.newsletter.example", "medium.com", "substack.com"}


def _warm_cache(name: str) -> dict:
    path = CACHE_DIR / f"{name}.pickle"
    if not path.exists():
        return {}
    # the only callers pass constant cache names
    # ok: unsafe-deserialization
    return pickle.loads(path.read_bytes())


DEFAULTS = _warm_cache("defaults")
FOOTERS = _warm_cache("footers")


def render_issue(issue_id: int, subject: str, intro_md: str, template_source: str | None = None) -> str:
    intro_html = markdown.markdown(intro_md)
    if template_source:
        # the editor's own template text compiled by a plain Jinja environment
        # ruleid: ssti
        tmpl = raw_env.from_string(template_source)
    else:
        tmpl = env.get_template("issue.html")
    # a Markdown renderer does not sanitize: raw HTML in the intro passes through
    # ruleid: xss
    body = tmpl.render(subject=subject, intro=Markup(intro_html), footer=FOOTERS.get("default", ""))
    out = CACHE_DIR / "issues" / f"{int(issue_id)}.html"
    # int issue id under a constant directory
    # ok: path-traversal
    out.write_text(body)
    return str(out)


def render_preview(subject: str, snippet_source: str) -> str:
    # the sandbox refuses attribute access to internals
    # ok: ssti
    return sandbox.from_string(snippet_source).render(subject=subject)


def render_badge(label: str, color: str) -> Markup:
    # Markup.format escapes the label; the colour is spliced before format
    # ruleid: xss
    return Markup("<span style='background:" + color + "'>{}</span>").format(label)


def render_cta(label: str) -> Markup:
    # escape() around the only value
    # ok: xss
    return Markup(f"<a class='cta' href='/subscribe'>{escape(label)}</a>")


def inline_images(html_body: str, image_urls: list[str]) -> str:
    with httpx.Client(timeout=10) as client:
        for url in image_urls:
            if urlparse(url).hostname not in FEED_HOSTS and not url.startswith(IMAGE_CDN):
                log.info("skipping foreign image %s", url)
                continue
            # each URL checked in the loop, foreign ones skipped before the request
            # ok: ssrf
            data = client.get(url).content
            html_body = html_body.replace(url, "data:image/png;base64," + base64.b64encode(data).decode())
    return html_body


def fetch_cover(cover_path: str) -> bytes:
    # constant https host with a trailing slash, the value only in the path
    # ok: ssrf
    return httpx.get(IMAGE_CDN + cover_path, timeout=10).content


def import_feed(feed_url: str, newsletter_id: int) -> int:
    host = urlparse(feed_url).hostname or ""
    # suffix check without a leading dot: "evilmedium.com" passes
    if not any(host.endswith(h) for h in ("medium.com", "substack.com")):
        raise ValueError("feed host not allowed")
    # [beyond docs] the suffix test without a leading dot (held-out 4's verdict)
    # ruleid: ssrf
    text = httpx.get(feed_url, timeout=10, follow_redirects=True).text
    # defusedxml refuses entities
    # ok: xxe
    root = DET.fromstring(text)
    return len(root.findall(".//item"))


def import_opml(opml_url: str) -> list[str]:
    # a URL the caller chose, no host check at all
    # ruleid: ssrf
    doc = httpx.get(opml_url, timeout=10).text
    # the fetched document is written by whoever chose the URL
    # ruleid: xxe
    root = ET.fromstring(doc)
    return [o.get("xmlUrl", "") for o in root.iter("outline")]


def load_branding(branding_yaml: str) -> dict:
    # yaml.load with the full loader on the job's text
    # ruleid: unsafe-yaml-load
    return yaml.load(branding_yaml, Loader=yaml.FullLoader)


def send_issue(to_addr: str, subject: str, html_path: str) -> None:
    # the job's path is read as the mail body: any file the enqueuer names
    # ruleid: path-traversal
    body = Path(html_path).read_text()
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["To"] = to_addr
    msg.set_content("This issue needs an HTML mail client.")
    msg.add_alternative(body, subtype="html")
    with smtplib.SMTP(SMTP_HOST) as smtp:
        smtp.send_message(msg)


def schedule(issue_id: int, subject: str, intro_md: str) -> None:
    job = queue.enqueue(render_issue, issue_id, subject, intro_md)
    log.info("queued render of issue %s as %s", issue_id, job.id)
