"""Suppression comments: `# unguarded: ignore[rule-id] reason` (`//` in JavaScript/TypeScript).

A suppression is bound to a statement, not to a physical line. It silences the findings of
the rules it names whose sink lies in that statement when the comment

  * stands on its own line in the block of comment lines directly above the statement, or
  * is on any line of the statement (trailing it, or inside a call that spans lines). For a
    compound statement (`if`, `with`, `for`, a function) only the header counts, not the
    body.

`ignore[rule-a,rule-b]` names several rules. A suppression with no reason, or naming a rule
that does not exist, is reported as a problem (a warning) of its own; one with no reason
still suppresses, one for an unknown rule suppresses nothing for that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter

from unguarded.analysis.model import Finding, Span
from unguarded.catalog import CATALOG, Severity
from unguarded.documents import Document
from unguarded.documents.content import common_prefix, common_suffix

Node = tree_sitter.Node

# The comment body (markers removed) must start with this.
_MARKER = re.compile(r"^unguarded\s*:\s*ignore\b", re.IGNORECASE)
_RULES = re.compile(r"^\[(?P<rules>[^\]]*)\](?P<reason>.*)$", re.DOTALL)
# A reason that is only a placeholder (`<why this is safe>`) is no reason.
_PLACEHOLDER = re.compile(r"^<[^>]*>$")
_REASON_LEAD = " \t:-\u2013\u2014"
# Cheap test before walking the tree: no marker, no suppression. A case-insensitive regex
# over a large file costs a millisecond; lower-casing and finding the word costs far less.
_ANY_MARKER = re.compile(rb"unguarded\s*:\s*ignore", re.IGNORECASE)
_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def _may_hold_suppression(data: bytes, mentioned: bool | None = None) -> bool:
    if mentioned is None:
        mentioned = mentions_marker(data)
    return mentioned and _ANY_MARKER.search(data) is not None


def mentions_marker(data: bytes) -> bool:
    """Whether `data` holds the word `unguarded` in any case: no suppression without it."""
    return b"unguarded" in data.translate(_LOWER)


def mentions_marker_after_edit(old: bytes, old_mentions: bool, new: bytes) -> bool:
    """`mentions_marker(new)`, given the version before and its answer. A text without
    the word can gain it only where the edit changed it: the changed bytes and a word's
    length around them are read, not the whole file (a third of a millisecond on a
    190 KB file, on every keystroke's diagnostics)."""
    if old_mentions:
        return mentions_marker(new)
    prefix = common_prefix(old, new)
    suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
    margin = len(b"unguarded") - 1
    return mentions_marker(new[max(0, prefix - margin) : len(new) - suffix + margin])


PROBLEM_REASON = "suppression-without-reason"
PROBLEM_RULE = "suppression-unknown-rule"
PROBLEM_SYNTAX = "suppression-syntax"

# Node types that hold a sequence of statements.
_PYTHON_BLOCKS = frozenset({"module", "block"})
_JS_BLOCKS = frozenset(
    {"program", "statement_block", "switch_case", "switch_default", "class_body"}
)
# Clauses that read as their own statement line (`elif x:`, `} else {`, `case 1:`).
_PYTHON_CLAUSES = frozenset(
    {"elif_clause", "else_clause", "except_clause", "finally_clause", "case_clause"}
)
_JS_CLAUSES = frozenset({"else_clause", "catch_clause", "finally_clause"})
# Where the header of a compound statement ends: its first body child.
_PYTHON_BODIES = frozenset({"block"})
_JS_BODIES = frozenset({"statement_block", "class_body", "switch_body"})


@dataclass(frozen=True)
class Suppression:
    """One `unguarded: ignore[...]` comment."""

    span: Span
    rules: tuple[str, ...]
    reason: str
    text: str

    @property
    def line(self) -> int:
        return self.span.start[0]

    @property
    def has_reason(self) -> bool:
        return bool(self.reason) and not _PLACEHOLDER.match(self.reason)


@dataclass(frozen=True)
class SuppressionProblem:
    """A suppression comment that needs attention; reported like a finding, as a warning."""

    span: Span
    message: str
    code: str
    severity: Severity = Severity.WARNING

    @property
    def line(self) -> int:
        return self.span.start[0]


def is_python(document: Document) -> bool:
    return document.language.family == "python"


def statement_of(node: Node, python: bool) -> Node:
    """The innermost statement (or clause such as `elif`) that contains `node`."""
    blocks = _PYTHON_BLOCKS if python else _JS_BLOCKS
    clauses = _PYTHON_CLAUSES if python else _JS_CLAUSES
    current = node
    while current.parent is not None:
        parent = current.parent
        if parent.type in blocks or current.type in clauses:
            return current
        if (
            not python
            and parent.type in ("if_statement", "else_clause")
            and (current.type.endswith("_statement") or current.type.endswith("_declaration"))
        ):
            return current  # a braceless body: `if (x) foo();`
        current = parent
    return current


def header_end(statement: Node, python: bool) -> int:
    """The end of a statement's header: the start of its body for compound statements."""
    bodies = _PYTHON_BODIES if python else _JS_BODIES
    for child in statement.children:
        if child.type in bodies:
            return _before_comments(statement, child)
    if not python:
        for field in ("consequence", "body"):
            body = statement.child_by_field_name(field)
            if body is not None and body.start_point.row > statement.start_point.row:
                return _before_comments(statement, body)
    return statement.end_byte


def _before_comments(statement: Node, body: Node) -> int:
    """Where the header before `body` ends: a comment on the lines between them (the
    first lines of the body, `with open(p) as f:` then `# unguarded: ignore[...]`) binds
    to the body's first statement, not to the header."""
    end = statement.start_byte
    for child in statement.children:
        if child.start_byte >= body.start_byte:
            break
        if child.type != "comment":
            end = child.end_byte
    return end if end > statement.start_byte else body.start_byte


def parse_comment(text: str) -> tuple[str, str] | None:
    """(the part after `unguarded: ignore`, the comment body) or None if not a suppression."""
    body = text.strip()
    for opener in ("#", "//", "/*"):
        if body.startswith(opener):
            body = body[len(opener) :]
            break
    else:
        return None
    if body.endswith("*/"):
        body = body[:-2]
    body = body.strip()
    match = _MARKER.match(body)
    if match is None:
        return None
    return body[match.end() :], body


def _comments(document: Document) -> list[Node]:
    found: list[Node] = []
    stack = [document.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            found.append(node)
            continue
        stack.extend(node.children)
    found.sort(key=lambda n: n.start_byte)
    return found


def _scan(
    document: Document, mentioned: bool | None = None
) -> tuple[list[Suppression], list[SuppressionProblem]]:
    suppressions: list[Suppression] = []
    problems: list[SuppressionProblem] = []
    if not _may_hold_suppression(document.data, mentioned):
        return suppressions, problems
    for comment in _comments(document):
        text = (comment.text or b"").decode("utf-8", errors="replace")
        parsed = parse_comment(text)
        if parsed is None:
            continue
        rest, body = parsed
        span = Span.of(comment)
        match = _RULES.match(rest.strip())
        if match is None:
            problems.append(
                SuppressionProblem(
                    span,
                    "unguarded: a suppression names the rules it silences: "
                    "`unguarded: ignore[rule-id] reason`.",
                    PROBLEM_SYNTAX,
                )
            )
            continue
        rules = tuple(r.strip() for r in match.group("rules").split(",") if r.strip())
        reason = match.group("reason").strip().lstrip(_REASON_LEAD).strip()
        if not rules:
            problems.append(
                SuppressionProblem(
                    span,
                    "unguarded: this suppression names no rule; write `ignore[rule-id]`.",
                    PROBLEM_SYNTAX,
                )
            )
            continue
        suppression = Suppression(span, rules, reason, body)
        suppressions.append(suppression)
        for rule in rules:
            if rule not in CATALOG:
                known = ", ".join(sorted(CATALOG))
                problems.append(
                    SuppressionProblem(
                        span,
                        f"unguarded: unknown rule id '{rule}' in a suppression (rules: {known}).",
                        PROBLEM_RULE,
                    )
                )
        if not suppression.has_reason:
            problems.append(
                SuppressionProblem(
                    span,
                    "unguarded: say why this is safe: a suppression needs a reason after "
                    f"`ignore[{','.join(rules)}]`.",
                    PROBLEM_REASON,
                )
            )
    return suppressions, problems


def list_suppressions(document: Document) -> list[Suppression]:
    """Every suppression comment in the document, in order (for `--list-suppressions`)."""
    return _scan(document)[0]


def suppression_problems(
    document: Document, mentioned: bool | None = None
) -> list[SuppressionProblem]:
    """Suppression comments without a reason, for unknown rules, or malformed.
    `mentioned`: `mentions_marker(document.data)` when the caller knows it."""
    return _scan(document, mentioned)[1]


def binding_lines(
    document: Document, statement: Node, comment_lines: set[int] | None = None
) -> tuple[int, int, int]:
    """(first comment line above, first line, last header line) of a statement: comments
    on lines first..last, or on the comment-only lines directly above, bind to it."""
    python = is_python(document)
    first = statement.start_point.row
    end = header_end(statement, python)
    last = document.lines.line_of(max(statement.start_byte, end - 1))
    above = first
    if comment_lines is None:
        comment_lines = comment_only_lines(document, _comments(document))
    while above - 1 >= 0 and (above - 1) in comment_lines:
        above -= 1
    return above, first, last


def comment_only_lines(document: Document, comments: list[Node]) -> set[int]:
    """Lines that hold nothing but a comment."""
    lines = document.lines
    found: set[int] = set()
    data = document.data
    for comment in comments:
        start_line = comment.start_point.row
        line_start = lines.line_starts[start_line]
        before = data[line_start : comment.start_byte].strip()
        if before not in (b"", b"{"):  # `{/* ... */}` in JSX children
            continue
        end_line = comment.end_point.row
        after = data[comment.end_byte : lines.line_end(end_line)].strip()
        if after not in (b"", b"}"):
            continue
        found.update(range(start_line, end_line + 1))
    return found


def sink_node(document: Document, span: Span) -> Node:
    root = document.tree.root_node
    node = root.descendant_for_byte_range(span.start_byte, span.end_byte) or root
    return node


def apply_suppressions(
    document: Document, findings: list[Finding]
) -> tuple[list[Finding], list[SuppressionProblem]]:
    """The findings no suppression silences, and the problems with suppression comments.
    Idempotent: applying it to its own output keeps the same findings."""
    suppressions, problems = _scan(document)
    if not suppressions:
        return list(findings), problems
    by_line: dict[int, list[Suppression]] = {}
    for suppression in suppressions:
        for line in range(suppression.span.start[0], suppression.span.end[0] + 1):
            by_line.setdefault(line, []).append(suppression)
    python = is_python(document)
    comment_lines = comment_only_lines(document, _comments(document))
    kept: list[Finding] = []
    for finding in findings:
        statement = statement_of(sink_node(document, finding.span), python)
        above, _, last = binding_lines(document, statement, comment_lines)
        silenced = any(
            finding.rule_id in suppression.rules
            for line in range(above, last + 1)
            for suppression in by_line.get(line, ())
        )
        if not silenced:
            kept.append(finding)
    return kept, problems


__all__ = [
    "PROBLEM_REASON",
    "PROBLEM_RULE",
    "PROBLEM_SYNTAX",
    "Suppression",
    "SuppressionProblem",
    "apply_suppressions",
    "binding_lines",
    "comment_only_lines",
    "header_end",
    "list_suppressions",
    "mentions_marker",
    "mentions_marker_after_edit",
    "parse_comment",
    "statement_of",
    "suppression_problems",
]
