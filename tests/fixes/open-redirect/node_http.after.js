const http = require("node:http");

function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  const next = url.searchParams.get("next") ?? "/";
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || /[\u0000-\u001f]/.test(next)) {
    return res.writeHead(400).end("redirect target must be a path on this site");
  }
  res.writeHead(302, { Location: next });
  res.end();
}

http.createServer(handle).listen(8080);
