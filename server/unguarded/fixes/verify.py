"""A fix is offered only after it has been checked on a copy of the document: the fixed text
parses with no new ERROR or MISSING nodes, the finding is gone, no new finding appears, and
fixing again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from unguarded.analysis import AnalysisSettings, Finding, analyze
from unguarded.analysis.suppressions import apply_suppressions
from unguarded.documents import Document
from unguarded.fixes.imports import Unavailable, resolve
from unguarded.fixes.model import Fix, OverlappingEdits, TextEdit, apply_edits, map_offset
from unguarded.fixes.source import Source


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


def syntax_problems(document: Document) -> int:
    """ERROR and MISSING nodes in the document's tree."""
    count = 0
    root = document.tree.root_node
    if not root.has_error:
        return 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
        if node.has_error:
            stack.extend(node.children)
    return count


def applied(document: Document, edits: tuple[TextEdit, ...] | list[TextEdit]) -> Document:
    """A new document with the edits applied (the original is not changed)."""
    data = apply_edits(document.data, edits)
    return Document(document.uri, document.language, data, document.version)


def findings_of(document: Document, settings: AnalysisSettings | None) -> list[Finding]:
    """Findings with suppressions applied (idempotent if the engine applies them too)."""
    findings = analyze(document, settings)
    return apply_suppressions(document, findings)[0]


def raw_findings(document: Document, settings: AnalysisSettings | None) -> list[Finding]:
    return analyze(document, settings)


def _mapped(finding: Finding, edits: tuple[TextEdit, ...]) -> tuple[int, int]:
    start = map_offset(finding.span.start_byte, edits)
    end = map_offset(finding.span.end_byte, edits, end=True)
    return start, max(start, end)


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    if start == end:
        return finding.span.start_byte <= start <= finding.span.end_byte
    return finding.span.start_byte < end and start < finding.span.end_byte


def same_finding(before: Finding, after: Finding, edits: tuple[TextEdit, ...]) -> bool:
    if before.rule_id != after.rule_id:
        return False
    start, end = _mapped(before, edits)
    return _overlaps(after, start, end)


def check(
    document: Document,
    finding: Finding,
    fix: Fix,
    settings: AnalysisSettings | None = None,
    before: list[Finding] | None = None,
) -> Verdict:
    """verify() with the reason a fix fails."""
    if fix.kind == "docs":
        return Verdict(True)
    if not fix.edits:
        return Verdict(False, "no edits")
    try:
        fixed = applied(document, fix.edits)
    except OverlappingEdits as error:
        return Verdict(False, f"overlapping edits: {error}")
    if syntax_problems(fixed) > syntax_problems(document):
        return Verdict(False, "the fixed text does not parse")
    suppress = fix.kind == "suppress"
    if before is None:
        before = raw_findings(document, settings)
    after = raw_findings(fixed, settings)
    if suppress:
        after = apply_suppressions(fixed, after)[0]
    if any(same_finding(finding, other, fix.edits) for other in after):
        return Verdict(False, "the finding is still reported")
    others = [b for b in before if b != finding]
    for other in after:
        if not any(same_finding(b, other, fix.edits) for b in others):
            return Verdict(False, f"new finding: {other.rule_id} at line {other.line + 1}")
    # Fixing again changes nothing: what the fix added is present now, and there is no
    # finding of this rule left at the place it changed.
    source = Source(fixed)
    for requirement in fix.requirements:
        try:
            if resolve(source, requirement).edits:
                return Verdict(False, f"not idempotent: {requirement} would be added again")
        except Unavailable:
            return Verdict(False, f"not idempotent: {requirement} unavailable after the fix")
    return Verdict(True)


def verify(
    document: Document,
    finding: Finding,
    fix: Fix,
    settings: AnalysisSettings | None = None,
    before: list[Finding] | None = None,
) -> bool:
    """True when the fix, applied to a copy, parses, removes the finding, adds none, and
    applying it again would change nothing."""
    return check(document, finding, fix, settings, before).ok
