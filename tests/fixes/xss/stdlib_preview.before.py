"""A preview page served by the standard library's http.server."""

from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse


class PreviewHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        title = query.get("title", ["Untitled"])[0]
        body = query.get("body", [""])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(f"<h1>{title}</h1><p>{body}</p>".encode("utf-8"))
