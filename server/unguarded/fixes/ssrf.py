"""SSRF: an allowlist guard before the request. The URL's scheme and hostname are checked
against a module-level ALLOWED_HOSTS (created empty when absent: nothing is allowed until
someone lists the hosts), and the request is refused in the style of the framework."""

from __future__ import annotations

from unguarded.analysis.model import Finding
from unguarded.fixes.builder import FixBuilder, rejection
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source, binding_of, text_of
from unguarded.fixes.strings import Unsupported

ALLOWED = "ALLOWED_HOSTS"
MESSAGE = "URL host not allowed"
_COMMENT = "Hosts this code may send requests to: list the ones it needs."

# Calls that read a value without side effects: the guard may evaluate them again.
_PURE_CALLS = frozenset(
    {
        "str",
        "String",
        "strip",
        "lower",
        "lstrip",
        "rstrip",
        "trim",
        "toLowerCase",
        "toString",
        "get",
        "slice",
        "format",
    }
)


def pure(node: Node, depth: int = 0) -> bool:
    """An expression that can be evaluated twice with the same result and no effect."""
    if depth > 12:
        return False
    kind = node.type
    if kind in ("identifier", "string_content", "property_identifier", "this"):
        return True
    if kind in ("string", "template_string", "integer", "number", "true", "false", "none"):
        return all(pure(child, depth + 1) for child in node.named_children)
    if kind in ("interpolation", "template_substitution", "string_fragment", "escape_sequence"):
        return all(pure(child, depth + 1) for child in node.named_children)
    if kind in (
        "attribute",
        "member_expression",
        "subscript",
        "subscript_expression",
        "parenthesized_expression",
        "non_null_expression",
        "as_expression",
        "binary_operator",
        "binary_expression",
        "concatenated_string",
        "argument_list",
        "arguments",
    ):
        return all(pure(child, depth + 1) for child in node.named_children)
    if kind in ("call", "call_expression"):
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None:
            return False
        name = text_of(function).rsplit(".", 1)[-1]
        if name not in _PURE_CALLS:
            return False
        return pure(function, depth + 1) and (arguments is None or pure(arguments, depth + 1))
    return kind in ("type_identifier", "predefined_type", "string_start", "string_end")


def captured(source: Source, identifier: Node) -> bool:
    """A name a nested function reads from the function around it: checks must test a
    local copy, which is what the analysis (and a reader) can follow."""
    function = source.function_of(identifier)
    if function is None or source.function_of(function) is None:
        return False
    binding = binding_of(source, identifier)
    return binding.definition is None and binding.other_writes == 0


def identifiers_in(node: Node) -> list[Node]:
    found: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            found.append(current)
        elif current.type not in ("attribute", "member_expression"):
            stack.extend(current.children)
        else:
            inner = current.child_by_field_name("object")
            if inner is not None:
                stack.append(inner)
    return found


def ssrf_fixes(source: Source, finding: Finding) -> list[Fix]:
    argument = source.node_at(finding.argument)
    if argument is None:
        return []
    if source.insertion_statement(argument) is None and source.expression_arrow(argument) is None:
        return []
    builder = FixBuilder(source, finding.rule_id)
    try:
        lines = _guard(builder, argument)
    except Unsupported:
        return []
    if not builder.place_before(argument, lines):
        return []
    return [builder.build(f"Allow only hosts in {ALLOWED} before this request", preferred=True)]


def guard_subject(
    builder: FixBuilder, argument: Node, named: bool = False
) -> tuple[str, list[str]]:
    """The expression the guard tests, and any statement that has to run first. With
    `named`, anything but a plain name is first stored in a variable (a guard that tests
    the value several times stays readable)."""
    source = builder.source
    if argument.type == "identifier" and not captured(source, argument):
        return text_of(argument), []
    if (
        not named
        and argument.type != "identifier"
        and pure(argument)
        and not any(captured(source, n) for n in identifiers_in(argument))
    ):
        return text_of(argument), []
    if "\n" in text_of(argument):
        raise Unsupported("multi-line URL expression")
    name = source.fresh_name("target" if argument.type == "identifier" else "url", argument)
    builder.replace(argument, name)
    if source.python:
        return name, [f"{name} = {text_of(argument)}"]
    return name, [f"const {name} = {text_of(argument)}{source.semicolon}"]


def _guard(builder: FixBuilder, argument: Node) -> list[tuple[int, str]]:
    source = builder.source
    subject, before = guard_subject(builder, argument)
    parsed = source.fresh_name("parsed", argument)
    refuse = rejection(builder, argument, MESSAGE)
    http, https = source.string("http"), source.string("https")
    if source.python:
        urlparse = builder.require("py-name", "urllib.parse", "urlparse")
        annotated = b"->" in source.data or b": str" in source.data
        constant = (
            f"{ALLOWED}: frozenset[str] = frozenset()"
            if annotated
            else (f"{ALLOWED} = frozenset()")
        )
        allowed = builder.require("py-constant", ALLOWED, f"# {_COMMENT}\n{constant}\n")
        condition = (
            f"if {parsed}.scheme not in ({http}, {https}) or {parsed}.hostname not in {allowed}"
        )
        return [
            *((0, line) for line in before),
            (0, f"{parsed} = {urlparse}({subject})"),
            *builder.block(condition, refuse),
        ]
    semicolon = source.semicolon
    constant = f"new Set<string>([]){semicolon}" if source.typescript else f"new Set([]){semicolon}"
    allowed = builder.require(
        "js-constant", ALLOWED, f"// {_COMMENT}\nconst {ALLOWED} = {constant}"
    )
    http, https = source.string("http:"), source.string("https:")
    condition = (
        f"if (![{http}, {https}].includes({parsed}.protocol) || !{allowed}.has({parsed}.hostname))"
    )
    return [
        *((0, line) for line in before),
        (0, f"const {parsed} = new URL({subject}){semicolon}"),
        *builder.block(condition, refuse),
    ]
