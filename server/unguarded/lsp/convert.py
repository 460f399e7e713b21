"""Engine findings -> LSP diagnostics: the one place that maps between the two."""

from __future__ import annotations

from lsprotocol import types

from unguarded.analysis import Finding, Span
from unguarded.catalog import CATALOG, Severity
from unguarded.documents import Document, PositionEncoding

SOURCE = "unguarded"

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


def to_diagnostic(
    document: Document, finding: Finding, encoding: PositionEncoding
) -> types.Diagnostic:
    rule = CATALOG[finding.rule_id]
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=document.uri, range=to_range(document, step.span, encoding)
            ),
            message=("origin: " if index == 0 else "then: ") + step.label,
        )
        for index, step in enumerate(finding.path)
    ]
    return types.Diagnostic(
        range=to_range(document, finding.span, encoding),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.rule_id,
        code_description=types.CodeDescription(href=rule.docs_url),
        source=SOURCE,
        related_information=related or None,
        data={
            "ruleId": finding.rule_id,
            "cwe": f"CWE-{rule.cwe}",
            "missingControl": finding.missing_control,
            "origin": finding.origin_kind.value if finding.origin_kind else None,
            "sink": finding.sink_name,
            "argument": _plain_range(to_range(document, finding.argument, encoding)),
            "version": document.version,
        },
    )


def _plain_range(value: types.Range) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": value.start.line, "character": value.start.character},
        "end": {"line": value.end.line, "character": value.end.character},
    }
