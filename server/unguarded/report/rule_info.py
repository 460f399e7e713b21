"""What the reports say about a finding's rule: the catalog's entry, or for a rule only
semgrep knows (a user's config) what its metadata gives."""

from __future__ import annotations

from dataclasses import dataclass

from unguarded.analysis import Finding
from unguarded.catalog import CATALOG


@dataclass(frozen=True)
class RuleInfo:
    title: str
    cwe: str | None  # "CWE-78"
    docs: str | None
    in_catalog: bool


def rule_info(finding: Finding) -> RuleInfo:
    rule = CATALOG.get(finding.rule_id)
    if rule is not None:
        return RuleInfo(rule.title, f"CWE-{rule.cwe}", rule.docs_url, True)
    return RuleInfo(
        finding.facts.get("semgrepRule", finding.rule_id),
        finding.facts.get("cwe"),
        finding.facts.get("url"),
        False,
    )


def engines(finding: Finding) -> str | None:
    """ "semgrep (rule)" or "unguarded + semgrep (rule)" when semgrep took part."""
    if "semgrep" not in finding.engines:
        return None
    names = " + ".join(finding.engines)
    rule = finding.facts.get("semgrepRule")
    return f"{names} ({rule})" if rule else names
