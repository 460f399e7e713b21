"""Search and saved-search views of the rental listings site (Django 5).

listings/views_search.py: full-text search over listings, saved searches, and the
"open in map" and "share" helpers.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from .models import Listing, SavedSearch

log = logging.getLogger("listings.search")

ORDERINGS = {"newest": "-published_at", "cheapest": "rent", "largest": "-area_m2"}
RAW_ORDER = {"newest": "published_at DESC", "cheapest": "rent ASC", "largest": "area_m2 DESC"}
PER_PAGE = 24


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=120)
    city = forms.CharField(required=False, max_length=60)
    order = forms.ChoiceField(choices=[(k, k) for k in ORDERINGS], required=False)
    min_rooms = forms.IntegerField(required=False, min_value=0)
    max_rent = forms.DecimalField(required=False, max_digits=8, decimal_places=2)


def _page(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@require_GET
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("invalid search")
    data = form.cleaned_data
    order = RAW_ORDER[data.get("order") or "newest"]
    clauses, params = ["l.active"], []
    if data.get("q"):
        clauses.append("l.search_vector @@ plainto_tsquery(%s)")
        params.append(data["q"])
    if data.get("min_rooms") is not None:
        clauses.append(f"l.rooms >= {data['min_rooms']}")
    offset = (_page(request) - 1) * PER_PAGE
    sql = f"SELECT l.* FROM listings_listing l WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT {PER_PAGE} OFFSET {offset}"
    # ChoiceField picks the order key, IntegerField the rooms, the text is bound
    # ok: sql-injection
    results = Listing.objects.raw(sql, params)
    return render(request, "listings/search.html", {"form": form, "results": results})


@require_GET
def search_by_city(request):
    form = SearchForm(request.GET)
    form.is_valid()
    city = form.cleaned_data.get("city", "")
    # a CharField is any text: max_length is no control
    # ruleid: sql-injection
    listings = Listing.objects.extra(where=[f"city ILIKE '{city}%'"])
    return render(request, "listings/city.html", {"listings": listings[:PER_PAGE], "city": city})


@require_GET
def search_orm(request):
    order = ORDERINGS.get(request.GET.get("order", ""), "-published_at")
    qs = Listing.objects.filter(active=True, city__iexact=request.GET.get("city", ""))
    if request.GET.get("max_rent"):
        qs = qs.filter(rent__lte=Decimal(request.GET["max_rent"]))
    return JsonResponse({"ids": list(qs.order_by(order).values_list("id", flat=True)[:PER_PAGE])})


@require_GET
def neighbourhood_stats(request):
    district = request.GET.get("district", "")
    with connection.cursor() as cur:
        # bound parameter
        # ok: sql-injection
        cur.execute("SELECT avg(rent), count(*) FROM listings_listing WHERE district = %s", [district])
        avg_rent, count = cur.fetchone()
        group = request.GET.get("group_by", "rooms")
        # the grouping column straight from the query string
        # ruleid: sql-injection
        cur.execute(f"SELECT {group}, count(*) FROM listings_listing WHERE district = %s GROUP BY 1", [district])
        groups = cur.fetchall()
    return JsonResponse({"avg": float(avg_rent or 0), "count": count, "groups": groups})


@require_GET
def autocomplete(request):
    prefix = request.GET.get("prefix", "").strip()
    if len(prefix) < 2:
        return JsonResponse({"items": []})
    with connection.cursor() as cur:
        # a length check is no control; the prefix sits inside a quoted literal
        # ruleid: sql-injection
        cur.execute(f"SELECT DISTINCT city FROM listings_listing WHERE city ILIKE '{prefix}%' LIMIT 10")
        return JsonResponse({"items": [r[0] for r in cur.fetchall()]})


@login_required
@require_POST
def save_search(request):
    name = request.POST.get("name", "").strip()[:80]
    saved = SavedSearch.objects.create(owner=request.user, name=name, query=request.POST.get("query", ""))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        # Django's own same-site check around the redirect
        # ok: open-redirect
        return HttpResponseRedirect(next_url)
    # reverse of a named view with the new id
    # ok: open-redirect
    return redirect(reverse("listings:saved", args=[saved.pk]))


@login_required
def saved_search_title(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    # [extended sink] Django HttpResponse of HTML; format_html escapes its arguments
    # ok: xss
    return HttpResponse(format_html("<h1>{}</h1><p>{} results</p>", saved.name, saved.result_count))


@require_GET
def highlight(request):
    term = request.GET.get("term", "")
    snippet = request.GET.get("snippet", "")
    escaped = escape(snippet)
    marked = escaped.replace(escape(term), f"<mark>{term}</mark>") if term else escaped
    # [extended sink] mark_safe; the escaped snippet gets the raw term back inside <mark>
    # ruleid: xss
    return HttpResponse(mark_safe(f"<p class='snippet'>{marked}</p>"))


@require_GET
def open_in_map(request):
    provider = request.GET.get("provider", "osm")
    lat = float(request.GET.get("lat", "0"))
    lon = float(request.GET.get("lon", "0"))
    base = {"osm": "https://www.openstreetmap.org/", "google": "https://maps.google.com/"}.get(provider)
    if base is None:
        raise Http404("unknown provider")
    # base from a constant mapping, coordinates are floats
    # ok: open-redirect
    return HttpResponseRedirect(f"{base}?mlat={lat}&mlon={lon}")


@require_GET
def share(request):
    to = request.GET.get("to", "")
    # leading-slash test alone; "//evil.example" passes
    if not to.startswith("/"):
        return HttpResponseBadRequest("relative paths only")
    # the leading-slash test admits //evil.example
    # ruleid: open-redirect
    return redirect(to)


@require_GET
def listing_card(request, slug: str):
    listing = get_object_or_404(Listing, slug=slug, active=True)
    badge = request.GET.get("badge", "")
    # [extended sink] mark_safe; the title comes from the listing row, the badge from the query string
    # ruleid: xss
    return HttpResponse(mark_safe(f"<article><h2>{escape(listing.title)}</h2><span>{badge}</span></article>"))


@require_GET
def legacy_redirect(request, slug: str):
    # the slug only fills a path that starts with a constant segment
    # ok: open-redirect
    return HttpResponseRedirect(f"/listings/{slug}/")


@require_GET
def export_csv(request):
    city = request.GET.get("city", "")
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="listings.csv"'
    with connection.cursor() as cur:
        cur.execute("SELECT id, title, rent FROM listings_listing WHERE city = %s", [city])
        for row in cur.fetchall():
            response.write(",".join(str(c) for c in row) + "\n")
    log.info("export for %s by %s", city, settings.SITE_ID)
    return response
