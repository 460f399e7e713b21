"""Reading a document the way a person editing it would: lines, indentation, quote style,
statements, names in scope."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import tree_sitter

from unguarded.analysis.model import Span
from unguarded.analysis.suppressions import statement_of
from unguarded.documents import Document

Node = tree_sitter.Node

_PY_FUNCTIONS = frozenset({"function_definition", "lambda"})
_JS_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
# Between a value and the statement before which code is inserted, these make the value's
# evaluation conditional or repeated: code inserted before the statement would run when the
# original did not, or only once.
_PY_CONDITIONAL = frozenset(
    {
        "conditional_expression",
        "lambda",
        "list_comprehension",
        "set_comprehension",
        "dictionary_comprehension",
        "generator_expression",
        "elif_clause",
        "else_clause",
        "while_statement",
        "function_definition",
        "class_definition",
    }
)
_JS_CONDITIONAL = frozenset(
    {
        "ternary_expression",
        "arrow_function",
        "function_expression",
        "function",
        "function_declaration",
        "method_definition",
        "else_clause",
        "while_statement",
        "do_statement",
        "for_statement",
        "class_body",
    }
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def text_of(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


class Source:
    """A document plus the questions fixes ask about it."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.data = document.data
        self.root = document.tree.root_node
        self.python = document.language.family == "python"
        self.typescript = document.language.name in ("typescript", "tsx")

    # ------------------------------------------------------------------ nodes
    def node_at(self, span: Span, types: tuple[str, ...] = ()) -> Node | None:
        """The node covering exactly `span` (of one of `types` when given)."""
        node = self.root.descendant_for_byte_range(span.start_byte, span.end_byte)
        while node is not None and (
            node.start_byte != span.start_byte or node.end_byte != span.end_byte
        ):
            if node.start_byte < span.start_byte or node.end_byte > span.end_byte:
                return None
            node = node.parent
        if node is None:
            return None
        if not types:
            return node
        candidate: Node | None = node
        while (
            candidate is not None
            and candidate.start_byte == span.start_byte
            and candidate.end_byte == span.end_byte
        ):
            if candidate.type in types:
                return candidate
            candidate = candidate.parent
        # A deeper node with the same range (`expression_statement` around a call).
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type in types and (
                current.start_byte == span.start_byte and current.end_byte == span.end_byte
            ):
                return current
            stack.extend(
                c
                for c in current.children
                if c.start_byte == span.start_byte and c.end_byte == span.end_byte
            )
        return None

    def statement(self, node: Node) -> Node:
        return statement_of(node, self.python)

    def insertion_statement(self, node: Node) -> Node | None:
        """The statement before which code may run instead of `node`'s evaluation: it sits
        in a block, starts its line, and `node` is evaluated exactly once when it runs."""
        statement = self.statement(node)
        parent = statement.parent
        blocks = ("module", "block") if self.python else ("program", "statement_block")
        if parent is None or parent.type not in blocks:
            return None
        if not self.starts_line(statement):
            return None
        if statement.type in ("while_statement", "do_statement"):
            return None
        return statement if self.evaluated_once(node, statement) else None

    def expression_arrow(self, node: Node) -> Node | None:
        """The arrow function with an expression body (`() => fetch(url)`) that evaluates
        `node` exactly once per call: its body can become a block with code before it."""
        if self.python:
            return None
        function = self.function_of(node)
        if function is None or function.type != "arrow_function":
            return None
        body = function.child_by_field_name("body")
        if body is None or body.type == "statement_block":
            return None
        if not (body.start_byte <= node.start_byte and node.end_byte <= body.end_byte):
            return None
        return function if self.evaluated_once(node, function) else None

    def evaluated_once(self, node: Node, outer: Node) -> bool:
        """Whether running `outer` evaluates `node` exactly once: no branch, loop, nested
        function or short-circuit operator between them."""
        conditional = _PY_CONDITIONAL if self.python else _JS_CONDITIONAL
        current: Node | None = node
        while current is not None and current != outer:
            parent_node = current.parent
            if parent_node is None:
                return False
            if parent_node.type in conditional and parent_node != outer:
                return False
            if parent_node.type in ("boolean_operator", "binary_expression"):
                operator = parent_node.child_by_field_name("operator")
                short_circuit = operator is not None and operator.type in (
                    "and",
                    "or",
                    "&&",
                    "||",
                    "??",
                )
                if short_circuit and current == parent_node.child_by_field_name("right"):
                    return False
            if parent_node.type == "optional_chain" or any(
                c.type == "optional_chain" for c in parent_node.children
            ):
                return False
            current = parent_node
        return True

    def function_of(self, node: Node) -> Node | None:
        functions = _PY_FUNCTIONS if self.python else _JS_FUNCTIONS
        current = node.parent
        while current is not None:
            if current.type in functions:
                return current
            current = current.parent
        return None

    def functions_around(self, node: Node) -> list[Node]:
        found = []
        current = self.function_of(node)
        while current is not None:
            found.append(current)
            current = self.function_of(current)
        return found

    # ------------------------------------------------------------------ text
    def text(self, node: Node) -> str:
        return text_of(node)

    def line_start(self, offset: int) -> int:
        lines = self.document.lines
        return lines.line_starts[lines.line_of(offset)]

    def line_end(self, offset: int) -> int:
        lines = self.document.lines
        return lines.line_end(lines.line_of(offset))

    def indentation(self, offset: int) -> str:
        start = self.line_start(offset)
        line = self.data[start : self.line_end(offset)]
        stripped = line.lstrip(b" \t")
        return line[: len(line) - len(stripped)].decode("utf-8")

    def starts_line(self, node: Node) -> bool:
        start = self.line_start(node.start_byte)
        return self.data[start : node.start_byte].strip(b" \t") == b""

    def ends_line(self, node: Node) -> bool:
        end = self.line_end(node.end_byte)
        rest = self.data[node.end_byte : end].strip(b" \t;")
        return rest == b"" or rest.startswith(b"#") or rest.startswith(b"//")

    @cached_property
    def newline(self) -> str:
        return "\r\n" if b"\r\n" in self.data[:4096] else "\n"

    @cached_property
    def indent_unit(self) -> str:
        """One level of indentation as the file writes it."""
        widths: Counter[int] = Counter()
        tabs = 0
        previous = 0
        for raw in self.data.split(b"\n")[:2000]:
            line = raw.rstrip(b"\r")
            if not line.strip():
                continue
            stripped = line.lstrip(b" \t")
            prefix = line[: len(line) - len(stripped)]
            if prefix.startswith(b"\t"):
                tabs += 1
                continue
            width = len(prefix)
            if width > previous:
                widths[width - previous] += 1
            previous = width
        if tabs and tabs >= sum(widths.values()):
            return "\t"
        if not widths:
            return "    " if self.python else "  "
        return " " * widths.most_common(1)[0][0]

    @cached_property
    def quote(self) -> str:
        """The quote character most string literals in the file use."""
        counts: Counter[str] = Counter()
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.type == "string":
                raw = text_of(node).lstrip("rRbBuUfF")
                if raw[:1] in ("'", '"') and not raw.startswith(("'''", '"""')):
                    counts[raw[0]] += 1
                continue
            stack.extend(node.children)
        if not counts:
            return '"'
        return "'" if counts["'"] > counts['"'] else '"'

    def string(self, value: str) -> str:
        """A string literal for plain text `value` in the file's quote style."""
        quote = self.quote
        body = value.replace("\\", "\\\\").replace("\n", "\\n")
        if quote in body and (quote == '"' and "'" not in body):
            quote = "'"
        elif quote in body and (quote == "'" and '"' not in body):
            quote = '"'
        body = body.replace(quote, "\\" + quote)
        return quote + body + quote

    @cached_property
    def uses_semicolons(self) -> bool:
        if self.python:
            return False
        with_semicolon = without = 0
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.type in ("expression_statement", "lexical_declaration", "return_statement"):
                if text_of(node).rstrip().endswith(";"):
                    with_semicolon += 1
                else:
                    without += 1
            stack.extend(node.named_children)
        return with_semicolon >= without

    @property
    def semicolon(self) -> str:
        return ";" if self.uses_semicolons else ""

    # ------------------------------------------------------------------ names
    def names_near(self, node: Node) -> set[str]:
        """Every identifier in the outermost function around `node` (the module when there
        is none): a new local name must not collide with any of them."""
        functions = self.functions_around(node)
        if not functions:
            return self.module_names() | self._free_names_in_functions()
        scope = functions[-1]
        names: set[str] = set()
        stack = [scope]
        while stack:
            current = stack.pop()
            if current.type in (
                "identifier",
                "shorthand_property_identifier_pattern",
                "shorthand_property_identifier",
                "type_identifier",
            ):
                names.add(text_of(current))
            stack.extend(current.children)
        if functions:
            names |= self.module_names()
        return names

    def _free_names_in_functions(self) -> set[str]:
        """Names functions read without binding them: a new module-level name must not be
        one of them (the function would start reading it)."""
        functions = _PY_FUNCTIONS if self.python else _JS_FUNCTIONS
        free: set[str] = set()
        stack = [self.root]
        while stack:
            current = stack.pop()
            if current.type in functions:
                used: set[str] = set()
                bound: set[str] = set()
                inner = [current]
                while inner:
                    node = inner.pop()
                    if node.type in ("identifier", "shorthand_property_identifier"):
                        kind, _ = _classify(self, node)
                        (bound if kind in ("definition", "write") else used).add(text_of(node))
                    elif node.type == "shorthand_property_identifier_pattern":
                        bound.add(text_of(node))
                    if node.type in ("global_statement", "nonlocal_statement"):
                        free.update(text_of(n) for n in node.named_children)
                    inner.extend(node.children)
                free |= used - bound
                continue
            stack.extend(current.children)
        return free

    def module_names(self) -> set[str]:
        """Names bound at module level (imports, assignments, definitions)."""
        names: set[str] = set()
        for statement in self.root.named_children:
            if statement.type in (
                "function_definition",
                "class_definition",
                "function_declaration",
                "class_declaration",
            ):
                defined = statement.child_by_field_name("name")
                if defined is not None:
                    names.add(text_of(defined))
                continue
            stack = [statement]
            while stack:
                current = stack.pop()
                if current.type in _PY_FUNCTIONS or current.type in _JS_FUNCTIONS:
                    continue
                if current.type in ("identifier", "shorthand_property_identifier_pattern"):
                    names.add(text_of(current))
                stack.extend(current.children)
        return names

    def fresh_name(self, base: str, node: Node, taken: set[str] | None = None) -> str:
        names = self.names_near(node) | (taken or set())
        if base not in names:
            return base
        index = 2
        while f"{base}{index}" in names:
            index += 1
        return f"{base}{index}"

    def count_identifier(self, scope: Node, name: str) -> int:
        count = 0
        stack = [scope]
        while stack:
            current = stack.pop()
            if (
                current.type in ("identifier", "shorthand_property_identifier")
                and text_of(current) == name
            ):
                count += 1
            stack.extend(current.children)
        return count


