"""SARIF 2.1.0 for GitHub code scanning and other consumers.

What GitHub reads: rule `shortDescription`/`fullDescription`/`help` (text and markdown),
`properties.security-severity` (a CVSS-like score that ranks alerts: 9.0+ critical, 7.0+
high, 4.0+ medium), `precision` and `tags`; result locations relative to the repository
root (it resolves them against its checkout); `partialFingerprints` to follow an alert
across commits (ours: fingerprints.py, which survive line moves; the upload action adds its
own line hash beside it); `codeFlows` for the "show paths" view."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from unguarded import __version__
from unguarded.analysis import Finding
from unguarded.catalog import CATALOG, Rule, Severity
from unguarded.fingerprints import FINGERPRINT_KEY
from unguarded.report.rule_info import rule_info
from unguarded.scan import (
    AnalysisTimedOut,
    FileResult,
    Region,
    ScanResult,
    time_limit,
    watchdog,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@dataclass(frozen=True)
class _Ranking:
    # GitHub's 0-10 score: what a typical exploitable instance would rate (CVSS v3 base).
    security_severity: str
    # How often a report is a real problem: very-high, high, medium, low.
    precision: str


# Every catalog rule has an entry (a test checks): a new rule makes its author choose.
RANKINGS: dict[str, _Ranking] = {
    "command-injection": _Ranking("9.8", "high"),
    "code-injection": _Ranking("9.3", "high"),
    "unsafe-deserialization": _Ranking("9.0", "high"),
    "ssti": _Ranking("9.0", "high"),
    "sql-injection": _Ranking("8.8", "high"),
    "nosql-injection": _Ranking("8.1", "high"),
    "ssrf": _Ranking("8.6", "high"),
    "xxe": _Ranking("8.2", "high"),
    "hardcoded-secret": _Ranking("7.5", "medium"),
    "path-traversal": _Ranking("7.5", "high"),
    "unsafe-yaml-load": _Ranking("7.5", "very-high"),
    "jwt-not-verified": _Ranking("7.4", "high"),
    "tls-verification-disabled": _Ranking("7.4", "very-high"),
    "xxe-parser-config": _Ranking("7.0", "high"),
    "weak-password-hash": _Ranking("6.5", "medium"),
    "permissive-cors": _Ranking("6.5", "high"),
    "xss": _Ranking("6.1", "high"),
    "open-redirect": _Ranking("6.1", "high"),
    "missing-csrf": _Ranking("6.5", "medium"),
    "debug-mode": _Ranking("5.3", "high"),
    "weak-randomness": _Ranking("5.3", "medium"),
    "insecure-cookie": _Ranking("4.3", "high"),
}
_UNKNOWN = _Ranking("5.0", "medium")
# For rules outside the catalog, from the level semgrep gives them.
_EXTERNAL_SEVERITY = {Severity.ERROR: "7.0", Severity.WARNING: "5.0", Severity.INFO: "3.0"}


def _rule(rule: Rule) -> dict[str, Any]:
    ranking = RANKINGS.get(rule.id, _UNKNOWN)
    kind = "data flow" if rule.dataflow else "pattern"
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {
            "text": f"{rule.title} (CWE-{rule.cwe}): a sink reached with no {rule.missing_control}."
            if rule.dataflow
            else f"{rule.title} (CWE-{rule.cwe}): missing {rule.missing_control}."
        },
        "helpUri": rule.docs_url,
        "help": {
            "text": f"{rule.title} (CWE-{rule.cwe}). Missing control: {rule.missing_control}. "
            "Controls that satisfy the rule: " + "; ".join(rule.controls) + ". "
            f"Documentation: {rule.docs_url}",
            "markdown": f"**{rule.title}** ([CWE-{rule.cwe}]({rule.cwe_url}), {kind} rule)\n\n"
            f"Missing control: {rule.missing_control}.\n\nControls that satisfy the rule:\n\n"
            + "\n".join(f"- {control}" for control in rule.controls)
            + f"\n\n[Documentation]({rule.docs_url})",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "tags": ["security", rule.cwe_tag, "data-flow" if rule.dataflow else "pattern"],
            "precision": ranking.precision,
            "security-severity": ranking.security_severity,
            **({"owasp": rule.owasp} if rule.owasp else {}),
        },
    }


def _external_rule(finding: Finding) -> dict[str, Any]:
    """A rule only semgrep knows (from a user's config): what its metadata says."""
    info = rule_info(finding)
    name = finding.facts.get("semgrepRule", finding.rule_id)
    text = f"semgrep rule {name}" + (f" ({info.cwe})" if info.cwe else "")
    markdown = f"semgrep rule `{name}`" + (f" ({info.cwe})" if info.cwe else "")
    if info.docs:
        text += f". Documentation: {info.docs}"
        markdown += f"\n\n[Documentation]({info.docs})"
    tags = ["security", "semgrep"]
    if info.cwe:
        tags.append(f"external/cwe/cwe-{info.cwe.removeprefix('CWE-')}")
    rule: dict[str, Any] = {
        "id": finding.rule_id,
        "shortDescription": {"text": name},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[finding.severity]},
        "properties": {
            "tags": tags,
            "precision": _UNKNOWN.precision,
            "security-severity": _EXTERNAL_SEVERITY[finding.severity],
        },
    }
    if info.docs:
        rule["helpUri"] = info.docs
    return rule


