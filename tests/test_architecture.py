"""The shape of the project: layers, queries, and what each rule ships with."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from unguarded.analysis.queries import CAPTURE_VOCABULARY, queries_for, query_files
from unguarded.catalog import CATALOG
from unguarded.documents import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "server" / "unguarded"
PROTOCOL_MODULES = ("pygls", "lsprotocol")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_lsp_package_speaks_the_protocol() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if (PACKAGE / "lsp") in path.parents:
            continue
        for module in _imports(path):
            if module.split(".")[0] in PROTOCOL_MODULES:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offenders


def test_engine_does_not_depend_on_the_application_layers() -> None:
    for package in ("analysis", "documents", "catalog", "semgrep"):
        for path in (PACKAGE / package).rglob("*.py"):
            for module in _imports(path):
                assert not module.startswith(
                    ("unguarded.lsp", "unguarded.cli", "unguarded.scan", "unguarded.report")
                ), f"{path} imports {module}"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_queries_compile_with_known_captures_and_rules(language: str) -> None:
    compiled = queries_for(language)  # raises QueryError on unknown captures or rule ids
    assert {"sources", "controls"} <= set(compiled.origins)
    rules = set(compiled.rules)
    family = LANGUAGES[language].family
    expected = {
        rule.id
        for rule in CATALOG.values()
        if family in rule.languages or (family == "javascript" and "typescript" in rule.languages)
    }
    assert rules == expected, f"{language}: sink queries {sorted(rules)} != {sorted(expected)}"
    for index in range(compiled.combined.capture_count):
        name = compiled.combined.capture_name(index)
        assert name.startswith(("_", "index.")) or name in CAPTURE_VOCABULARY


def test_a_bad_query_file_is_named_in_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One compilation for all files: an error still names the file and line at fault."""
    import unguarded.analysis.queries as queries

    folder = tmp_path / "python"
    folder.mkdir()
    for path in query_files(LANGUAGES["python"]):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    ssrf = folder / "ssrf.scm"
    ssrf.write_text(
        ssrf.read_text(encoding="utf-8") + '\n((call) @sink.call (#set! unguarded.rule "xss"))\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(queries, "queries_dir", lambda: tmp_path)
    # The uncached function: the cached queries stay as other tests left them (freeing a
    # Query that nodes still refer to crashes py-tree-sitter).
    compile_all = queries.queries_for.__wrapped__
    with pytest.raises(queries.QueryError, match=r"ssrf\.scm:\d+: a pattern must set"):
        compile_all("python")
    ssrf.write_text("((call) @sink.call", encoding="utf-8")
    with pytest.raises(queries.QueryError, match=r"ssrf\.scm"):
        compile_all("python")


def test_every_query_pattern_has_a_comment_saying_why() -> None:
    for language in LANGUAGES.values():
        for path in query_files(language):
            text = path.read_text(encoding="utf-8")
            blocks = [b for b in text.split("\n\n") if b.strip()]
            for block in blocks:
                message = f"{path}: pattern without a comment:\n{block}"
                assert block.lstrip().startswith(";"), message


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_each_rule_ships_docs_and_fixtures(rule_id: str) -> None:
    docs = ROOT / "docs" / "rules" / f"{rule_id}.md"
    assert docs.is_file(), f"missing {docs}"
    text = docs.read_text(encoding="utf-8")
    assert f"CWE-{CATALOG[rule_id].cwe}" in text
    assert (ROOT / "tests" / "fixtures" / rule_id).is_dir()


def test_wheel_ships_queries_and_rules(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("unguarded-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "unguarded/queries/python/ssrf.scm" in names
    assert "unguarded/queries/javascript/xss.jsx.scm" in names
    assert any(name.startswith("unguarded/rules/python/") for name in names)
    assert "unguarded/lsp/server.py" in names
