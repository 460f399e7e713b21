"""Django admin utilities that shell out.

Benchmark corpus, command-injection (CWE-78).
"""
import os
import shlex
import subprocess

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View

ARCHIVE_FORMATS = ("zip", "tar", "gztar")


def backup(request):
    # POST field in pg_dump's file name.
    name = request.POST.get("name", "backup")
    # ruleid: command-injection
    os.system(f"pg_dump {settings.DATABASES['default']['NAME']} > /backups/{name}.sql")
    return JsonResponse({"ok": True})


def backup_safe(request):
    # Settings only: the database name and directory are configuration.
    # ok: command-injection
    os.system(f"pg_dump {settings.DATABASES['default']['NAME']} > {settings.BACKUP_DIR}/nightly.sql")
    return JsonResponse({"ok": True})


def archive(request):
    # Format allowlisted against a tuple of literals.
    fmt = request.GET.get("format", "zip")
    if fmt not in ARCHIVE_FORMATS:
        return HttpResponseBadRequest("format")
    # ok: command-injection
    subprocess.run(f"python manage.py dumpdata | gzip > /tmp/dump.{fmt}.gz", shell=True, check=True)
    return JsonResponse({"ok": True})


def thumbnail(request):
    # Uploaded file name from request.FILES.
    upload = request.FILES["image"]
    # ruleid: command-injection
    subprocess.Popen("convert /tmp/uploads/" + upload.name + " -resize 200x200 /tmp/thumb.png", shell=True)
    return JsonResponse({"queued": True})


def thumbnail_safe(request):
    # Argument list for the same command.
    upload = request.FILES["image"]
    # ok: command-injection
    subprocess.Popen(["convert", "/tmp/uploads/" + upload.name, "-resize", "200x200", "/tmp/thumb.png"])
    return JsonResponse({"queued": True})


class TracerouteView(View):
    def get(self, request):
        # self.request.GET in a class-based view.
        target = self.request.GET.get("target", "")
        # ruleid: command-injection
        out = subprocess.check_output("traceroute -m 10 %s" % target, shell=True, text=True)
        return JsonResponse({"out": out})


class QuotedTracerouteView(View):
    def get(self, request):
        # shlex.quote before %-formatting.
        target = shlex.quote(self.request.GET.get("target", ""))
        # ok: command-injection
        out = subprocess.check_output("traceroute -m 10 %s" % target, shell=True, text=True)
        return JsonResponse({"out": out})


def nslookup(request, domain):
    # URL keyword argument of a Django view.
    # ruleid: command-injection
    out = os.popen("nslookup " + domain).read()
    return JsonResponse({"out": out})
