"""Chat backend on Quart (async Flask API) with an LLM tool-runner."""
from __future__ import annotations

import ast
import json
import operator
import os
import pickle
import re

import httpx
from jinja2 import Environment, FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment
from quart import Quart, abort, redirect, render_template_string, request, websocket

app = Quart(__name__)
# Quart secret key as a literal
# ruleid: hardcoded-secret
app.secret_key = "3c1f9a0e-7d42-4b8e-9f1a-quart-prod-77"

env = Environment(loader=FileSystemLoader("templates"), autoescape=True)
sandbox = SandboxedEnvironment(autoescape=True)
MODEL_ENDPOINTS = {
    "small": "https://llm.internal.example/v1/small",
    "large": "https://llm.internal.example/v1/large",
}
OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}
CALC_RE = re.compile(r"[0-9+\-*/(). ]{1,64}")


@app.post("/api/complete")
async def complete():
    data = await request.get_json()
    endpoint = MODEL_ENDPOINTS.get(data.get("model", "small"), MODEL_ENDPOINTS["small"])
    async with httpx.AsyncClient() as client:
        # model endpoint chosen from a constant dict [beyond docs]
        # ok: ssrf
        r = await client.post(endpoint, json={"prompt": data["prompt"]})
    return r.json()


@app.post("/api/tools/fetch")
async def tool_fetch():
    data = await request.get_json()
    # tool call fetches a URL from the Quart JSON body [beyond docs]
    # ruleid: ssrf
    r = httpx.get(data["url"], follow_redirects=True, timeout=10)
    return {"text": r.text[:2000]}


@app.post("/api/tools/calc")
async def tool_calc():
    expr = (await request.get_json())["expr"]
    if not CALC_RE.fullmatch(expr):
        abort(400)
    # anchored full-match regex before eval [beyond docs]
    # ok: code-injection
    return {"result": eval(expr, {"__builtins__": {}})}


@app.post("/api/tools/calc-legacy")
async def tool_calc_legacy():
    expr = (await request.get_json())["expr"]
    # eval of a body value with builtins removed (not a control) [beyond docs]
    # ruleid: code-injection
    return {"result": eval(expr, {"__builtins__": {}}, {})}


@app.post("/api/tools/literal")
async def tool_literal():
    raw = (await request.get_json())["value"]
    # literal-only parser
    # ok: code-injection
    return {"value": ast.literal_eval(raw)}


@app.get("/share")
async def share():
    title = request.args.get("title", "")
    # Quart render_template_string with the query value in the source [beyond docs]
    # ruleid: xss
    return await render_template_string("<h2>" + title + "</h2>")


@app.get("/share/safe")
async def share_safe():
    title = request.args.get("title", "")
    # constant template, value passed as a variable
    # ok: xss
    return await render_template_string("<h2>{{ title }}</h2>", title=title)


@app.post("/api/prompt-template")
async def prompt_template():
    data = await request.get_json()
    # user-written prompt template compiled by a plain Jinja environment [beyond docs]
    # ruleid: ssti
    tpl = env.from_string(data["template"])
    return {"prompt": tpl.render(user="guest")}


@app.post("/api/prompt-template/sandboxed")
async def prompt_template_sandboxed():
    data = await request.get_json()
    # sandboxed environment kept in a variable named sandbox
    # ok: ssti
    tpl = sandbox.from_string(data["template"])
    return {"prompt": tpl.render(user="guest")}


@app.get("/continue")
async def continue_to():
    target = request.args.get("next", "/")
    if not target.startswith("/"):
        abort(400)
    # a leading '/' check lets //evil.example through [beyond docs]
    # ruleid: open-redirect
    return redirect(target)


@app.websocket("/ws/session")
async def ws_session():
    while True:
        raw = await websocket.receive()
        msg = json.loads(raw)
        if msg.get("type") == "restore":
            # pickle of websocket message data [beyond docs]
            # ruleid: unsafe-deserialization
            state = pickle.loads(bytes.fromhex(msg["blob"]))
            await websocket.send(json.dumps({"restored": len(state)}))


@app.websocket("/ws/calc")
async def ws_calc():
    while True:
        a, op, b = json.loads(await websocket.receive())
        fn = OPS.get(op)
        if fn is None:
            continue
        await websocket.send(str(fn(float(a), float(b))))


if __name__ == "__main__":
    # Quart debug run switched by the environment
    # ok: debug-mode
    app.run(debug=os.environ.get("QUART_DEBUG") == "1")
