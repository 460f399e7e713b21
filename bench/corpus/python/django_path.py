"""Django views that serve and store files.

Benchmark corpus, path-traversal (CWE-22).
"""
import os

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.utils._os import safe_join
from django.views import View

EXPORTS = {"users": "exports/users.csv", "orders": "exports/orders.csv"}


def attachment(request):
    # GET parameter joined to MEDIA_ROOT.
    name = request.GET.get("file", "")
    # ruleid: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, name), "rb"))


def attachment_safe_join(request):
    # django.utils._os.safe_join raises outside the base.
    name = request.GET.get("file", "")
    # ok: path-traversal
    return FileResponse(open(safe_join(settings.MEDIA_ROOT, name), "rb"))


def export(request, kind):
    # Key into a constant dict.
    rel = EXPORTS.get(kind)
    if rel is None:
        raise Http404
    # ok: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, rel), "rb"))


def theme_css(request, theme):
    # URL kwarg in a path.
    # ruleid: path-traversal
    with open(f"{settings.BASE_DIR}/themes/{theme}/style.css") as fh:
        return HttpResponse(fh.read(), content_type="text/css")


class LogView(View):
    def get(self, request):
        # self.request.GET with abspath + startswith(base + sep).
        base = os.path.abspath(settings.LOG_DIR)
        path = os.path.abspath(os.path.join(base, self.request.GET.get("name", "")))
        if not path.startswith(base + os.sep):
            return HttpResponseForbidden()
        # ok: path-traversal
        with open(path) as fh:
            return HttpResponse(fh.read(), content_type="text/plain")


class RawLogView(View):
    def get(self, request):
        # self.request.GET without a check.
        path = os.path.join(settings.LOG_DIR, self.request.GET.get("name", ""))
        # ruleid: path-traversal
        with open(path) as fh:
            return HttpResponse(fh.read(), content_type="text/plain")


def storage_read(request):
    # Django storage API: the default FileSystemStorage refuses paths outside MEDIA_ROOT.
    name = request.GET.get("file", "")
    # ok: path-traversal
    with default_storage.open(name) as fh:
        return HttpResponse(fh.read())


def settings_file(request):
    # Configuration only.
    # ok: path-traversal
    with open(os.path.join(settings.BASE_DIR, "VERSION")) as fh:
        return HttpResponse(fh.read())
