"""Path traversal: a containment check before the file is opened. The path is resolved
(symlinks and `..` removed) and must stay inside the base directory it was built from;
Flask's send_file(base/name) becomes send_from_directory(base, name), Express's
res.sendFile(path.join(base, name)) becomes res.sendFile(name, { root: base }), and a
tarfile extraction gets filter="data".

A base directory is the constant start of the path: a string literal, an UPPER_CASE
constant, `settings.X`, `__dirname`, or a path built only from those. When the whole path
comes from outside there is no base to stay in, and no fix is offered."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

from unguarded.analysis.model import Finding
from unguarded.fixes.builder import FixBuilder, python_framework, rejection
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source, binding_of, text_of
from unguarded.fixes.strings import (
    Lit,
    Pieces,
    Unsupported,
    Val,
    expression_of,
    js_pieces,
    literal_text,
    python_pieces,
)

MESSAGE = "path not allowed"
_CONSTANT_NAME = re.compile(r"^_*[A-Z][A-Z0-9_]*$")
_PY_CONFIG_ROOTS = ("settings.", "app.config", "current_app.config", "os.environ", "config.")
_JS_CONFIG_ROOTS = ("process.env", "__dirname", "__filename", "process.cwd()", "config.")


@dataclass
class Split:
    style: str  # "os" (strings) or "pathlib"
    base: str  # the base directory expression
    rest: str  # the part that comes from outside, relative to base ("" if unknown)
    # The base as arguments of a join (`__dirname, "uploads"`), when it was one.
    base_arguments: tuple[str, ...] = ()


def constant(source: Source, node: Node, depth: int = 0) -> bool:
    """Configuration or a literal: a value the user does not choose."""
    if depth > 8:
        return False
    kind = node.type
    text = text_of(node)
    if kind == "string":
        return not any(
            c.type in ("interpolation", "template_substitution") for c in node.named_children
        ) or all(
            constant(source, e, depth + 1)
            for c in node.named_children
            if c.type in ("interpolation", "template_substitution")
            for e in c.named_children
            if e.type not in ("type_conversion", "format_specifier")
        )
    if kind == "template_string":
        return all(
            constant(source, e, depth + 1)
            for c in node.named_children
            if c.type == "template_substitution"
            for e in c.named_children
        )
    if kind == "identifier":
        return bool(_CONSTANT_NAME.match(text)) or text in ("__dirname", "__file__")
    if kind in ("attribute", "member_expression", "subscript", "subscript_expression"):
        roots = _PY_CONFIG_ROOTS if source.python else _JS_CONFIG_ROOTS
        if any(text.startswith(root) for root in roots):
            return True
        inner = node.child_by_field_name("object") or node.child_by_field_name("value")
        if kind in ("attribute", "member_expression") and inner is not None:
            return constant(source, inner, depth + 1)
        return False
    if kind in ("call", "call_expression"):
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        name = text_of(function) if function is not None else ""
        if name.rsplit(".", 1)[-1] in (
            "join",
            "resolve",
            "realpath",
            "abspath",
            "dirname",
            "Path",
            "PurePath",
            "expanduser",
            "cwd",
            "home",
            "normpath",
        ):
            return arguments is not None and all(
                constant(source, a, depth + 1)
                for a in arguments.named_children
                if a.type != "comment"
            )
        return any(text.startswith(root) for root in (_PY_CONFIG_ROOTS if source.python else ()))
    if kind in ("binary_operator", "binary_expression", "parenthesized_expression"):
        return all(constant(source, c, depth + 1) for c in node.named_children)
    return False


def _value_of(source: Source, node: Node) -> Node:
    """A name assigned once, followed to its value; other nodes as they are."""
    if node.type == "identifier":
        binding = binding_of(source, node)
        if (
            binding.single
            and binding.value is not None
            and binding.value.start_byte < (node.start_byte)
        ):
            return binding.value
    return node


def _call_name(node: Node) -> str:
    function = node.child_by_field_name("function")
    return text_of(function) if function is not None else ""


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [a for a in arguments.named_children if a.type != "comment"]


def split_path(source: Source, node: Node) -> Split:
    """The base directory and the outside part of a path expression."""
    value = _value_of(source, node)
    while value.type == "parenthesized_expression" and len(value.named_children) == 1:
        value = value.named_children[0]
    kind = value.type
    if kind in ("call", "call_expression"):
        name = _call_name(value)
        last = name.rsplit(".", 1)[-1]
        arguments = _arguments(value)
        if last in ("join", "Path", "PurePath", "resolve") and len(arguments) >= 2:
            leading = 0
            while leading < len(arguments) and constant(source, arguments[leading]):
                leading += 1
            if leading == 0 or leading == len(arguments):
                raise Unsupported("no constant base directory")
            base_args = ", ".join(text_of(a) for a in arguments[:leading])
            rest_args = [text_of(a) for a in arguments[leading:]]
            style = "pathlib" if last in ("Path", "PurePath") else "os"
            base = text_of(arguments[0]) if leading == 1 else f"{name}({base_args})"
            if style == "pathlib" and leading == 1:
                base = f"{name}({base_args})"
            rest = rest_args[0] if len(rest_args) == 1 else ""
            return Split(style, base, rest, tuple(text_of(a) for a in arguments[:leading]))
        raise Unsupported("no constant base directory")
    if kind == "binary_operator":
        operator = value.child_by_field_name("operator")
        if operator is not None and operator.type == "/":
            operands: list[Node] = []
            current = value
            while current.type == "binary_operator":
                op = current.child_by_field_name("operator")
                left = current.child_by_field_name("left")
                right = current.child_by_field_name("right")
                if op is None or op.type != "/" or left is None or right is None:
                    break
                operands.insert(0, right)
                current = left
            operands.insert(0, current)
            leading = 0
            while leading < len(operands) and constant(source, operands[leading]):
                leading += 1
            if leading == 0 or leading == len(operands):
                raise Unsupported("no constant base directory")
            # The node that covers exactly the leading operands.
            base_node = value
            for _ in range(len(operands) - leading):
                left = base_node.child_by_field_name("left")
                if left is None:
                    raise Unsupported("path operands")
                base_node = left
            rest = text_of(operands[leading]) if leading == len(operands) - 1 else ""
            return Split("pathlib", text_of(base_node), rest)
    try:
        pieces = python_pieces(value) if source.python else js_pieces(value)
    except Unsupported:
        pieces = [Val(value)]
    return _split_pieces(source, pieces)


def _split_pieces(source: Source, pieces: Pieces) -> Split:
    """`f"{BASE}/sub/{name}"` -> base f"{BASE}/sub", rest name."""
    prefix: Pieces = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, Val) and not constant(source, piece.node):
            break
        prefix.append(piece)
        index += 1
    if index == len(pieces) or not prefix:
        raise Unsupported("no constant base directory")
    # Cut the prefix at its last "/": the base is a directory, the rest a path inside it.
    for position in range(len(prefix) - 1, -1, -1):
        piece = prefix[position]
        if isinstance(piece, Lit) and "/" in piece.value:
            head, _, tail = piece.value.rpartition("/")
            base_pieces: Pieces = [*prefix[:position], Lit(head)] if head else prefix[:position]
            if not base_pieces or (literal_text(base_pieces) == ""):
                base_pieces = [Lit("/")] if not prefix[:position] else base_pieces
            rest_pieces: Pieces = [Lit(tail)] if tail else []
            rest_pieces += list(prefix[position + 1 :]) + list(pieces[index:])
            base = expression_of(source, [p for p in base_pieces if not _empty(p)])
            rest = expression_of(source, [p for p in rest_pieces if not _empty(p)])
            return Split("os", base, rest)
    raise Unsupported("no directory separator after the base")


def _empty(piece: Lit | Val) -> bool:
    return isinstance(piece, Lit) and piece.value == ""


def path_fixes(source: Source, finding: Finding) -> list[Fix]:
    argument = source.node_at(finding.argument)
    call = source.node_at(finding.span, ("call", "call_expression"))
    if argument is None or call is None:
        return []
    if source.python and finding.sink_name.startswith("TarFile."):
        # The archive is the dangerous value: its members' names decide where they land.
        return _tar_filter(source, finding, call)
    try:
        split = split_path(source, argument)
    except Unsupported:
        return []
    fixes: list[Fix] = []
    with contextlib.suppress(Unsupported):
        fixes.extend(_serve_from_directory(source, finding, call, argument, split))
    with contextlib.suppress(Unsupported):
        fixes.append(_containment(source, finding, argument, split, preferred=not fixes))
    return fixes


def _tar_filter(source: Source, finding: Finding, call: Node) -> list[Fix]:
    """tarfile: extract with filter="data", which refuses members that would land outside
    the destination (absolute names, `..`, links that point out)."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None or arguments.type != "argument_list":
        return []
    builder = FixBuilder(source, finding.rule_id)
    inner = arguments.named_children
    closing = arguments.end_byte - 1
    if not inner:
        builder.insert(closing, 'filter="data"')
    else:
        builder.insert(inner[-1].end_byte, ', filter="data"')
    return [builder.build('Extract with filter="data"', preferred=True)]


