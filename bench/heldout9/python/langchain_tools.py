"""Tools of the analytics assistant (LangChain). The model chooses every argument,
after reading tickets, web pages and files written by other people."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import json

import requests
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from langchain_core.tools import tool
from pymongo import MongoClient
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["ANALYTICS_DB_URL"], pool_pre_ping=True)
WORKSPACE = Path(os.environ.get("AGENT_WORKSPACE", "/srv/agent/workspace")).resolve()
NOTES = WORKSPACE / "notes"
ALLOWED_TABLES = {"orders", "customers", "products", "refunds"}
MATH_NAMES = {"abs": abs, "round": round, "min": min, "max": max}
tickets = MongoClient(os.environ["SUPPORT_MONGO_URL"]).support.tickets


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@tool
def sql_query(query: str) -> str:
    """Run a read-only SQL query against the analytics database."""
    if not query.lstrip().lower().startswith("select"):
        return "Only SELECT statements are allowed."
    with engine.connect() as conn:
        # a SELECT-prefix check still runs whatever text the model wrote
        # ruleid: sql-injection
        rows = conn.execute(text(query)).fetchmany(200)
    return "\n".join(str(tuple(r)) for r in rows)


@tool
def table_preview(table: str, limit: int = 20) -> str:
    """Show the first rows of a table."""
    if table not in ALLOWED_TABLES:
        return f"Unknown table {table!r}."
    with engine.connect() as conn:
        # allowlisted table, int() on the limit
        # ok: sql-injection
        rows = conn.execute(text(f"SELECT * FROM {table} LIMIT {int(limit)}")).fetchall()
    return "\n".join(str(tuple(r)) for r in rows)


@tool
def count_rows(table: str) -> int:
    """Count the rows of any table."""
    with engine.connect() as conn:
        # identifier quoting that doubles the quote inside double quotes
        # ok: sql-injection
        return conn.execute(text(f"SELECT count(*) FROM {_quote_ident(table)}")).scalar_one()


@tool
def run_shell(command: str) -> str:
    """Run a shell command in the workspace."""
    # the model's command line given to a shell
    # ruleid: command-injection
    done = subprocess.run(command, shell=True, cwd=WORKSPACE, capture_output=True, text=True, timeout=60)
    return done.stdout[-4000:]


@tool
def grep_workspace(pattern: str) -> str:
    """Search the workspace for a pattern."""
    # the pattern is shell-quoted
    # ok: command-injection
    done = subprocess.run(f"grep -rn {shlex.quote(pattern)} . | head -50", shell=True, cwd=WORKSPACE, capture_output=True, text=True)
    return done.stdout


@tool
def read_file(path: str) -> str:
    """Read a file from the workspace."""
    # WORKSPACE in front of the model's path is no containment
    # ruleid: path-traversal
    return (WORKSPACE / path).read_text(encoding="utf-8")[:20000]


@tool
def read_file_checked(path: str) -> str:
    """Read a file from the workspace, refusing paths outside it."""
    target = (WORKSPACE / path).resolve()
    if not target.is_relative_to(WORKSPACE):
        return "Path is outside the workspace."
    # resolved and contained, early return
    # ok: path-traversal
    return target.read_text(encoding="utf-8")[:20000]


@tool
def write_note(name: str, content: str) -> str:
    """Save a markdown note."""
    # with_suffix() changes the extension, not the directories
    # ruleid: path-traversal
    (NOTES / name).with_suffix(".md").write_text(content, encoding="utf-8")
    return "saved"


@tool
def fetch_url(url: str) -> str:
    """Fetch a web page."""
    # any URL the model was talked into
    # ruleid: ssrf
    return requests.get(url, timeout=15).text[:20000]


@tool
def python_docs(page: str) -> str:
    """Fetch a page of the Python documentation."""
    # fixed https://host/ in front
    # ok: ssrf
    return requests.get(f"https://docs.python.org/3/{page}", timeout=15).text[:20000]


@tool
def calculator(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    # emptied builtins are no sandbox
    # ruleid: code-injection
    return str(eval(expression, {"__builtins__": {}}, MATH_NAMES))


@tool
def render_email(template_text: str, first_name: str) -> str:
    """Render an e-mail template written by the user."""
    # a plain Jinja environment compiles the model's template
    # ruleid: ssti
    return Environment().from_string(template_text).render(first_name=first_name)


@tool
def render_email_sandboxed(template_text: str, first_name: str) -> str:
    """Render an e-mail template in Jinja's sandbox."""
    # the sandboxed environment
    # ok: ssti
    return SandboxedEnvironment().from_string(template_text).render(first_name=first_name)


@tool
def find_tickets(filter_json: str) -> str:
    """Find support tickets with a MongoDB filter written as JSON."""
    # the model writes the whole filter, operators included
    # ruleid: nosql-injection
    docs = tickets.find(json.loads(filter_json)).limit(20)
    return "\n".join(str(d.get("subject")) for d in docs)


@tool
def tickets_of(customer_email: str, status: str = "open") -> str:
    """Tickets of one customer."""
    # both values forced to strings inside a fixed filter shape
    # ok: nosql-injection
    docs = tickets.find({"customer_email": str(customer_email), "status": str(status)}).limit(20)
    return "\n".join(str(d.get("subject")) for d in docs)
