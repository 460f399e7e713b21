"""Views of the `ledger.billing` app: invoices, statements, imports and account settings."""

import base64
import json
import pickle
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect, ensure_csrf_cookie
from django.views.decorators.http import require_POST

from .models import Invoice, StatementTemplate

INVOICE_COLUMNS = {"number": "number", "issued": "issued_at", "total": "total_cents"}
EMAIL_TEMPLATE = "Dear {{ customer.name }},\nyour invoice {{ invoice.number }} is ready."


@login_required
def invoice_list(request):
    order = request.GET.get("order", "issued")
    column = INVOICE_COLUMNS.get(order, "issued_at")
    status = request.GET.get("status", "open")
    # column from a constant dictionary, status bound as a parameter
    # ok: sql-injection
    invoices = Invoice.objects.raw(
        f"SELECT * FROM billing_invoice WHERE owner_id = %s AND status = %s ORDER BY {column}",
        [request.user.id, status],
    )
    return render(request, "billing/invoices.html", {"invoices": invoices})


@login_required
def invoice_search(request):
    customer = request.GET.get("customer", "")
    # customer name concatenated into extra(where=...)
    # ruleid: sql-injection
    qs = Invoice.objects.filter(owner=request.user).extra(where=["customer_name ILIKE '%%" + customer + "%%'"])
    return render(request, "billing/invoices.html", {"invoices": qs})


@login_required
def revenue_report(request):
    year = request.GET.get("year", "2025")
    group = request.GET.get("group", "month")
    if group not in ("month", "quarter"):
        return HttpResponseBadRequest("bad group")
    with connection.cursor() as cursor:
        # group compared with literals, year passed as a parameter
        # ok: sql-injection
        cursor.execute(
            f"SELECT date_trunc('{group}', issued_at) AS p, sum(total_cents) FROM billing_invoice "
            "WHERE extract(year FROM issued_at) = %s GROUP BY p ORDER BY p",
            [year],
        )
        rows = cursor.fetchall()
    return JsonResponse({"rows": [[str(p), int(t)] for p, t in rows]})


@login_required
def customer_balance(request):
    currency = request.GET.get("currency", "EUR")
    with connection.cursor() as cursor:
        # quotes doubled by hand: not a control
        safe_currency = currency.replace("'", "''")
        # ruleid: sql-injection
        cursor.execute(
            "SELECT customer_id, sum(total_cents) FROM billing_invoice WHERE currency = '%s' GROUP BY 1" % safe_currency
        )
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


# state-changing, cookie-authenticated view exempted from CSRF
# ruleid: missing-csrf
@csrf_exempt
@login_required
def update_billing_email(request):
    if request.method != "POST":
        return HttpResponseBadRequest()
    request.user.billing_email = request.POST["email"]
    request.user.save(update_fields=["billing_email"])
    return JsonResponse({"ok": True})


# view explicitly protected
# ok: missing-csrf
@csrf_protect
@login_required
def close_account(request):
    if request.method == "POST":
        request.user.is_active = False
        request.user.save()
        # route name resolved with reverse()
        # ok: open-redirect
        return HttpResponseRedirect(reverse("goodbye"))
    return render(request, "billing/close.html")


# sets the CSRF cookie for the SPA, does not disable the check
# ok: missing-csrf
@ensure_csrf_cookie
def spa_shell(request):
    return render(request, "billing/spa.html")


@login_required
def switch_org(request):
    org = request.POST.get("org")
    request.session["org"] = org
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        next_url = "/"
    # Django's own host check with a fallback
    # ok: open-redirect
    return HttpResponseRedirect(next_url)


@login_required
def after_payment(request):
    return_to = request.GET.get("return_to", "/billing/")
    # no check at all on the return target
    # ruleid: open-redirect
    return redirect(return_to)


@login_required
def statement_preview(request, pk):
    tpl = get_object_or_404(StatementTemplate, pk=pk, owner=request.user)
    body = request.POST.get("body") or tpl.body
    # template source taken from the POST body (Django template engine)
    # ruleid: ssti
    rendered = Template(body).render(Context({"customer": request.user, "today": "2025-01-31"}))
    return HttpResponse(rendered)


@login_required
def invoice_email(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
    # fixed template, values passed as context
    # ok: ssti
    text = Template(EMAIL_TEMPLATE).render(Context({"customer": request.user, "invoice": invoice}))
    return HttpResponse(text, content_type="text/plain")


@require_POST
@login_required
def import_camt(request):
    # bank statement XML parsed from the raw request body with the standard library
    # ruleid: xxe
    root = ET.fromstring(request.body)
    entries = []
    for ntry in root.iter("{urn:iso:std:iso:20022:tech:xsd:camt.053.001.02}Ntry"):
        entries.append(ntry.findtext("{urn:iso:std:iso:20022:tech:xsd:camt.053.001.02}Amt"))
    return JsonResponse({"count": len(entries)})


@login_required
def sample_statement(request):
    path = settings.BASE_DIR / "billing" / "samples" / "camt053.xml"
    # file path built from settings only
    # ok: xxe
    tree = ET.parse(path)
    return JsonResponse({"root": tree.getroot().tag})


@login_required
def restore_draft(request):
    blob = request.COOKIES.get("invoice_draft", "")
    # pickled draft read back from a cookie
    # ruleid: unsafe-deserialization
    draft = pickle.loads(base64.urlsafe_b64decode(blob))
    return render(request, "billing/draft.html", {"draft": draft})


@login_required
def restore_draft_json(request):
    # data-only format
    # ok: unsafe-deserialization
    draft = json.loads(request.body or b"{}")
    return JsonResponse({"lines": len(draft.get("lines", []))})


class ExportView(View):
    """Class-based view; the CSRF middleware applies to it."""

    def post(self, request):
        fmt = request.POST.get("format", "csv")
        resp = HttpResponse(status=202)
        # auth-looking cookie with both flags
        # ok: insecure-cookie
        resp.set_cookie("export_session", fmt, secure=True, httponly=True, samesite="Strict")
        return resp

    def get(self, request):
        total = Decimal(request.GET.get("min", "0"))
        resp = JsonResponse({"min": str(total)})
        # copy of the session key in a cookie with secure but no httponly keyword
        # ruleid: insecure-cookie
        resp.set_cookie("sessionid_backup", request.session.session_key, secure=True)
        return resp
