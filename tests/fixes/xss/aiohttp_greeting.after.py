from html import escape

from aiohttp import web


async def greet(request):
    name = request.query["name"]
    return web.Response(text=f"<p>Hello {escape(name)}</p>", content_type="text/html")
