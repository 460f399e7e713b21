"""End to end in a real Neovim: the clients/neovim plugin starts `unguarded serve`, and the
diagnostic arrives through Neovim's own LSP client (vim.diagnostic.get).

Neovim runs headless with clients/neovim/test/e2e.lua, which records what it saw as JSON;
the assertions are here. Without `nvim` on PATH the test is skipped, except under CI
(CI set), where a missing Neovim is a failure: CI installs it (scripts/test-clients).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "clients" / "neovim" / "test" / "e2e.lua"
SERVER_COMMAND = [sys.executable, "-m", "unguarded", "serve"]

VULNERABLE = """\
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/preview")
def preview():
    url = request.args.get("url")
    return requests.get(url, timeout=5).text
"""
SINK_LINE = 9  # 0-based, as vim.diagnostic counts


def _nvim() -> str:
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI"):
            pytest.fail("nvim is not on PATH, and CI is set: CI must install Neovim")
        pytest.skip("nvim is not on PATH (apt-get install neovim, or run scripts/test-clients)")
    return nvim


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One headless Neovim session; every test reads its record."""
    nvim = _nvim()
    project = tmp_path_factory.mktemp("nvim-project")
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    source = project / "app.py"
    source.write_text(VULNERABLE)
    result_file = project / "result.json"
    env = {
        **os.environ,
        "UNGUARDED_TEST_FILE": str(source),
        "UNGUARDED_TEST_RESULT": str(result_file),
        "UNGUARDED_TEST_CMD": json.dumps(SERVER_COMMAND),
        "UNGUARDED_TEST_TIMEOUT_MS": "20000",
        "XDG_STATE_HOME": str(project / "state"),  # Neovim's LSP log goes here, not ~
        "XDG_CACHE_HOME": str(project / "cache"),
        "XDG_DATA_HOME": str(project / "data"),
    }
    completed = subprocess.run(
        [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    details = (
        f"exit {completed.returncode}\nstdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
    )
    assert result_file.exists(), f"Neovim wrote no result; {details}"
    record: dict[str, Any] = json.loads(result_file.read_text())
    assert completed.returncode == 0, f"{details}\nrecord: {record}"
    assert record["errors"] == [], record["errors"]
    record["project"] = str(project)
    return record


def test_the_plugin_attaches_and_defines_its_commands(session: dict[str, Any]) -> None:
    assert session["filetype"] == "python"
    assert session["client_count"] == 1
    assert session["root_dir"] == session["project"]  # found through pyproject.toml
    assert session["commands"] == {"restart": True, "scan": True, "info": True}


def test_the_ssrf_diagnostic_arrives_through_vim_diagnostic(session: dict[str, Any]) -> None:
    assert session["got_diagnostics"], f"no diagnostics: {session}"
    diagnostics = session["diagnostics"]
    assert len(diagnostics) == 1, diagnostics
    diagnostic = diagnostics[0]
    assert diagnostic["source"] == "unguarded"
    assert diagnostic["code"] == "ssrf"
    assert diagnostic["lnum"] == SINK_LINE
    assert diagnostic["col"] == VULNERABLE.splitlines()[SINK_LINE].index("requests.get")
    assert diagnostic["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert "host allowlist" in diagnostic["message"]


def test_the_quick_fix_applies_and_clears_the_diagnostic(session: dict[str, Any]) -> None:
    assert session["code_action_provider"], "the server does not advertise codeActionProvider"
    assert session["code_actions"], "no code action for the ssrf diagnostic"
    # e2e.lua applied the preferred fix (else the first edit that is not a suppression)
    # through vim.lsp.util.apply_workspace_edit, as vim.lsp.buf.code_action would.
    assert session["applied_fix"], session["code_actions"]
    assert "Suppress" not in session["applied_fix"]
    assert session["cleared_after_fix"], session["diagnostics_after_fix"]
    assert session["text_after_fix"] != VULNERABLE.rstrip("\n")


def test_scan_workspace_answers_plainly(session: dict[str, Any]) -> None:
    message = session["scan_message"]
    assert message is not None and message.startswith("unguarded: "), session["messages"]
    assert "not available yet" in message or "workspace scan" in message


def test_restart_brings_the_diagnostic_back(session: dict[str, Any]) -> None:
    assert session["restarted"], session["messages"]
    assert [d["code"] for d in session["diagnostics_after_restart"]] == ["ssrf"]


def test_settings_changes_reach_the_server(session: dict[str, Any]) -> None:
    assert session["cleared_by_settings"], "disabling ssrf did not clear the diagnostic"
