"""Orders and returns portal of a small shop: Django function and class-based views."""

import hashlib
import hmac
import json
import os
import subprocess

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Order, Product, ReturnRequest

ALLOWED_SORTS = {"price", "-price", "name", "created"}
CARRIERS = {
    "ups": "https://onlinetools.ups.example/track/v1/details/",
    "dhl": "https://api.dhl.example/track/shipments?trackingNumber=",
}
GIFT_CARD_TEMPLATE = "<p>{{ message }}</p><p>From {{ sender }}</p>"


def product_search(request):
    q = request.GET.get("q", "")
    # search text concatenated into raw()
    # ruleid: sql-injection
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name ILIKE '%" + q + "%'")
    return render(request, "shop/search.html", {"products": products, "q": q})


def products_in_category(request):
    category = request.GET.get("category", "")
    # raw() with a params list
    # ok: sql-injection
    products = Product.objects.raw("SELECT * FROM shop_product WHERE category = %s", [category])
    return render(request, "shop/category.html", {"products": products})


def cheap_products(request):
    max_price = request.GET.get("max", "10")
    # extra(where=...) with the query value in the text
    # ruleid: sql-injection
    products = Product.objects.extra(where=[f"price < {max_price}"])
    return render(request, "shop/cheap.html", {"products": products})


@login_required
def order_lines(request, order_id):
    sort = request.GET.get("sort", "name")
    if sort not in ALLOWED_SORTS:
        return HttpResponseBadRequest("bad sort")
    column = sort.lstrip("-")
    direction = "DESC" if sort.startswith("-") else "ASC"
    with connection.cursor() as cursor:
        # order id bound, the sort column checked against ALLOWED_SORTS with an early return
        # ok: sql-injection
        cursor.execute(
            f"SELECT sku, name, qty, price FROM shop_orderline WHERE order_id = %s ORDER BY {column} {direction}",
            [order_id],
        )
        rows = cursor.fetchall()
    return JsonResponse({"lines": rows})


@login_required
def stock_levels(request):
    skus = request.GET.getlist("sku")
    with connection.cursor() as cursor:
        # SKUs quoted by hand and joined into an IN list
        # ruleid: sql-injection
        cursor.execute("SELECT sku, on_hand FROM shop_stock WHERE sku IN (%s)" % ",".join(f"'{s}'" for s in skus))
        rows = cursor.fetchall()
    return JsonResponse({"stock": rows})


@login_required
def order_badge(request, order_id):
    label = request.GET.get("label", "")
    # query text wrapped in mark_safe [extended sink]
    # ruleid: xss
    badge = mark_safe(f"<span class='badge'>{label}</span>")
    # format_html escapes its arguments [extended sink]
    # ok: xss
    title = format_html("<h2>Order {} <small>{}</small></h2>", order_id, label)
    return render(request, "shop/badge.html", {"badge": badge, "title": title})


def search_empty(request):
    q = request.GET.get("q", "")
    # HttpResponse defaults to text/html [extended sink]
    # ruleid: xss
    return HttpResponse(f"<p>No results for <b>{q}</b></p>")


def search_empty_text(request):
    q = request.GET.get("q", "")
    # plain-text response [extended sink]
    # ok: xss
    return HttpResponse(f"No results for {q}", content_type="text/plain")


@login_required
def return_label(request):
    label_dir = os.path.join(settings.MEDIA_ROOT, "labels")
    # file name from the query string joined to the labels folder
    # ruleid: path-traversal
    return FileResponse(open(os.path.join(label_dir, request.GET["file"]), "rb"))


@login_required
def return_label_basename(request):
    label_dir = os.path.join(settings.MEDIA_ROOT, "labels")
    name = os.path.basename(request.GET.get("file", ""))
    # basename
    # ok: path-traversal
    return FileResponse(open(os.path.join(label_dir, name), "rb"))


class InvoiceView(View):
    def get(self, request, order_id):
        order = get_object_or_404(Order, pk=order_id, customer=request.user)
        path = os.path.join(settings.MEDIA_ROOT, "invoices", f"{order.invoice_number}.pdf")
        # invoice number read from the order row, not from the request [beyond docs]
        # ok: path-traversal
        return FileResponse(open(path, "rb"), content_type="application/pdf")


@require_POST
@login_required
def checkout_done(request):
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    # Django's own check, resetting to "/" when it fails
    # ok: open-redirect
    return HttpResponseRedirect(next_url)


def back(request):
    # the back parameter as the redirect target
    # ruleid: open-redirect
    return redirect(request.GET.get("back", "/"))


@require_POST
@login_required
def create_return(request, order_id):
    order = get_object_or_404(Order, pk=order_id, customer=request.user)
    ret = ReturnRequest.objects.create(order=order, reason=request.POST.get("reason", ""))
    # a named view
    # ok: open-redirect
    return redirect("returns:detail", pk=ret.pk)


@login_required
def track(request):
    carrier = request.GET.get("carrier", "")
    number = request.GET.get("number", "")
    # the carrier chosen by the client becomes a subdomain label
    # ruleid: ssrf
    resp = requests.get(f"https://api.{carrier}.shipping.example/track/{number}", timeout=5)
    return JsonResponse(resp.json())


@login_required
def track_known(request):
    base = CARRIERS.get(request.GET.get("carrier", ""))
    if base is None:
        return HttpResponseBadRequest("unknown carrier")
    # base looked up in a constant dictionary of https URLs
    # ok: ssrf
    resp = requests.get(base + request.GET.get("number", ""), timeout=5)
    return JsonResponse(resp.json())


# payment provider webhook without Django's CSRF check
# ruleid: missing-csrf
@csrf_exempt
@require_POST
def payment_webhook(request):
    signature = request.headers.get("X-Signature", "")
    expected = hmac.new(settings.PAYMENT_WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return HttpResponse(status=400)
    event = json.loads(request.body)
    Order.objects.filter(pk=event["order_id"]).update(paid=True)
    return HttpResponse(status=204)


@require_POST
@login_required
def print_label(request, return_id):
    ret = get_object_or_404(ReturnRequest, pk=return_id)
    printer = request.POST.get("printer", "default")
    label = os.path.join(settings.MEDIA_ROOT, "labels", f"{ret.pk}.pdf")
    # printer name from the form in os.system
    # ruleid: command-injection
    os.system(f"lpr -P {printer} {label}")
    return HttpResponse(status=204)


@require_POST
@login_required
def print_label_default(request, return_id):
    ret = get_object_or_404(ReturnRequest, pk=return_id)
    label = os.path.join(settings.MEDIA_ROOT, "labels", f"{ret.pk}.pdf")
    # argument list, printer from settings
    # ok: command-injection
    subprocess.run(["lpr", "-P", settings.LABEL_PRINTER, label], check=True)
    return HttpResponse(status=204)


@login_required
def gift_message_preview(request):
    message = request.POST.get("message", "")
    # the gift message becomes template source
    # ruleid: ssti
    tmpl = Template("{% load shop_tags %}<div class='gift'>" + message + "</div>")
    # the message rendered as template text is not autoescaped [extended sink]
    # ruleid: xss
    return HttpResponse(tmpl.render(Context({"user": request.user})))


@login_required
def gift_card(request):
    # constant template, the message passed in the context
    # ok: ssti
    tmpl = Template(GIFT_CARD_TEMPLATE)
    # Django's template autoescapes context values [extended sink]
    # ok: xss
    return HttpResponse(tmpl.render(Context({"message": request.POST.get("message", ""), "sender": request.user.get_full_name()})))
