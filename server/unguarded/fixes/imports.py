"""Imports and module constants a fix needs, added only when absent and placed where a
person would put them (isort order for Python, after the last import or require in
JavaScript)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from unguarded.fixes.model import Requirement, TextEdit
from unguarded.fixes.source import Node, Source, text_of

_STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}


@dataclass
class Resolved:
    """How code refers to what a requirement provides, and the edits that provide it."""

    expression: str
    edits: list[TextEdit]


class Unavailable(ValueError):
    """The requirement cannot be met in this file (the name means something else)."""


def resolve(source: Source, requirement: Requirement) -> Resolved:
    kind, args = requirement.kind, requirement.args
    if kind == "py-name":
        return _python_name(source, args[0], args[1])
    if kind == "py-module":
        return _python_module(source, args[0])
    if kind == "py-constant":
        return _python_constant(source, args[0], args[1])
    if kind == "js-default":
        return _js_default(source, args[0], args[1:], allow_global=False)
    if kind == "js-default-or-global":
        return _js_default(source, args[0], args[1:], allow_global=True)
    if kind == "js-member":
        return _js_member(source, args[0], args[1], args[2:])
    if kind == "js-constant":
        return _js_constant(source, args[0], args[1])
    raise ValueError(f"unknown requirement {kind}")


# ---------------------------------------------------------------------- Python
def _top_level_imports(source: Source) -> list[Node]:
    return [
        node
        for node in source.root.named_children
        if node.type in ("import_statement", "import_from_statement", "future_import_statement")
    ]


def _module_of(statement: Node) -> str:
    if statement.type == "future_import_statement":
        return "__future__"
    if statement.type == "import_from_statement":
        module = statement.child_by_field_name("module_name")
        return text_of(module) if module is not None else ""
    name = statement.child_by_field_name("name")
    if name is None:
        return ""
    if name.type == "aliased_import":
        inner = name.child_by_field_name("name")
        return text_of(inner) if inner is not None else ""
    return text_of(name)


def _section(module: str) -> int:
    top = module.lstrip(".").split(".", 1)[0]
    if module.startswith("."):
        return 3
    if top == "__future__":
        return 0
    return 1 if top in _STDLIB else 2


def _import_key(statement_kind: str, module: str) -> tuple[int, str]:
    return (0 if statement_kind == "import_statement" else 1, module.lower())


def _imported_names(statement: Node) -> list[tuple[str, str, Node]]:
    """(name, local name, node) for each name of `from m import ...` / `import ...`."""
    found = []
    for child in statement.children_by_field_name("name"):
        if child.type == "aliased_import":
            name = child.child_by_field_name("name")
            alias = child.child_by_field_name("alias")
            if name is not None and alias is not None:
                found.append((text_of(name), text_of(alias), child))
        else:
            found.append((text_of(child), text_of(child), child))
    return found


def _python_name(source: Source, module: str, name: str) -> Resolved:
    imports = _top_level_imports(source)
    target: Node | None = None
    for statement in imports:
        if _module_of(statement) != module:
            continue
        if statement.type == "import_from_statement":
            if any(c.type == "wildcard_import" for c in statement.children):
                return Resolved(name, [])
            for imported, local, _ in _imported_names(statement):
                if imported == name:
                    return Resolved(local, [])
            target = target or statement
        else:
            for imported, local, _ in _imported_names(statement):
                if imported == module:
                    return Resolved(f"{local}.{name}", [])
    if _defined_at_module_level(source, name):
        raise Unavailable(f"{name} is defined in this module")
    if any(
        statement.type == "import_from_statement" and local == name
        for statement in imports
        for _, local, _ in _imported_names(statement)
    ):
        # The name is another module's here (`from markupsafe import escape`): use the
        # module's attribute (`html.escape`) rather than shadow it.
        resolved = _python_module(source, module)
        return Resolved(f"{resolved.expression}.{name}", resolved.edits)
    if target is not None:
        return Resolved(name, [_add_imported_name(source, target, name)])
    return Resolved(name, [_new_import(source, "import_from_statement", module, name)])


def _python_module(source: Source, module: str) -> Resolved:
    for statement in _top_level_imports(source):
        if statement.type != "import_statement":
            continue
        for imported, local, _ in _imported_names(statement):
            if imported == module:
                return Resolved(local, [])
    if _defined_at_module_level(source, module.split(".")[0]):
        raise Unavailable(f"{module} is defined in this module")
    return Resolved(module, [_new_import(source, "import_statement", module, "")])


def _defined_at_module_level(source: Source, name: str) -> bool:
    for node in source.root.named_children:
        if node.type in ("function_definition", "class_definition"):
            defined = node.child_by_field_name("name")
            if defined is not None and text_of(defined) == name:
                return True
        if node.type == "expression_statement" and node.named_children:
            assignment = node.named_children[0]
            if assignment.type == "assignment":
                left = assignment.child_by_field_name("left")
                if left is not None and text_of(left) == name:
                    return True
    return False


def _member_key(name: str) -> tuple[int, str]:
    # ruff/isort order-by-type: CONSTANTS, Classes, then everything else.
    if name.isupper() and len(name) > 1:
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, name.lower()


def _add_imported_name(source: Source, statement: Node, name: str) -> TextEdit:
    names = _imported_names(statement)
    keys = [_member_key(imported) for imported, _, _ in names]
    new_key = _member_key(name)
    if keys == sorted(keys):
        index = next((i for i, key in enumerate(keys) if key > new_key), len(names))
    else:
        index = len(names)
    if index < len(names):
        before = names[index][2]
        if index > 0 and names[index - 1][2].end_point.row != before.start_point.row:
            separator = ",\n" + source.indentation(before.start_byte)
        else:
            separator = ", "
        return TextEdit(before.start_byte, before.start_byte, name + separator)
    last = names[-1][2]
    if len(names) > 1 and names[-2][2].end_point.row != last.start_point.row:
        return TextEdit(
            last.end_byte, last.end_byte, ",\n" + source.indentation(last.start_byte) + name
        )
    return TextEdit(last.end_byte, last.end_byte, ", " + name)


def _import_line(kind: str, module: str, name: str) -> str:
    if kind == "import_statement":
        return f"import {module}"
    return f"from {module} import {name}"


def _new_import(source: Source, kind: str, module: str, name: str) -> TextEdit:
    line = _import_line(kind, module, name)
    newline = source.newline
    imports = _top_level_imports(source)
    section = _section(module)
    key = _import_key(kind, module)
    same = [s for s in imports if _section(_module_of(s)) == section]
    if same:
        for statement in same:
            if _import_key(statement.type, _module_of(statement)) > key:
                start = source.line_start(statement.start_byte)
                return TextEdit(start, start, line + newline)
        last = same[-1]
        return TextEdit(last.end_byte, last.end_byte, newline + line)
    if imports:
        earlier = [s for s in imports if _section(_module_of(s)) < section]
        if earlier:
            last = earlier[-1]
            return TextEdit(last.end_byte, last.end_byte, newline + newline + line)
        first = imports[0]
        start = source.line_start(first.start_byte)
        return TextEdit(start, start, line + newline + newline)
    return _at_module_top(source, line)


def _preamble(source: Source) -> tuple[Node | None, Node | None]:
    """(the last node of the module docstring and leading comments, the first statement)."""
    children = source.root.named_children
    index = 0
    if (
        children
        and children[0].type == "expression_statement"
        and children[0].named_children
        and children[0].named_children[0].type == "string"
    ):
        index = 1
    while index < len(children) and children[index].type == "comment":
        index += 1
    last = children[index - 1] if index > 0 else None
    first = children[index] if index < len(children) else None
    return last, first


def _at_module_top(source: Source, line: str) -> TextEdit:
    """`line` after the docstring and leading comments, with blank lines around it."""
    newline = source.newline
    last, first = _preamble(source)
    needed = 1
    if first is not None and first.type in (
        "function_definition",
        "class_definition",
        "decorated_definition",
    ):
        needed = 2
    if last is None:
        if first is None:
            return TextEdit(0, 0, line + newline)
        return TextEdit(0, 0, line + newline * (needed + 1))
    following = first.start_byte if first is not None else len(source.data)
    gap = source.data[last.end_byte : following].count(b"\n")
    after = newline * max(0, needed + 1 - gap) if first is not None else newline
    return TextEdit(last.end_byte, last.end_byte, newline + newline + line + after)


def _python_constant(source: Source, name: str, text: str) -> Resolved:
    if _defined_at_module_level(source, name):
        return Resolved(name, [])
    newline = source.newline
    imports = _top_level_imports(source)
    block = text.replace("\n", newline)
    if imports:
        last = imports[-1]
        start = source.line_end(last.end_byte)
        following = source.data[start:]
        if following.startswith(b"\r\n"):
            start += 2
        elif following.startswith(b"\n"):
            start += 1
        else:
            return Resolved(name, [TextEdit(start, start, newline + newline + block)])
        return Resolved(name, [TextEdit(start, start, newline + block)])
    return Resolved(name, [_at_module_top(source, block)])


def _references(source: Source, name: str, ignore: list[Node]) -> int:
    """Uses of `name` outside the statements that import it and outside `ignore`d nodes."""
    skipped = {(n.start_byte, n.end_byte) for n in ignore}
    binding_statements: set[tuple[int, int]] = set()
    if not source.python:
        binding_statements = {
            (b.statement.start_byte, b.statement.end_byte)
            for b in _js_bindings(source)
            if b.local == name
        }
    count = 0
    stack = [source.root]
    while stack:
        node = stack.pop()
        span = (node.start_byte, node.end_byte)
        if node.type in ("import_statement", "import_from_statement", "future_import_statement"):
            continue
        if span in binding_statements and node.type in (
            "lexical_declaration",
            "variable_declaration",
        ):
            continue
        if (
            node.type in ("identifier", "shorthand_property_identifier")
            and text_of(node) == name
            and span not in skipped
        ):
            count += 1
        stack.extend(node.children)
    return count


def _remove_lines(source: Source, statement: Node) -> TextEdit:
    start = source.line_start(statement.start_byte)
    end = source.line_end(statement.end_byte)
    following = source.data[end : end + 2]
    end += 2 if following == b"\r\n" else 1 if following[:1] == b"\n" else 0
    return TextEdit(start, end, "")


def _remove_entry(source: Source, statement: Node, entries: list[Node], entry: Node) -> TextEdit:
    if len(entries) == 1:
        return _remove_lines(source, statement)
    index = entries.index(entry)
    if index + 1 < len(entries):
        return TextEdit(entry.start_byte, entries[index + 1].start_byte, "")
    return TextEdit(entries[index - 1].end_byte, entry.end_byte, "")


def drop_unused(source: Source, name: str, ignore: list[Node]) -> list[TextEdit]:
    """Edits that remove the import of `name` when, once the `ignore`d uses are replaced,
    nothing else in the file uses it. Names exported by string (`__all__`) are kept."""
    quoted = (f'"{name}"'.encode(), f"'{name}'".encode())
    if any(q in source.data for q in quoted) or _references(source, name, ignore):
        return []
    if source.python:
        for statement in _top_level_imports(source):
            names = _imported_names(statement)
            for imported, local, node in names:
                if local != name or (statement.type == "import_statement" and imported != name):
                    continue
                if statement.type == "import_statement" and len(names) == 1:
                    return [_remove_lines(source, statement)]
                if statement.type == "import_from_statement" and imported == local:
                    return [_remove_entry(source, statement, [n for _, _, n in names], node)]
        return []
    for binding in _js_bindings(source):
        if binding.local != name or binding.pattern is None or binding.member != name:
            continue
        entries = [
            c
            for c in binding.pattern.named_children
            if c.type
            in ("shorthand_property_identifier_pattern", "pair_pattern", "import_specifier")
        ]
        entry = next(
            (
                e
                for e in entries
                if text_of(e.child_by_field_name("name") or e.child_by_field_name("key") or e)
                == name
            ),
            None,
        )
        if entry is not None:
            return [_remove_entry(source, binding.statement, entries, entry)]
    return []


def unused_after(source: Source, name: str, replaced: list[Node]) -> bool:
    return _references(source, name, replaced) == 0


def js_member_entry(source: Source, name: str, modules: tuple[str, ...]) -> Node | None:
    """The `{ name }` entry (not renamed) that imports `name` from one of `modules`."""
    for binding in js_bindings_for(source, modules):
        if binding.local != name or binding.member != name or binding.pattern is None:
            continue
        for entry in binding.pattern.named_children:
            if entry.type == "shorthand_property_identifier_pattern" and text_of(entry) == name:
                return entry
            if entry.type == "import_specifier" and text_of(entry) == name:
                return entry
    return None


# ---------------------------------------------------------------------- JavaScript
@dataclass(frozen=True)
class _Binding:
    local: str
    module: str
    member: str | None  # None: the module itself (default or namespace)
    statement: Node
    pattern: Node | None  # the object pattern or named imports holding `member`


def _string_value(node: Node) -> str:
    return text_of(node)[1:-1] if node.type == "string" else ""


def _required_module(value: Node | None) -> str | None:
    if value is None:
        return None
    if value.type == "await_expression" and value.named_children:
        value = value.named_children[0]
    if value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    arguments = value.child_by_field_name("arguments")
    if function is None or arguments is None or text_of(function) != "require":
        return None
    first = arguments.named_children[0] if arguments.named_children else None
    return _string_value(first) if first is not None else None


def _js_bindings(source: Source) -> list[_Binding]:
    found: list[_Binding] = []
    for statement in source.root.named_children:
        if statement.type == "import_statement":
            module_node = statement.child_by_field_name("source")
            module = _string_value(module_node) if module_node is not None else ""
            for clause in statement.named_children:
                if clause.type != "import_clause":
                    continue
                for child in clause.named_children:
                    if child.type == "identifier":
                        found.append(_Binding(text_of(child), module, None, statement, None))
                    elif child.type == "namespace_import":
                        for identifier in child.named_children:
                            found.append(
                                _Binding(text_of(identifier), module, None, statement, None)
                            )
                    elif child.type == "named_imports":
                        for specifier in child.named_children:
                            if specifier.type != "import_specifier":
                                continue
                            name = specifier.child_by_field_name("name")
                            alias = specifier.child_by_field_name("alias")
                            if name is None:
                                continue
                            local = alias if alias is not None else name
                            found.append(
                                _Binding(text_of(local), module, text_of(name), statement, child)
                            )
        elif statement.type in ("lexical_declaration", "variable_declaration"):
            for declarator in statement.named_children:
                if declarator.type != "variable_declarator":
                    continue
                required = _required_module(declarator.child_by_field_name("value"))
                name = declarator.child_by_field_name("name")
                if required is None or name is None:
                    continue
                module = required
                if name.type == "identifier":
                    found.append(_Binding(text_of(name), module, None, statement, None))
                elif name.type == "object_pattern":
                    for child in name.named_children:
                        if child.type == "shorthand_property_identifier_pattern":
                            found.append(
                                _Binding(text_of(child), module, text_of(child), statement, name)
                            )
                        elif child.type == "pair_pattern":
                            key = child.child_by_field_name("key")
                            value = child.child_by_field_name("value")
                            if key is not None and value is not None:
                                found.append(
                                    _Binding(text_of(value), module, text_of(key), statement, name)
                                )
    return found


def js_bindings_for(source: Source, modules: tuple[str, ...]) -> list[_Binding]:
    return [b for b in _js_bindings(source) if b.module in modules]


def _is_module(source: Source) -> bool:
    return any(
        n.type in ("import_statement", "export_statement") for n in source.root.named_children
    )


def _uses_require(source: Source) -> bool:
    return any(b.statement.type != "import_statement" for b in _js_bindings(source))


def _last_import(source: Source) -> Node | None:
    last: Node | None = None
    for statement in source.root.named_children:
        if statement.type == "import_statement" or _is_require(statement):
            last = statement
    return last


def _is_require(statement: Node) -> bool:
    return statement.type in ("lexical_declaration", "variable_declaration") and any(
        _required_module(d.child_by_field_name("value")) is not None
        for d in statement.named_children
        if d.type == "variable_declarator"
    )


def _js_insert_statement(source: Source, line: str) -> TextEdit:
    newline = source.newline
    last = _last_import(source)
    if last is not None:
        return TextEdit(last.end_byte, last.end_byte, newline + line)
    # No imports: after the leading comments (and a "use strict" directive).
    children = source.root.named_children
    index = 0
    while index < len(children) and (
        children[index].type in ("comment", "hash_bang_line")
        or (
            children[index].type == "expression_statement"
            and text_of(children[index]).strip(";").strip("'\"") == "use strict"
        )
    ):
        index += 1
    if index < len(children):
        start = source.line_start(children[index].start_byte)
        lead = ""
        if index > 0 and source.data[children[index - 1].end_byte : start].count(b"\n") < 2:
            lead = newline
        return TextEdit(start, start, lead + line + newline + newline)
    end = len(source.data)
    return TextEdit(end, end, line + newline)


def _module_string(source: Source, module: str) -> str:
    return source.quote + module + source.quote


def _js_default(
    source: Source, local: str, modules: tuple[str, ...], allow_global: bool
) -> Resolved:
    for binding in js_bindings_for(source, modules):
        if binding.member is None or binding.member == "default":
            return Resolved(binding.local, [])
    module = modules[0]
    semicolon = source.semicolon
    if _is_module(source) or source.typescript:
        line = f"import {local} from {_module_string(source, module)}{semicolon}"
    elif _uses_require(source):
        line = f"const {local} = require({_module_string(source, module)}){semicolon}"
    elif allow_global:
        return Resolved(local, [])  # a browser script: the library is a global
    else:
        line = f"const {local} = require({_module_string(source, module)}){semicolon}"
    return Resolved(local, [_js_insert_statement(source, line)])


def _js_member(source: Source, member: str, sibling: str, modules: tuple[str, ...]) -> Resolved:
    bindings = js_bindings_for(source, modules)
    for binding in bindings:
        if binding.member == member:
            return Resolved(binding.local, [])
    holder = next((b for b in bindings if b.local == sibling and b.pattern is not None), None)
    if holder is None:
        holder = next((b for b in bindings if b.pattern is not None), None)
    if holder is not None and holder.pattern is not None:
        return Resolved(member, [_add_member(source, holder.pattern, member)])
    namespace = next((b for b in bindings if b.member is None), None)
    if namespace is not None:
        return Resolved(f"{namespace.local}.{member}", [])
    module = modules[0]
    semicolon = source.semicolon
    if _is_module(source) or source.typescript:
        line = f"import {{ {member} }} from {_module_string(source, module)}{semicolon}"
    else:
        line = f"const {{ {member} }} = require({_module_string(source, module)}){semicolon}"
    return Resolved(member, [_js_insert_statement(source, line)])


def _add_member(source: Source, pattern: Node, member: str) -> TextEdit:
    entries = [
        c
        for c in pattern.named_children
        if c.type in ("shorthand_property_identifier_pattern", "pair_pattern", "import_specifier")
    ]
    if not entries:
        opening = pattern.children[0]
        return TextEdit(opening.end_byte, opening.end_byte, f" {member} ")
    names = [
        text_of(e.child_by_field_name("key") or e.child_by_field_name("name") or e) for e in entries
    ]
    if names == sorted(names, key=str.lower):
        index = next((i for i, n in enumerate(names) if n.lower() > member.lower()), len(names))
    else:
        index = len(names)
    if index < len(entries):
        before = entries[index]
        return TextEdit(before.start_byte, before.start_byte, member + ", ")
    last = entries[-1]
    return TextEdit(last.end_byte, last.end_byte, ", " + member)


def _js_constant(source: Source, name: str, text: str) -> Resolved:
    for statement in source.root.named_children:
        declaration = statement
        if statement.type == "export_statement":
            inner = statement.child_by_field_name("declaration")
            if inner is None:
                continue
            declaration = inner
        if declaration.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in declaration.named_children:
            defined = declarator.child_by_field_name("name")
            if (
                declarator.type == "variable_declarator"
                and defined is not None
                and text_of(defined) == name
            ):
                return Resolved(name, [])
    newline = source.newline
    block = text.replace("\n", newline)
    last = _last_import(source)
    if last is not None:
        return Resolved(name, [TextEdit(last.end_byte, last.end_byte, newline + newline + block)])
    return Resolved(name, [_js_insert_statement(source, block)])
