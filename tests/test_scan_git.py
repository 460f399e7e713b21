"""`scan --baseline REF` and `scan --changed [REF]` on temporary git repositories, and the
fingerprints that match findings across commits."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.sarif_check import check_sarif
from unguarded.analysis import AnalysisSettings, analyze
from unguarded.documents import Document, language_for_path
from unguarded.fingerprints import FINGERPRINT_KEY, fingerprints

VULNERABLE = """\
import os
from flask import request


def run():
    os.system("ls " + request.args["d"])


def other():
    os.system("rm " + request.args["x"])
"""
# The same findings after an edit that moves every line and reformats one sink.
MOVED = """\
import os
import sys
from flask import request


def added_above():
    return sys.argv


def other():
    os.system( 'rm ' + request.args["x"], )


def run():
    os.system("ls " + request.args["d"])
"""
NEW_SINK = """
def fresh():
    os.system("cat " + request.args["f"])
"""


def git(root: Path, *arguments: str) -> str:
    completed = subprocess.run(
        ["git", *arguments], cwd=root, capture_output=True, text=True, check=True
    )
    return completed.stdout


def new_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "Dev")
    git(root, "config", "commit.gpgsign", "false")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def unguarded(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unguarded", "scan", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def report(root: Path, *arguments: str) -> tuple[int, dict[str, Any]]:
    completed = unguarded(root, "--format", "json", *arguments)
    assert completed.returncode in (0, 1), completed.stderr
    return completed.returncode, json.loads(completed.stdout)


def found(document: dict[str, Any]) -> list[tuple[str, int]]:
    return sorted((Path(f["path"]).name, f["region"]["startLine"]) for f in document["findings"])


def tree_state(root: Path) -> tuple[str, str]:
    """The work tree and index as git sees them, to prove a scan changed neither."""
    index = hashlib.sha256((root / ".git" / "index").read_bytes()).hexdigest()
    return git(root, "status", "--porcelain=v1", "--untracked-files=all"), index


# ---------------------------------------------------------------------- fingerprints
def prints(text: str, name: str = "app.py") -> dict[tuple[str, int], str]:
    language = language_for_path(name)
    assert language is not None
    document = Document(name, language, text.encode())
    findings = analyze(document, AnalysisSettings())
    return {
        (f.rule_id, f.span.start[0] + 1): value
        for f, value in fingerprints(document, findings).items()
    }


def test_fingerprints_survive_moves_and_reformatting_but_not_renames() -> None:
    before = prints(VULNERABLE)
    after = prints(MOVED)
    assert len(before) == 2 and set(before.values()) == set(after.values())
    renamed = prints(VULNERABLE.replace("def run", "def run_tool"))
    assert len(set(renamed.values()) & set(before.values())) == 1  # only other() kept its


def test_identical_sinks_are_told_apart_by_scope_and_occurrence() -> None:
    twice = prints(
        VULNERABLE.replace(
            '    os.system("ls', '    os.system("ls " + request.args["d"])\n    os.system("ls'
        )
    )
    assert len(twice) == 3 and len(set(twice.values())) == 3
    routes = """\