@dataclass
class Binding:
    """How a local name is bound in its scope."""

    definition: Node | None  # the one plain assignment (`x = v`, `const x = v`), if any
    value: Node | None
    other_writes: int
    reads: int

    @property
    def single(self) -> bool:
        return self.definition is not None and self.other_writes == 0


_PY_WRITE_PARENTS = frozenset(
    {
        "pattern_list",
        "tuple_pattern",
        "list_pattern",
        "as_pattern_target",
        "for_statement",
        "for_in_clause",
        "augmented_assignment",
        "named_expression",
        "global_statement",
        "nonlocal_statement",
        "parameters",
        "default_parameter",
        "typed_parameter",
        "typed_default_parameter",
        "lambda_parameters",
        "dotted_name",
        "aliased_import",
        "function_definition",
        "class_definition",
        "except_clause",
    }
)
_JS_WRITE_PARENTS = frozenset(
    {
        "assignment_expression",
        "augmented_assignment_expression",
        "update_expression",
        "for_in_statement",
        "formal_parameters",
        "required_parameter",
        "optional_parameter",
        "assignment_pattern",
        "object_pattern",
        "array_pattern",
        "pair_pattern",
        "rest_pattern",
        "function_declaration",
        "class_declaration",
        "import_specifier",
        "import_clause",
        "namespace_import",
        "catch_clause",
        "arrow_function",
    }
)


