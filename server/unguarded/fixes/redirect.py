"""open-redirect: a guard before the redirect that lets only same-site paths through. A
path must start with one "/" (not "//" or "/\\", which browsers read as another host) and
hold no control characters (browsers drop tabs and newlines, so "/\\t/evil.example" is
"//evil.example"). Anything else is refused in the style of the framework."""

from __future__ import annotations

from unguarded.analysis.model import Finding
from unguarded.fixes.builder import FixBuilder, rejection
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source
from unguarded.fixes.ssrf import guard_subject
from unguarded.fixes.strings import Unsupported

MESSAGE = "redirect target must be a path on this site"


def redirect_fixes(source: Source, finding: Finding) -> list[Fix]:
    argument = source.node_at(finding.argument)
    if argument is None:
        return []
    argument = _url_input(argument)
    if source.insertion_statement(argument) is None and source.expression_arrow(argument) is None:
        return []
    if finding.sink_name == "shell.openExternal()":
        # The OS opens a path on no site: only web links are handed over.
        return web_link_fixes(source, finding, argument, "Open only http(s) links")
    builder = FixBuilder(source, finding.rule_id)
    try:
        lines = _guard(builder, argument)
    except Unsupported:
        return []
    if not builder.place_before(argument, lines):
        return []
    return [builder.build("Redirect only to paths on this site", preferred=True)]


def web_link_fixes(source: Source, finding: Finding, argument: Node, title: str) -> list[Fix]:
    """A guard that lets only an http: or https: URL through (shell.openExternal, a link's
    href set from script): no javascript:, file: or custom-protocol URL."""
    if source.python or (
        source.insertion_statement(argument) is None and source.expression_arrow(argument) is None
    ):
        return []
    builder = FixBuilder(source, finding.rule_id)
    try:
        subject, before = guard_subject(builder, argument, named=True)
    except Unsupported:
        return []
    refuse = rejection(builder, argument, "only http(s) links are allowed")
    condition = f'if (typeof {subject} !== "string" || !/^https?:\\/\\//i.test({subject}))'
    lines = [*((0, line) for line in before), *builder.block(condition, refuse)]
    if not builder.place_before(argument, lines):
        return []
    return [builder.build(title, preferred=True)]


def _url_input(argument: Node) -> Node:
    """`new URL(next, req.url)`: the guard is on `next` (the URL object is no string,
    and an absolute `next` is what replaces the base)."""
    if argument.type != "new_expression":
        return argument
    constructor = argument.child_by_field_name("constructor")
    arguments = argument.child_by_field_name("arguments")
    if constructor is None or arguments is None or constructor.text != b"URL":
        return argument
    values = [a for a in arguments.named_children if a.type != "comment"]
    return values[0] if len(values) == 2 else argument


def _guard(builder: FixBuilder, argument: Node) -> list[tuple[int, str]]:
    source = builder.source
    subject, before = guard_subject(builder, argument, named=True)
    refuse = rejection(builder, argument, MESSAGE)
    slash, doubled, backslash = source.string("/"), source.string("//"), source.string("/\\")
    if source.python:
        condition = (
            f"if not {subject}.startswith({slash}) or {subject}.startswith(({doubled}, "
            f"{backslash})) or not {subject}.isprintable()"
        )
    else:
        condition = (
            f'if (typeof {subject} !== "string" || !{subject}.startsWith({slash}) || '
            f"{subject}.startsWith({doubled}) || {subject}.startsWith({backslash}) || "
            f"/[\\u0000-\\u001f]/.test({subject}))"
        )
    return [*((0, line) for line in before), *builder.block(condition, refuse)]
