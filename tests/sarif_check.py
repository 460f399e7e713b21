"""Checks for every SARIF log the tests produce: the SARIF 2.1.0 JSON schema (shipped in
tests/data, see its README) and the parts of GitHub code scanning's rules the schema does
not say (relative locations, security-severity, precision, limits)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema

from unguarded.catalog import CATALOG

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
# GitHub's documented limits per upload.
MAX_RESULTS_PER_RUN = 25_000
MAX_RELATED_LOCATIONS = 1_000
MAX_THREAD_FLOW_LOCATIONS = 10_000
MAX_TAGS = 20
PRECISIONS = {"very-high", "high", "medium", "low"}
_FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = cls.FORMAT_CHECKER
    # Without rfc3986-validator / rfc3339-validator jsonschema skips these formats silently.
    assert {"uri", "uri-reference", "date-time"} <= set(checker.checkers), "format checkers missing"
    return cls(schema, format_checker=checker)


def check_sarif(log: str | dict[str, Any]) -> dict[str, Any]:
    """The parsed log, after asserting it is valid SARIF that GitHub accepts."""
    document: dict[str, Any] = json.loads(log) if isinstance(log, str) else log
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )
    assert document["version"] == "2.1.0"
    for run in document["runs"]:
        _check_run(run)
    return document


def _check_run(run: dict[str, Any]) -> None:
    driver = run["tool"]["driver"]
    assert driver["name"]
    rules = driver.get("rules", [])
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
        properties = rule["properties"]
        score = float(properties["security-severity"])
        assert 0.0 < score <= 10.0, rule["id"]
        assert properties["precision"] in PRECISIONS, rule["id"]
        tags = properties["tags"]
        assert "security" in tags and len(tags) <= MAX_TAGS, rule["id"]
        cwe_tags = [tag for tag in tags if tag.startswith("external/cwe/")]
        assert all(re.fullmatch(r"external/cwe/cwe-\d+", tag) for tag in cwe_tags), tags
        if rule["id"] in CATALOG:  # a semgrep rule from a user's config may have no CWE
            assert cwe_tags, rule["id"]
    bases = run.get("originalUriBaseIds", {})
    for base in bases.values():
        assert base["uri"].startswith("file:///") and base["uri"].endswith("/")
    results = run.get("results", [])
    assert len(results) <= MAX_RESULTS_PER_RUN
    for result in results:
        assert result["ruleId"] and result["message"]["text"]
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"], "GitHub needs a location"
        for location in result["locations"] + result.get("relatedLocations", []):
            _check_location(location["physicalLocation"], bases)
        assert len(result.get("relatedLocations", [])) <= MAX_RELATED_LOCATIONS
        for flow in result.get("codeFlows", []):
            for thread in flow["threadFlows"]:
                assert len(thread["locations"]) <= MAX_THREAD_FLOW_LOCATIONS
                for step in thread["locations"]:
                    _check_location(step["location"]["physicalLocation"], bases)
        for key, value in result.get("partialFingerprints", {}).items():
            assert key != "primaryLocationLineHash", "that key is GitHub's to compute"
            assert _FINGERPRINT.match(value), (key, value)


def _check_location(physical: dict[str, Any], bases: dict[str, Any]) -> None:
    artifact = physical["artifactLocation"]
    uri = artifact["uri"]
    if "uriBaseId" in artifact:
        assert artifact["uriBaseId"] in bases
        assert "://" not in uri and not uri.startswith("/"), uri
    else:
        assert uri.startswith("file:///"), f"a relative uri needs a uriBaseId: {uri}"
    if "region" in physical:
        region = physical["region"]
        assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1
