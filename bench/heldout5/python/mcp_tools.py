"""MCP server exposing ops tools to an LLM agent. Tool arguments are chosen by the model,
which reads untrusted text (tickets, web pages), so every argument is untrusted input."""

import ast
import base64
import os
import pickle
import re
import sqlite3
import subprocess
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ops-assistant")
DB_PATH = "/var/lib/ops/orders.db"
WORKSPACE = Path("/srv/agent-workspace").resolve()
NOTES_DIR = Path("/srv/agent-workspace/notes")
DIAGNOSTICS = {"disk": "df -h /", "memory": "free -m", "load": "uptime"}
ARITHMETIC_RE = re.compile(r"[0-9+\-*/(). ]{1,200}")


class DocsClient:
    http = httpx.AsyncClient(base_url="https://docs.internal.example", timeout=10)

    async def page(self, slug: str) -> str:
        # relative path on a client with a fixed base_url
        # ok: ssrf
        resp = await self.http.get(f"/pages/{slug}")
        return resp.text


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", title.lower())[:80]


@mcp.tool()
def query_orders(customer: str, status: str = "open") -> list:
    """List a customer's orders."""
    conn = sqlite3.connect(DB_PATH)
    # model-chosen arguments inside quoted literals
    # ruleid: sql-injection
    rows = conn.execute(f"SELECT id, total FROM orders WHERE customer = '{customer}' AND status = '{status}'").fetchall()
    return [list(r) for r in rows]


@mcp.tool()
def order_detail(order_id: str) -> list:
    """Show one order."""
    conn = sqlite3.connect(DB_PATH)
    # placeholder
    # ok: sql-injection
    return list(conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone() or [])


@mcp.tool()
def run_sql_report(where_clause: str) -> list:
    """Run a read-only report with a custom WHERE clause."""
    conn = sqlite3.connect(f"file:{DB_PATH}?mode=ro", uri=True)
    # a whole clause from the model, even on a read-only connection
    # ruleid: sql-injection
    return conn.execute("SELECT id, total FROM orders WHERE " + where_clause).fetchall()


@mcp.tool()
def run_diagnostic(name: str) -> str:
    """Run a named diagnostic (disk, memory, load)."""
    if name not in DIAGNOSTICS:
        return "unknown diagnostic"
    # constant command chosen by key after an early return
    # ok: command-injection
    return subprocess.run(DIAGNOSTICS[name], shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def shell(command: str) -> str:
    """Run a shell command on the ops box."""
    # the model's command string in a shell
    # ruleid: command-injection
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def grep_logs(pattern: str, service: str = "api") -> str:
    """Search a service log."""
    # quotes typed around the pattern do not stop a ' in it
    # ruleid: command-injection
    return os.popen(f"grep -n '{pattern}' /var/log/{service}.log | tail -n 50").read()


@mcp.tool()
def git_log(repo: str, ref: str = "HEAD") -> str:
    """Show recent commits."""
    # argument list, no shell, options ended before the ref
    # ok: command-injection
    return subprocess.run(["git", "-C", str(WORKSPACE / "repos" / Path(repo).name), "log", "--oneline", "-n", "20", "--end-of-options", ref], capture_output=True, text=True).stdout


@mcp.tool()
def read_file(path: str) -> str:
    """Read a file from the workspace."""
    # model-chosen path read directly
    # ruleid: path-traversal
    return Path(path).read_text()


@mcp.tool()
def read_workspace_file(relative: str) -> str:
    """Read a file inside the workspace."""
    target = (WORKSPACE / relative).resolve()
    if not target.is_relative_to(WORKSPACE):
        return "outside the workspace"
    # resolve() + is_relative_to with an early return
    # ok: path-traversal
    return target.read_text()


@mcp.tool()
def list_parent(relative: str) -> str:
    """Read a file if it sits under the workspace."""
    target = WORKSPACE / relative
    if WORKSPACE not in target.parents:
        return "outside the workspace"
    # .parents of an unresolved path: workspace/a/../../etc/passwd passes
    # ruleid: path-traversal
    return target.read_text()


@mcp.tool()
def write_note(title: str, body: str) -> str:
    """Save a note."""
    name = slugify(title)
    # same-file slugify replaces every character outside [a-z0-9-] [beyond docs]
    # ok: path-traversal
    (NOTES_DIR / f"{name}.md").write_text(body)
    return name


@mcp.tool()
async def fetch_url(url: str) -> str:
    """Fetch a web page for the model."""
    # model-chosen URL
    # ruleid: ssrf
    return httpx.get(url, timeout=10, follow_redirects=True).text


@mcp.tool()
async def docs_page(slug: str) -> str:
    """Read an internal docs page."""
    return await DocsClient().page(slug)


@mcp.tool()
def search_docs(query: str) -> str:
    """Search the public documentation."""
    # fixed host, the query passed as params
    # ok: ssrf
    return httpx.get("https://docs.example.com/api/search", params={"q": query}, timeout=10).text


@mcp.tool()
def calculate(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    # eval with builtins removed is still code execution
    # ruleid: code-injection
    return str(eval(expression, {"__builtins__": {}}))


@mcp.tool()
def calculate_checked(expression: str) -> str:
    """Evaluate an arithmetic expression (digits and operators only)."""
    if not ARITHMETIC_RE.fullmatch(expression):
        return "rejected"
    # full-match regex of digits and operators with an early return
    # ok: code-injection
    return str(eval(expression))


@mcp.tool()
def parse_literal(text: str) -> str:
    """Parse a Python literal."""
    # literal-only parser
    # ok: code-injection
    return repr(ast.literal_eval(text))


@mcp.tool()
def restore_session(blob: str) -> list:
    """Restore a saved agent session."""
    # pickle of a base64 string the model passes in
    # ruleid: unsafe-deserialization
    return list(pickle.loads(base64.b64decode(blob)))
