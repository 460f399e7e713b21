"""Customer portal views on Pyramid 2 with SQLAlchemy sessions."""
from __future__ import annotations

import html
import os
from urllib.parse import urlparse

import requests
from markupsafe import Markup, escape
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound
from pyramid.response import FileResponse, Response
from pyramid.session import SignedCookieSessionFactory
from pyramid.view import view_config
from sqlalchemy import text

INVOICE_DIR = "/srv/portal/invoices"
AVATAR_HOSTS = {"gravatar.com", "www.gravatar.com", "avatars.githubusercontent.com"}
THEMES = {"light", "dark", "contrast"}


@view_config(route_name="invoices", renderer="json")
def invoices(request):
    status = request.params.get("status", "open")
    # Pyramid request.params value in SQLAlchemy text()
    # ruleid: sql-injection
    rows = request.dbsession.execute(text(f"SELECT id, total FROM invoices WHERE status = '{status}'")).all()
    return [dict(r._mapping) for r in rows]


@view_config(route_name="invoice", renderer="json")
def invoice(request):
    invoice_id = int(request.matchdict["id"])
    # integer coercion of the matchdict value
    # ok: sql-injection
    row = request.dbsession.execute(text(f"SELECT * FROM invoices WHERE id = {invoice_id}")).first()
    return dict(row._mapping)


@view_config(route_name="invoice_pdf")
def invoice_pdf(request):
    name = request.matchdict["name"]
    # Pyramid FileResponse of a matchdict value under a constant dir [extended sink]
    # ruleid: path-traversal
    return FileResponse(os.path.join(INVOICE_DIR, name), request=request, content_type="application/pdf")


@view_config(route_name="invoice_pdf_safe")
def invoice_pdf_safe(request):
    base = os.path.realpath(INVOICE_DIR)
    full = os.path.realpath(os.path.join(base, request.matchdict["name"]))
    if not full.startswith(base + os.sep):
        raise HTTPForbidden()
    # realpath + startswith(base + os.sep) with an early raise [extended sink]
    # ok: path-traversal
    return FileResponse(full, request=request, content_type="application/pdf")


@view_config(route_name="invoice_notes")
def invoice_notes(request):
    base = os.path.realpath(INVOICE_DIR)
    full = os.path.realpath(os.path.join(base, request.params["file"]))
    if not full.startswith(base):
        raise HTTPForbidden()
    # startswith(base) without a separator (/srv/portal/invoices-old passes)
    # ruleid: path-traversal
    with open(full) as fh:
        return Response(fh.read())


@view_config(route_name="login_done")
def login_done(request):
    came_from = request.params.get("came_from", "/")
    # HTTPFound to a request parameter [extended sink]
    # ruleid: open-redirect
    return HTTPFound(location=came_from)


@view_config(route_name="login_done_safe")
def login_done_safe(request):
    came_from = request.params.get("came_from", "/")
    parsed = urlparse(came_from)
    if parsed.netloc and parsed.netloc != request.host:
        raise HTTPBadRequest()
    # HTTPFound after comparing the netloc with our own host [extended sink]
    # ok: open-redirect
    return HTTPFound(location=came_from)


@view_config(route_name="greeting")
def greeting(request):
    name = request.params.get("name", "")
    # markupsafe escape inside Markup
    # ok: xss
    return Response(str(Markup(f"<p>Welcome back, {escape(name)}</p>")))


@view_config(route_name="signature")
def signature(request):
    sig = request.POST.get("signature", "")
    # Markup around a form value from a Pyramid POST
    # ruleid: xss
    block = Markup("<div class='sig'>%s</div>" % sig)
    return Response(str(block))


@view_config(route_name="motd")
def motd(request):
    text_ = request.params.get("text", "")
    # html.escape before Markup
    # ok: xss
    return Response(str(Markup("<marquee>" + html.escape(text_) + "</marquee>")))


@view_config(route_name="theme")
def theme(request):
    name = request.params.get("theme", "light")
    if name in THEMES:
        # set allowlist around the Markup
        # ok: xss
        return Response(str(Markup(f"<link rel='stylesheet' href='/css/{name}.css'>")))
    return Response("")


@view_config(route_name="avatar")
def avatar(request):
    url = request.params["url"]
    if urlparse(url).hostname in AVATAR_HOSTS:
        # hostname allowlist enclosing the request
        # ok: ssrf
        return Response(requests.get(url, timeout=5).content, content_type="image/png")
    raise HTTPBadRequest()


@view_config(route_name="avatar_legacy")
def avatar_legacy(request):
    url = request.params["url"]
    if "gravatar.com" in url:
        # substring check on the URL
        # ruleid: ssrf
        return Response(requests.get(url, timeout=5).content, content_type="image/png")
    raise HTTPBadRequest()


def main(global_config, **settings):
    with Configurator(settings=settings) as config:
        config.include("pyramid_tm")
        # literal signing secret for the cookie session factory
        # ruleid: hardcoded-secret
        session_secret = "pyr4mid-s3ss!on-2025-ab91f"
        config.set_session_factory(SignedCookieSessionFactory(session_secret, secure=True, httponly=True))
        config.scan()
        return config.make_wsgi_app()
