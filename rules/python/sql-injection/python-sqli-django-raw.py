from django.db.models.expressions import RawSQL
from django.http import HttpResponseBadRequest, JsonResponse

from .models import Article, Person

ALLOWED_ORDER = ["title", "-title", "published"]


# ---------------------------------------------------------------- vulnerable


def people(request):
    last = request.GET.get("last")
    # ruleid: python-sqli-django-raw
    rows = Person.objects.raw("SELECT * FROM app_person WHERE last_name = '%s'" % last)
    return JsonResponse([p.id for p in rows], safe=False)


def articles(request):
    where = request.POST["filter"]
    # ruleid: python-sqli-django-raw
    qs = Article.objects.extra(where=[f"title LIKE '{where}'"])
    return JsonResponse(list(qs.values("id")), safe=False)


def annotated(request):
    expr = request.GET["score"]
    # ruleid: python-sqli-django-raw
    qs = Article.objects.annotate(score=RawSQL("SELECT " + expr, []))
    return JsonResponse(list(qs.values("id", "score")), safe=False)


class ArticleList:
    def get(self, request):
        col = self.request.GET["col"]
        # ruleid: python-sqli-django-raw
        return Article.objects.extra(select={"val": col})


# ---------------------------------------------------------------- safe


def people_param(request):
    last = request.GET.get("last")
    # ok: python-sqli-django-raw
    rows = Person.objects.raw("SELECT * FROM app_person WHERE last_name = %s", [last])
    return JsonResponse([p.id for p in rows], safe=False)


def articles_param(request):
    # ok: python-sqli-django-raw
    qs = Article.objects.extra(where=["title LIKE %s"], params=[request.POST["filter"]])
    return JsonResponse(list(qs.values("id")), safe=False)


def ordered(request):
    order = request.GET.get("order", "title")
    if order not in ALLOWED_ORDER:
        return HttpResponseBadRequest()
    # ok: python-sqli-django-raw
    return Article.objects.raw("SELECT * FROM app_article ORDER BY " + order.lstrip("-"))


def by_year(request):
    year = int(request.GET["year"])
    # ok: python-sqli-django-raw
    return Article.objects.raw(f"SELECT * FROM app_article WHERE year = {year}")


def orm(request):
    # the ORM parameterizes lookups
    # ok: python-sqli-django-raw
    return Article.objects.filter(title__icontains=request.GET["q"])
