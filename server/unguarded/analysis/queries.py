"""Loads `queries/<family>/*.scm`, compiles them once per language and checks their captures.

Files ending in `.jsx.scm` hold patterns over JSX nodes and load only for grammars that
have them (JavaScript and TSX, not plain TypeScript).
"""

from __future__ import annotations

import atexit
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tree_sitter

from unguarded.catalog import CATALOG
from unguarded.documents.languages import LANGUAGES, Language
from unguarded.resources import queries_dir

# Capture names a query may use; names starting with "_" are for predicates only.
CAPTURE_VOCABULARY = frozenset(
    {
        "sink.call",
        "sink.arg",
        "sink.receiver",
        "sink.options",
        "source",
        "control.coerce",
        "control.sanitize",
        "control.validate",
    }
)
# `#set!` keys a pattern may use.
SETTING_KEYS = frozenset(
    {
        "unguarded.rule",
        "unguarded.rules",
        "unguarded.module",
        "unguarded.member",
        "unguarded.imported_from",
        "unguarded.sql_text",
        "unguarded.receiver",
        "unguarded.receiver_name",
        "unguarded.receiver_via",
        "unguarded.sql_driver",
        "unguarded.safe_key",
        "unguarded.sink",
        "unguarded.origin",
        "unguarded.policy",
        "unguarded.controls",
        "unguarded.context",
        "unguarded.global",
        "unguarded.file_module",
    }
)
# Files that are not one rule's sinks.
SHARED_FILES = frozenset({"sources", "controls", "aliases"})


class QueryError(Exception):
    pass


def _required_chains(depth: int) -> list[str]:
    """`require("m")`, `require("m").x`, `await import("m")`, ... up to `depth` member
    accesses and awaits around the call: the values that can bind a Node module."""
    call = "(call_expression function: [(identifier) (import)] @_index_callee)"
    chains = [call]
    layer = [call]
    for _ in range(depth):
        layer = [
            wrapper
            for inner in layer
            for wrapper in (f"(member_expression object: {inner})", f"(await_expression {inner})")
        ]
        chains.extend(layer)
    return chains


# Patterns the engine adds to the combined query to index the tree as it is matched:
# functions (by name), calls (by the local function they call, or a function they pass by
# name), and for JavaScript what can bind a Node module. Their origin is INDEX.
INDEX = "index"
_INDEX_PATTERNS = {
    "python": (
        "[{functions}] @index.function",
        "(call function: (identifier) @index.callee) @index.call",
        "((call function: (attribute object: (identifier) @_index_receiver"
        " attribute: (identifier) @index.callee)) @index.call"
        ' (#any-of? @_index_receiver "self" "cls"))',
        "(call arguments: (argument_list (identifier) @index.passed)) @index.call",
    ),
    "javascript": (
        "[{functions}] @index.function",
        "(call_expression function: (identifier) @index.callee) @index.call",
        "(call_expression function: (member_expression object: (this) property: (_) @index.callee))"
        " @index.call",
        "(call_expression arguments: (arguments (identifier) @index.passed)) @index.call",
        "(import_statement) @index.binding",
        "((variable_declarator value: (call_expression function: [(identifier) (member_expression)]"
        ' @_index_callee)) @index.binding (#match? @_index_callee "promisify$"))',
        *(
            f"((variable_declarator value: {chain}) @index.binding"
            ' (#any-of? @_index_callee "require" "import"))'
            for chain in _required_chains(3)
        ),
    ),
}
_FUNCTION_TYPES = {
    "python": ("function_definition", "lambda"),
    "javascript": (
        "function_declaration",
        "function_expression",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    ),
}


def index_patterns(language: Language) -> list[str]:
    functions = " ".join(
        f"({kind})"
        for kind in _FUNCTION_TYPES[language.family]
        if language.grammar.id_for_node_kind(kind, True) is not None
    )
    return [pattern.format(functions=functions) for pattern in _INDEX_PATTERNS[language.family]]


@dataclass(frozen=True)
class CompiledQuery:
    name: str
    path: Path
    query: tree_sitter.Query

    def settings(self, pattern_index: int) -> dict[str, str]:
        raw = self.query.pattern_settings(pattern_index)
        return {key: str(value) for key, value in raw.items() if value is not None}


@dataclass(frozen=True)
class LanguageQueries:
    # Every file's patterns in one query, compiled once: one traversal of the tree instead
    # of one per file.
    combined: tree_sitter.Query
    # Per pattern of `combined`: the file it came from (rule id, "sources", "controls",
    # "aliases", or INDEX) and its #set! settings.
    origins: tuple[str, ...]
    pattern_settings: tuple[dict[str, str], ...]

    @property
    def rules(self) -> frozenset[str]:
        """The rules whose sink files were loaded."""
        return frozenset(o for o in self.origins if o != INDEX and o not in SHARED_FILES)


def query_files(language: Language) -> list[Path]:
    folder = queries_dir() / language.family
    files = sorted(folder.glob("*.scm"))
    return [path for path in files if language.jsx or not path.name.endswith(".jsx.scm")]


def _base_name(path: Path) -> str:
    name = path.name.removesuffix(".scm")
    return name.removesuffix(".jsx")


# py-tree-sitter (0.26) crashes compiling a query after another one was freed: every
# compiled query stays alive. Only error paths and tests compile more than one per language.
_COMPILED: list[tree_sitter.Query] = []


