"""Uptime monitor on Tornado: probes, ping/traceroute tools, incident pages, badges."""

import asyncio
import json
import os
import re
import secrets
import subprocess
from urllib.parse import urlparse

import tornado.escape
import tornado.ioloop
import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

PROBE_TARGETS = {
    "api": "https://api.statuspage-demo.example/health",
    "web": "https://www.statuspage-demo.example/",
}
HOSTNAME_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
INCIDENT_DIR = "/var/lib/uptime/incidents"


class ProbeHandler(tornado.web.RequestHandler):
    async def get(self):
        name = self.get_argument("target", "api")
        url = PROBE_TARGETS.get(name)
        if url is None:
            raise tornado.web.HTTPError(404)
        client = AsyncHTTPClient()
        # probe URL from a constant dictionary
        # ok: ssrf
        resp = await client.fetch(url, raise_error=False, request_timeout=5)
        self.write({"target": name, "status": resp.code})


class AdHocProbeHandler(tornado.web.RequestHandler):
    async def post(self):
        body = tornado.escape.json_decode(self.request.body)
        url = body["url"]
        if urlparse(url).scheme not in ("http", "https"):
            raise tornado.web.HTTPError(400)
        # scheme-only check on a URL from the request body
        # ruleid: ssrf
        resp = await AsyncHTTPClient().fetch(HTTPRequest(url, method="HEAD", request_timeout=5), raise_error=False)
        self.write({"status": resp.code})


class PingHandler(tornado.web.RequestHandler):
    async def get(self, host):
        # URL-pattern argument in a shell command line [extended sink]
        # ruleid: command-injection
        proc = await asyncio.create_subprocess_shell(f"ping -c 3 -W 2 {host}", stdout=subprocess.PIPE)
        out, _ = await proc.communicate()
        self.set_header("Content-Type", "text/plain")
        self.write(out)


class TraceHandler(tornado.web.RequestHandler):
    def get(self):
        host = self.get_argument("host")
        if not HOSTNAME_RE.fullmatch(host):
            raise tornado.web.HTTPError(400, "bad host name")
        # hostname full-matched before the shell command
        # ok: command-injection
        out = subprocess.check_output(f"traceroute -m 12 {host}", shell=True, text=True, timeout=30)
        self.write({"hops": out.splitlines()})


class IncidentHandler(tornado.web.RequestHandler):
    def get(self, incident_id):
        note = self.get_argument("note", "")
        path = os.path.join(INCIDENT_DIR, f"{int(incident_id)}.json")
        # incident id coerced with int()
        # ok: path-traversal
        with open(path) as fh:
            incident = json.load(fh)
        # the note from the query string written into the page unescaped
        # ruleid: xss
        self.write(f"<h1>{tornado.escape.xhtml_escape(incident['title'])}</h1><p class='note'>{note}</p>")


class IncidentFileHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("file")
        full = os.path.realpath(os.path.join(INCIDENT_DIR, name))
        if os.path.commonpath([full, INCIDENT_DIR]) != INCIDENT_DIR:
            raise tornado.web.HTTPError(403)
        # realpath + commonpath against the base, raise otherwise
        # ok: path-traversal
        with open(full, "rb") as fh:
            self.set_header("Content-Type", "application/json")
            self.write(fh.read())

    def post(self):
        name = self.get_argument("file")
        if not name.endswith(".json"):
            raise tornado.web.HTTPError(400)
        # extension check only: ../../etc/cron.d/x.json passes
        # ruleid: path-traversal
        with open(os.path.join(INCIDENT_DIR, name), "wb") as fh:
            fh.write(self.request.body)


class BadgeHandler(tornado.web.RequestHandler):
    def get(self):
        label = self.get_argument("label", "status")
        color = self.get_argument("color", "green")
        if color not in ("green", "yellow", "red"):
            color = "grey"
        # label escaped with xhtml_escape, colour reset unless one of three literals
        # ok: xss
        self.write(f'<span class="badge badge-{color}">{tornado.escape.xhtml_escape(label)}</span>')


class EmbedHandler(tornado.web.RequestHandler):
    def get(self):
        theme = self.get_cookie("status_theme", "light")
        # cookie value in an attribute of the page, sent with finish()
        # ruleid: xss
        self.finish("<link rel='stylesheet' href='/static/" + theme + ".css'><div id='status'></div>")


class LoginHandler(tornado.web.RequestHandler):
    def post(self):
        user = self.get_body_argument("user")
        token = secrets.token_urlsafe(32)
        self.application.settings["sessions"][token] = user
        # Tornado set_cookie for a session token, no secure or httponly [beyond docs]
        # ruleid: insecure-cookie
        self.set_cookie("session_token", token)
        nxt = self.get_argument("next", "/")
        # the next argument redirected unchecked
        # ruleid: open-redirect
        self.redirect(nxt)


class DashboardRedirect(tornado.web.RequestHandler):
    def get(self):
        page = self.get_argument("page", "overview")
        # constant path prefix of more than two characters
        # ok: open-redirect
        self.redirect(f"/dashboard/{page}")


class UpgradeHandler(tornado.web.RequestHandler):
    def get(self):
        # the request's own host and URI for an HTTPS upgrade
        # ok: open-redirect
        self.redirect("https://" + self.request.host + self.request.uri, permanent=True)


def make_app():
    return tornado.web.Application(
        [
            (r"/probe", ProbeHandler),
            (r"/probe/adhoc", AdHocProbeHandler),
            (r"/ping/([^/]+)", PingHandler),
            (r"/trace", TraceHandler),
            (r"/incidents/([0-9]+)", IncidentHandler),
            (r"/incidents/file", IncidentFileHandler),
            (r"/badge", BadgeHandler),
            (r"/embed", EmbedHandler),
            (r"/login", LoginHandler),
            (r"/dashboard", DashboardRedirect),
        ],
        cookie_secret=os.environ["COOKIE_SECRET"],
        sessions={},
        # Tornado debug mode: autoreload and tracebacks in error pages [beyond docs]
        # ruleid: debug-mode
        debug=True,
    )


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
