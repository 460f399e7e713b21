"""Pattern rules with a sound mechanical fix: each vulnerable fixture gets a verified one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.annotations import FIXTURES, expectations, fixture_files
from unguarded.analysis import analyze
from unguarded.documents import Document, language_for_path
from unguarded.fixes import apply_edits, verified_fixes

RULES = ("unsafe-yaml-load", "tls-verification-disabled", "debug-mode", "insecure-cookie")
FILES = [p for p in fixture_files() if p.parent.name in RULES]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_verified_fixes_remove_the_finding(path: Path) -> None:
    rule_id = path.parent.name
    language = language_for_path(path)
    assert language is not None
    document = Document(path.as_uri(), language, path.read_bytes())
    expected = expectations(path, rule_id).vulnerable
    findings = [f for f in analyze(document) if f.rule_id == rule_id and f.line + 1 in expected]
    fixed = 0
    for finding in findings:
        quick = [f for f in verified_fixes(document, finding) if f.kind == "quickfix"]
        if not quick:
            continue
        fixed += 1
        after = apply_edits(document.data, list(quick[0].edits))
        again = Document(path.as_uri(), language, after)
        assert not again.tree.root_node.has_error or document.tree.root_node.has_error
        assert len([f for f in analyze(again) if f.rule_id == rule_id]) < len(
            [f for f in analyze(document) if f.rule_id == rule_id]
        )
    # Flags that are missing (not set insecurely) get docs and a suppression instead.
    assert fixed >= 1, f"no verified fix for any of {len(findings)} findings"
