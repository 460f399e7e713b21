from aiohttp import web


async def ledger_back(request: web.Request) -> web.Response:
    back = request.query.get("back", "/ledger")
    if not back.startswith("/") or back.startswith(("//", "/\\")) or not back.isprintable():
        raise web.HTTPBadRequest(text="redirect target must be a path on this site")
    raise web.HTTPFound(back)
