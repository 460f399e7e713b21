"""Veterinary clinic portal: Django function views, a service class, raw SQL next to the ORM."""

import json
import os
import subprocess
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from .models import Appointment, Pet

SPECIES = {"dog", "cat", "rabbit", "bird"}
REPORT_COLUMNS = {"visit_date": "a.visit_date", "vet": "a.vet_name", "pet": "p.name"}
XRAY_DIR = os.path.join(settings.MEDIA_ROOT, "xrays")


@dataclass
class VisitFilter:
    species: str
    vet: str = ""
    columns: list = field(default_factory=list)


class VisitReportService:
    def __init__(self, species_whitelist=SPECIES):
        self.allowed = species_whitelist

    def build(self, f: VisitFilter):
        cols = ", ".join(REPORT_COLUMNS[c] for c in f.columns if c in REPORT_COLUMNS)
        with connection.cursor() as cur:
            # columns mapped through a constant dict, species and vet bound
            # ok: sql-injection
            cur.execute(
                f"SELECT {cols} FROM appointments a JOIN pets p ON p.id = a.pet_id WHERE p.species = %s AND a.vet_name = %s",
                [f.species, f.vet],
            )
            return cur.fetchall()

    def by_species(self, species):
        if species not in self.allowed:
            return []
        # default-parameter allowlist kept on self, checked before the query [beyond docs]
        # ok: sql-injection
        return list(Pet.objects.raw(f"SELECT * FROM pets WHERE species = '{species}'"))

    def by_owner(self, owner_name):
        # ruleid: sql-injection
        return list(Pet.objects.raw("SELECT * FROM pets WHERE owner_name = '%s'" % owner_name))


@require_GET
def visit_report(request):
    f = VisitFilter(
        species=request.GET.get("species", "dog"),
        vet=request.GET.get("vet", ""),
        columns=request.GET.getlist("col"),
    )
    rows = VisitReportService().build(f)
    return JsonResponse({"rows": rows})


@require_GET
def pets_by_species(request, species):
    pets = VisitReportService().by_species(species)
    return JsonResponse({"ids": [p.id for p in pets]})


@require_GET
def pets_by_owner(request):
    pets = VisitReportService().by_owner(request.GET["owner"])
    return JsonResponse({"ids": [p.id for p in pets]})


@require_GET
def appointment_search(request):
    term = request.GET.get("q", "")
    # ORM filter, no raw SQL
    qs = Appointment.objects.filter(notes__icontains=term)
    order = request.GET.get("order", "visit_date")
    clean_order = order if order in ("visit_date", "-visit_date") else "visit_date"
    # extra() where clause with the raw term
    # ruleid: sql-injection
    qs = qs.extra(where=[f"vet_name LIKE '%%{term}%%'"])
    # extra() with params
    # ok: sql-injection
    qs2 = Appointment.objects.extra(where=["vet_name = %s"], params=[term])
    return JsonResponse({"n": qs.order_by(clean_order).count() + qs2.count()})


@require_GET
def xray_image(request, pet_id, filename):
    base = os.path.realpath(XRAY_DIR)
    full = os.path.realpath(os.path.join(base, str(pet_id), filename))
    if os.path.commonpath([full, base]) != base:
        raise Http404()
    # realpath + commonpath
    # ok: path-traversal
    return FileResponse(open(full, "rb"))


@require_GET
def xray_thumb(request, filename):
    if ".." in filename:
        return HttpResponseBadRequest("bad name")
    # a '..' blocklist; absolute names walk around it
    # ruleid: path-traversal
    with open(os.path.join(XRAY_DIR, "thumbs", filename), "rb") as fh:
        return HttpResponse(fh.read(), content_type="image/png")


@require_POST
def upload_xray(request, pet_id):
    upload = request.FILES["scan"]
    dest = os.path.join(XRAY_DIR, str(int(pet_id)), upload.name)
    # Django's UploadedFile.name is a basename
    # ok: path-traversal
    with open(dest, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    caption = request.POST.get("caption", "")
    # caption concatenated into mark_safe [extended sink]
    # ruleid: xss
    return HttpResponse(mark_safe("<p>Uploaded: " + caption + "</p>"))


@require_GET
def pet_card(request, pet_id):
    pet = Pet.objects.get(pk=pet_id)
    nickname = request.GET.get("nickname", pet.name)
    # format_html escapes its arguments [extended sink]
    # ok: xss
    card = format_html("<div class='pet'><b>{}</b> ({})</div>", nickname, pet.species)
    # escaped before concatenation [extended sink]
    # ok: xss
    extra = mark_safe("<small>" + escape(nickname) + "</small>")
    # both parts escaped [extended sink]
    # ok: xss
    return HttpResponse(card + extra)


@require_GET
def pet_greeting(request):
    name = request.GET.get("name", "friend")
    safe_name = escape(name)
    html = f"<h1>Hello {name}</h1>"
    # escaped copy computed, raw name used [extended sink]
    # ruleid: xss
    return HttpResponse(html)


@require_POST
def lab_lookup(request):
    payload = json.loads(request.body)
    lab_url = payload.get("lab_url", "")
    if not lab_url.startswith("https://"):
        return HttpResponseBadRequest("https only")
    # scheme-only check
    # ruleid: ssrf
    r = requests.get(lab_url, timeout=5)
    return JsonResponse(r.json())


@require_POST
def print_label(request, pet_id):
    printer = request.POST.get("printer", "front-desk")
    copies = int(request.POST.get("copies", "1"))
    # int() copies, but printer raw in the shell string
    # ruleid: command-injection
    os.system(f"lp -d {printer} -n {copies} /tmp/label-{int(pet_id)}.pdf")
    return JsonResponse({"queued": True})


@require_GET
def after_checkin(request):
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        # Django's check dominates
        # ok: open-redirect
        return redirect(nxt)
    return redirect("clinic:home")


@require_GET
def external_resource(request):
    target = request.GET.get("url", "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={"docs.vetclinic.example"})
    if not allowed:
        print("refusing", target)
    # the check's result is only printed
    # ruleid: open-redirect
    return redirect(target)


@require_POST
def run_backup(request):
    label = request.POST.get("label", "")
    safe = "".join(ch for ch in label if ch.isalnum())
    # only alphanumerics survive the comprehension [beyond docs]
    # ok: command-injection
    subprocess.run(f"pg_dump clinic > /backups/{safe}.sql", shell=True, check=True)
    return JsonResponse({"ok": True})
