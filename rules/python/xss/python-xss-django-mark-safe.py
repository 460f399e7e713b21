import html

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

BADGES = {"new", "hot"}


# ---------------------------------------------------------------- vulnerable


def comment(request):
    text = request.POST["text"]
    # ruleid: python-xss-django-mark-safe
    return render(request, "c.html", {"html": mark_safe("<p>" + text + "</p>")})


def signature(request):
    # ruleid: python-xss-django-mark-safe
    sig = SafeString(f"<em>{request.GET.get('sig', '')}</em>")
    return render(request, "s.html", {"sig": sig})


class ProfileView:
    def get(self, request):
        bio = self.request.GET["bio"]
        # ruleid: python-xss-django-mark-safe
        return render(request, "p.html", {"bio": mark_safe(bio)})


# ---------------------------------------------------------------- safe


def comment_escaped(request):
    text = escape(request.POST["text"])
    # ok: python-xss-django-mark-safe
    return render(request, "c.html", {"html": mark_safe("<p>" + text + "</p>")})


def comment_format_html(request):
    # format_html() escapes its arguments
    # ok: python-xss-django-mark-safe
    return render(request, "c.html", {"html": format_html("<p>{}</p>", request.POST["text"])})


def badge(request):
    kind = request.GET["badge"]
    if kind not in BADGES:
        return HttpResponseBadRequest()
    # ok: python-xss-django-mark-safe
    return render(request, "b.html", {"badge": mark_safe(f"<span class='{kind}'></span>")})


def stdlib_escaped(request):
    # ok: python-xss-django-mark-safe
    return render(request, "c.html", {"html": mark_safe(html.escape(request.GET["q"]))})
