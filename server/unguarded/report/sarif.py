"""SARIF 2.1.0 for GitHub code scanning and other consumers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from unguarded import __version__
from unguarded.analysis import Finding
from unguarded.catalog import CATALOG, Rule, Severity
from unguarded.scan import FileResult, Region, ScanResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub reads a rule's security-severity (0-10) to rank alerts.
_SECURITY_SEVERITY = {
    "command-injection": "9.8",
    "sql-injection": "9.8",
    "ssrf": "8.6",
    "path-traversal": "7.5",
    "xss": "6.1",
}


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {
            "text": f"{rule.title} (CWE-{rule.cwe}): a sink reached by data with no "
            f"{rule.missing_control}."
        },
        "helpUri": rule.docs_url,
        "help": {
            "text": f"Add a {rule.missing_control}. Controls: " + "; ".join(rule.controls),
            "markdown": f"**{rule.title}** ([CWE-{rule.cwe}]({rule.cwe_url}))\n\n"
            f"Missing control: {rule.missing_control}.\n\nControls that satisfy the rule:\n"
            + "\n".join(f"- {control}" for control in rule.controls)
            + f"\n\n[Documentation]({rule.docs_url})",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "tags": ["security", rule.cwe_tag],
            "precision": "high",
            "security-severity": _SECURITY_SEVERITY.get(rule.id, "7.0"),
        },
    }


def _region(region: Region) -> dict[str, int]:
    return {
        "startLine": region.start_line,
        "startColumn": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }


def _uri(path: str) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return candidate.as_posix()


def _fixes(file: FileResult, finding: Finding, data: bytes | None) -> list[dict[str, Any]]:
    """The preferred fix, verified on a copy of the file, as a SARIF fix."""
    from unguarded.fixes.batch import sarif_fix

    if data is None:
        return []
    fix = sarif_fix(file.path, data, finding, _uri(file.path))
    return [fix] if fix is not None else []


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def to_sarif(result: ScanResult) -> str:
    rules = list(CATALOG.values())
    index = {rule.id: position for position, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    contents: dict[str, bytes | None] = {}
    for file, finding in result.findings:
        if file.path not in contents:
            contents[file.path] = _read(file.path)
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(file.path)},
                "region": _region(file.regions[finding.span]),
            }
        }
        related = [
            {
                "id": position,
                "message": {"text": ("origin: " if position == 0 else "") + step.label},
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(file.path)},
                    "region": _region(file.regions[step.span]),
                },
            }
            for position, step in enumerate(finding.path)
        ]
        entry: dict[str, Any] = {
            "ruleId": finding.rule_id,
            "ruleIndex": index[finding.rule_id],
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "relatedLocations": related,
        }
        fixes = _fixes(file, finding, contents[file.path])
        if fixes:
            entry["fixes"] = fixes
        results.append(entry)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "unguarded",
                        "version": __version__,
                        "informationUri": "https://github.com/unguarded/unguarded",
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2) + "\n"
