import html

from django.http import HttpResponse, HttpResponseBadRequest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, Response, abort, jsonify, make_response, render_template, request
from markupsafe import escape

app = Flask(__name__)
api = FastAPI()
LANGS = {"en", "de"}


# ---------------------------------------------------------------- vulnerable


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: python-xss-html-response
    return f"<h1>Results for {q}</h1>"


@app.route("/echo")
def echo():
    msg = request.args["msg"]
    # ruleid: python-xss-html-response
    return "<p>" + msg + "</p>", 200


@app.route("/resp")
def resp():
    # ruleid: python-xss-html-response
    return make_response("<div>%s</div>" % request.cookies.get("last"))


@app.route("/raw")
def raw():
    body = "<pre>{}</pre>".format(request.get_data(as_text=True))
    # ruleid: python-xss-html-response
    return Response(body)


def django_hello(request):
    name = request.GET.get("name")
    # ruleid: python-xss-html-response
    return HttpResponse("<h1>Hello %s</h1>" % name)


@api.get("/widget", response_class=HTMLResponse)
def widget(title: str):
    # ruleid: python-xss-html-response
    return HTMLResponse(content=f"<h2>{title}</h2>")


# ---------------------------------------------------------------- safe


@app.route("/search2")
def search_escaped():
    q = request.args.get("q", "")
    # ok: python-xss-html-response
    return f"<h1>Results for {escape(q)}</h1>"


@app.route("/search3")
def search_template():
    # ok: python-xss-html-response
    return render_template("search.html", q=request.args.get("q", ""))


@app.route("/api")
def api_json():
    # ok: python-xss-html-response
    return jsonify(q=request.args.get("q"))


@app.route("/plain")
def plain():
    # ok: python-xss-html-response
    return Response(request.args["msg"], mimetype="text/plain")


def django_escaped(request):
    name = html.escape(request.GET.get("name", ""))
    # ok: python-xss-html-response
    return HttpResponse("<h1>Hello %s</h1>" % name)


def django_lang(request):
    lang = request.GET.get("lang")
    if lang not in LANGS:
        return HttpResponseBadRequest()
    # ok: python-xss-html-response
    return HttpResponse(f"<html lang='{lang}'></html>")


@api.get("/page", response_class=HTMLResponse)
def page(n: int):
    # ok: python-xss-html-response
    return HTMLResponse(content=f"<p>page {n}</p>")