const { exec } = require("child_process");
app.get("/a", (req, res) => { exec(req.query.cmd); });
app.get("/b", (req, res) => { exec(req.query.cmd); });
"""
    js = prints(routes, "app.js")
    assert len(js) == 2 and len(set(js.values())) == 2
    # Swapping the routes swaps the lines, not the fingerprints.
    lines = routes.splitlines(keepends=True)
    swapped = prints(lines[0] + lines[2] + lines[1], "app.js")
    assert set(swapped.values()) == set(js.values())
    assert swapped[("command-injection", 2)] == js[("command-injection", 3)]


# ---------------------------------------------------------------------- baseline
@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = new_repo(tmp_path / "project")
    (root / "app.py").write_text(VULNERABLE)
    (root / "old_name.py").write_text(VULNERABLE.replace("def ", "def legacy_"))
    (root / "clean.py").write_text("print('hello')\n")
    commit(root, "initial")
    return root


def test_baseline_reports_only_new_findings_and_leaves_the_tree_alone(project: Path) -> None:
    (project / "app.py").write_text(MOVED + NEW_SINK)
    git(project, "mv", "old_name.py", "new_name.py")  # staged rename: not new findings
    (project / "untracked.py").write_text(VULNERABLE)  # a new file: all new
    state = tree_state(project)

    code, everything = report(project, ".")
    assert len(everything["findings"]) == 7
    code, document = report(project, "--baseline", "HEAD")
    assert found(document) == [
        ("app.py", 18),
        ("untracked.py", 6),
        ("untracked.py", 10),
    ]
    assert code == 1
    baseline = document["baseline"]
    assert baseline["ref"] == "HEAD" and baseline["unchanged"] == 4
    assert baseline["commit"] == git(project, "rev-parse", "HEAD").strip()
    assert tree_state(project) == state

    text = unguarded(project, "--baseline", "HEAD").stdout
    assert text.rstrip().endswith(
        "4 more present at HEAD (" + baseline["commit"][:12] + ") not shown"
    )

    sarif = check_sarif(unguarded(project, "--format", "sarif", "--baseline", "HEAD").stdout)
    run = sarif["runs"][0]
    assert {r["baselineState"] for r in run["results"]} == {"new"}
    assert all(FINGERPRINT_KEY in r["partialFingerprints"] for r in run["results"])
    assert run["properties"]["baseline"]["unchanged"] == 4

    # Fix the new sink and drop the new file: nothing new, exit 0.
    (project / "app.py").write_text(MOVED)
    (project / "untracked.py").unlink()
    code, document = report(project, "--baseline", "HEAD")
    assert (code, document["findings"]) == (0, [])


def test_baseline_of_a_branch_is_its_merge_base(project: Path) -> None:
    git(project, "checkout", "-q", "-b", "feature")
    (project / "feature.py").write_text(VULNERABLE)
    commit(project, "feature work")
    git(project, "checkout", "-q", "main")
    (project / "app.py").write_text("print('fixed on main')\n")  # main fixed app.py since
    commit(project, "fix on main")
    git(project, "checkout", "-q", "feature")
    _, document = report(project, "--baseline", "main")
    # app.py's findings were there where the branch started: the branch did not add them.
    assert found(document) == [("feature.py", 6), ("feature.py", 10)]
    assert document["baseline"]["commit"] == git(project, "merge-base", "main", "HEAD").strip()


def test_baseline_with_no_commit_yet_reports_everything(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "fresh")
    (root / "app.py").write_text(VULNERABLE)
    git(root, "add", "app.py")
    code, document = report(root, "--baseline", "HEAD", "--changed")
    assert code == 1 and found(document) == [("app.py", 6), ("app.py", 10)]


# ---------------------------------------------------------------------- changed files
def test_changed_files_against_head_and_an_older_ref(project: Path) -> None:
    (project / ".gitignore").write_text("ignored.py\n")
    (project / "sub").mkdir()
    (project / "sub" / "committed.py").write_text(VULNERABLE)
    commit(project, "second")
    (project / "app.py").write_text(VULNERABLE + NEW_SINK)  # unstaged change
    (project / "staged.py").write_text(VULNERABLE)
    git(project, "add", "staged.py")
    (project / "sub" / "untracked.py").write_text(VULNERABLE)
    (project / "ignored.py").write_text(VULNERABLE)
    (project / "old_name.py").unlink()  # deleted: nothing to scan
    names = {"app.py", "staged.py", "untracked.py"}

    _, document = report(project, "--changed")
    assert {name for name, _ in found(document)} == names
    _, document = report(project, "--changed", "HEAD~1")
    assert {name for name, _ in found(document)} == names | {"committed.py"}
    # A folder after --changed is a path, not a ref (as in `git diff`); REF stays HEAD.
    _, document = report(project, "--changed", "sub")
    assert {name for name, _ in found(document)} == {"untracked.py"}
    _, document = report(project, "--changed", "HEAD", "sub", "staged.py")
    assert {name for name, _ in found(document)} == {"untracked.py", "staged.py"}
    # From a subfolder, paths are the current folder's.
    _, document = report(project / "sub", "--changed")
    assert {name for name, _ in found(document)} == {"untracked.py"}


def test_git_errors_are_clear(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    (outside / "app.py").write_text(VULNERABLE)
    for arguments in (("--changed",), ("--baseline", "HEAD")):
        completed = unguarded(outside, *arguments)
        assert completed.returncode == 2
        assert "is not in a git repository" in completed.stderr
    completed = unguarded(project, "--baseline", "no-such-branch")
    assert completed.returncode == 2
    assert "unknown git ref 'no-such-branch'" in completed.stderr
    completed = unguarded(project, "--changed", "nope~3")
    assert completed.returncode == 2 and "unknown git ref 'nope~3'" in completed.stderr
    assert "Traceback" not in completed.stderr
    # Without --changed/--baseline a path is still required.
    assert unguarded(project).returncode == 2


def test_sarif_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    folder = root / "src" / "my app"
    folder.mkdir(parents=True)
    (folder / "café.py").write_text(VULNERABLE)
    # Run from a subfolder, as a CI step with a working-directory would.
    completed = unguarded(root / "src", "--format", "sarif", ".")
    run = check_sarif(completed.stdout)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}}
    artifacts = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"])
        for r in run["results"]
    }
    assert artifacts == {json.dumps({"uri": "src/my%20app/caf%C3%A9.py", "uriBaseId": "%SRCROOT%"})}
