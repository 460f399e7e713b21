"""One finding per sink when both engines see it, and findings carried across edits."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from unguarded.analysis import Finding, Span, Step
from unguarded.documents import LineIndex
from unguarded.documents.content import common_prefix, common_suffix

_Mover = Callable[[Span], Span | None]


def merge_findings(engine: Sequence[Finding], semgrep: Sequence[Finding]) -> list[Finding]:
    """The engine's findings, each tagged with semgrep when semgrep reports the same rule
    on the same sink, followed by semgrep's other findings.

    Same sink: the same rule id and overlapping ranges (semgrep marks the dangerous
    argument, the engine the whole call) or, failing that, the same first line. The
    engine's finding is kept (its message names the origin and its range is what quick
    fixes match); semgrep's rule ids go into `facts["semgrepRule"]`."""
    absorbed: dict[int, list[Finding]] = {}
    alone: list[Finding] = []
    for finding in semgrep:
        index = _same_sink(engine, finding)
        if index is None:
            alone.append(finding)
        else:
            absorbed.setdefault(index, []).append(finding)
    merged = [
        _tagged(finding, absorbed[index]) if index in absorbed else finding
        for index, finding in enumerate(engine)
    ]
    # Two semgrep rules on one sink (of the same engine rule) are one finding too.
    kept: list[Finding] = []
    for finding in alone:
        index = _same_sink(kept, finding)
        if index is None:
            kept.append(finding)
        else:
            kept[index] = _tagged(kept[index], [finding])
    return sorted(merged + kept, key=lambda f: (f.span.start_byte, f.rule_id))


def _same_sink(candidates: Sequence[Finding], finding: Finding) -> int | None:
    same_line: int | None = None
    for index, candidate in enumerate(candidates):
        if candidate.rule_id != finding.rule_id:
            continue
        if _overlap(candidate.span, finding.span):
            return index
        if same_line is None and candidate.span.start[0] == finding.span.start[0]:
            same_line = index
    return same_line


def _overlap(a: Span, b: Span) -> bool:
    return a.start_byte <= b.end_byte and b.start_byte <= a.end_byte


def _tagged(finding: Finding, others: Sequence[Finding]) -> Finding:
    engines = tuple(dict.fromkeys([*finding.engines, *(e for o in others for e in o.engines)]))
    rules = [finding.facts.get("semgrepRule", "")] + [
        o.facts.get("semgrepRule", "") for o in others
    ]
    facts = dict(finding.facts)
    joined = ", ".join(dict.fromkeys(rule for rule in rules if rule))
    if joined:
        facts["semgrepRule"] = joined
    for other in others:
        for key, value in other.facts.items():
            facts.setdefault(key, value)
    return dataclasses.replace(finding, engines=engines, facts=facts)


def remap_findings(findings: Sequence[Finding], old: bytes, new: bytes) -> list[Finding]:
    """Findings made on `old` placed on `new` (the same document after edits).

    Only text both versions share is trusted: the longest common prefix and suffix. A
    finding inside either keeps its bytes and moves with them; one in the edited middle
    is dropped (its code changed, the next run decides). Typing in one place keeps every
    other finding where it belongs; nothing is ever shown on text semgrep did not see."""
    if old == new:
        return list(findings)
    prefix = common_prefix(old, new)
    limit = min(len(old), len(new)) - prefix
    suffix = common_suffix(old, new, limit)
    delta = len(new) - len(old)
    old_tail = len(old) - suffix
    lines = LineIndex(new)

    def moved(span: Span) -> Span | None:
        if span.end_byte <= prefix:
            shift = 0
        elif span.start_byte >= old_tail:
            shift = delta
        else:
            return None
        start, end = span.start_byte + shift, span.end_byte + shift
        return Span(start, end, _point(lines, start), _point(lines, end))

    placed: list[Finding] = []
    for finding in findings:
        span = moved(finding.span)
        if span is None:
            continue
        argument = moved(finding.argument) or span
        origin = _moved_step(finding.origin, moved)
        path = tuple(step for step in (_moved_step(s, moved) for s in finding.path) if step)
        placed.append(
            dataclasses.replace(finding, span=span, argument=argument, origin=origin, path=path)
        )
    return placed


def _moved_step(step: Step | None, moved: _Mover) -> Step | None:
    if step is None:
        return None
    span = moved(step.span)
    return Step(span, step.label) if span is not None else None


def _point(lines: LineIndex, offset: int) -> tuple[int, int]:
    line = lines.line_of(offset)
    return line, offset - lines.line_starts[line]
