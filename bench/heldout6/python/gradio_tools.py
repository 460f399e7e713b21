"""Gradio tools for the support team: each function is wired to form inputs below."""

import os
import re
import subprocess
from pathlib import Path

import gradio as gr
import httpx
import psycopg

DSN = os.environ["SUPPORT_DSN"]
LOG_ROOT = Path("/srv/logs").resolve()
SERVICE_RE = re.compile(r"[a-z][a-z0-9-]{1,40}")


def lookup_customer(email, sort_column):
    with psycopg.connect(DSN) as pg:
        # email bound with %s, the sort column pasted into ORDER BY
        # ruleid: sql-injection
        rows = pg.execute("SELECT id, email FROM customers WHERE email = %s ORDER BY " + sort_column, (email,)).fetchall()
        # both values bound or fixed
        # ok: sql-injection
        again = pg.execute("SELECT id, email FROM customers WHERE email = %s ORDER BY id", (email,)).fetchall()
    return str(rows + again)


def read_log(service):
    if not SERVICE_RE.match(service):
        return "bad service"
    # re.match is anchored only at the start: "api/../../etc/passwd" passes
    # ruleid: path-traversal
    return (LOG_ROOT / service / "current.log").read_text()


def read_log_strict(service):
    if not SERVICE_RE.fullmatch(service):
        return "bad service"
    # fullmatch over [a-z][a-z0-9-]: no "/" or "."
    # ok: path-traversal
    return (LOG_ROOT / service / "today.log").read_text()


def restart(service):
    if not SERVICE_RE.fullmatch(service):
        return "bad service"
    # the same fullmatch guards the shell line
    # ok: command-injection
    return subprocess.run(f"systemctl restart {service}", shell=True, capture_output=True, text=True).stdout


def probe(url):
    # a URL typed into the form fetched from the server
    # ruleid: ssrf
    return httpx.get(url, timeout=5).text[:500]


demo = gr.TabbedInterface(
    [
        gr.Interface(fn=lookup_customer, inputs=["text", "text"], outputs="text"),
        gr.Interface(fn=read_log, inputs="text", outputs="text"),
        gr.Interface(fn=read_log_strict, inputs="text", outputs="text"),
        gr.Interface(fn=restart, inputs="text", outputs="text"),
        gr.Interface(fn=probe, inputs="text", outputs="text"),
    ],
    ["Customer", "Logs", "Logs (strict)", "Restart", "Probe"],
)

if __name__ == "__main__":
    demo.launch(server_name="0.0.0.0")