def _region(region: Region) -> dict[str, int]:
    return {
        "startLine": region.start_line,
        "startColumn": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }


class _Locations:
    """File paths as SARIF artifact locations: relative to the source root where they
    are inside it, absolute `file:` URIs elsewhere."""

    def __init__(self, root: Path | None) -> None:
        self.root = root.resolve() if root is not None else None
        self._cache: dict[str, dict[str, str]] = {}

    def artifact(self, path: str) -> dict[str, str]:
        if path not in self._cache:
            self._cache[path] = self._artifact(path)
        return self._cache[path]

    def _artifact(self, path: str) -> dict[str, str]:
        candidate = Path(path).absolute()
        if self.root is not None:
            try:
                relative = candidate.relative_to(self.root)
            except ValueError:
                # The root was resolved; a path under it through a symlinked folder (the
                # root given as /tmp/x on a system where /tmp links elsewhere) still is.
                try:
                    relative = candidate.parent.resolve().relative_to(self.root) / candidate.name
                except (ValueError, OSError, RuntimeError):
                    relative = None
            if relative is not None:
                return {"uri": quote(relative.as_posix()), "uriBaseId": SOURCE_ROOT}
        return {"uri": candidate.as_uri()}

    def base_ids(self) -> dict[str, Any]:
        if self.root is None:
            return {}
        uri = self.root.as_uri().rstrip("/") + "/"
        return {"originalUriBaseIds": {SOURCE_ROOT: {"uri": uri}}}


def _fixes(
    file: FileResult, finding: Finding, data: bytes | None, artifact: dict[str, str]
) -> list[dict[str, Any]]:
    """The preferred fix, verified on a copy of the file, as a SARIF fix."""
    from unguarded.fixes.batch import sarif_fix

    if data is None:
        return []
    fix = sarif_fix(file.path, data, finding, artifact["uri"])
    if fix is None:
        return []
    changes = fix.get("artifactChanges")
    if isinstance(changes, list):
        for change in changes:
            change["artifactLocation"] = dict(artifact)  # with the file's uriBaseId
    return [fix]


