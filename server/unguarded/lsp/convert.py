"""Engine findings -> LSP diagnostics: the one place that maps between the two."""

from __future__ import annotations

from lsprotocol import types

from unguarded.analysis import Finding, Span
from unguarded.catalog import CATALOG, Severity
from unguarded.documents import Document, PositionEncoding

SOURCE = "unguarded"
# A finding only semgrep reported, and one both engines reported (merge_findings).
SEMGREP_SOURCE = "semgrep"
BOTH_SOURCE = "unguarded+semgrep"
# Diagnostics whose finding the tree-sitter engine made (quick fixes apply to them).
ENGINE_SOURCES = frozenset({SOURCE, BOTH_SOURCE})

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def encoding_of(kind: object) -> PositionEncoding:
    value = getattr(kind, "value", kind)
    if value == "utf-8":
        return PositionEncoding.UTF8
    if value == "utf-32":
        return PositionEncoding.UTF32
    return PositionEncoding.UTF16


def to_range(document: Document, span: Span, encoding: PositionEncoding) -> types.Range:
    start_line, start_character = document.lines.position(span.start_byte, encoding)
    end_line, end_character = document.lines.position(span.end_byte, encoding)
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=end_line, character=end_character),
    )


def source_of(finding: Finding) -> str:
    engines = set(finding.engines)
    if engines == {SEMGREP_SOURCE}:
        return SEMGREP_SOURCE
    return BOTH_SOURCE if SEMGREP_SOURCE in engines else SOURCE


def to_diagnostic(
    document: Document, finding: Finding, encoding: PositionEncoding
) -> types.Diagnostic:
    rule = CATALOG.get(finding.rule_id)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=document.uri, range=to_range(document, step.span, encoding)
            ),
            message=("origin: " if index == 0 else "then: ") + step.label,
        )
        for index, step in enumerate(finding.path)
    ]
    # A user's own semgrep rule is not in the catalog: its page and CWE come from its
    # metadata, when it has them.
    url = rule.docs_url if rule is not None else finding.facts.get("url")
    cwe = f"CWE-{rule.cwe}" if rule is not None else finding.facts.get("cwe")
    data: dict[str, object] = {
        "ruleId": finding.rule_id,
        "cwe": cwe,
        "missingControl": finding.missing_control,
        "origin": finding.origin_kind.value if finding.origin_kind else None,
        "sink": finding.sink_name,
        "argument": _plain_range(to_range(document, finding.argument, encoding)),
        "version": document.version,
        "engines": list(finding.engines),
    }
    if "semgrepRule" in finding.facts:
        data["semgrepRule"] = finding.facts["semgrepRule"]
    return types.Diagnostic(
        range=to_range(document, finding.span, encoding),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.rule_id,
        code_description=types.CodeDescription(href=url) if url else None,
        source=source_of(finding),
        related_information=related or None,
        data=data,
    )


def _plain_range(value: types.Range) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": value.start.line, "character": value.start.character},
        "end": {"line": value.end.line, "character": value.end.character},
    }
