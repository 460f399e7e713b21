"""The engine's accuracy on bench/corpus may not drop below bench/accuracy_baseline.json.

Runs only unguarded's tree-sitter engine, in-process (no bandit, no semgrep). Raising the
baseline is part of improving the engine:
`python bench/accuracy.py --tool unguarded --update-baseline`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from unguarded.catalog import CATALOG

ROOT = Path(__file__).resolve().parent.parent


def _load_bench() -> ModuleType:
    name = "unguarded_bench_accuracy"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def corpus() -> Any:
    return bench.load_corpus()


@pytest.fixture(scope="module")
def engine_score(corpus: Any) -> Any:
    return bench.score(corpus, bench.run_unguarded(corpus))


def test_corpus_is_large_and_covers_every_rule(corpus: Any) -> None:
    """The corpus measures the data-flow injection rules it was written for; the other
    rules are proven by their fixtures."""
    cases = corpus.cases
    assert len(cases) >= 400
    measured = {"ssrf", "sql-injection", "xss", "command-injection", "path-traversal"}
    assert measured <= set(CATALOG)
    for rule in sorted(measured):
        for family in bench.FAMILIES:
            labels = {
                c.vulnerable
                for f in corpus.files
                if f.family == family
                for c in f.cases
                if c.rule == rule
            }
            assert labels == {True, False}, f"{rule} needs ruleid and ok cases in {family}"


def test_corpus_files_parse_and_hold_one_rule(corpus: Any) -> None:
    for f in corpus.files:
        assert not f.parse_errors, f"{f.rel}: syntax errors on lines {list(f.parse_errors)}"
        if f.family == "python":
            compile(f.path.read_text("utf-8"), str(f.path), "exec")
        assert len(f.rules) == 1, f"{f.rel} annotates {sorted(f.rules)}; one rule per file"


def test_engine_runs_on_every_corpus_file(engine_score: Any) -> None:
    assert not engine_score.tool.warnings, "\n".join(engine_score.tool.warnings)


def test_engine_not_below_baseline(engine_score: Any) -> None:
    baseline = bench.load_baseline()
    assert baseline.get("rules"), "bench/accuracy_baseline.json has no figures"
    epsilon = float(baseline.get("epsilon", 1e-9))
    known = set(baseline.get("failures", {}))
    drops = []
    for rule, floor in baseline["rules"].items():
        counts = engine_score.counts(rule)
        for metric in ("precision", "recall"):
            now = getattr(counts, metric) or 0.0
            if floor.get(metric) is not None and now + epsilon < floor[metric]:
                drops.append(f"{rule} {metric} {now:.4f} < baseline {floor[metric]:.4f}")
    new = [
        f"  {o.kind} {o.path}:{o.line} [{o.rule}] {o.note}"
        for o in engine_score.failures()
        if o.key not in known
    ]
    assert not drops, "\n".join(
        [
            "accuracy dropped below bench/accuracy_baseline.json:",
            *drops,
            "failures not in the baseline:",
            *new,
        ]
    )
