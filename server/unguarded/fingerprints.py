"""Fingerprints that name a finding across commits: `scan --baseline` matches findings with
them and SARIF carries them as `partialFingerprints`.

A fingerprint is a hash of
- the rule id,
- the enclosing named scopes (`Handler.get`, `app.get("/users")` for an anonymous route
  callback, `module.exports.run`), outermost first,
- the sink's source text, normalised: whitespace dropped, `'` read as `"`, a trailing comma
  before a closing bracket dropped, so reformatting (black, prettier) keeps it,
- the occurrence index among the file's findings with the same three values, in source
  order, so two identical sinks in one function stay two findings.

Line and column numbers are left out, so code moving up or down (an import added above, a
function moved) keeps its fingerprints. Renaming the enclosing function or editing the sink
call changes them: that finding is then new, as a reviewer would see it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

import tree_sitter

from unguarded.analysis import Finding
from unguarded.documents import Document

# The key in SARIF `partialFingerprints`; the version changes if the recipe does.
FINGERPRINT_KEY = "unguarded/v1"

# Scopes that carry their own name (Python and JavaScript/TypeScript grammars).
_NAMED_SCOPES = frozenset(
    {
        "function_definition",
        "class_definition",
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "abstract_class_declaration",
        "method_definition",
        "function_expression",
        "generator_function",
        "class",
    }
)
# Scopes that take a name from where they stand: `f = lambda: ...`, `const h = () => ...`,
# `{ j: () => ... }`, `app.get("/x", (req, res) => ...)`.
_ANONYMOUS_SCOPES = frozenset(
    {"lambda", "arrow_function", "function_expression", "generator_function", "class"}
)
_CONTEXT_FIELDS = ("name", "left", "key", "property")
_STRINGS = frozenset({"string", "template_string"})
_MAX_NAME = 200

_SPACE = re.compile(rb"\s+")
_TRAILING_COMMA = re.compile(rb",(?=[)\]}])")


def normalise(text: bytes) -> bytes:
    """Source text with formatting differences taken out."""
    text = _SPACE.sub(b"", text).replace(b"'", b'"')
    return _TRAILING_COMMA.sub(b"", text)


def fingerprints(document: Document, findings: Sequence[Finding]) -> dict[Finding, str]:
    """Each finding's fingerprint (32 hex digits)."""
    result: dict[Finding, str] = {}
    seen: Counter[tuple[str, str, bytes]] = Counter()
    ordered = sorted(
        findings, key=lambda f: (f.span.start_byte, f.span.end_byte, f.rule_id, f.argument)
    )
    for finding in ordered:
        text = normalise(document.data[finding.span.start_byte : finding.span.end_byte])
        scope = ".".join(
            _scope_names(document.tree, finding.span.start_byte, finding.span.end_byte)
        )
        key = (finding.rule_id, scope, text)
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256()
        for part in (finding.rule_id.encode(), scope.encode(), text, str(occurrence).encode()):
            digest.update(len(part).to_bytes(8, "big") + part)  # length-prefixed: unambiguous
        result[finding] = digest.hexdigest()[:32]
    return result


def _scope_names(tree: tree_sitter.Tree, start: int, end: int) -> list[str]:
    """Names of the scopes around [start, end), outermost first.

    The walk goes down from the root with a cursor: asking a node for its parent costs a
    descent from the root in tree-sitter, which is quadratic on 10,000-deep code."""
    cursor = tree.walk()
    path: list[tree_sitter.Node] = [cursor.node] if cursor.node is not None else []
    while cursor.goto_first_child_for_byte(start) is not None:
        node = cursor.node
        if node is None or node.start_byte > start or node.end_byte < end:
            break
        path.append(node)
    names: list[str] = []
    for index, node in enumerate(path):
        if node.type not in _NAMED_SCOPES and node.type not in _ANONYMOUS_SCOPES:
            continue
        name = _text(node.child_by_field_name("name"))
        if name is None and node.type in _ANONYMOUS_SCOPES:
            name = _context_name(path[index - 1] if index >= 1 else None, path[:index])
        if name:
            names.append(name[:_MAX_NAME])
    return names


def _context_name(parent: tree_sitter.Node | None, above: list[tree_sitter.Node]) -> str | None:
    if parent is None:
        return None
    for field in _CONTEXT_FIELDS:
        name = _text(parent.child_by_field_name(field))
        if name is not None:
            return name
    # A callback argument: the call, with its first argument when that is a string (a route).
    if parent.type in ("arguments", "argument_list") and len(above) >= 2:
        call = above[-2]
        callee = _text(call.child_by_field_name("function"))
        if callee is None:
            return None
        first = parent.named_children[0] if parent.named_children else None
        if first is not None and first.type in _STRINGS:
            return f"{callee}({_text(first)})"
        return f"{callee}()"
    return None


def _text(node: tree_sitter.Node | None) -> str | None:
    if node is None or node.text is None:
        return None
    return normalise(node.text).decode("utf-8", errors="replace")
