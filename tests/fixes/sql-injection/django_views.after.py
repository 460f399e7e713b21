from django.db import connection
from django.http import JsonResponse

from shop.models import Product


def search(request):
    q = request.GET.get("q", "")
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name LIKE %s", [f"%{q}%"])
    return JsonResponse({"ids": [p.id for p in products]})


def by_vendor(request):
    vendor = request.GET["vendor"]
    qs = Product.objects.extra(where=["vendor = %s"], params=[vendor])
    return JsonResponse({"count": qs.count()})


def stock(request):
    sku = request.POST.get("sku", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT quantity FROM shop_stock WHERE sku = %s", (sku,))
        (quantity,) = cursor.fetchone()
    return JsonResponse({"quantity": quantity})