def binding_of(source: Source, identifier: Node) -> Binding:
    """The bindings and reads of `identifier`'s name in its function (or the module)."""
    name = text_of(identifier)
    scope = source.function_of(identifier) or source.root
    functions = _PY_FUNCTIONS if source.python else _JS_FUNCTIONS
    definition: Node | None = None
    value: Node | None = None
    other = reads = 0
    stack = [scope]
    while stack:
        node = stack.pop()
        if node != scope and node.type in functions:
            # A nested function reads (or shadows) the name too: count it as a write, which
            # keeps fixes away from names closures use.
            if name in _identifiers(node):
                other += 1
            continue
        if node.type in ("identifier", "shorthand_property_identifier_pattern") or (
            node.type == "shorthand_property_identifier"
        ):
            if text_of(node) == name:
                kind, assigned = _classify(source, node)
                if kind == "definition" and definition is None:
                    definition, value = assigned, assigned
                    if assigned is not None and assigned.parent is not None:
                        definition = assigned.parent
                elif kind in ("definition", "write"):
                    other += 1
                elif kind == "read":
                    reads += 1
            continue
        stack.extend(node.children)
    if definition is not None and value is None:
        other += 1
        definition = None
    return Binding(definition, value, other, reads)


def _identifiers(node: Node) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "shorthand_property_identifier"):
            found.add(text_of(current))
        stack.extend(current.children)
    return found


