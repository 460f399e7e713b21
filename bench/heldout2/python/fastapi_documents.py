"""Document service: imports (XML, YAML), templated e-mails, stored files and ML scoring."""

from __future__ import annotations

import io
import os
import subprocess
import uuid
from pathlib import Path
from xml.dom import minidom

import joblib
import yaml
from defusedxml import ElementTree as SafeET
from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from fastapi.responses import PlainTextResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

router = APIRouter(prefix="/documents")
STORAGE = Path(os.environ.get("DOC_STORAGE", "/srv/docs")).resolve()
MODEL_DIR = Path("/srv/models")
MODELS = {"churn": MODEL_DIR / "churn-2025-01.joblib", "fraud": MODEL_DIR / "fraud-2024-11.joblib"}
ALLOWED_TEMPLATES = {"welcome", "invoice", "reminder"}

jinja_env = Environment(loader=FileSystemLoader("templates/email"), autoescape=select_autoescape())
sandbox = SandboxedEnvironment(autoescape=True)
# entity resolution, network and DTD loading all off
# ok: xxe-parser-config
HARDENED = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@router.post("/import/xml")
async def import_xml(file: UploadFile = File(...)):
    raw = await file.read()
    # uploaded XML parsed by lxml with its default parser
    # ruleid: xxe
    doc = etree.fromstring(raw)
    return {"root": doc.tag, "children": len(doc)}


@router.post("/import/xml/v2")
async def import_xml_v2(file: UploadFile = File(...)):
    raw = await file.read()
    # lxml with an explicit hardened parser
    # ok: xxe
    doc = etree.fromstring(raw, HARDENED)
    return {"root": doc.tag}


@router.post("/import/xml/v3")
async def import_xml_v3(file: UploadFile = File(...)):
    # defusedxml imported under another name
    # ok: xxe
    tree = SafeET.parse(file.file)
    return {"root": tree.getroot().tag}


@router.post("/import/docx-props")
async def import_props(payload: str = Form(...)):
    # minidom on a form field
    # ruleid: xxe
    dom = minidom.parseString(payload)
    return {"title": dom.getElementsByTagName("dc:title")[0].firstChild.data}


@router.post("/import/pipeline")
async def import_pipeline(spec: UploadFile = File(...)):
    # uploaded YAML read with the full loader
    # ruleid: unsafe-yaml-load
    pipeline = yaml.load(await spec.read(), Loader=yaml.FullLoader)
    return {"steps": len(pipeline.get("steps", []))}


@router.post("/import/pipeline/v2")
async def import_pipeline_v2(spec: UploadFile = File(...)):
    # ok: unsafe-yaml-load
    pipeline = yaml.safe_load(await spec.read())
    return {"steps": len(pipeline.get("steps", []))}


@router.post("/import/pipelines")
async def import_many(spec: UploadFile = File(...)):
    data = io.StringIO((await spec.read()).decode())
    # ok: unsafe-yaml-load
    docs = list(yaml.safe_load_all(data))
    return {"documents": len(docs)}


@router.post("/mail/preview")
async def mail_preview(subject: str = Form(...), body_template: str = Form(...)):
    # template source from the request compiled by a Flask-style environment name
    # ruleid: ssti
    html = jinja_env.from_string(body_template).render(subject=subject, user={"name": "Preview"})
    return PlainTextResponse(html)


@router.post("/mail/preview/sandboxed")
async def mail_preview_sandboxed(body_template: str = Form(...)):
    # sandboxed environment
    # ok: ssti
    html = sandbox.from_string(body_template).render(user={"name": "Preview"})
    return PlainTextResponse(html)


@router.post("/mail/send/{template_name}")
async def mail_send(template_name: str, first_name: str = Form(...)):
    if template_name not in ALLOWED_TEMPLATES:
        raise HTTPException(status_code=404)
    # template file chosen from an allowlist, value passed as context
    # ok: ssti
    html = jinja_env.get_template(f"{template_name}.html").render(first_name=first_name)
    return PlainTextResponse(html)


@router.post("/mail/subject")
async def mail_subject(campaign: str = Form(...), first_name: str = Form(...)):
    # first name pasted into the template source before compiling it
    # ruleid: ssti
    subject = Environment(autoescape=True).from_string("Hi " + first_name + ", news from {{ campaign }}").render(
        campaign=campaign
    )
    return {"subject": subject}


@router.get("/files/{doc_id}")
async def get_file(doc_id: str, variant: str = "original"):
    uid = uuid.UUID(doc_id)
    # UUID coercion of the id; variant is free text used as a path part
    # ruleid: path-traversal
    return PlainTextResponse((STORAGE / str(uid) / variant).read_text())


@router.get("/files/{doc_id}/meta")
async def get_meta(doc_id: str):
    uid = uuid.UUID(doc_id)
    # only the coerced UUID reaches the path
    # ok: path-traversal
    return PlainTextResponse((STORAGE / f"{uid}.json").read_text())


@router.put("/files/{name}")
async def put_file(name: str, content: str = Form(...)):
    target = (STORAGE / name).resolve()
    if STORAGE not in target.parents:
        raise HTTPException(status_code=400, detail="bad name")
    # [beyond docs] containment check through Path.parents with an early exit
    # ok: path-traversal
    target.write_text(content)
    return {"stored": name}


@router.post("/notes")
async def append_note(note_name: str = Form(...), note: str = Form(...)):
    if len(note_name) > 64:
        raise HTTPException(status_code=400)
    # length check only on a form field
    # ruleid: path-traversal
    with open(STORAGE / "notes" / note_name, "a", encoding="utf-8") as fh:
        fh.write(note + "\n")
    return {"ok": True}


@router.post("/score/{model_name}")
async def score(model_name: str, features: list[float]):
    if model_name not in MODELS:
        raise HTTPException(status_code=404)
    # model file picked from a constant dictionary
    # ok: unsafe-deserialization
    model = joblib.load(MODELS[model_name])
    return {"score": float(model.predict([features])[0])}


@router.post("/score/custom")
async def score_custom(model_file: UploadFile = File(...)):
    # user-uploaded model file loaded with joblib (pickle underneath)
    # ruleid: unsafe-deserialization
    model = joblib.load(model_file.file)
    return {"classes": list(getattr(model, "classes_", []))}


@router.post("/convert/{doc_id}")
async def convert(doc_id: uuid.UUID, fmt: str = Form("pdf")):
    src = STORAGE / f"{doc_id}.docx"
    # format flag passed as its own argument to a program without a shell
    # ok: command-injection
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(STORAGE), str(src)], check=True, timeout=120)
    return {"ok": True}


@router.post("/thumbnail/{doc_id}")
async def thumbnail(doc_id: uuid.UUID, size: str = Form("256x256")):
    src = STORAGE / f"{doc_id}.pdf"
    # form field inside a shell command
    # ruleid: command-injection
    subprocess.run(f"pdftoppm -png -scale-to {size} {src} {src.with_suffix('')}", shell=True, check=True)
    return {"ok": True}
