"""Customer portal views (Django): document library, report search, callbacks."""

import os
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import Report

STATUSES = {"draft", "published", "archived"}
DOCS_ROOT = Path(settings.MEDIA_ROOT) / "library"


class ReportQueries:
    """Thin query layer used by the views below."""

    @staticmethod
    def search(term):
        # Django raw() with the term inside the SQL text
        # ruleid: sql-injection
        return list(Report.objects.raw(f"SELECT * FROM portal_report WHERE title LIKE '%%{term}%%'"))

    @staticmethod
    def search_bound(term):
        # raw() with a params list
        # ok: sql-injection
        return list(Report.objects.raw("SELECT * FROM portal_report WHERE title LIKE %s", [f"%{term}%"]))

    @staticmethod
    def by_owner(owner):
        with connection.cursor() as cur:
            # cursor.execute with string concatenation
            # ruleid: sql-injection
            cur.execute("SELECT id FROM portal_report WHERE owner = '" + owner + "'")
            return cur.fetchall()


@require_GET
def search(request):
    term = request.GET.get("q", "")
    rows = ReportQueries.search(term) + ReportQueries.search_bound(term)
    return JsonResponse({"ids": [r.id for r in rows]})


@require_GET
def by_status(request):
    status = request.GET.get("status", "draft")
    if status not in STATUSES:
        return HttpResponseBadRequest("bad status")
    # extra(where=) with the status formatted in, after a set allowlist with an early return
    # ok: sql-injection
    rows = list(Report.objects.extra(where=[f"status = '{status}'"]))
    return JsonResponse({"ids": [r.id for r in rows]})


@require_GET
def by_owner(request):
    return JsonResponse({"ids": ReportQueries.by_owner(request.GET["owner"])})


@require_GET
def document(request):
    # the doc name joined under MEDIA_ROOT without a check
    # ruleid: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "library", request.GET["doc"]), "rb"))


@require_GET
def document_by_name(request):
    name = Path(request.GET["doc"]).name
    # reduced to a bare file name first
    # ok: path-traversal
    return FileResponse(open(DOCS_ROOT / name, "rb"))


@require_GET
def after_login(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    # Django's own check, the value replaced when it fails
    # ok: open-redirect
    return HttpResponseRedirect(target)


@require_GET
def leave(request):
    # redirect target from the query string
    # ruleid: open-redirect
    return HttpResponseRedirect(request.GET.get("to", "/"))


# a payment provider callback with CSRF switched off
# ruleid: missing-csrf
@csrf_exempt
@require_POST
def payment_callback(request):
    callback = request.POST["callback"]
    # the provider's callback URL taken from the POST body
    # ruleid: ssrf
    requests.post(callback, json={"ack": True}, timeout=5)
    return JsonResponse({"ok": True})


@require_POST
def refresh_partner(request):
    partner = request.POST["partner"]
    # configured base followed by a path
    # ok: ssrf
    requests.post(f"{settings.PARTNER_API}/refresh/{partner}", timeout=5)
    return JsonResponse({"ok": True})


@require_GET
def greeting(request):
    name = request.GET.get("name", "")
    # [extended sink] mark_safe() over a request value
    # ruleid: xss
    html = mark_safe(f"<p>Hello {name}</p>")
    # format_html escapes its arguments
    # ok: xss
    safe = format_html("<p>Hello {}</p>", name)
    return JsonResponse({"html": str(html), "safe": str(safe)})
