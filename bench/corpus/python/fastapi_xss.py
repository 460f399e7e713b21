"""Server-rendered pages in FastAPI.

Benchmark corpus, xss (CWE-79).
"""
import html

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

app = FastAPI()
templates = Jinja2Templates(directory="templates")


@app.get("/welcome", response_class=HTMLResponse)
def welcome(name: str = "guest"):
    # HTMLResponse built with an f-string.
    # ruleid: xss
    return HTMLResponse(f"<h1>Welcome, {name}</h1>")


@app.get("/welcome-safe", response_class=HTMLResponse)
def welcome_safe(name: str = "guest"):
    # html.escape() in the f-string.
    # ok: xss
    return HTMLResponse(f"<h1>Welcome, {html.escape(name)}</h1>")


@app.get("/items/{item_id}", response_class=HTMLResponse)
def item(item_id: int):
    # int-typed parameter.
    # ok: xss
    return HTMLResponse(f"<h1>Item #{item_id}</h1>")


@app.get("/page", response_class=HTMLResponse)
def page(request: Request, title: str = ""):
    # Jinja2Templates autoescape .html templates.
    # ok: xss
    return templates.TemplateResponse("page.html", {"request": request, "title": title})


@app.get("/page-markup", response_class=HTMLResponse)
def page_markup(request: Request, title: str = ""):
    # Markup() passed into the template skips autoescaping.
    # ruleid: xss
    ctx = {"request": request, "title": Markup(title)}
    return templates.TemplateResponse("page.html", ctx)


@app.get("/raw", response_class=HTMLResponse)
async def raw(request: Request):
    # query_params on the raw request.
    msg = request.query_params.get("msg", "")
    # ruleid: xss
    return HTMLResponse(content="<div class='flash'>" + msg + "</div>")