class _FixBudget:
    """Verifying a fix analyses the file again, once per finding: a file that is slow to
    analyse gets at most `seconds` of fix verification in all (the scan's per-file limit),
    then its remaining findings go without fixes."""

    def __init__(self, seconds: float | None) -> None:
        self._seconds = seconds
        self._left: dict[str, float] = {}

    def fixes(
        self, file: FileResult, finding: Finding, data: bytes | None, artifact: dict[str, str]
    ) -> list[dict[str, Any]]:
        if self._seconds is None:
            return _fixes(file, finding, data, artifact)
        left = self._left.get(file.path, self._seconds)
        if left <= 0:
            return []
        started = time.monotonic()
        try:
            with time_limit(left):
                return _fixes(file, finding, data, artifact)
        except AnalysisTimedOut:
            return []
        finally:
            self._left[file.path] = left - (time.monotonic() - started)


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _result(
    file: FileResult,
    finding: Finding,
    index: dict[str, int],
    locations: _Locations,
    data: bytes | None,
    baseline: bool,
    budget: _FixBudget,
) -> dict[str, Any]:
    artifact = locations.artifact(file.path)
    location = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": _region(file.regions[finding.span]),
        }
    }
    steps = [
        {
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": _region(file.regions[step.span]),
            },
            "message": {"text": ("origin: " if position == 0 else "") + step.label},
        }
        for position, step in enumerate(finding.path)
    ]
    entry: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "relatedLocations": [{"id": position, **step} for position, step in enumerate(steps)],
    }
    entry["ruleIndex"] = index[finding.rule_id]
    if "semgrep" in finding.engines:
        entry["properties"] = {
            "engines": list(finding.engines),
            **(
                {"semgrepRule": finding.facts["semgrepRule"]}
                if "semgrepRule" in finding.facts
                else {}
            ),
        }
    fingerprint = file.fingerprints.get(finding)
    if fingerprint is not None:
        entry["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if steps:
        # Origin, each step, then the sink: GitHub's "show paths".
        flow = [{"location": step} for step in steps]
        flow.append({"location": {**location, "message": {"text": f"sink: {finding.sink_name}"}}})
        entry["codeFlows"] = [{"threadFlows": [{"locations": flow}]}]
    if baseline:
        entry["baselineState"] = "new"
    fixes = budget.fixes(file, finding, data, artifact)
    if fixes:
        entry["fixes"] = fixes
    return entry


def _notifications(result: ScanResult, locations: _Locations) -> list[dict[str, Any]]:
    """Files that could not be analysed (unreadable, timed out, crashed) and engines that
    failed (semgrep), for the log."""
    return [
        {
            "level": "error",
            "message": {"text": f"{file.path}: {file.error}"},
            "locations": [
                {"physicalLocation": {"artifactLocation": locations.artifact(file.path)}}
            ],
        }
        for file in result.files
        if file.error
    ] + [{"level": "error", "message": {"text": error}} for error in result.engine_errors]


def to_sarif(
    result: ScanResult, source_root: Path | None = None, fix_time_limit: float | None = None
) -> str:
    """The scan as one SARIF run. `source_root` (the repository's root) makes paths
    relative, which GitHub needs to place alerts; without it paths are absolute URIs.
    `fix_time_limit` bounds the fix verification of one file (seconds)."""
    rules = [_rule(rule) for rule in CATALOG.values()]
    for _, finding in result.findings:
        if finding.rule_id not in CATALOG and all(r["id"] != finding.rule_id for r in rules):
            rules.append(_external_rule(finding))
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    locations = _Locations(source_root)
    contents: dict[str, bytes | None] = {}
    results: list[dict[str, Any]] = []
    budget = _FixBudget(fix_time_limit)
    baseline = result.baseline is not None
    with watchdog():
        for file, finding in result.findings:
            if file.path not in contents:
                contents[file.path] = _read(file.path)
            data = contents[file.path]
            results.append(_result(file, finding, index, locations, data, baseline, budget))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "unguarded",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://github.com/unguarded/unguarded",
                "rules": rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not result.engine_errors,
                "toolExecutionNotifications": _notifications(result, locations),
            }
        ],
        **locations.base_ids(),
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    if result.baseline is not None:
        run["properties"] = {
            "baseline": {
                "ref": result.baseline.ref,
                "commit": result.baseline.commit,
                "unchanged": result.baseline.unchanged,
            }
        }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2) + "\n"
