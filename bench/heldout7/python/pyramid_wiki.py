"""Team wiki on Pyramid: pages, search, attachments, Mako macros, sign-in.

Routes are added in ``includeme``; ``request.dbsession`` is a SQLAlchemy session.
"""

import os
import re
import shutil
from pathlib import Path

from mako.template import Template
from markupsafe import escape
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.response import FileResponse, Response
from pyramid.view import view_config
from sqlalchemy import text

ATTACH_ROOT = Path("/srv/wiki/attachments")
THEMES_DIR = "/srv/wiki/static/themes"
EXPORT_DIR = Path("/srv/wiki/exports")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# constant Mako source; values are passed at render time and escaped with | h
# ok: ssti
HEADING = Template("<h1>${title | h}</h1><p class='meta'>${author | h}</p>")


def includeme(config):
    config.add_route("page", "/p/{slug}")
    config.add_route("search", "/search")
    config.add_route("tags", "/tags")
    config.add_route("preview", "/preview")
    config.add_route("macro_preview", "/macros/preview")
    config.add_route("attachment", "/p/{slug}/files")
    config.add_route("upload", "/p/{slug}/upload")
    config.add_route("theme", "/theme.css")
    config.add_route("export", "/p/{slug}/export")
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("save", "/p/{slug}/save")
    config.scan()


class PageStore:
    def __init__(self, session):
        self.session = session

    def tag_counts(self, tags):
        quoted = ", ".join("'" + t.replace("'", "''") + "'" for t in tags)
        # quotes doubled by hand for an IN list; callers pass request.params values
        # ruleid: sql-injection
        return self.session.execute(text(f"SELECT tag, count(*) FROM page_tags WHERE tag IN ({quoted}) GROUP BY tag")).all()

    def recent(self, space, limit):
        # space bound as :space, limit coerced with int()
        # ok: sql-injection
        return self.session.execute(
            text(f"SELECT slug, title FROM pages WHERE space = :space ORDER BY updated_at DESC LIMIT {int(limit)}"),
            {"space": space},
        ).all()


@view_config(route_name="page", renderer="json")
def page_view(request):
    slug = request.matchdict["slug"]
    # slug bound as a parameter
    # ok: sql-injection
    row = request.dbsession.execute(text("SELECT title, body, author FROM pages WHERE slug = :slug"), {"slug": slug}).first()
    if row is None:
        raise HTTPNotFound()
    return {"heading": HEADING.render(title=row.title, author=row.author), "body": row.body}


@view_config(route_name="search", renderer="json")
def search_view(request):
    term = request.params.get("q", "")
    space = request.params.get("space", "eng")
    # search term concatenated into the text() source, space bound
    # ruleid: sql-injection
    rows = request.dbsession.execute(text("SELECT slug, title FROM pages WHERE space = :space AND title ILIKE '%" + term + "%'"), {"space": space})
    recent = PageStore(request.dbsession).recent(space, request.params.get("limit", "10"))
    return {"hits": [dict(r._mapping) for r in rows], "recent": [dict(r._mapping) for r in recent]}


@view_config(route_name="tags", renderer="json")
def tags_view(request):
    counts = PageStore(request.dbsession).tag_counts(request.params.getall("tag"))
    return {tag: n for tag, n in counts}


@view_config(route_name="preview", request_method="POST")
def preview_view(request):
    body = request.json_body.get("body", "")
    title = request.json_body.get("title", "")
    page = f"<article><h1>{escape(title)}</h1>{body}</article>"
    # title escaped, body inserted raw into an HTML response [extended sink]
    # ruleid: xss
    return Response(body=page.encode(), content_type="text/html", charset="utf-8")


@view_config(route_name="macro_preview", request_method="POST", renderer="json")
def macro_preview(request):
    source = request.POST.get("macro", "")
    # a user-written Mako macro compiled as a template
    # ruleid: ssti
    rendered = Template(source).render(page={"title": "Preview"})
    return {"html": rendered}


@view_config(route_name="attachment")
def attachment_view(request):
    page = request.matchdict["slug"]
    name = request.params["file"]
    path = (ATTACH_ROOT / page / name).resolve()
    if not path.is_relative_to(ATTACH_ROOT.resolve()):
        raise HTTPForbidden()
    # resolve() + is_relative_to on a resolved base, raise otherwise [extended sink]
    # ok: path-traversal
    return FileResponse(str(path), request=request)


@view_config(route_name="upload", request_method="POST", renderer="json")
def upload_view(request):
    upload = request.POST["file"]
    page = request.matchdict["slug"]
    dest = ATTACH_ROOT / page / upload.filename
    # the client's file name joined raw under the page folder
    # ruleid: path-traversal
    with open(dest, "wb") as fh:
        shutil.copyfileobj(upload.file, fh)
    return {"stored": upload.filename}


@view_config(route_name="theme")
def theme_view(request):
    theme = request.params.get("theme", "default")
    # a query value joined under the themes folder [extended sink]
    # ruleid: path-traversal
    return FileResponse(os.path.join(THEMES_DIR, theme + ".css"), request=request, content_type="text/css")


@view_config(route_name="export", renderer="json")
def export_view(request):
    slug = request.matchdict["slug"]
    if not SLUG_RE.fullmatch(slug):
        raise HTTPNotFound()
    # slug bound as :s
    # ok: sql-injection
    row = request.dbsession.execute(text("SELECT body FROM pages WHERE slug = :s"), {"s": slug}).first()
    # slug full-matched against a compiled pattern, early raise
    # ok: path-traversal
    (EXPORT_DIR / f"{slug}.md").write_text(row.body if row else "", encoding="utf-8")
    return {"exported": slug}


@view_config(route_name="login", request_method="POST")
def login_view(request):
    came_from = request.params.get("came_from", "/")
    request.session["user"] = request.params.get("login", "")
    # came_from from the form, redirected unchecked
    # ruleid: open-redirect
    return HTTPFound(location=came_from)


@view_config(route_name="logout")
def logout_view(request):
    request.session.invalidate()
    target = request.params.get("next", "/")
    if not target.startswith("/"):
        target = "/"
    # leading-slash check only: //evil.example passes
    # ruleid: open-redirect
    return HTTPFound(target)


@view_config(route_name="save", request_method="POST")
def save_view(request):
    slug = request.matchdict["slug"]
    if not SLUG_RE.fullmatch(slug):
        raise HTTPBadRequest()
    # body and slug bound as parameters
    # ok: sql-injection
    request.dbsession.execute(text("UPDATE pages SET body = :b WHERE slug = :s"), {"b": request.POST.get("body", ""), "s": slug})
    # target built by route_url from a route name [beyond docs]
    # ok: open-redirect
    return HTTPFound(location=request.route_url("page", slug=slug))