def _serve_from_directory(
    source: Source, finding: Finding, call: Node, argument: Node, split: Split
) -> list[Fix]:
    if not split.rest:
        raise Unsupported("several outside parts")
    arguments = _arguments(call)
    if not arguments or arguments[0] != argument:
        raise Unsupported("the path is not the first argument")
    name = _call_name(call)
    builder = FixBuilder(source, finding.rule_id)
    if source.python:
        if name.rsplit(".", 1)[-1] != "send_file" or python_framework(source) != "flask":
            raise Unsupported("not Flask send_file")
        if split.style != "os":
            raise Unsupported("pathlib base")
        send = builder.require("py-name", "flask", "send_from_directory")
        function = call.child_by_field_name("function")
        if function is None:
            raise Unsupported("callee")
        builder.replace(function, send)
        if function.type == "identifier":
            builder.drop_unused(text_of(function), [function])
        builder.replace(argument, f"{split.base}, {split.rest}")
        return [builder.build("Serve the file with send_from_directory()", preferred=True)]
    if not name.endswith(".sendFile") or len(arguments) != 1:
        raise Unsupported("not res.sendFile(path)")
    builder.replace(argument, f"{split.rest}, {{ root: {split.base} }}")
    return [builder.build("Serve the file with sendFile(name, { root })", preferred=True)]


