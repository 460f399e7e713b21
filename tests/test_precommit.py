"""The shipped `.pre-commit-hooks.yaml`, used as a pre-commit user would: a project whose
`.pre-commit-config.yaml` names this repository, `pre-commit install`, `git commit`.

pre-commit clones the hook repository at a rev and pip-installs it into its own
environment. The repository here is a fresh git repository holding this checkout's files
as they are now (uncommitted changes included), so the test checks the code under test,
not the last commit. The install needs PyPI (for the dependencies); nothing else."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from unguarded.documents import language_for_path

ROOT = Path(__file__).resolve().parent.parent
# What `pip install .` of the hook repository needs (pyproject.toml's build settings).
PACKAGE_FILES = ("server", "queries", "rules", "pyproject.toml", "README.md")
VULNERABLE = (
    "import os\nfrom flask import request\n\n\n"
    'def run():\n    os.system("ls " + request.args["d"])\n'
)
SAFE = 'import subprocess\n\n\ndef run(name):\n    subprocess.run(["ls", name], check=True)\n'
VULNERABLE_JS = (
    'const { exec } = require("child_process");\n'
    'app.get("/", (req, res) => { exec("ls " + req.query.dir); });\n'
)


def hooks() -> list[dict[str, object]]:
    loaded = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_hook_definition_matches_the_files_unguarded_analyses() -> None:
    (hook,) = hooks()
    assert hook["id"] == "unguarded" and hook["language"] == "python"
    assert str(hook["entry"]).startswith("unguarded scan")
    pattern = re.compile(str(hook["files"]))
    suffixes = [
        "py",
        "pyi",
        "js",
        "mjs",
        "cjs",
        "jsx",
        "ts",
        "mts",
        "cts",
        "tsx",
        "json",
        "md",
        "txt",
        "pyc",
        "vue",
        "html",
        "yaml",
        "toml",
        "d.ts.map",
    ]
    for suffix in suffixes:
        name = f"src/module.{suffix}"
        assert bool(pattern.search(name)) == (language_for_path(name) is not None), suffix


def git(root: Path, *arguments: str, env: dict[str, str] | None = None) -> str:
    completed = subprocess.run(
        ["git", *arguments], cwd=root, capture_output=True, text=True, check=True, env=env
    )
    return completed.stdout


def _new_repository(root: Path) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "Dev")
    git(root, "config", "commit.gpgsign", "false")
    return root


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository with this checkout's package and hooks file; its commit."""
    repository = _new_repository(tmp_path_factory.mktemp("hooks") / "unguarded")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in (*PACKAGE_FILES, ".pre-commit-hooks.yaml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repository / name, ignore=ignore)
        else:
            shutil.copy2(source, repository / name)
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "unguarded at test time")
    return repository, git(repository, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One pre-commit cache for the module: the hook is installed once."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


@pytest.fixture
def project(tmp_path: Path, hook_repository: tuple[Path, str], environment: dict[str, str]) -> Path:
    repository, rev = hook_repository
    root = _new_repository(tmp_path / "project")
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repository}\n    rev: {rev}\n    hooks:\n      - id: unguarded\n"
    )
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=root,
        env=environment,
        check=True,
        capture_output=True,
    )
    return root


def commit(root: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`git commit`, which runs the installed pre-commit hook."""
    return subprocess.run(
        ["git", "commit", "-m", "change"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def has_commits(root: Path) -> bool:
    check = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root)
    return check.returncode == 0


def test_the_hook_blocks_a_vulnerable_staged_file(
    project: Path, environment: dict[str, str]
) -> None:
    (project / "app.py").write_text(VULNERABLE)
    git(project, "add", "app.py", ".pre-commit-config.yaml")
    blocked = commit(project, environment)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"unguarded\.+Failed", output), output
    assert "app.py:6:5: error [command-injection, CWE-78]" in output
    assert not has_commits(project)

    # The same for JavaScript.
    (project / "app.py").write_text(SAFE)
    (project / "server.js").write_text(VULNERABLE_JS)
    git(project, "add", "app.py", "server.js")
    blocked = commit(project, environment)
    assert blocked.returncode != 0
    assert "server.js:2:30: error [command-injection" in blocked.stdout + blocked.stderr


def test_the_hook_passes_safe_staged_content(project: Path, environment: dict[str, str]) -> None:
    (project / "app.py").write_text(SAFE)
    git(project, "add", "app.py", ".pre-commit-config.yaml")
    # An unstaged vulnerable edit is not part of the commit: pre-commit sets it aside and
    # the hook sees the staged content only.
    (project / "app.py").write_text(VULNERABLE)
    passed = commit(project, environment)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"unguarded\.+Passed", output), output
    assert has_commits(project)
    assert (project / "app.py").read_text() == VULNERABLE  # the edit is back
