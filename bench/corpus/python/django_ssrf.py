"""Django views that call other services.

Benchmark corpus, ssrf (CWE-918).
"""
import json
import urllib.request
from urllib.parse import urlparse

import requests
from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

SAFE_HOSTS = {"cdn.example.org", "media.example.org"}


def oembed(request):
    # GET parameter used as the URL of urllib's urlopen.
    url = request.GET.get("url", "")
    # ruleid: ssrf
    with urllib.request.urlopen(url, timeout=5) as resp:
        return JsonResponse(json.loads(resp.read()))


def oembed_checked(request):
    # Django's own host check guards the request.
    url = request.GET.get("url", "")
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=SAFE_HOSTS, require_https=True):
        return HttpResponseBadRequest("bad url")
    # ok: ssrf
    with urllib.request.urlopen(url, timeout=5) as resp:
        return JsonResponse(json.loads(resp.read()))


def payment_status(request):
    # The base URL comes from settings; the id is only in the path.
    payment_id = request.GET["id"]
    # ok: ssrf
    r = requests.get(f"{settings.PAYMENTS_API_URL}/payments/{payment_id}", timeout=5)
    return JsonResponse(r.json())


def crm_lookup(request):
    # POST body decoded by hand.
    data = json.loads(request.body)
    endpoint = data.get("crm_endpoint")
    # ruleid: ssrf
    r = requests.post(endpoint, json={"email": data.get("email")}, timeout=5)
    return JsonResponse({"status": r.status_code})


class AvatarImportView(View):
    # Class-based view reading self.request.
    def post(self, request):
        src = self.request.POST.get("avatar_url")
        # ruleid: ssrf
        content = requests.get(src, timeout=5).content
        return JsonResponse({"bytes": len(content)})


class SafeAvatarImportView(View):
    # Class-based view with a host allowlist and an early return.
    def post(self, request):
        src = request.POST.get("avatar_url", "")
        if urlparse(src).netloc not in SAFE_HOSTS:
            return HttpResponseBadRequest("unknown host")
        # ok: ssrf
        content = requests.get(src, timeout=5).content
        return JsonResponse({"bytes": len(content)})


def forward_referer(request):
    # Header from META.
    ref = request.META.get("HTTP_REFERER", "")
    # ruleid: ssrf
    requests.get(ref, timeout=2)
    return JsonResponse({})


def sitemap_ping(request):
    # Constant URL with a constant query built in several steps.
    base = "https://www.google.com/ping"
    query = "?sitemap=" + "https://www.example.org/sitemap.xml"
    # ok: ssrf
    requests.get(base + query, timeout=5)
    return JsonResponse({"pinged": True})