def _classify(source: Source, node: Node) -> tuple[str, Node | None]:
    parent = node.parent
    if parent is None:
        return "read", None
    if source.python:
        if parent.type == "assignment" and parent.child_by_field_name("left") == node:
            right = parent.child_by_field_name("right")
            statement = parent.parent
            if statement is not None and statement.type == "expression_statement" and right:
                return "definition", right
            return "write", None
        if parent.type == "keyword_argument" and parent.child_by_field_name("name") == node:
            return "ignore", None
        if parent.type == "attribute" and parent.child_by_field_name("attribute") == node:
            return "ignore", None
        if parent.type in _PY_WRITE_PARENTS:
            if parent.type == "for_statement" and parent.child_by_field_name("left") != node:
                return "read", None
            if parent.type == "augmented_assignment" and parent.child_by_field_name("left") != node:
                return "read", None
            if parent.type == "named_expression" and parent.child_by_field_name("name") != node:
                return "read", None
            if parent.type == "except_clause":
                return "read", None
            return "write", None
        return "read", None
    if parent.type == "variable_declarator" and parent.child_by_field_name("name") == node:
        value = parent.child_by_field_name("value")
        declaration = parent.parent
        if value is not None and declaration is not None and len(declaration.named_children) == 1:
            return "definition", value
        return "write", None
    if parent.type in ("assignment_expression", "augmented_assignment_expression"):
        return ("write", None) if parent.child_by_field_name("left") == node else ("read", None)
    if parent.type in ("for_in_statement",):
        return ("write", None) if parent.child_by_field_name("left") == node else ("read", None)
    if parent.type == "pair_pattern" and parent.child_by_field_name("key") == node:
        return "ignore", None
    if parent.type in ("assignment_pattern",) and parent.child_by_field_name("right") == node:
        return "read", None
    if parent.type in _JS_WRITE_PARENTS:
        if parent.type == "arrow_function" and parent.child_by_field_name("parameter") != node:
            return "read", None
        if parent.type in ("function_declaration", "class_declaration") and (
            parent.child_by_field_name("name") != node
        ):
            return "read", None
        return "write", None
    return "read", None


def value_name(source: Source, node: Node, default: str = "value") -> str:
    """A variable-like name for an expression: `request.args["title"]` -> title."""
    if node.type == "identifier":
        return source.text(node)
    if node.type in ("attribute", "member_expression"):
        last = node.child_by_field_name("attribute") or node.child_by_field_name("property")
        if last is not None:
            return _identifier_like(source.text(last), default)
    if node.type in ("subscript", "subscript_expression"):
        key = node.child_by_field_name("subscript") or node.child_by_field_name("index")
        if key is not None and key.type == "string":
            return _identifier_like(source.text(key).strip("'\"`"), default)
        inner = node.child_by_field_name("value") or node.child_by_field_name("object")
        if inner is not None:
            return value_name(source, inner, default)
    if node.type in ("call", "call_expression"):
        arguments = node.child_by_field_name("arguments")
        function = node.child_by_field_name("function")
        first = arguments.named_children[0] if arguments and arguments.named_children else None
        if first is not None and first.type == "string":
            return _identifier_like(source.text(first).strip("'\"`"), default)
        if function is not None and function.type in ("attribute", "member_expression"):
            inner = function.child_by_field_name("object")
            if inner is not None:
                return value_name(source, inner, default)
    if (
        node.type in ("await", "await_expression", "parenthesized_expression", "as_expression")
        and node.named_children
    ):
        return value_name(source, node.named_children[0], default)
    return default


def _identifier_like(text: str, default: str) -> str:
    match = _IDENTIFIER.fullmatch(text)
    if match is None:
        cleaned = re.sub(r"[^A-Za-z0-9_]", "_", text).strip("_")
        if cleaned and not cleaned[0].isdigit():
            return cleaned
        return default
    return text
