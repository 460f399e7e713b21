"""The fixes every finding gets: a suppression comment, and the rule's docs when no code fix
is sound."""

from __future__ import annotations

from unguarded.analysis.model import Finding
from unguarded.catalog import CATALOG
from unguarded.fixes.model import Fix, TextEdit
from unguarded.fixes.source import Source

REASON_PLACEHOLDER = "<why this is safe>"


def suppress_fix(source: Source, finding: Finding) -> Fix | None:
    """`# unguarded: ignore[rule] <why this is safe>` above the sink's statement. The reason
    is a placeholder until someone writes it: the suppression is reported until then."""
    sink = source.root.descendant_for_byte_range(finding.span.start_byte, finding.span.end_byte)
    if sink is None:
        return None
    statement = source.statement(sink)
    start = source.line_start(statement.start_byte)
    indentation = source.indentation(statement.start_byte)
    marker = "#" if source.python else "//"
    comment = f"{marker} unguarded: ignore[{finding.rule_id}] {REASON_PLACEHOLDER}"
    return Fix(
        title=f"Suppress {finding.rule_id} here (write the reason in the comment)",
        kind="suppress",
        rule_id=finding.rule_id,
        edits=(TextEdit(start, start, indentation + comment + source.newline),),
    )


def docs_fix(finding: Finding) -> Fix:
    rule = CATALOG[finding.rule_id]
    return Fix(
        title=(
            f"No automatic fix is safe here: read how to add a {rule.missing_control} "
            f"({rule.id} docs)"
        ),
        kind="docs",
        rule_id=rule.id,
        docs_url=rule.docs_url,
    )
