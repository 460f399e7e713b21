"""Building-permit portal of a small municipality: Pyramid views over SQLAlchemy and a document store."""

import os
import subprocess
from html import escape
from pathlib import Path

import requests
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound
from pyramid.response import FileResponse, Response
from pyramid.view import view_config
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["PERMITS_DB"])
DOCS = Path("/srv/permits/documents").resolve()
STATUSES = {"submitted", "review", "approved", "rejected"}
GIS_API = "https://gis.municipality.example/api/parcels/"


@view_config(route_name="permits", renderer="json")
def permits(request):
    status = request.params.get("status", "submitted")
    street = request.params.get("street", "")
    if status not in STATUSES:
        raise HTTPBadRequest()
    with engine.connect() as conn:
        # status allowlisted with a raise, street bound
        # ok: sql-injection
        rows = conn.execute(text(f"SELECT id, address FROM permit WHERE status = '{status}' AND street = :s"), {"s": street})
        # the street spliced into a LIKE pattern
        # ruleid: sql-injection
        nearby = conn.execute(text("SELECT id FROM permit WHERE street LIKE '%" + street + "%'"))
        return {"permits": [dict(r._mapping) for r in rows], "nearby": [r.id for r in nearby]}


@view_config(route_name="permit_doc")
def permit_doc(request):
    name = request.matchdict["name"]
    path = (DOCS / request.matchdict["permit_id"] / name).resolve()
    if not path.is_relative_to(DOCS):
        raise HTTPForbidden()
    # [extended sink] Pyramid FileResponse after resolve() + is_relative_to
    # ok: path-traversal
    return FileResponse(str(path), request=request)


@view_config(route_name="permit_doc_raw")
def permit_doc_raw(request):
    name = request.matchdict["name"]
    # [extended sink] Pyramid FileResponse of a matchdict name, unchecked
    # ruleid: path-traversal
    return FileResponse(os.path.join(DOCS, name), request=request)


@view_config(route_name="permit_card")
def permit_card(request):
    applicant = request.params.get("applicant", "")
    # [extended sink] Pyramid Response (text/html by default) with the raw applicant name
    # ruleid: xss
    return Response(f"<div class='card'>{applicant}</div>")


@view_config(route_name="permit_card_safe")
def permit_card_safe(request):
    applicant = request.params.get("applicant", "")
    # [extended sink] the same card escaped
    # ok: xss
    return Response(f"<div class='card'>{escape(applicant)}</div>")


@view_config(route_name="permit_note")
def permit_note(request):
    note = request.params.get("note", "")
    # [extended sink] a plain-text response
    # ok: xss
    return Response(note, content_type="text/plain")


@view_config(route_name="parcel", renderer="json")
def parcel(request):
    parcel_id = request.matchdict["parcel_id"]
    # constant https host with a trailing slash
    # ok: ssrf
    info = requests.get(GIS_API + parcel_id, timeout=10).json()
    overlay = request.params.get("overlay_url")
    if overlay:
        # an overlay map URL from the query string
        # ruleid: ssrf
        info["overlay"] = requests.get(overlay, timeout=10).json()
    return info


@view_config(route_name="stamp", request_method="POST")
def stamp(request):
    body = request.json_body
    permit_id = int(body["permit_id"])
    signer = body.get("signer", "")
    # the permit id is an int, the signer is spliced into the shell line
    # ruleid: command-injection
    subprocess.run(f"pdfstamp --id {permit_id} --signer '{signer}' {DOCS}/{permit_id}/permit.pdf", shell=True)
    # argument list
    # ok: command-injection
    subprocess.run(["pdfstamp", "--id", str(permit_id), "--signer", signer, f"{DOCS}/{permit_id}/permit.pdf"])
    return Response(status=204)


@view_config(route_name="after_login")
def after_login(request):
    came_from = request.params.get("came_from", "/")
    # HTTPFound to the came_from parameter
    # ruleid: open-redirect
    return HTTPFound(location=came_from)


@view_config(route_name="after_logout")
def after_logout(request):
    # route_url builds a URL of this site
    # ok: open-redirect
    return HTTPFound(location=request.route_url("permits", _query={"status": "submitted"}))


def main(global_config, **settings):
    with Configurator(settings=settings) as config:
        config.add_route("permits", "/permits")
        config.add_route("permit_doc", "/permits/{permit_id}/docs/{name}")
        config.add_route("permit_doc_raw", "/raw/{name}")
        config.add_route("permit_card", "/card")
        config.add_route("permit_card_safe", "/card/safe")
        config.add_route("permit_note", "/note")
        config.add_route("parcel", "/parcels/{parcel_id}")
        config.add_route("stamp", "/stamp")
        config.add_route("after_login", "/after-login")
        config.add_route("after_logout", "/after-logout")
        config.scan()
        return config.make_wsgi_app()
