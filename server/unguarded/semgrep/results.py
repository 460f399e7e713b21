"""semgrep's JSON report, and its results as unguarded findings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from unguarded.analysis import AnalysisSettings, Finding, OriginKind, Span
from unguarded.analysis.suppressions import apply_suppressions
from unguarded.catalog import CATALOG, Severity
from unguarded.documents import Document, LineIndex, language_for_path

ENGINE = "semgrep"
# The metadata key our rules use to name the engine rule they correspond to.
RULE_METADATA = "unguarded-rule"

_SEVERITIES = {
    "ERROR": Severity.ERROR,
    "CRITICAL": Severity.ERROR,
    "HIGH": Severity.ERROR,
    "WARNING": Severity.WARNING,
    "MEDIUM": Severity.WARNING,
    "INFO": Severity.INFO,
    "LOW": Severity.INFO,
}
_CWE = re.compile(r"CWE-(\d+)", re.IGNORECASE)
_SNIPPET_LIMIT = 60


@dataclass(frozen=True)
class SemgrepResult:
    """One result. Offsets are byte offsets into the file semgrep read (checked: with
    emoji or CJK text on the line, `start.offset` counts UTF-8 bytes, and `col` is the
    1-based byte column)."""

    path: Path
    check_id: str
    start_offset: int
    end_offset: int
    severity: str
    message: str
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def rule_id(self) -> str:
        """The engine rule it corresponds to (our rules say), else semgrep's id."""
        named = self.metadata.get(RULE_METADATA)
        return named if isinstance(named, str) and named else self.check_id

    @property
    def cwe(self) -> str | None:
        values = self.metadata.get("cwe")
        for value in values if isinstance(values, list) else [values]:
            match = _CWE.search(str(value)) if value is not None else None
            if match is not None:
                return f"CWE-{match.group(1)}"
        return None

    @property
    def url(self) -> str | None:
        """A page about the rule: its `source`, else its first reference."""
        source = self.metadata.get("source")
        if isinstance(source, str) and source.startswith("http"):
            return source
        references = self.metadata.get("references")
        if isinstance(references, list):
            for reference in references:
                if isinstance(reference, str) and reference.startswith("http"):
                    return reference
        return None


@dataclass(frozen=True)
class SemgrepRun:
    results: tuple[SemgrepResult, ...]
    # Problems semgrep reported without failing (a target it could not parse, a rule it
    # skipped), one line each, for the log.
    errors: tuple[str, ...]
    scanned: tuple[Path, ...]
    duration: float
    version: str

    @classmethod
    def from_json(cls, payload: Mapping[str, Any], duration: float = 0.0) -> SemgrepRun:
        results: list[SemgrepResult] = []
        for raw in payload.get("results") or ():
            result = _result(raw)
            if result is not None:
                results.append(result)
        errors = tuple(_error_line(error) for error in payload.get("errors") or ())
        paths = payload.get("paths")
        scanned_raw = paths.get("scanned", ()) if isinstance(paths, dict) else ()
        scanned = tuple(Path(p) for p in scanned_raw if isinstance(p, str))
        version = payload.get("version")
        return cls(tuple(results), errors, scanned, duration, str(version or ""))

    def results_for(self, path: Path) -> list[SemgrepResult]:
        return list(self._by_path.get(_normal(path), ()))

    @cached_property
    def _by_path(self) -> dict[Path, list[SemgrepResult]]:
        table: dict[Path, list[SemgrepResult]] = {}
        for result in self.results:
            table.setdefault(_normal(result.path), []).append(result)
        return table

    def findings_for(
        self,
        path: Path,
        data: bytes,
        *,
        settings: AnalysisSettings | None = None,
        uri: str | None = None,
    ) -> list[Finding]:
        """The results for `path` as findings on `data`, the bytes semgrep scanned.

        Results outside `data` (the file changed under semgrep) are dropped. With
        `settings`, disabled rules are dropped and severity overrides apply; for a
        language unguarded parses, `# unguarded: ignore[rule]` comments apply too."""
        return to_findings(self.results_for(path), path, data, settings=settings, uri=uri)


