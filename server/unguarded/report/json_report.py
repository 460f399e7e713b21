"""Machine-readable scan output."""

from __future__ import annotations

import json
from typing import Any

from unguarded import __version__
from unguarded.report.rule_info import rule_info
from unguarded.scan import FileResult, Region, ScanResult


def _region(region: Region) -> dict[str, int]:
    return {
        "startLine": region.start_line,
        "startColumn": region.start_char,
        "endLine": region.end_line,
        "endColumn": region.end_char,
    }


def to_json(result: ScanResult) -> str:
    findings: list[dict[str, Any]] = []
    for file, finding in result.findings:
        rule = rule_info(finding)
        findings.append(
            {
                "path": file.path,
                "ruleId": finding.rule_id,
                "title": rule.title,
                "cwe": rule.cwe,
                "severity": finding.severity.value,
                "message": finding.message,
                "sink": finding.sink_name,
                "missingControl": finding.missing_control,
                "origin": finding.origin_kind.value if finding.origin_kind else None,
                "region": _region(file.regions[finding.span]),
                "path_steps": [
                    {"label": step.label, "region": _region(file.regions[step.span])}
                    for step in finding.path
                ],
                "docs": rule.docs,
                "fingerprint": file.fingerprints.get(finding),
                "engines": list(finding.engines),
                **(
                    {"semgrepRule": finding.facts["semgrepRule"]}
                    if "semgrepRule" in finding.facts
                    else {}
                ),
            }
        )
    document: dict[str, Any] = {
        "tool": "unguarded",
        "version": __version__,
        "findings": findings,
        "errors": [{"path": f.path, "error": f.error} for f in result.files if f.error]
        + [{"path": None, "error": error} for error in result.engine_errors],
        "skipped": [{"path": f.path, "reason": f.skipped} for f in result.files if f.skipped],
        "filesAnalysed": sum(1 for f in result.files if _analysed(f)),
    }
    if result.baseline is not None:
        document["baseline"] = {
            "ref": result.baseline.ref,
            "commit": result.baseline.commit,
            "unchanged": result.baseline.unchanged,
        }
    return json.dumps(document, indent=2) + "\n"


def _analysed(file: FileResult) -> bool:
    return not file.skipped and not file.error
