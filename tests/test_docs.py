"""Docs that are made from the code stay in step with it."""

from __future__ import annotations

from pathlib import Path

from unguarded.cli import rules_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rule_table_comes_from_the_catalog() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("-->", readme.index("<!-- rules:start")) + len("-->\n")
    end = readme.index("<!-- rules:end -->")
    assert readme[start:end] == rules_markdown(), (
        "README rule table is stale: run scripts/update-readme-rules"
    )
