"""Flash banners rendered from template strings (Django)."""

from django.http import HttpResponse
from django.template import Context, Template


def flash(request):
    message = request.GET.get("message", "")
    return HttpResponse(Template("<div class='flash'>" + message + "</div>").render(Context({})))


def greeting(request):
    name = request.GET.get("name", "")
    template = Template(f"<h1>Hello, {name}!</h1><p>{{{{ tagline }}}}</p>")
    html = template.render(Context({"tagline": "Welcome back"}))
    return HttpResponse(html)
