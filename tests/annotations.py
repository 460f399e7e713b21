"""Read `ruleid:` / `ok:` annotations from fixture files (the line after one is its sink)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from unguarded.analysis import Finding, analyze
from unguarded.documents import Document, language_for_path

FIXTURES = Path(__file__).parent / "fixtures"
_ANNOTATION = re.compile(r"(?:#|//|/\*|\{/\*)\s*(ruleid|ok):\s*([\w,\- ]+?)\s*(?:\*/\}?)?\s*$")


@dataclass(frozen=True)
class Expectations:
    vulnerable: frozenset[int]  # 1-based lines that must be reported
    safe: frozenset[int]


def expectations(path: Path, rule_id: str) -> Expectations:
    vulnerable: set[int] = set()
    safe: set[int] = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        match = _ANNOTATION.search(line.strip())
        if not match:
            continue
        rules = {r.strip() for r in match.group(2).split(",")}
        if rule_id not in rules:
            continue
        # The sink is on the next line that is not itself an annotation.
        target = number + 1
        while target <= len(lines) and _ANNOTATION.search(lines[target - 1].strip()):
            target += 1
        (vulnerable if match.group(1) == "ruleid" else safe).add(target)
    return Expectations(frozenset(vulnerable), frozenset(safe))


def fixture_files() -> list[Path]:
    return sorted(
        path
        for path in FIXTURES.rglob("*")
        if path.is_file() and language_for_path(path) is not None
    )


def findings_for(path: Path) -> list[Finding]:
    language = language_for_path(path)
    assert language is not None
    document = Document(path.as_uri(), language, path.read_bytes())
    return analyze(document)
