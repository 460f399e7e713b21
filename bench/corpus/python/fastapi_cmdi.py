"""Build and deploy API (FastAPI, asyncio subprocesses).

Benchmark corpus, command-injection (CWE-78).
"""
import asyncio
import re
import shlex
import subprocess
from enum import Enum

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,100}$")


class Env(str, Enum):
    staging = "staging"
    production = "production"


class BuildRequest(BaseModel):
    repo: str
    branch: str = "main"


@app.post("/builds")
async def build(req: BuildRequest):
    # Pydantic fields in an asyncio shell command.
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"git clone --branch {req.branch} {req.repo} /tmp/build")
    return {"rc": await proc.wait()}


@app.post("/builds/exec")
async def build_exec(req: BuildRequest):
    # create_subprocess_exec: no shell.
    # ok: command-injection
    proc = await asyncio.create_subprocess_exec("git", "clone", "--branch", req.branch, "--", req.repo, "/tmp/build")
    return {"rc": await proc.wait()}


@app.post("/builds/quoted")
async def build_quoted(req: BuildRequest):
    # Both values quoted.
    cmd = f"git clone --branch {shlex.quote(req.branch)} -- {shlex.quote(req.repo)} /tmp/build"
    # ok: command-injection
    proc = await asyncio.create_subprocess_shell(cmd)
    return {"rc": await proc.wait()}


@app.post("/deploy/{env}")
def deploy(env: Env):
    # Enum-typed parameter: only the two member values reach the handler.
    # ok: command-injection
    subprocess.run(f"./deploy.sh {env.value}", shell=True, check=True)
    return {"deployed": env.value}


@app.post("/deploy-raw/{env}")
def deploy_raw(env: str):
    # str-typed path parameter.
    # ruleid: command-injection
    subprocess.run(f"./deploy.sh {env}", shell=True, check=True)
    return {"deployed": env}


@app.post("/checkout")
def checkout(branch: str):
    # Anchored regex with an early exit.
    if not BRANCH.fullmatch(branch):
        raise HTTPException(400, "bad branch")
    # ok: command-injection
    subprocess.run("git checkout " + branch, shell=True, check=True, cwd="/srv/app")
    return {"branch": branch}


@app.post("/checkout-search")
def checkout_search(branch: str):
    # re.search without anchors accepts "main; rm -rf /".
    if not re.search(r"[A-Za-z0-9]", branch):
        raise HTTPException(400, "bad branch")
    # ruleid: command-injection
    subprocess.run("git checkout " + branch, shell=True, check=True, cwd="/srv/app")
    return {"branch": branch}


@app.get("/scale/{replicas}")
def scale(replicas: int):
    # int-typed parameter.
    # ok: command-injection
    subprocess.call(f"kubectl scale deploy/web --replicas={replicas}", shell=True)
    return {"replicas": replicas}