def _containment(
    source: Source, finding: Finding, argument: Node, split: Split, preferred: bool
) -> Fix:
    if source.insertion_statement(argument) is None and source.expression_arrow(argument) is None:
        raise Unsupported("no statement to put the check before")
    if "\n" in text_of(argument):
        raise Unsupported("multi-line path expression")
    builder = FixBuilder(source, finding.rule_id)
    refuse = rejection(builder, argument, MESSAGE)
    resolved = source.fresh_name("resolved", argument)
    path_text = text_of(argument)
    if source.python and split.style == "pathlib":
        target = (
            path_text
            if argument.type in ("identifier", "call", "attribute")
            else (path_text if path_text.startswith("(") else f"({path_text})")
        )
        base = split.base if _simple(split.base) else f"({split.base})"
        lines = [(0, f"{resolved} = {target}.resolve()")]
        lines += builder.block(f"if not {resolved}.is_relative_to({base}.resolve())", refuse)
        title = "Check that the resolved path stays inside its base directory"
    elif source.python:
        os_name = builder.require("py-module", "os")
        base_dir = source.fresh_name("base_dir", argument)
        lines = [
            (0, f"{base_dir} = {os_name}.path.realpath({split.base})"),
            (0, f"{resolved} = {os_name}.path.realpath({path_text})"),
        ]
        lines += builder.block(
            f"if {os_name}.path.commonpath([{base_dir}, {resolved}]) != {base_dir}", refuse
        )
        title = "Check that the real path stays inside its base directory (commonpath)"
    else:
        path_module = builder.require("js-default", "path", "path", "node:path")
        root = source.fresh_name("root", argument)
        semicolon = source.semicolon
        base = ", ".join(split.base_arguments) if split.base_arguments else split.base
        # path.resolve(path.join(...)), not path.resolve(...): join keeps "/x" inside.
        target = path_text
        lines = [
            (0, f"const {root} = {path_module}.resolve({base}){semicolon}"),
            (0, f"const {resolved} = {path_module}.resolve({target}){semicolon}"),
        ]
        lines += builder.block(f"if (!{resolved}.startsWith({root} + {path_module}.sep))", refuse)
        title = "Check that the resolved path stays inside its base directory"
    builder.replace(argument, resolved)
    if not builder.place_before(argument, lines):
        raise Unsupported("no place for the check")
    return builder.build(title, preferred=preferred)


def _simple(text: str) -> bool:
    return bool(re.fullmatch(r"[\w.]+(\([^()]*\))?", text))