def to_findings(
    results: Sequence[SemgrepResult],
    path: Path,
    data: bytes,
    *,
    settings: AnalysisSettings | None = None,
    uri: str | None = None,
) -> list[Finding]:
    settings = settings or AnalysisSettings()
    lines = LineIndex(data)
    findings: dict[tuple[str, str, int, int], Finding] = {}
    for result in results:
        if not 0 <= result.start_offset <= result.end_offset <= len(data):
            continue
        rule_id = result.rule_id
        if not settings.rule_enabled(rule_id):
            continue
        finding = _finding(result, rule_id, data, lines, settings)
        key = (rule_id, result.check_id, result.start_offset, result.end_offset)
        findings.setdefault(key, finding)
    found = sorted(findings.values(), key=lambda f: (f.span.start_byte, f.rule_id))
    language = language_for_path(path)
    if found and language is not None:
        document = Document(uri or path.absolute().as_uri(), language, data)
        found = apply_suppressions(document, found)[0]
    return found


def _finding(
    result: SemgrepResult,
    rule_id: str,
    data: bytes,
    lines: LineIndex,
    settings: AnalysisSettings,
) -> Finding:
    span = _span(lines, result.start_offset, result.end_offset)
    snippet = _snippet(data[result.start_offset : result.end_offset])
    facts = {"semgrepRule": result.check_id}
    if (cwe := result.cwe) is not None:
        facts["cwe"] = cwe
    if (url := result.url) is not None:
        facts["url"] = url
    rule = CATALOG.get(rule_id)
    if rule is not None:
        severity = rule.severity
        if rule.dataflow:
            message = (
                f"{rule.title}: untrusted input reaches {snippet} with no "
                f"{rule.missing_control} before it (semgrep rule {result.check_id})."
            )
            origin_kind: OriginKind | None = OriginKind.UNTRUSTED
        else:
            message = (
                f"{rule.pattern_message.format(sink=snippet)} (semgrep rule {result.check_id})."
            )
            origin_kind = None
        missing = rule.missing_control
    else:
        severity = _SEVERITIES.get(result.severity.upper(), Severity.WARNING)
        message = " ".join(result.message.split()) or result.check_id
        origin_kind = None
        missing = ""
    severity = settings.severity_overrides.get(rule_id, severity)
    return Finding(
        rule_id=rule_id,
        severity=severity,
        span=span,
        argument=span,
        sink_name=snippet,
        message=message,
        missing_control=missing,
        origin_kind=origin_kind,
        origin=None,
        facts=facts,
        engines=(ENGINE,),
    )


def _span(lines: LineIndex, start: int, end: int) -> Span:
    def point(offset: int) -> tuple[int, int]:
        line = lines.line_of(offset)
        return line, offset - lines.line_starts[line]

    return Span(start, end, point(start), point(end))


def _snippet(raw: bytes) -> str:
    text = " ".join(raw.decode("utf-8", errors="replace").split())
    if len(text) > _SNIPPET_LIMIT:
        text = text[: _SNIPPET_LIMIT - 1] + "…"
    return f"`{text}`" if text else "this value"


def _result(raw: object) -> SemgrepResult | None:
    if not isinstance(raw, dict):
        return None
    start, end, extra = raw.get("start"), raw.get("end"), raw.get("extra")
    if not isinstance(start, dict) or not isinstance(end, dict):
        return None
    start_offset, end_offset = start.get("offset"), end.get("offset")
    check_id, path = raw.get("check_id"), raw.get("path")
    if not (isinstance(start_offset, int) and isinstance(end_offset, int)):
        return None
    if not (isinstance(check_id, str) and isinstance(path, str)):
        return None
    extra = extra if isinstance(extra, dict) else {}
    metadata = extra.get("metadata")
    return SemgrepResult(
        path=Path(path),
        check_id=check_id,
        start_offset=start_offset,
        end_offset=end_offset,
        severity=str(extra.get("severity") or "WARNING"),
        message=str(extra.get("message") or ""),
        metadata=metadata if isinstance(metadata, dict) else {},
    )


def _error_line(error: object) -> str:
    if not isinstance(error, dict):
        return str(error)
    level = error.get("level", "error")
    message = " ".join(str(error.get("message", error.get("type", "?"))).split())
    where = error.get("path")
    return f"{level}: {message}" + (f" ({where})" if where else "")


def _normal(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
