"""Django views with raw SQL.

Benchmark corpus, sql-injection (CWE-89).
"""
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.generic import ListView

from shop.models import Product

SORTABLE = {"name": "name", "price": "price", "newest": "-created"}


def product_search(request):
    # Manager.raw() with an f-string.
    q = request.GET.get("q", "")
    # ruleid: sql-injection
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name LIKE '%%{q}%%'")
    return JsonResponse({"ids": [p.id for p in products]})


def product_search_safe(request):
    # Manager.raw() with params.
    q = request.GET.get("q", "")
    # ok: sql-injection
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name LIKE %s", [f"%{q}%"])
    return JsonResponse({"ids": [p.id for p in products]})


def product_extra(request):
    # QuerySet.extra(where=...) with the user's value.
    color = request.GET.get("color", "")
    # ruleid: sql-injection
    qs = Product.objects.extra(where=[f"color = '{color}'"])
    return JsonResponse({"count": qs.count()})


def product_extra_safe(request):
    # QuerySet.extra with params.
    color = request.GET.get("color", "")
    # ok: sql-injection
    qs = Product.objects.extra(where=["color = %s"], params=[color])
    return JsonResponse({"count": qs.count()})


def product_annotate(request):
    # RawSQL expression with a concatenated value.
    currency = request.GET.get("currency", "EUR")
    # ruleid: sql-injection
    qs = Product.objects.annotate(rate=RawSQL("SELECT rate FROM fx WHERE code = '" + currency + "'", ()))
    return JsonResponse({"rates": [p.rate for p in qs]})


def product_annotate_safe(request):
    # RawSQL with params.
    currency = request.GET.get("currency", "EUR")
    # ok: sql-injection
    qs = Product.objects.annotate(rate=RawSQL("SELECT rate FROM fx WHERE code = %s", (currency,)))
    return JsonResponse({"rates": [p.rate for p in qs]})


def stock_report(request):
    # connection.cursor() in a with block, %-formatting instead of params.
    warehouse = request.POST.get("warehouse", "")
    with connection.cursor() as cursor:
        # ruleid: sql-injection
        cursor.execute("SELECT sku, qty FROM stock WHERE warehouse = '%s'" % warehouse)
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def stock_report_safe(request):
    # Same query with the value as a parameter.
    warehouse = request.POST.get("warehouse", "")
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute("SELECT sku, qty FROM stock WHERE warehouse = %s", [warehouse])
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def sorted_products(request):
    # Sort key translated through a constant dict.
    key = request.GET.get("sort", "name")
    if key not in SORTABLE:
        return HttpResponseBadRequest("bad sort")
    column = SORTABLE[key]
    with connection.cursor() as cursor:
        # ok: sql-injection
        cursor.execute(f"SELECT id FROM shop_product ORDER BY {column.lstrip('-')}")
        return JsonResponse({"ids": [r[0] for r in cursor.fetchall()]})


def quoted_by_hand(request):
    # Escaping quotes by hand is not a control (backslashes still break out on MySQL).
    name = request.GET.get("name", "").replace("'", "''")
    with connection.cursor() as cursor:
        # ruleid: sql-injection
        cursor.execute(f"SELECT id FROM customers WHERE name = '{name}'")
        return JsonResponse({"ids": [r[0] for r in cursor.fetchall()]})


def delete_product(request, product_id):
    # URL keyword argument of a Django view.
    with connection.cursor() as cursor:
        # ruleid: sql-injection
        cursor.execute("DELETE FROM shop_product WHERE id = " + product_id)
    return JsonResponse({"deleted": True})


class ProductListView(ListView):
    model = Product

    def get_queryset(self):
        # self.request in a class-based view.
        brand = self.request.GET.get("brand", "")
        # ruleid: sql-injection
        return Product.objects.raw("SELECT * FROM shop_product WHERE brand = '%s'" % brand)


class SafeProductListView(ListView):
    model = Product

    def get_queryset(self):
        # ORM filter: Django binds the value.
        brand = self.request.GET.get("brand", "")
        return Product.objects.filter(brand=brand)
