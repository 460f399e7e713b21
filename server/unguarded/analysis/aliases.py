"""Python import aliases of sink APIs. A call through a name an import binds
(`from subprocess import run as sh_run`, `import pickle as pk`, `from yaml import load`)
is judged as the same call spelled with the imported name (`subprocess.run(...)`,
`pickle.loads(...)`, `yaml.load(...)`): the sink patterns see that spelling, parsed on its
own, and their captures are mapped back onto the call in the document."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import tree_sitter

from unguarded.analysis.flow import FlowAnalyzer, Node, node_text
from unguarded.analysis.queries import INDEX, SHARED_FILES, queries_for
from unguarded.documents.languages import LANGUAGES

ALIASES = "aliases"
# What an alias decision reads besides its call: the names the file's imports mention.
IMPORT_NAMES_KEY = ("imports", "")

# An import statement's names: up to the end of its line, its parentheses or its
# backslash continuations. Comments and strings may add names: a superset is enough.
_IMPORT_TAIL = re.compile(rb"\s+(\([^)]*\)|[^\n\\]*(?:\\(?:\r?\n)?[^\n\\]*)*)")
_NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")

# (origin, pattern settings, captures): a query match, as engine.RawMatch.
Match = tuple[str, dict[str, str], dict[str, list[Node]]]


def import_names(data: bytes) -> frozenset[str]:
    """Every name written in an import statement of `data` (and some more): a call whose
    callee is not among them goes through no import alias. Cheap next to the lookup of
    the definitions that reach each call, which most calls of a file would need."""
    return _scan(data).names


def _import_tails(data: bytes) -> Iterator[tuple[int, re.Match[bytes]]]:
    """Where the word `import` starts, with the names after it (to the end of the
    statement's line, its parentheses or its continuations)."""
    # bytes.find, not a regex search: this runs on every version of every file.
    start = data.find(b"import")
    while start >= 0:
        end = start + len(b"import")
        before = data[start - 1 : start]
        if not (before.isalnum() or before == b"_"):
            found = _IMPORT_TAIL.match(data, end)
            if found is not None:
                yield start, found
                end = found.end()
        start = data.find(b"import", end)


_FROM_MODULE = re.compile(rb"from\s+([\w.]+)\s+$")
_IMPORTED_ITEM = re.compile(r"([A-Za-z_][\w.]*)(?:\s+as\s+([A-Za-z_]\w*))?")
_COMMENT = re.compile(rb"#[^\n]*")


@dataclass(frozen=True)
class ImportTable:
    """What the import statements of a file can bind, read from its text: the qualified
    names a name may stand for (`run` -> "subprocess.run"), for `from` imports and
    aliases only (`import pickle` binds `pickle`, already its own name). `unsure` holds
    the names of statements read otherwise than expected: those get the full lookup."""

    bindings: dict[str, frozenset[str]]
    unsure: frozenset[str]


def import_table(data: bytes) -> ImportTable:
    """The import table of `data`: a superset of what any import statement binds (text in
    strings and comments may add entries; that costs a lookup, not a finding)."""
    return _scan(data).table


@dataclass(frozen=True)
class _ImportScan:
    names: frozenset[str]
    table: ImportTable
    # Where the import statements are read from, sorted and disjoint: from a little before
    # each one's line (a backslash continuation before it) to just after its names.
    spans: tuple[tuple[int, int], ...]


# The scans of the versions read last, oldest first (each file's last two versions, for
# several files).
_SCANS: OrderedDict[bytes, _ImportScan] = OrderedDict()
_SCANS_KEPT = 16


def _scan(data: bytes) -> _ImportScan:
    found = _SCANS.get(data)
    if found is None:
        found = _read_imports(data)
        _keep(data, found)
    return found


def _keep(data: bytes, scan: _ImportScan) -> None:
    _SCANS[data] = scan
    if len(_SCANS) > _SCANS_KEPT:
        _SCANS.popitem(last=False)


def import_scan_after_edit(old: bytes, new: bytes, start: int, old_end: int, new_end: int) -> None:
    """Prepare `import_names(new)` and `import_table(new)` from those of `old`, when the
    edit that replaced old[start:old_end] with new[start:new_end] cannot have changed an
    import statement: it touches none of them (nor the text just before one, which may
    hold `from module`), it writes no `import` (alone or joined with the text around it),
    and it adds no `)`, which can close a parenthesised list opened above. Otherwise, or
    when `old` was not read, the new text is read in full (when asked)."""
    previous = _SCANS.get(old)
    if previous is None or new in _SCANS:
        return
    margin = len(b"import")
    low, high = start - margin, old_end + margin
    spans = previous.spans
    index = bisect_right(spans, (high, high + 1))
    touched = index > 0 and spans[index - 1][1] >= low
    inserted = new[start:new_end]
    if (
        touched
        or b")" in inserted
        or b"import" in new[max(0, start - margin) : new_end + margin]
        or b"import" in old[max(0, low) : high]
    ):
        return
    delta = new_end - old_end
    moved = spans[:index] + tuple((s + delta, e + delta) for s, e in spans[index:])
    _keep(new, _ImportScan(previous.names, previous.table, moved))


def _read_imports(data: bytes) -> _ImportScan:
    names: set[str] = set()
    spans: list[tuple[int, int]] = []
    bindings: dict[str, set[str]] = {}
    unsure: set[str] = set()
    for start, found in _import_tails(data):
        line_start = data.rfind(b"\n", 0, start) + 1
        span = (max(0, line_start - 3), found.end() + 1)
        if spans and span[0] <= spans[-1][1]:  # `import a; import b`: one span
            span = (spans.pop()[0], span[1])
        spans.append(span)
        names.update(name.decode() for name in _NAME.findall(found.group(1)))
        module_match = _FROM_MODULE.search(data, line_start, start)
        module = module_match.group(1).decode() if module_match else None
        # `import` after other text on its line, or after a continued line: read as unsure.
        plain = module_match is None and (
            data[line_start:start].strip() != b""
            or data[max(0, line_start - 3) : line_start].rstrip(b"\r\n").endswith(b"\\")
        )
        tail = _COMMENT.sub(b"", found.group(1)).replace(b"\\", b" ").decode(errors="replace")
        for item in tail.strip().strip("()").split(","):
            item = " ".join(item.split())
            if not item or item == "*":
                continue
            parsed = _IMPORTED_ITEM.fullmatch(item)
            if parsed is None or plain:
                unsure.update(name.decode() for name in _NAME.findall(item.encode()))
                continue
            target, alias = parsed.group(1), parsed.group(2)
            if module is not None:
                if not module.startswith("."):
                    bindings.setdefault(alias or target, set()).add(f"{module}.{target}")
            elif alias is not None:
                bindings.setdefault(alias, set()).add(target)
    table = ImportTable({k: frozenset(v) for k, v in bindings.items()}, frozenset(unsure))
    return _ImportScan(frozenset(names), table, tuple(spans))


def alias_name(call: Node) -> str | None:
    """The name an alias would be at `call`: `sh_run` in `sh_run(x)`, `pk` in `pk.loads(x)`."""
    function = call.child_by_field_name("function")
    if function is not None and function.type == "attribute":
        function = function.child_by_field_name("object")
    if function is None or function.type != "identifier":
        return None
    return node_text(function)


def _binding_import(flow: FlowAnalyzer, identifier: Node) -> Node | None:
    """The statement of the one definition of `identifier` that reaches it (from the
    nearest scope that defines it), when that is an import statement; else None."""
    name = node_text(identifier)
    scope = flow.enclosing_scope(identifier)
    definitions = flow.reaching_definitions(scope, name, identifier)
    while not definitions and not flow.is_module(scope):
        scope = flow.enclosing_scope(scope)
        definitions = (
            flow.module_definitions(name)
            if flow.is_module(scope)
            else flow.reaching_definitions(scope, name, identifier)
        )
    if len(definitions) != 1 or definitions[0].kind != "opaque":
        return None
    statement = definitions[0].statement
    return statement if statement.type in ("import_statement", "import_from_statement") else None


def imported_name(flow: FlowAnalyzer, identifier: Node) -> str | None:
    """The qualified name an import binds to `identifier` where it is used
    (`MakoTemplate` -> "mako.template.Template", `pk` -> "pickle"), or None when the
    name is not bound by exactly one import."""
    name = node_text(identifier)
    statement = _binding_import(flow, identifier)
    if statement is None:
        return None
    prefix = ""
    if statement.type == "import_from_statement":
        module = statement.child_by_field_name("module_name")
        if module is None or node_text(module).startswith("."):
            return None  # relative imports name this project's code
        prefix = node_text(module) + "."
    for child in statement.children_by_field_name("name"):
        if child.type == "aliased_import":
            alias = child.child_by_field_name("alias")
            target = child.child_by_field_name("name")
            if alias is not None and target is not None and node_text(alias) == name:
                return prefix + node_text(target)
        elif child.type == "dotted_name" and prefix and node_text(child) == name:
            return prefix + name  # from yaml import load
    return None


def imported_module(flow: FlowAnalyzer, identifier: Node) -> str | None:
    """The module an import statement that binds `identifier` names (`from sqlalchemy.sql
    import text` -> "sqlalchemy.sql", `import sqlalchemy as sa` -> "sqlalchemy"), or None
    when no single import binds it."""
    name = node_text(identifier)
    statement = _binding_import(flow, identifier)
    if statement is None:
        return None
    if statement.type == "import_from_statement":
        module = statement.child_by_field_name("module_name")
        return node_text(module) if module is not None else None
    for child in statement.children_by_field_name("name"):
        target = child.child_by_field_name("name") if child.type == "aliased_import" else child
        if target is None:
            continue
        alias = child.child_by_field_name("alias") if child.type == "aliased_import" else None
        bound = node_text(alias) if alias is not None else node_text(target).split(".")[0]
        if bound == name:
            return node_text(target) if alias is not None else name
    return None


def _callee(call: Node) -> tuple[Node, Node, str] | None:
    """The callee of `call`, the name an import may bind in it and what follows that name:
    (`sh_run`, `sh_run`, "") or (`pk.loads`, `pk`, ".loads")."""
    function = call.child_by_field_name("function")
    if function is None:
        return None
    if function.type == "identifier":
        return function, function, ""
    if function.type != "attribute":
        return None
    alias = function.child_by_field_name("object")
    member = function.child_by_field_name("attribute")
    if alias is None or alias.type != "identifier" or member is None:
        return None
    return function, alias, "." + node_text(member)


def spellings(flow: FlowAnalyzer, call: Node) -> list[tuple[str, Node]]:
    """The callee of `call` written with the imported name (`subprocess.run` for
    `sh_run`), with the node of the callee it replaces."""
    callee = _callee(call)
    if callee is None:
        return []
    function, alias, attribute = callee
    qualified = imported_name(flow, alias)
    if qualified is None:
        return []
    original = node_text(function)
    # Only the full name: `Template` alone could be string.Template's.
    text = qualified + attribute
    return [(text, function)] if text != original else []


@cache
def _parser(language_name: str) -> tree_sitter.Parser:
    return tree_sitter.Parser(LANGUAGES[language_name].grammar)


def resolve(
    flow: FlowAnalyzer,
    language_name: str,
    call: Node,
    data: bytes,
    accept: Callable[[Match], object | None],
) -> object | None:
    """The first sink `accept` makes of a sink pattern that matches `call` written with
    the imported names; None when there is none."""
    if not _may_be_sink(language_name, call, data):
        return None
    queries = queries_for(language_name)
    for text, function in spellings(flow, call):
        head = text.encode()
        source = head + data[function.end_byte : call.end_byte]
        spelled = _respelled_call(language_name, source)
        if spelled is None:
            continue
        shift = function.end_byte - len(head)
        cursor = tree_sitter.QueryCursor(queries.combined)
        cursor.set_max_start_depth(0)
        for pattern, captured in cursor.matches(spelled):
            origin = queries.origins[pattern]
            if origin in (INDEX, ALIASES) or origin in SHARED_FILES:
                continue
            settings = queries.pattern_settings[pattern]
            if "unguarded.receiver" in settings:
                continue  # objects built by constructors: no import names those
            arguments = [
                _original(flow, node, shift, len(head)) for node in captured.get("sink.arg", [])
            ]
            if any(a is None for a in arguments):
                continue
            nodes: dict[str, list[Node]] = {
                "sink.call": [call],
                "sink.arg": [a for a in arguments if a is not None],
            }
            sink = accept((origin, settings, nodes))
            if sink is not None:
                return sink
    return None


def _may_be_sink(language_name: str, call: Node, data: bytes) -> bool:
    """Whether a sink pattern may match `call` spelled with a name the file's import
    table gives its callee: most calls through an imported name are no sink, and this
    needs neither the definitions that reach the call nor its scopes."""
    callee = _callee(call)
    if callee is None:
        return False
    function, alias, attribute = callee
    name = node_text(alias)
    table = import_table(data)
    if name in table.unsure:
        return True
    original = node_text(function)
    arguments = data[function.end_byte : call.end_byte]
    return any(
        _spelled_call_matches(language_name, (qualified + attribute).encode() + arguments)
        for qualified in table.bindings.get(name, ())
        if qualified + attribute != original
    )


@lru_cache(maxsize=4096)
def _spelled_call_matches(language_name: str, source: bytes) -> bool:
    """Whether a sink pattern of the other files matches the call that `source` is."""
    spelled = _respelled_call(language_name, source)
    if spelled is None:
        return False
    queries = queries_for(language_name)
    cursor = tree_sitter.QueryCursor(queries.combined)
    cursor.set_max_start_depth(0)
    return any(
        queries.origins[pattern] not in (INDEX, ALIASES)
        and queries.origins[pattern] not in SHARED_FILES
        and "unguarded.receiver" not in queries.pattern_settings[pattern]
        for pattern, _ in cursor.matches(spelled)
    )


def _respelled_call(language_name: str, source: bytes) -> Node | None:
    """The call that `source`, parsed on its own, is; None if it is not one whole call."""
    tree = _parser(language_name).parse(source)
    statement = tree.root_node.named_children[0] if tree.root_node.named_children else None
    spelled = statement.named_children[0] if statement and statement.named_children else None
    if spelled is None or spelled.type != "call" or spelled.end_byte != len(source):
        return None
    return spelled


def _original(flow: FlowAnalyzer, node: Node, shift: int, head: int) -> Node | None:
    """The node of the document that `node` of the respelled call stands for."""
    if node.start_byte < head:
        return None  # part of the respelled callee
    start, end = node.start_byte + shift, node.end_byte + shift
    found: Node | None = flow.tree_root.descendant_for_byte_range(start, end)
    while found is not None and found.start_byte == start and found.end_byte == end:
        if found.type == node.type:
            return found
        found = found.parent
    return None
