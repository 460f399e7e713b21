"""Quick fixes that insert the safe pattern, verified on a copy of the document before they
are offered. Pure: no protocol types here (the language server converts them).

    fixes_for(document, finding)      candidate fixes (quick fixes, suppression, docs)
    verify(document, finding, fix)    parses, finding gone, no new finding, idempotent
    verified_fixes(document, finding) what callers offer: only fixes that pass verify()
    fix_document(document)            every verified preferred fix, applied one by one
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from unguarded.analysis import AnalysisSettings, Finding
from unguarded.documents import Document
from unguarded.fixes.command import command_fixes
from unguarded.fixes.cors import cors_fixes
from unguarded.fixes.csrf import csrf_fixes
from unguarded.fixes.model import (
    Fix,
    FixKind,
    Requirement,
    TextEdit,
    apply_edits,
    map_offset,
    normalized_edits,
)
from unguarded.fixes.password_hash import password_hash_fixes
from unguarded.fixes.path import path_fixes
from unguarded.fixes.randomness import randomness_fixes
from unguarded.fixes.redirect import redirect_fixes
from unguarded.fixes.secrets import secret_fixes
from unguarded.fixes.settings import settings_fixes
from unguarded.fixes.source import Source
from unguarded.fixes.sql import sql_fixes
from unguarded.fixes.ssrf import ssrf_fixes
from unguarded.fixes.suppress import REASON_PLACEHOLDER, docs_fix, suppress_fix
from unguarded.fixes.verify import (
    Verdict,
    applied,
    check,
    raw_findings,
    same_finding,
    syntax_problems,
    verify,
)
from unguarded.fixes.xss import xss_fixes
from unguarded.fixes.xxe import xxe_fixes

RuleFixer = Callable[[Source, Finding], list[Fix]]

RULE_FIXERS: dict[str, RuleFixer] = {
    "sql-injection": sql_fixes,
    "ssrf": ssrf_fixes,
    "xss": xss_fixes,
    "command-injection": command_fixes,
    "path-traversal": path_fixes,
    "unsafe-yaml-load": settings_fixes,
    "tls-verification-disabled": settings_fixes,
    "debug-mode": settings_fixes,
    "insecure-cookie": settings_fixes,
    "jwt-not-verified": settings_fixes,
    "hardcoded-secret": secret_fixes,
    "weak-randomness": randomness_fixes,
    "weak-password-hash": password_hash_fixes,
    "missing-csrf": csrf_fixes,
    "xxe": xxe_fixes,
    "open-redirect": redirect_fixes,
    "permissive-cors": cors_fixes,
}


def code_fixes(document: Document, finding: Finding) -> list[Fix]:
    """Unverified quick fixes for the finding, preferred first."""
    fixer = RULE_FIXERS.get(finding.rule_id)
    if fixer is None:
        return []
    try:
        found = fixer(Source(document), finding)
    except Exception:  # a fixer that cannot read this code offers nothing, never fails
        return []
    return sorted(found, key=lambda fix: not fix.preferred)


def fixes_for(
    document: Document, finding: Finding, settings: AnalysisSettings | None = None
) -> list[Fix]:
    """Candidate fixes for one finding: the rule's quick fixes (or, when it has none, the
    rule's docs), then a suppression. Not yet verified: see verified_fixes()."""
    del settings  # fixers read the code; settings matter when verifying
    fixes = code_fixes(document, finding)
    if not fixes:
        fixes.append(docs_fix(finding))
    try:
        suppression = suppress_fix(Source(document), finding)
    except Exception:
        suppression = None
    if suppression is not None:
        fixes.append(suppression)
    return fixes


def verified_fixes(
    document: Document,
    finding: Finding,
    settings: AnalysisSettings | None = None,
    before: list[Finding] | None = None,
) -> list[Fix]:
    """The fixes to offer: every candidate that passes verify(). When no quick fix passes,
    the rule's docs take its place. At most one fix is preferred."""
    if before is None:
        before = raw_findings(document, settings)
    offered: list[Fix] = []
    preferred_seen = False
    for fix in fixes_for(document, finding, settings):
        if fix.kind == "docs" or not _passes(document, finding, fix, settings, before):
            continue
        if fix.preferred and preferred_seen:
            fix = Fix(
                fix.title,
                fix.kind,
                fix.rule_id,
                fix.edits,
                False,
                fix.docs_url,
                fix.requirements,
            )
        preferred_seen = preferred_seen or fix.preferred
        offered.append(fix)
    if not any(fix.kind == "quickfix" for fix in offered):
        offered.insert(0, docs_fix(finding))
    return offered


def preferred_fix(
    document: Document,
    finding: Finding,
    settings: AnalysisSettings | None = None,
    before: list[Finding] | None = None,
) -> Fix | None:
    """The first verified preferred quick fix, or None."""
    if before is None:
        before = raw_findings(document, settings)
    for fix in code_fixes(document, finding):
        if (
            fix.kind == "quickfix"
            and fix.preferred
            and _passes(document, finding, fix, settings, before)
        ):
            return fix
    return None


def _passes(
    document: Document,
    finding: Finding,
    fix: Fix,
    settings: AnalysisSettings | None,
    before: list[Finding],
) -> bool:
    try:
        return check(document, finding, fix, settings, before).ok
    except Exception:  # a fix that cannot be checked is not offered
        return False


@dataclass
class FixAllResult:
    data: bytes
    applied: list[tuple[Finding, Fix]] = field(default_factory=list)
    # Findings left (no verified preferred fix), positions in the fixed text.
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_document(
    document: Document,
    settings: AnalysisSettings | None = None,
    rules: Iterable[str] | None = None,
) -> FixAllResult:
    """Apply every verified preferred quick fix, one at a time: each fix is computed and
    verified on the text the previous ones produced, so their edits never collide."""
    wanted = set(rules) if rules is not None else None
    current = document
    findings = raw_findings(current, settings)
    pending = [f for f in findings if wanted is None or f.rule_id in wanted]
    result = FixAllResult(document.data)
    remaining: list[Finding] = []
    while pending:
        finding = pending.pop(0)
        fix = preferred_fix(current, finding, settings, findings)
        if fix is None:
            remaining.append(finding)
            continue
        fixed = applied(current, fix.edits)
        after = raw_findings(fixed, settings)
        result.applied.append((finding, fix))
        pending = _carry(pending, after, fix.edits)
        remaining = _carry(remaining, after, fix.edits)
        current, findings = fixed, after
    result.data = current.data
    result.remaining = remaining
    return result


def _carry(
    findings: list[Finding], after: list[Finding], edits: tuple[TextEdit, ...]
) -> list[Finding]:
    """The findings of the new text that correspond to `findings` of the old one."""
    carried: list[Finding] = []
    for finding in findings:
        match = next((a for a in after if same_finding(finding, a, edits)), None)
        if match is not None and match not in carried:
            carried.append(match)
    return carried


__all__ = [
    "REASON_PLACEHOLDER",
    "RULE_FIXERS",
    "Fix",
    "FixAllResult",
    "FixKind",
    "Requirement",
    "TextEdit",
    "Verdict",
    "applied",
    "apply_edits",
    "check",
    "code_fixes",
    "docs_fix",
    "fix_document",
    "fixes_for",
    "map_offset",
    "normalized_edits",
    "preferred_fix",
    "suppress_fix",
    "syntax_problems",
    "verified_fixes",
    "verify",
]
