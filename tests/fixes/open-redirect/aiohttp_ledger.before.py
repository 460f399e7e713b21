from aiohttp import web


async def ledger_back(request: web.Request) -> web.Response:
    back = request.query.get("back", "/ledger")
    raise web.HTTPFound(back)
