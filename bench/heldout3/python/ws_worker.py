"""Background worker: websockets control channel and a job runner class."""
from __future__ import annotations

import asyncio
import json
import marshal
import os
import subprocess
from pathlib import Path

import aiohttp
import aiomysql
import websockets

SPOOL = Path("/var/spool/worker").resolve()
ACTIONS = {"restart": "systemctl restart worker", "status": "systemctl status worker"}


class JobRunner:
    """Runs jobs described by dictionaries coming from the queue."""

    def __init__(self, pool: aiomysql.Pool, workdir: str) -> None:
        self.pool = pool
        self.workdir = workdir

    async def record(self, job_id: str, state: str) -> None:
        async with self.pool.acquire() as conn, conn.cursor() as cur:
            # aiomysql cursor with %s placeholders
            # ok: sql-injection
            await cur.execute("UPDATE jobs SET state = %s WHERE id = %s", (state, job_id))

    async def purge(self, table: str) -> None:
        async with self.pool.acquire() as conn, conn.cursor() as cur:
            # method parameter as a table name
            # ruleid: sql-injection
            await cur.execute(f"DELETE FROM {table} WHERE finished_at < now() - interval 7 day")

    def run_script(self, script: str) -> int:
        # method parameter run through a shell with cwd from self
        # ruleid: command-injection
        return subprocess.call(script, shell=True, cwd=self.workdir)

    def run_action(self, action: str) -> int:
        # command looked up in a constant dict
        # ok: command-injection
        return subprocess.call(ACTIONS.get(action, "true"), shell=True)

    def read_result(self, name: str) -> str:
        # method parameter under the spool dir (callers unknown)
        # ruleid: path-traversal
        return (SPOOL / name).read_text()

    def read_manifest(self) -> str:
        # constant path only
        # ok: path-traversal
        return (SPOOL / "manifest.json").read_text()

    async def fetch_artifact(self, artifact_url: str) -> bytes:
        async with aiohttp.ClientSession() as session:
            # aiohttp session with a method parameter URL
            # ruleid: ssrf
            async with session.get(artifact_url) as resp:
                return await resp.read()

    async def fetch_registry(self, package: str) -> dict:
        async with aiohttp.ClientSession() as session:
            # constant registry host, package name in the path
            # ok: ssrf
            async with session.get(f"https://registry.example.org/pkg/{package}") as resp:
                return await resp.json()

    async def insecure_ping(self) -> int:
        async with aiohttp.ClientSession() as session:
            # aiohttp request with ssl=False
            # ruleid: tls-verification-disabled
            async with session.get("https://metrics.internal.example/ping", ssl=False) as resp:
                return resp.status


async def control(ws) -> None:
    async for message in ws:
        cmd = json.loads(message)
        if cmd["op"] == "exec":
            # websocket message data executed as Python [beyond docs]
            # ruleid: code-injection
            exec(cmd["code"], {})
        elif cmd["op"] == "load":
            # marshal of websocket message data [beyond docs]
            # ruleid: unsafe-deserialization
            obj = marshal.loads(bytes.fromhex(cmd["blob"]))
            await ws.send(repr(obj))
        elif cmd["op"] == "tail":
            # websocket message field in a shell command [beyond docs]
            # ruleid: command-injection
            out = subprocess.check_output("tail -n 20 /var/log/worker/" + cmd["file"], shell=True)
            await ws.send(out.decode())


def _render_expr(op: str) -> str:
    return {"sum": "sum(values)", "max": "max(values)"}.get(op, "len(values)")


def summarize(values: list[float], op: str) -> float:
    # expression chosen from a literal dict inside a same-file helper
    # ok: code-injection
    return eval(_render_expr(op), {"values": values, "sum": sum, "max": max, "len": len})


async def main() -> None:
    async with websockets.serve(control, "127.0.0.1", int(os.environ.get("CONTROL_PORT", "8765"))):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
