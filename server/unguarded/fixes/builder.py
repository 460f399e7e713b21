"""Building a fix: edits, the imports and constants it requires, and code inserted before a
statement in the file's indentation."""

from __future__ import annotations

import re

from unguarded.fixes.imports import drop_unused, resolve
from unguarded.fixes.model import (
    Fix,
    FixKind,
    Requirement,
    TextEdit,
    apply_edits,
    normalized_edits,
)
from unguarded.fixes.source import Node, Source


class FixBuilder:
    def __init__(self, source: Source, rule_id: str) -> None:
        self.source = source
        self.rule_id = rule_id
        self.edits: list[TextEdit] = []
        self.requirements: list[Requirement] = []
        self._resolved: dict[Requirement, str] = {}
        self._arrows: list[tuple[Node, list[tuple[int, str]]]] = []

    def require(self, kind: str, *args: str) -> str:
        """The expression that refers to what the requirement provides; adds the import or
        constant when it is missing. Raises imports.Unavailable when it cannot be met."""
        requirement = Requirement(kind, tuple(args))
        if requirement in self._resolved:
            return self._resolved[requirement]
        resolved = resolve(self.source, requirement)
        self._resolved[requirement] = resolved.expression
        self.requirements.append(requirement)
        self.edits.extend(resolved.edits)
        return resolved.expression

    def drop_unused(self, name: str, replaced: list[Node]) -> None:
        """Remove the import of `name` if the replaced nodes were its only uses."""
        self.edits.extend(drop_unused(self.source, name, replaced))

    def replace(self, node: Node, text: str) -> None:
        self.edits.append(TextEdit(node.start_byte, node.end_byte, text))

    def replace_range(self, start: int, end: int, text: str) -> None:
        self.edits.append(TextEdit(start, end, text))

    def insert(self, offset: int, text: str) -> None:
        self.edits.append(TextEdit(offset, offset, text))

    def insert_before(self, statement: Node, lines: list[tuple[int, str]]) -> None:
        """Lines (extra indentation levels, text) before `statement`, at its indentation."""
        source = self.source
        indentation = source.indentation(statement.start_byte)
        unit = source.indent_unit
        newline = source.newline
        text = "".join(indentation + unit * level + line + newline for level, line in lines)
        self.insert(source.line_start(statement.start_byte), text)

    def place_before(self, node: Node, lines: list[tuple[int, str]]) -> bool:
        """Lines that must run just before `node` is evaluated: before its statement, or, in
        an arrow function with an expression body, in a block body made for them. False
        when there is no such place (`node` is evaluated conditionally or repeatedly)."""
        statement = self.source.insertion_statement(node)
        if statement is not None:
            self.insert_before(statement, lines)
            return True
        arrow = self.source.expression_arrow(node)
        if arrow is None:
            return False
        self._arrows.append((arrow, lines))
        return True

    def _arrow_block(self, arrow: Node, lines: list[tuple[int, str]]) -> None:
        """`() => expression` -> `() => { lines; return expression; }`, with the edits made
        inside the expression carried into it."""
        source = self.source
        body = arrow.child_by_field_name("body")
        token = next((c for c in arrow.children if c.type == "=>"), None)
        if body is None or token is None:
            raise ValueError("arrow function without a body")
        inside = [e for e in self.edits if body.start_byte <= e.start and e.end <= body.end_byte]
        self.edits = [e for e in self.edits if e not in inside]
        shifted = [
            TextEdit(e.start - body.start_byte, e.end - body.start_byte, e.text) for e in inside
        ]
        expression = apply_edits(source.data[body.start_byte : body.end_byte], shifted).decode()
        indentation = source.indentation(arrow.start_byte)
        unit = source.indent_unit
        newline = source.newline
        comments = [
            (0, source.text(c))
            for c in arrow.children
            if c.type == "comment" and token.end_byte <= c.start_byte < body.start_byte
        ]
        text = " {" + newline
        text += "".join(
            indentation + unit * (level + 1) + line + newline for level, line in [*comments, *lines]
        )
        text += f"{indentation}{unit}return {expression}{source.semicolon}{newline}{indentation}}}"
        self.replace_range(token.end_byte, body.end_byte, text)

    def block(self, header: str, body: list[str]) -> list[tuple[int, str]]:
        """`header` then an indented body (Python) or a braced block (JavaScript)."""
        if self.source.python:
            return [(0, header + ":"), *((1, line) for line in body)]
        return [(0, header + " {"), *((1, line) for line in body), (0, "}")]

    def _untangled(self) -> list[TextEdit]:
        """A line added after a statement whose line is removed (`import subprocess` after
        an `import os` that goes) is added at the start of the next line instead."""
        newline = self.source.newline
        removals = [e for e in self.edits if e.start < e.end and not e.text]
        untangled: list[TextEdit] = []
        for edit in self.edits:
            if edit.start == edit.end and edit.text.startswith(newline):
                removal = next(
                    (r for r in removals if r.start < edit.start < r.end),
                    None,
                )
                if removal is not None and removal.end - edit.start == len(newline.encode()):
                    moved = edit.text[len(newline) :] + newline
                    untangled.append(TextEdit(removal.end, removal.end, moved))
                    continue
            untangled.append(edit)
        return untangled

    def build(self, title: str, kind: FixKind = "quickfix", preferred: bool = False) -> Fix:
        for arrow, lines in self._arrows:
            self._arrow_block(arrow, lines)
        self._arrows = []
        edits = tuple(normalized_edits(self._untangled()))
        return Fix(
            title=title,
            kind=kind,
            rule_id=self.rule_id,
            edits=edits,
            preferred=preferred,
            requirements=tuple(self.requirements),
        )