def compile_file(language: Language, path: Path) -> CompiledQuery:
    try:
        query = tree_sitter.Query(language.grammar, path.read_text(encoding="utf-8"))
    except (tree_sitter.QueryError, ValueError, OSError) as error:
        raise QueryError(f"{path}: {error}") from error
    _COMPILED.append(query)
    compiled = CompiledQuery(_base_name(path), path, query)
    check_query(compiled)
    return compiled


def check_query(compiled: CompiledQuery) -> None:
    query = compiled.query
    for index in range(query.capture_count):
        capture = query.capture_name(index)
        if not capture.startswith("_") and capture not in CAPTURE_VOCABULARY:
            raise QueryError(f"{compiled.path}: unknown capture @{capture}")
    for pattern in range(query.pattern_count):
        settings = compiled.settings(pattern)
        unknown = set(settings) - SETTING_KEYS
        if unknown:
            raise QueryError(f"{compiled.path}: unknown #set! keys {sorted(unknown)}")
        if compiled.name in SHARED_FILES:
            continue
        rule_id = settings.get("unguarded.rule")
        if rule_id != compiled.name:
            raise QueryError(
                f"{compiled.path}: pattern {pattern} must set unguarded.rule to "
                f"{compiled.name!r} (found {rule_id!r})"
            )
        if rule_id not in CATALOG:
            raise QueryError(f"{compiled.path}: rule {rule_id!r} is not in the catalog")
    for rules in _listed_rules(compiled):
        for rule_id in rules.split(","):
            if rule_id.strip() not in CATALOG and rule_id.strip() != "*":
                raise QueryError(f"{compiled.path}: unknown rule {rule_id!r} in unguarded.rules")


def _listed_rules(compiled: CompiledQuery) -> list[str]:
    return [
        compiled.settings(pattern)["unguarded.rules"]
        for pattern in range(compiled.query.pattern_count)
        if "unguarded.rules" in compiled.settings(pattern)
    ]


@cache
def queries_for(language_name: str) -> LanguageQueries:
    """The language's query files and the engine's index patterns as one query, compiled
    once (a compilation costs about as much as the first analysis of a large file): a
    pattern's file is found from where it starts in the combined text."""
    language = LANGUAGES[language_name]
    paths = query_files(language)
    try:
        texts = [path.read_text(encoding="utf-8") for path in paths]
    except OSError as error:
        raise QueryError(str(error)) from error
    index = index_patterns(language)
    encoded = [text.encode("utf-8") for text in texts]
    ends: list[int] = []  # where each file's text ends in the combined text (bytes)
    offset = 0
    for data in encoded:
        offset += len(data) + 1
        ends.append(offset)
    try:
        combined = tree_sitter.Query(language.grammar, "\n".join([*texts, *index]))
    except (tree_sitter.QueryError, ValueError):
        for path in paths:  # name the file at fault (its own error message)
            compile_file(language, path)
        raise
    _COMPILED.append(combined)
    names = [_base_name(path) for path in paths]
    origins: list[str] = []
    settings: list[dict[str, str]] = []
    for pattern in range(combined.pattern_count):
        start = combined.start_byte_for_pattern(pattern)
        file = bisect_right(ends, start)
        raw = combined.pattern_settings(pattern)
        values = {key: str(value) for key, value in raw.items() if value is not None}
        if file < len(paths):
            file_start = ends[file - 1] if file else 0
            line = encoded[file][: start - file_start].count(b"\n") + 1
            _check_pattern(f"{paths[file]}:{line}", names[file], values)
            origins.append(names[file])
        else:
            origins.append(INDEX)
        settings.append(values)
    for capture in range(combined.capture_count):
        name = combined.capture_name(capture)
        if not name.startswith(("_", "index.")) and name not in CAPTURE_VOCABULARY:
            culprit = next((p for p, t in zip(paths, texts, strict=True) if "@" + name in t), None)
            raise QueryError(f"{culprit or language_name}: unknown capture @{name}")
    for path, text in zip(paths, texts, strict=True):
        if "@index." in text:
            raise QueryError(f"{path}: @index.* captures are the engine's own")
    return LanguageQueries(combined, tuple(origins), tuple(settings))


def _check_pattern(path: str, name: str, settings: dict[str, str]) -> None:
    unknown = set(settings) - SETTING_KEYS
    if unknown:
        raise QueryError(f"{path}: unknown #set! keys {sorted(unknown)}")
    for listed in settings.get("unguarded.rules", "*").split(","):
        if listed.strip() not in CATALOG and listed.strip() != "*":
            raise QueryError(f"{path}: unknown rule {listed!r} in unguarded.rules")
    if name in SHARED_FILES:
        return
    rule_id = settings.get("unguarded.rule")
    if rule_id != name:
        raise QueryError(
            f"{path}: a pattern must set unguarded.rule to {name!r} (found {rule_id!r})"
        )
    if rule_id not in CATALOG:
        raise QueryError(f"{path}: rule {rule_id!r} is not in the catalog")


# py-tree-sitter can crash while the interpreter finalizes cached Query objects after a
# deep analysis; releasing them first, while everything is still alive, avoids it.
atexit.register(queries_for.cache_clear)
atexit.register(_COMPILED.clear)
