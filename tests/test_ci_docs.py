"""docs/ci.md and the example workflow stay runnable: every `unguarded scan` command in
them is one the CLI accepts, and the workflow uploads the file the scan writes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import yaml

from unguarded.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "ci.md"
WORKFLOW = ROOT / "docs" / "github-actions.yml"


def scan_commands(text: str) -> list[list[str]]:
    """`unguarded scan ...` command lines, with GitHub expressions as plain words."""
    text = re.sub(r"\$\{\{[^}]*\}\}", "REF", text)
    commands = []
    for match in re.finditer(r"unguarded scan[^\n`#]*", text):
        words = shlex.split(match.group(0))
        commands.append(words[1:])
    return commands


def test_every_scan_command_in_the_docs_parses() -> None:
    commands = scan_commands(DOCS.read_text(encoding="utf-8"))
    commands += scan_commands(WORKFLOW.read_text(encoding="utf-8"))
    assert len(commands) >= 8
    for arguments in commands:
        parsed = _parser().parse_args(arguments)  # exits (fails the test) on a bad option
        assert parsed.command == "scan"


def test_the_workflow_uploads_the_sarif_it_writes() -> None:
    workflow: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # --baseline needs the base branch
    scan = next(s for s in steps if "--format sarif" in s.get("run", ""))
    arguments = _parser().parse_args(shlex.split(scan["run"])[1:])
    upload = next(
        s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")
    )
    assert upload["with"]["sarif_file"] == str(arguments.output)
    assert arguments.format == "sarif" and arguments.fail_on == "never"
    assert arguments.baseline is None and arguments.changed is None  # uploads are full scans


def test_readme_links_the_ci_docs() -> None:
    assert "(docs/ci.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
