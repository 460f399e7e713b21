"""Every annotated fixture: engine lines == `ruleid:` lines, and no `ok:` line reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.annotations import FIXTURES, expectations, findings_for, fixture_files
from unguarded.catalog import CATALOG

FILES = fixture_files()


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_engine_matches_annotations(path: Path) -> None:
    rule_id = path.parent.name
    assert rule_id in CATALOG, f"fixture folder {rule_id!r} is not a rule id"
    expected = expectations(path, rule_id)
    assert expected.vulnerable, "a fixture needs at least one vulnerable case"
    reported = {f.line + 1 for f in findings_for(path) if f.rule_id == rule_id}
    missed = sorted(expected.vulnerable - reported)
    false_alarms = sorted(reported - expected.vulnerable)
    assert not missed and not false_alarms, (
        f"missed (ruleid lines not reported): {missed}; "
        f"false alarms (reported but not ruleid): {false_alarms}"
    )


def test_every_rule_has_fixtures_in_each_of_its_languages() -> None:
    for rule_id, rule in CATALOG.items():
        suffixes = {p.suffix for p in FILES if p.parent.name == rule_id}
        if "python" in rule.languages:
            assert ".py" in suffixes, rule_id
        if "javascript" in rule.languages or "typescript" in rule.languages:
            assert suffixes & {".js", ".ts", ".tsx", ".jsx"}, rule_id


def test_every_rule_has_safe_cases() -> None:
    for rule_id in CATALOG:
        safe = sum(len(expectations(p, rule_id).safe) for p in FILES if p.parent.name == rule_id)
        assert safe >= 5, f"{rule_id} has only {safe} safe cases"
