"""Django views and template helpers that produce HTML.

Benchmark corpus, xss (CWE-79).
"""
from django import template
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views import View

register = template.Library()

STATUS_LABELS = {"open": "<span class='ok'>open</span>", "closed": "<span class='no'>closed</span>"}


def greet(request):
    # mark_safe() around a GET parameter.
    name = request.GET.get("name", "")
    # ruleid: xss
    return render(request, "greet.html", {"greeting": mark_safe(f"<b>Hello {name}</b>")})


def greet_safe(request):
    # format_html() escapes its arguments.
    name = request.GET.get("name", "")
    # ok: xss
    return render(request, "greet.html", {"greeting": format_html("<b>Hello {}</b>", name)})


def greet_escaped(request):
    # escape() before mark_safe().
    name = escape(request.GET.get("name", ""))
    # ok: xss
    return render(request, "greet.html", {"greeting": mark_safe("<b>Hello " + name + "</b>")})


def greet_plain(request):
    # Template variables are autoescaped.
    # ok: xss
    return render(request, "greet.html", {"name": request.GET.get("name", "")})


def search(request):
    # HttpResponse with an HTML string built from the query.
    q = request.GET.get("q", "")
    # ruleid: xss
    return HttpResponse(f"<h1>Results for {q}</h1>")


def search_escaped(request):
    # HttpResponse with escaped input.
    q = request.GET.get("q", "")
    # ok: xss
    return HttpResponse(f"<h1>Results for {escape(q)}</h1>")


def status(request):
    # Constant dict of HTML fragments.
    key = request.GET.get("status", "open")
    # ok: xss
    return render(request, "status.html", {"label": mark_safe(STATUS_LABELS.get(key, ""))})


class CommentPreview(View):
    def post(self, request):
        # SafeString() over POST data in a class-based view.
        body = self.request.POST.get("body", "")
        # ruleid: xss
        return render(request, "preview.html", {"body": SafeString(body)})


@register.filter
def highlight(value, term):
    # Template filter: both arguments come from template authors' data (reported as a warning).
    # ruleid: xss
    return mark_safe(value.replace(term, f"<mark>{term}</mark>"))


@register.filter
def highlight_safe(value, term):
    # Escapes both before marking safe.
    value, term = escape(value), escape(term)
    # ok: xss
    return mark_safe(value.replace(term, f"<mark>{term}</mark>"))


@register.simple_tag
def icon(name):
    # format_html with a parameter.
    # ok: xss
    return format_html('<i class="icon icon-{}"></i>', name)