# ---------------------------------------------------------------------- rejecting a request
def _imports_module(source: Source, top: str) -> bool:
    for node in source.root.named_children:
        if node.type in ("import_statement", "import_from_statement"):
            text = source.text(node)
            words = text.replace(",", " ").split()
            if len(words) > 1 and words[1].split(".")[0] == top:
                return True
    return False


def python_framework(source: Source) -> str:
    for framework in ("flask", "fastapi", "django", "starlette"):
        if _imports_module(source, framework):
            return framework
    return ""


def python_rejection(builder: FixBuilder, node: Node, message: str) -> list[str]:
    """Statements that stop the request in the style of the surrounding framework."""
    source = builder.source
    literal = source.string(message)
    framework = python_framework(source) if source.function_of(node) is not None else ""
    if framework == "flask":
        abort = builder.require("py-name", "flask", "abort")
        return [f"{abort}(400)"]
    if framework in ("fastapi", "starlette"):
        module = "fastapi" if framework == "fastapi" else "starlette.exceptions"
        exception = builder.require("py-name", module, "HTTPException")
        return [f"raise {exception}(status_code=400, detail={literal})"]
    if framework == "django":
        exception = builder.require("py-name", "django.core.exceptions", "SuspiciousOperation")
        return [f"raise {exception}({literal})"]
    if framework == "" and source.function_of(node) is not None and _imports_aiohttp_web(source):
        # An aiohttp server (not a script using its client): its HTTP errors are raised.
        web = builder.require("py-name", "aiohttp", "web")
        return [f"raise {web}.HTTPBadRequest(text={literal})"]
    return [f"raise ValueError({literal})"]


def _imports_aiohttp_web(source: Source) -> bool:
    """`from aiohttp import web` or `import aiohttp.web` at the top of the file."""
    for node in source.root.named_children:
        if node.type in ("import_statement", "import_from_statement"):
            words = source.text(node).replace(",", " ").split()
            if words[:2] == ["from", "aiohttp"] and "web" in words[3:]:
                return True
            if words[:1] == ["import"] and "aiohttp.web" in words[1:]:
                return True
    return False


def _parameter_names(function: Node) -> list[str]:
    parameters = function.child_by_field_name("parameters")
    names: list[str] = []
    if parameters is None:
        single = function.child_by_field_name("parameter")
        if single is not None:
            names.append(single.text.decode() if single.text else "")
        return names
    for parameter in parameters.named_children:
        target = parameter
        if parameter.type in ("required_parameter", "optional_parameter"):
            pattern = parameter.child_by_field_name("pattern")
            target = pattern if pattern is not None else parameter
        if target.type == "identifier":
            names.append(target.text.decode() if target.text else "")
    return names


def js_rejection(builder: FixBuilder, node: Node, message: str) -> list[str]:
    source = builder.source
    literal = source.string(message)
    semicolon = source.semicolon
    function = source.function_of(node)
    if function is not None:
        names = _parameter_names(function)
        typed_return = function.child_by_field_name("return_type") is not None
        for response in ("res", "response", "reply"):
            if response in names and any(n in names for n in ("req", "request")):
                send = f"{response}.status(400).send({literal}){semicolon}"
                if _node_http_handler(source, function):
                    # A plain http.ServerResponse has no status() or send().
                    send = f"{response}.writeHead(400).end({literal}){semicolon}"
                if typed_return:
                    return [send, f"return{semicolon}"]
                return [f"return {send}"]
    for outer in source.functions_around(node):
        if "ctx" in _parameter_names(outer):  # Koa: ctx.throw() raises, from any depth
            return [f"return ctx.throw(400, {literal}){semicolon}"]
    return [f"throw new Error({literal}){semicolon}"]


def _node_http_handler(source: Source, function: Node) -> bool:
    """`function` is the request listener of a node:http server: passed to
    `createServer(...)` (`http.createServer((req, res) => ...)`, or by name)."""
    holder = function.parent
    if holder is not None and holder.type == "variable_declarator":
        declared = holder.child_by_field_name("name")
        name = declared.text.decode() if declared is not None and declared.text else ""
    else:
        found = function.child_by_field_name("name")
        name = found.text.decode() if found is not None and found.text else ""
    if holder is not None and holder.type == "arguments":
        call = holder.parent
        callee = call.child_by_field_name("function") if call is not None else None
        return callee is not None and (callee.text or b"").endswith(b"createServer")
    if not name:
        return False
    pattern = (
        rb"\bcreateServer\s*\(\s*(?:\{[^()]*\}\s*,\s*)?" + re.escape(name.encode()) + rb"\s*\)"
    )
    return re.search(pattern, source.document.data) is not None


def rejection(builder: FixBuilder, node: Node, message: str) -> list[str]:
    if builder.source.python:
        return python_rejection(builder, node, message)
    return js_rejection(builder, node, message)
