import html

from blacksheep import Application, Request
from blacksheep import html as bs_html
from dash import Dash, Input, Output, dcc
from django.http import HttpResponse, HttpResponseBadRequest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, Response, abort, jsonify, make_response, render_template, request
from markupsafe import escape
from pyramid.response import Response as PyramidResponse
from pyramid.view import view_config
from sanic import Sanic, response
from sanic.response import html as sanic_html

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


# ---------------------------------------------------------------- Sanic, BlackSheep, Pyramid, Dash

sanic_app = Sanic("greeter")
bs_app = Application()
dash_app = Dash(__name__)


@sanic_app.get("/hello")
async def sanic_hello(request):
    name = request.args.get("name", "")
    # ruleid: python-xss-html-response
    return sanic_html(f"<h1>Hello {name}</h1>")


@sanic_app.get("/bye")
async def sanic_bye(request):
    # ruleid: python-xss-html-response
    return response.html("<p>Bye " + request.args.get("name", "") + "</p>")


@sanic_app.get("/hello-safe")
async def sanic_hello_safe(request):
    name = html.escape(request.args.get("name", ""))
    # ok: python-xss-html-response
    return sanic_html(f"<h1>Hello {name}</h1>")


@sanic_app.get("/hello-text")
async def sanic_hello_text(request):
    # response.text() is text/plain
    # ok: python-xss-html-response
    return response.text(request.args.get("name", ""))


@bs_app.router.get("/search")
async def bs_search(request: Request):
    term = request.query.get("q", [""])[0]
    # ruleid: python-xss-html-response
    return bs_html(f"<p>Results for {term}</p>")


@bs_app.router.get("/search-safe")
async def bs_search_safe(request: Request):
    term = escape(request.query.get("q", [""])[0])
    # ok: python-xss-html-response
    return bs_html(f"<p>Results for {term}</p>")


@view_config(route_name="profile")
def pyramid_profile(request):
    # Pyramid's Response is text/html by default
    bio = request.params.get("bio", "")
    # ruleid: python-xss-html-response
    return PyramidResponse(bio)


@view_config(route_name="card")
def pyramid_card(request):
    title = request.matchdict["title"]
    # ruleid: python-xss-html-response
    return PyramidResponse(text="<h2>" + title + "</h2>", content_type="text/html")


@view_config(route_name="plain")
def pyramid_plain(request):
    # ok: python-xss-html-response
    return PyramidResponse(request.params.get("bio", ""), content_type="text/plain")


@view_config(route_name="export")
def pyramid_export(request):
    # ok: python-xss-html-response
    return PyramidResponse(body=request.json_body["rows"], content_type="text/csv")


@view_config(route_name="card-safe")
def pyramid_card_safe(request):
    title = html.escape(request.matchdict["title"])
    # ok: python-xss-html-response
    return PyramidResponse(text="<h2>" + title + "</h2>", content_type="text/html")


@dash_app.callback(Output("preview", "children"), Input("notes", "value"))
def dash_preview(notes):
    # a callback's input is what the visitor typed into the page
    # ruleid: python-xss-html-response
    return dcc.Markdown(notes, dangerously_allow_html=True)


@dash_app.callback(Output("summary", "children"), Input("notes", "value"))
def dash_summary(notes):
    # ruleid: python-xss-html-response
    return dcc.Markdown(children=f"**Notes:** {notes}", dangerously_allow_html=True)


@dash_app.callback(Output("preview-safe", "children"), Input("notes", "value"))
def dash_preview_safe(notes):
    # without the flag, Markdown escapes raw HTML
    # ok: python-xss-html-response
    return dcc.Markdown(notes)


@dash_app.callback(Output("preview-escaped", "children"), Input("notes", "value"))
def dash_preview_escaped(notes):
    # ok: python-xss-html-response
    return dcc.Markdown(html.escape(notes), dangerously_allow_html=True)
