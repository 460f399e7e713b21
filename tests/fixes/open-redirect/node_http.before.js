const http = require("node:http");

function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  const next = url.searchParams.get("next") ?? "/";
  res.writeHead(302, { Location: next });
  res.end();
}

http.createServer(handle).listen(8080);
