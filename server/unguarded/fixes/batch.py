"""Fixes for whole files, for the command line (`unguarded scan --fix / --diff /
--list-suppressions`) and reports (SARIF `fixes[]`). Files come in as bytes: reading and
writing them is the caller's business."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unguarded.analysis import AnalysisSettings, Finding
from unguarded.analysis.suppressions import list_suppressions, suppression_problems
from unguarded.documents import Document, LineIndex, PositionEncoding, language_for_path
from unguarded.fixes import Fix, fix_document, preferred_fix
from unguarded.fixes.diff import unified_diff


@dataclass
class FileFix:
    path: str
    before: bytes
    after: bytes
    applied: list[tuple[Finding, Fix]] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)


def document_for(path: str, data: bytes) -> Document | None:
    language = language_for_path(path)
    if language is None:
        return None
    uri = Path(path).as_uri() if Path(path).is_absolute() else path
    return Document(uri, language, data)


def fix_file(path: str, data: bytes, settings: AnalysisSettings | None = None) -> FileFix | None:
    """Every verified preferred fix applied to the file's text; None for other languages."""
    document = document_for(path, data)
    if document is None:
        return None
    result = fix_document(document, settings)
    return FileFix(path, data, result.data, result.applied, result.remaining)


def suppression_lines(path: str, data: bytes) -> list[str]:
    """`path:line: ignore[rules] reason` for each suppression, then the problems with them
    as `path:line:column: warning [code] message`."""
    document = document_for(path, data)
    if document is None:
        return []
    lines = [
        f"{path}:{s.line + 1}: ignore[{','.join(s.rules)}] {s.reason or '(no reason)'}"
        for s in list_suppressions(document)
    ]
    for problem in suppression_problems(document):
        _, column = document.lines.position(problem.span.start_byte, PositionEncoding.UTF32)
        lines.append(
            f"{path}:{problem.line + 1}:{column + 1}: warning [{problem.code}] {problem.message}"
        )
    return lines


def sarif_fix(
    path: str,
    data: bytes,
    finding: Finding,
    uri: str,
    settings: AnalysisSettings | None = None,
) -> dict[str, object] | None:
    """The finding's preferred verified fix as a SARIF `fix` object (regions 1-based, columns
    in UTF-16 code units), or None."""
    document = document_for(path, data)
    if document is None:
        return None
    fix = preferred_fix(document, finding, settings)
    if fix is None:
        return None
    lines = LineIndex(data)
    replacements = []
    for edit in fix.edits:
        start_line, start_column = lines.position(edit.start, PositionEncoding.UTF16)
        end_line, end_column = lines.position(edit.end, PositionEncoding.UTF16)
        replacements.append(
            {
                "deletedRegion": {
                    "startLine": start_line + 1,
                    "startColumn": start_column + 1,
                    "endLine": end_line + 1,
                    "endColumn": end_column + 1,
                },
                "insertedContent": {"text": edit.text},
            }
        )
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
    }
