"""shop/views.py: catalogue search, invoices and admin notes."""
import json
import logging
import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from .models import Invoice, Product

logger = logging.getLogger(__name__)


@require_GET
def product_search(request):
    # Raw query with the search term formatted into a LIKE literal.
    q = request.GET.get("q", "").strip()
    # ruleid: sql-injection
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name LIKE '%%{q}%%' ORDER BY name")
    return JsonResponse({"results": [p.name for p in products]})


@require_GET
def product_search_safe(request):
    # Same search with the pattern passed as a parameter of raw().
    q = request.GET.get("q", "").strip()
    # ok: sql-injection
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name LIKE %s ORDER BY name", [f"%{q}%"])
    return JsonResponse({"results": [p.name for p in products]})


@require_GET
def products_under(request):
    # extra(where=...) with a GET value formatted into the clause.
    max_price = request.GET.get("max_price", "100")
    # ruleid: sql-injection
    qs = Product.objects.extra(where=[f"price < {max_price}"]).order_by("price")
    return JsonResponse({"results": list(qs.values("id", "name", "price"))})


@require_GET
def products_under_checked(request):
    # Same clause after float() coercion.
    try:
        max_price = float(request.GET.get("max_price", "100"))
    except ValueError:
        return HttpResponseBadRequest("max_price must be a number")
    # ok: sql-injection
    qs = Product.objects.extra(where=[f"price < {max_price}"]).order_by("price")
    return JsonResponse({"results": list(qs.values("id", "name", "price"))})


@login_required
def sales_by_day(request):
    # Cursor with %s placeholders and a params tuple.
    start = request.GET.get("start", "2024-01-01")
    end = request.GET.get("end", "2024-12-31")
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(
            "SELECT date(created_at), sum(total) FROM shop_order "
            "WHERE created_at BETWEEN %s AND %s GROUP BY 1 ORDER BY 1",
            (start, end),
        )
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


@login_required
@require_POST
def annotate_order(request, order_id):
    # JSON body field formatted into an UPDATE.
    data = json.loads(request.body or b"{}")
    note = data.get("note", "")
    with connection.cursor() as cursor:
        # ruleid: sql-injection
        cursor.execute(f"UPDATE shop_order SET staff_note = '{note}' WHERE id = %s", [order_id])
    return JsonResponse({"ok": True})


@method_decorator(login_required, name="dispatch")
class InvoiceAttachmentView(View):
    """Serves an attachment of an invoice; the attachment name is kept on the view."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Stored on the instance from the query string.
        self.attachment = request.GET.get("file", "")

    def _attachment_path(self, invoice):
        return os.path.join(settings.INVOICE_DIR, str(invoice.pk), self.attachment)

    def get(self, request, pk):
        invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
        path = self._attachment_path(invoice)
        if not os.path.exists(path):
            raise Http404("no such attachment")
        # ruleid: path-traversal
        return FileResponse(open(path, "rb"), as_attachment=True)


@login_required
def invoice_pdf(request, pk):
    # The file name is built from the primary key of the fetched row and a constant suffix.
    invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
    path = os.path.join(settings.INVOICE_DIR, f"{invoice.pk}.pdf")
    # ok: path-traversal
    return FileResponse(open(path, "rb"), content_type="application/pdf")


@login_required
def flash_banner(request):
    # mark_safe() around a message taken from the query string. [extended sink]
    msg = request.GET.get("msg", "")
    # ruleid: xss
    banner = mark_safe(f"<div class='alert alert-info'>{msg}</div>")
    return HttpResponse(banner)


@login_required
def flash_banner_safe(request):
    # format_html() escapes its arguments. [extended sink]
    msg = request.GET.get("msg", "")
    # ok: xss
    banner = format_html("<div class='alert alert-info'>{}</div>", msg)
    return HttpResponse(banner)
