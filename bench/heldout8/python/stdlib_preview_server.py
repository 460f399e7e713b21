"""A small preview service on the standard library's http.server (no framework)."""

import html
import json
import os
import subprocess
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from urllib.request import urlopen

STATIC_ROOT = os.path.realpath("static")


class PreviewHandler(BaseHTTPRequestHandler):
    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        # callers pass JSON, plain text and static file bytes with their own content types [beyond docs] [extended sink]
        # ok: xss
        self.wfile.write(body)

    def do_GET(self):
        parsed = urlparse(self.path)
        qs = parse_qs(parsed.query)
        if parsed.path == "/fetch":
            target = qs.get("u", [""])[0]
            # http.server's self.path is the client's request target [beyond docs]
            # ruleid: ssrf
            with urlopen(target, timeout=5) as resp:
                body = resp.read(65536)
            self._send(200, json.dumps({"bytes": len(body)}).encode(), "application/json")
        elif parsed.path == "/hello":
            name = qs.get("name", ["world"])[0]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            # escaped before it is written as HTML [beyond docs] [extended sink]
            # ok: xss
            self.wfile.write(f"<h1>Hello {html.escape(name)}</h1>".encode())
        elif parsed.path == "/echo":
            msg = qs.get("msg", [""])[0]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            # raw query text written as HTML [beyond docs] [extended sink]
            # ruleid: xss
            self.wfile.write(f"<pre>{msg}</pre>".encode())
        elif parsed.path == "/whois":
            domain = qs.get("domain", [""])[0]
            # query text in a shell command [beyond docs]
            # ruleid: command-injection
            out = subprocess.check_output("whois " + domain, shell=True, timeout=10)
            self._send(200, out, "text/plain")
        elif parsed.path.startswith("/static/"):
            full = os.path.realpath(os.path.join(STATIC_ROOT, parsed.path[len("/static/"):]))
            if os.path.commonpath([full, STATIC_ROOT]) != STATIC_ROOT:
                self._send(403, b"forbidden", "text/plain")
                return
            # realpath + commonpath with an early return
            # ok: path-traversal
            with open(full, "rb") as fh:
                self._send(200, fh.read(), "application/octet-stream")
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        payload = json.loads(self.rfile.read(length) or b"{}")
        name = payload.get("name", "note")
        # the posted name joined to the static folder [beyond docs]
        # ruleid: path-traversal
        with open(os.path.join(STATIC_ROOT, "notes", name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(payload.get("text", ""))
        self._send(201, b"", "text/plain")


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", 8080), PreviewHandler).serve_forever()
