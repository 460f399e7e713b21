"""`unguarded scan --semgrep`: real semgrep runs (one process per scan), the merge of the
two engines' findings in every report format, and semgrep missing or failing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.sarif_check import check_sarif
from unguarded.semgrep import EXECUTABLE_ENV, find_semgrep

REAL_SEMGREP = find_semgrep()
pytestmark = pytest.mark.skipif(REAL_SEMGREP is None, reason="semgrep is a dev dependency")

# Both engines report this sink: one finding, tagged with both.
VULNERABLE = (
    "import os\nfrom flask import request\n\n\n"
    'def run():\n    os.system("ls " + request.args["d"])\n'
)
VULNERABLE_JS = (
    'const { exec } = require("child_process");\n'
    'app.get("/", (req, res) => { exec("ls " + req.query.dir); });\n'
)
# A rule of the user's own that only semgrep knows: its findings are semgrep's alone.
USER_RULE = """\
rules:
  - id: no-print
    languages: [python]
    severity: WARNING
    message: use logging, not print
    pattern: print(...)
"""


def counting_semgrep(folder: Path) -> tuple[Path, Path]:
    """A semgrep that logs each start and runs the real one; (program, log)."""
    log = folder / "semgrep-runs.log"
    program = folder / "semgrep"
    program.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{REAL_SEMGREP}" "$@"\n')
    program.chmod(0o755)
    return program, log


def unguarded(
    root: Path, *arguments: str, semgrep: Path | str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if semgrep is not None:
        env[EXECUTABLE_ENV] = str(semgrep)
    return subprocess.run(
        [sys.executable, "-m", "unguarded", "scan", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(VULNERABLE + '\n\ndef report():\n    print("done")\n')
    (root / "src" / "server.js").write_text(VULNERABLE_JS)
    (root / "src" / "clean.py").write_text("x = 1\n")
    (root / "no-print.yaml").write_text(USER_RULE)
    return root


def by_location(results: list[dict[str, Any]]) -> dict[tuple[str, int, str], dict[str, Any]]:
    table = {}
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        key = (location["artifactLocation"]["uri"], location["region"]["startLine"])
        table[(*key, result["ruleId"])] = result
    return table


def test_both_engines_in_one_semgrep_run_merged_in_sarif(project: Path, tmp_path: Path) -> None:
    program, log = counting_semgrep(tmp_path)
    completed = unguarded(
        project,
        "--semgrep",
        "--semgrep-config",
        "no-print.yaml",
        "--format",
        "sarif",
        ".",
        semgrep=program,
    )
    assert completed.returncode == 1, completed.stderr
    assert log.read_text() == "run\n", "one semgrep process for all files"
    run = check_sarif(completed.stdout)["runs"][0]
    results = by_location(run["results"])
    assert set(results) == {
        ("src/app.py", 6, "command-injection"),
        ("src/app.py", 10, "no-print"),
        ("src/server.js", 2, "command-injection"),
    }
    # One result per sink both engines report, tagged with both.
    for key in (("src/app.py", 6, "command-injection"), ("src/server.js", 2, "command-injection")):
        properties = results[key]["properties"]
        assert properties["engines"] == ["unguarded", "semgrep"], key
        assert properties["semgrepRule"]
        assert results[key]["relatedLocations"], "the engine's finding (with its path) is kept"
    only_semgrep = results[("src/app.py", 10, "no-print")]
    assert only_semgrep["properties"]["engines"] == ["semgrep"]
    assert only_semgrep["level"] == "warning"
    assert only_semgrep["partialFingerprints"]
    rule = run["tool"]["driver"]["rules"][only_semgrep["ruleIndex"]]
    assert rule["id"] == "no-print" and "semgrep" in rule["properties"]["tags"]


def test_text_and_json_name_the_engines(project: Path) -> None:
    # The user's config from the settings file, relative to it (run from a subfolder).
    (project / ".unguarded.toml").write_text('[semgrep]\nconfigs = ["no-print.yaml"]\n')
    arguments = ("--semgrep", "app.py")
    project = project / "src"
    text = unguarded(project, *arguments).stdout
    assert "found by: unguarded + semgrep (" in text
    assert "app.py:10:5: warning [no-print] use logging, not print" in text
    report = json.loads(unguarded(project, "--format", "json", *arguments).stdout)
    engines = {(f["ruleId"], tuple(f["engines"])) for f in report["findings"]}
    assert engines == {
        ("command-injection", ("unguarded", "semgrep")),
        ("no-print", ("semgrep",)),
    }
    # Without --semgrep, the engine alone.
    alone = json.loads(unguarded(project, "--format", "json", "app.py").stdout)
    assert [f["engines"] for f in alone["findings"]] == [["unguarded"]]


def test_semgrep_and_a_baseline_compare_both_engines(tmp_path: Path) -> None:
    from tests.test_scan_git import commit, git, new_repo

    root = new_repo(tmp_path / "repo")
    (root / "no-print.yaml").write_text(USER_RULE)
    (root / "app.py").write_text(VULNERABLE + '\n\ndef report():\n    print("done")\n')
    commit(root, "initial")
    # Lines move; a new print() call is the only new finding, and semgrep alone sees it.
    (root / "app.py").write_text(
        "import sys\n" + VULNERABLE + '\n\ndef report():\n    print("done")\n    print(sys.argv)\n'
    )
    program, log = counting_semgrep(tmp_path)
    completed = unguarded(
        root,
        "--semgrep",
        "--semgrep-config",
        "no-print.yaml",
        "--baseline",
        "HEAD",
        "--format",
        "json",
        semgrep=program,
    )
    report = json.loads(completed.stdout)
    assert [(f["ruleId"], f["region"]["startLine"]) for f in report["findings"]] == [
        ("no-print", 12)
    ]
    assert report["baseline"]["unchanged"] == 2
    assert log.read_text() == "run\nrun\n", "one run for the work tree, one for the base"
    assert git(root, "status", "--porcelain") == " M app.py\n"


def test_missing_semgrep_is_a_clear_usage_error(project: Path) -> None:
    completed = unguarded(project, "--semgrep", ".", semgrep=project / "no" / "semgrep")
    assert completed.returncode == 2
    assert "--semgrep: semgrep is not installed" in completed.stderr
    assert "pip install 'unguarded[semgrep]'" in completed.stderr
    assert completed.stdout == ""  # nothing was analysed
    refused = unguarded(project, "--semgrep", "--semgrep-config", "p/python", ".")
    assert refused.returncode == 2 and "registry" in refused.stderr
    assert unguarded(project, "--semgrep-config", "no-print.yaml", ".").returncode == 2


def test_a_failing_semgrep_keeps_the_engine_report_and_exits_2(
    project: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken-semgrep"
    broken.write_text("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n")
    broken.chmod(0o755)
    completed = unguarded(project, "--semgrep", "--format", "sarif", ".", semgrep=broken)
    assert completed.returncode == 2
    assert "unguarded: error: semgrep:" in completed.stderr
    run = check_sarif(completed.stdout)["runs"][0]
    assert len(run["results"]) == 2  # the tree-sitter engine's findings are all there
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("semgrep:")
