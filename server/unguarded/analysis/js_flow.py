"""JavaScript / TypeScript / JSX syntax for the data-flow analysis."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from unguarded.analysis.flow import (
    FIXED_HOST_PREFIX,
    FORMAT_ONLY_VALIDATORS,
    LOOKUP_METHODS,
    MAX_CONDITION_DEPTH,
    Captures,
    Check,
    Definition,
    DependencyKey,
    FlowAnalyzer,
    FlowIndex,
    Node,
    NodeKey,
    Parameter,
    Trace,
    chain_operands,
    contains,
    earlier_siblings,
    ends_with_anchor,
    member_root,
    merge,
    node_key,
    node_text,
    normalized,
    regex_alternatives,
    regex_site_check,
    strips_harmful_characters,
    word_before,
)
from unguarded.analysis.model import OriginKind, Span, Step
from unguarded.analysis.settings import AnalysisSettings

_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
        "function",
    }
)
_SAFE_TYPES = re.compile(
    r"^:?\s*(?:number|boolean|bigint|Date|(?:'[^']*'|\"[^\"]*\"|\d+)"
    r"(?:\s*\|\s*(?:'[^']*'|\"[^\"]*\"|\d+))*)\s*$"
)
# Array and promise methods whose callback receives the receiver's elements / value.
_ELEMENT_CALLBACKS = frozenset(
    {
        "map",
        "forEach",
        "filter",
        "find",
        "flatMap",
        "some",
        "every",
        "reduce",
        "then",
        "findLast",
        "sort",
    }
)
_TRIVIAL_TESTS = frozenset(
    {
        "Array.isArray",
        "Boolean",
        "String",
        "console.log",
        "existsSync",
        "fs.existsSync",
        "Object.keys",
        "isEmpty",
        "_.isEmpty",
        "_.isString",
    }
)
_VALIDATING_METHODS = frozenset(
    {
        "has",
        "includes",
        "startsWith",
        "endsWith",
        "match",
        "test",
        "matches",
        "isSafeInteger",
        "isInteger",
        "isFinite",
        "some",
        "every",
        "indexOf",
    }
)
_EXIT_CALLS = frozenset({"process.exit", "next", "abort", "ctx.throw", "this.throw", "throw"})
_BRANCHES = frozenset(
    {
        "statement_block",
        "else_clause",
        "catch_clause",
        "finally_clause",
        "ternary_expression",
        "switch_case",
        "switch_default",
        "binary_expression",
        "if_statement",
        "for_in_statement",
        "for_statement",
        "while_statement",
        "do_statement",
    }
)
_CLASSES = frozenset({"class_declaration", "abstract_class_declaration"})
# Names exported by the module (see exported_names), read as a whole.
EXPORTS = ("exports", "")
# What may stand between a function and the statement that declares it.
_DECLARATION_WRAPPERS = frozenset(
    {
        "variable_declarator",
        "lexical_declaration",
        "variable_declaration",
        "export_statement",
        "assignment_expression",
        "expression_statement",
        "pair",
        "parenthesized_expression",
    }
)
# What holds export statements below the top level: a namespace, broken code.
_EXPORT_HOLDERS = frozenset(
    {"ERROR", "expression_statement", "internal_module", "module", "ambient_declaration"}
    | {"statement_block"}
)
# Where the module's `export` statements start and end (see export_statements).
EXPORT_STATEMENTS = ("export-statements", "")
_HOST_PART = re.compile(r"\.(hostname|host)$")
_PREDICATE_PROPERTY = re.compile(r"^(is|has)(_|[A-Z])")
_SCHEME_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:?/{0,2}|/|\.|)$", re.IGNORECASE)


# String methods whose leading arguments are counts or positions, by how many: the
# result's text comes from the receiver (and for padStart/padEnd the fill string).
_COUNT_ARGUMENTS = {
    "repeat": 1,
    "slice": 2,
    "substring": 2,
    "substr": 2,
    "at": 1,
    "charAt": 1,
    "padStart": 1,
    "padEnd": 1,
    "toFixed": 1,
    "toPrecision": 1,
}


# What declares the options and arguments of a commander command (see
# _command_declarations), and those calls as statements of their own.
_COMMAND_DECLARATIONS = (
    "option",
    "requiredOption",
    "addOption",
    "argument",
    "arguments",
    "addArgument",
)
_DECLARE_ON_COMMAND = re.compile(rb"\.\s*(" + "|".join(_COMMAND_DECLARATIONS).encode() + rb")\s*\(")
# A command-line argument in `.command("deploy <env> [region]")` or `.arguments(...)`.
_COMMAND_ARGUMENT = re.compile(r"<[^>]*>|\[[^\]]*\]")
# What holds a parameter that is a whole argument (not a field destructured from one).
_WHOLE_PARAMETER_HOLDERS = frozenset(
    {"formal_parameters", "required_parameter", "optional_parameter", "arrow_function"}
    | {"assignment_pattern"}
)


class JavaScriptFlow(FlowAnalyzer):
    function_types = _FUNCTIONS
    statement_holders = frozenset({"statement_block", "program", "switch_case", "class_body"})
    statement_lists = frozenset({"statement_block", "program", "class_body"})
    guard_holders = frozenset({"statement_block", "program", "switch_case"})

    def __init__(
        self,
        root: Node,
        captures: Captures,
        settings: AnalysisSettings,
        sink_calls: set[NodeKey],
        index: FlowIndex | None = None,
    ) -> None:
        super().__init__(root, captures, settings, sink_calls, index)
        # React state setters by (component, state name).
        self._setters: dict[tuple[NodeKey, str], str] = {}

    module_type = "program"
    literal_types = frozenset({"string", "number", "true", "false", "null", "undefined", "regex"})
    collection_literal_types = frozenset({"array", "object"})
    branch_types = _BRANCHES
    passthrough_methods = frozenset(
        {
            "trim",
            "trimStart",
            "trimEnd",
            "toLowerCase",
            "toUpperCase",
            "replace",
            "replaceAll",
            "concat",
            "slice",
            "substring",
            "substr",
            "split",
            "join",
            "toString",
            "valueOf",
            "normalize",
            "padStart",
            "padEnd",
            "repeat",
            "at",
            "get",
            "getAll",
            "map",
            "filter",
            "flat",
            "flatMap",
            "reduce",
            "find",
            "then",
            "catch",
            "finally",
            "toJSON",
            "text",
            "json",
            "pop",
            "shift",
            "values",
            "entries",
            "keys",
        }
    )

    # ------------------------------------------------------------------ definitions
    def collect_definitions(
        self, scope: Node, within: Node | None = None
    ) -> dict[str, list[Definition]]:
        table: dict[str, list[Definition]] = {}

        def add(
            name: str,
            kind: str,
            value: Node | None,
            position: int,
            statement: Node,
            field: str = "",
            part: str = "",
        ) -> None:
            table.setdefault(name, []).append(
                Definition(name, kind, value, position, statement, field, part)
            )

        bind = partial(self._bind_target, add)

        body = scope.child_by_field_name("body") if scope.type != "program" else scope
        if body is None:
            return table
        if within is not None:
            body = within  # the definitions one statement of the scope makes
        stack: list[Node] = [body]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind in _FUNCTIONS and node != body:
                name = node.child_by_field_name("name")
                if name is not None and kind in (
                    "function_declaration",
                    "generator_function_declaration",
                ):
                    add(node_text(name), "opaque", None, scope.start_byte, node)
                continue
            if kind == "class_declaration":
                name = node.child_by_field_name("name")
                if name is not None:
                    add(node_text(name), "opaque", None, node.start_byte, node)
                continue
            if kind == "if_statement" and _dead_condition(node):
                consequence = node.child_by_field_name("consequence")
                stack.extend(reversed([c for c in node.children if c != consequence]))
                continue
            if kind == "call_expression":
                mutated = _mutated_container(node)
                if mutated is not None:
                    # items.push(x): the array now holds x as well.
                    add(
                        mutated,
                        "augment",
                        node.child_by_field_name("arguments"),
                        node.end_byte,
                        node,
                    )
            if kind == "variable_declarator":
                name = node.child_by_field_name("name")
                value = node.child_by_field_name("value")
                if name is not None:
                    statement = node.parent if node.parent is not None else node
                    bind(
                        name,
                        "assign" if value is not None else "opaque",
                        value,
                        node.end_byte,
                        statement,
                    )
            elif kind == "assignment_expression":
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                if left is not None:
                    bind(left, "assign", right, node.end_byte, _statement_of(node))
            elif kind == "augmented_assignment_expression":
                left = node.child_by_field_name("left")
                if left is not None:
                    bind(
                        left,
                        "augment",
                        node.child_by_field_name("right"),
                        node.end_byte,
                        _statement_of(node),
                    )
            elif kind == "for_in_statement":
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                loop_body = node.child_by_field_name("body")
                operator = node.child_by_field_name("operator")
                if left is not None:
                    position = loop_body.start_byte if loop_body is not None else node.end_byte
                    # for (k in obj) iterates keys; for (v of list) iterates values.
                    kind_name = (
                        "iterate" if operator is None or node_text(operator) == "of" else "opaque"
                    )
                    bind(left, kind_name, right, position, node)
            elif kind == "catch_clause":
                parameter = node.child_by_field_name("parameter")
                if parameter is not None:
                    bind(parameter, "opaque", None, node.start_byte, node)
            elif kind == "import_statement":
                for identifier in _descendants(node, "identifier"):
                    add(node_text(identifier), "opaque", None, node.end_byte, node)
                continue
            stack.extend(reversed(node.named_children))  # definitions are named nodes
        if within is None:
            self._react_state(scope, table, add)
        return table

    def _bind_target(
        self,
        add: Callable[..., None],
        target: Node,
        kind: str,
        value: Node | None,
        position: int,
        stmt: Node,
        part: str = "",
    ) -> None:
        """Add the definitions that binding `value` to `target` makes (a name, a pattern,
        a member path); `part`: where in `value` the destructured `target` is (see
        Definition). A method, not a closure in collect_definitions: a closure that calls
        itself is a reference cycle, which would keep this version's table (and its tree)
        alive until the next garbage collection."""
        kind_of = target.type
        if kind_of in ("identifier", "shorthand_property_identifier_pattern"):
            add(node_text(target), kind, value, position, stmt, part=part)
        elif kind_of == "object_pattern":
            for child in target.named_children:
                inner_part = part
                if child.type == "shorthand_property_identifier_pattern":
                    inner_part = f"{part}.{node_text(child)}"
                elif child.type in ("pair_pattern", "object_assignment_pattern"):
                    key = child.child_by_field_name("key") or child.child_by_field_name("left")
                    if key is not None and key.type in (
                        "property_identifier",
                        "shorthand_property_identifier_pattern",
                    ):
                        inner_part = f"{part}.{node_text(key)}"
                self._bind_target(add, child, kind, value, position, stmt, inner_part)
        elif kind_of == "array_pattern":
            for index, child in enumerate(target.named_children):
                inner_part = part if child.type == "rest_pattern" else f"{part}[{index}]"
                self._bind_target(add, child, kind, value, position, stmt, inner_part)
        elif kind_of == "pair_pattern":
            inner = target.child_by_field_name("value")
            if inner is not None:
                self._bind_target(add, inner, kind, value, position, stmt, part)
        elif kind_of in ("assignment_pattern", "object_assignment_pattern"):
            left = target.child_by_field_name("left")
            right = target.child_by_field_name("right")
            if left is not None:
                self._bind_target(add, left, kind, value, position, stmt, part)
                if right is not None:
                    self._bind_target(add, left, "augment", right, position, stmt)
        elif kind_of == "rest_pattern":
            # The fields not named before it: checking it checks none in particular.
            for child in target.named_children:
                self._bind_target(add, child, kind, value, position, stmt, part)
        elif kind_of in ("member_expression", "subscript_expression"):
            root = target
            while root.type in ("member_expression", "subscript_expression"):
                inner = root.child_by_field_name("object")
                if inner is None:
                    return
                root = inner
            path = normalized(node_text(target))
            add(path, "assign", value, position, stmt)
            if root.type == "identifier" and node_text(root) != "this":
                add(node_text(root), "augment", value, position, stmt, path)

    def late_definitions(self, scope: Node, name: str) -> list[DependencyKey]:
        # `function name() {}` later in the scope is hoisted; `setName(v)` anywhere in a
        # component gives React state its next value.
        found: list[DependencyKey] = [("function", name)]
        setter = self._setters.get((node_key(scope), name))
        if setter is not None:
            found.append(("call", setter))
        return found

    def _react_state(
        self,
        scope: Node,
        table: dict[str, list[Definition]],
        add: Callable[..., None],
    ) -> None:
        """`const [title, setTitle] = useState(...)`: every `setTitle(v)` in the component
        (effects and handlers included) gives `title` a value for the next render."""
        setters: dict[str, str] = {}
        declared: dict[str, int] = {}
        for name, definitions in list(table.items()):
            for definition in definitions:
                statement = definition.statement
                value = definition.value
                if value is None or value.type != "call_expression":
                    continue
                if self.callee_name(value).rsplit(".", 1)[-1] not in ("useState", "useReducer"):
                    continue
                for declarator in statement.named_children:
                    pattern = declarator.child_by_field_name("name")
                    if pattern is not None and pattern.type == "array_pattern":
                        names = [node_text(c) for c in pattern.named_children]
                        if len(names) == 2 and names[0] == name:
                            setters[names[1]] = name
                            declared[name] = definition.position
        if not setters:
            return
        for setter, state in setters.items():
            self._setters[(node_key(scope), state)] = setter
        if self.is_module(scope):
            # Setter calls anywhere in the file define module-level state.
            self.module_reads_document = True
        stack = [scope]
        while stack:
            node = stack.pop()
            if node.type == "call_expression":
                function = node.child_by_field_name("function")
                arguments = node.child_by_field_name("arguments")
                if function is not None and node_text(function) in setters and arguments:
                    state = setters[node_text(function)]
                    first = arguments.named_children[0] if arguments.named_children else None
                    if first is not None and first.type not in _FUNCTIONS:
                        add(state, "augment", first, declared[state], node)
                elif (
                    function is not None
                    and function.type == "member_expression"
                    and arguments is not None
                ):
                    # promise.then(setHtml): the state becomes what the promise resolves to.
                    prop = function.child_by_field_name("property")
                    receiver = function.child_by_field_name("object")
                    for argument in arguments.named_children[:1]:
                        if (
                            prop is not None
                            and receiver is not None
                            and node_text(prop) == "then"
                            and node_text(argument) in setters
                        ):
                            state = setters[node_text(argument)]
                            add(state, "augment", receiver, declared[state], node)
            stack.extend(node.children)

    # ------------------------------------------------------------------ parameters
    def in_own_initializer(self, name: str, use: Node, scope: Node) -> bool:
        """`const x = f(x)` / `let x = ...x...`: the declared binding is in its temporal
        dead zone there (reading it throws), so no outer `x` is read. Half-typed code
        makes this common: after `const data = fetch(` the rest of the block becomes the
        call's arguments, and its uses of `data` must not reach for an outer `data`."""
        child = use
        node = self.parent_of(use)
        while node is not None and node != scope:
            if node.type == "variable_declarator" and child == node.child_by_field_name("value"):
                target = node.child_by_field_name("name")
                declaration = self.parent_of(node)
                if (
                    target is not None
                    and target.type == "identifier"
                    and node_text(target) == name
                    and declaration is not None
                    and declaration.type == "lexical_declaration"
                ):
                    return True
            child, node = node, self.parent_of(node)
        return False

    def parameters_of(self, function: Node) -> list[Parameter]:
        single = function.child_by_field_name("parameter")
        if single is not None:
            return [Parameter(node_text(single), 0, single)]
        holder = function.child_by_field_name("parameters")
        if holder is None:
            return []
        found: list[Parameter] = []
        for index, child in enumerate(holder.named_children):
            annotation = ""
            pattern = child
            default = None
            if child.type in ("required_parameter", "optional_parameter"):
                inner = child.child_by_field_name("pattern")
                type_node = child.child_by_field_name("type")
                annotation = node_text(type_node) if type_node is not None else ""
                default = child.child_by_field_name("value")
                if inner is None:
                    continue
                pattern = inner
            if pattern.type == "assignment_pattern":
                default = pattern.child_by_field_name("right")
                pattern = pattern.child_by_field_name("left") or pattern
            for name_node in _bound_names(pattern):
                found.append(Parameter(node_text(name_node), index, name_node, annotation, default))
        return found

    def literal_field(self, value: Node, key: str) -> Node | None:
        if value.type == "new_expression":
            return self._constructed_field(value, key)
        if value.type != "object":
            return None
        for child in value.named_children:
            if child.type == "pair":
                name = child.child_by_field_name("key")
                if name is not None and node_text(name).strip("'\"") == key:
                    return child.child_by_field_name("value")
            elif child.type == "shorthand_property_identifier":
                if node_text(child) == key:
                    return child
            else:
                return None  # ...spread or a method: unknown keys
        return value

    def _constructed_field(self, construction: Node, key: str) -> Node | None:
        """`new Query({ sort, floor })` or `new Query(sort, floor)` of a class of this file
        whose constructor stores `this.sort = sort` (a parameter, or a name destructured
        from one) or declares `constructor(public sort: string)`: the argument that
        field `key` takes. None when the field is set otherwise or elsewhere in the class."""
        constructor = construction.child_by_field_name("constructor")
        if constructor is None or constructor.type != "identifier":
            return None
        candidates = self.index.functions_named("constructor")
        if self.recorder is not None:
            self.recorder.keys.add(("function", "constructor"))
            for candidate in candidates:
                self.read_definition(candidate)
        matching = []
        for candidate in candidates:
            klass = self.class_of_method(candidate)
            name = klass.child_by_field_name("name") if klass is not None else None
            if name is not None and node_text(name) == node_text(constructor):
                matching.append((candidate, klass))
        if len(matching) != 1:
            return None
        method, klass = matching[0]
        if klass is None:
            return None
        self.read_range(klass)
        arguments, _ = self.call_arguments(construction)
        parameters = self.parameters(method)
        holder = method.child_by_field_name("parameters")
        for index, child in enumerate(holder.named_children if holder is not None else []):
            pattern = child.child_by_field_name("pattern")
            if (
                pattern is not None
                and node_text(pattern) == key
                and any(
                    c.type == "accessibility_modifier" or c.type == "readonly"
                    for c in child.children
                )
            ):
                return arguments[index] if index < len(arguments) else None
        writes = [
            n
            for n in _descendants(klass, "assignment_expression")
            if node_text(n.child_by_field_name("left") or n).replace(" ", "") == f"this.{key}"
        ]
        body = method.child_by_field_name("body")
        if len(writes) != 1 or body is None or _statement_of(writes[0]).parent != body:
            return None
        right = writes[0].child_by_field_name("right")
        if right is None or right.type != "identifier":
            return None
        parameter = next((p for p in parameters if p.name == node_text(right)), None)
        if parameter is None or parameter.index >= len(arguments):
            return None
        if self.reaching_definitions(method, parameter.name, right):
            return None  # reassigned in the constructor before it is stored
        argument = arguments[parameter.index]
        if parameter.node.parent is not None and parameter.node.parent.type == "object_pattern":
            # constructor({ sort, floor }): the argument's own `sort`
            return self.literal_field(argument, parameter.name)
        return argument

    call_types = frozenset({"call_expression"})
    path_normalizers = re.compile(r"\b(resolve|normalize|realpath|realpathSync)\(")

    def call_name(self, call: Node) -> str | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "identifier":
            return node_text(function)
        if function.type == "member_expression":
            receiver = function.child_by_field_name("object")
            prop = function.child_by_field_name("property")
            if receiver is not None and prop is not None and node_text(receiver) == "this":
                return node_text(prop)
        return None

    def callers_known(self, function: Node) -> bool:
        """Module-private functions: not exported, not a component, not a public method."""
        name = self.function_name(function)
        if name == "<anonymous>" or name[:1].isupper() or self.is_test_function(function):
            return False
        if function.type == "method_definition":
            return name.startswith(("_", "#"))
        if self.in_export_statement(function):
            return False
        return name not in self.exported_names()

    def read_definition(self, function: Node) -> None:
        # The function and the declaration around it (`export const f = async () =>`),
        # with the decorators before it; not the statement that holds that declaration,
        # which in a file left broken mid-edit can be most of the file.
        if self.recorder is None:
            return
        head = function
        while head.parent is not None and head.parent.type in _DECLARATION_WRAPPERS:
            head = head.parent
        start = head.start_byte
        previous = head.prev_sibling
        while previous is not None and previous.type == "decorator":
            start = previous.start_byte
            previous = previous.prev_sibling
        self.read_holder(head)
        self.recorder.ranges.add((start, function.end_byte))

    def in_export_statement(self, node: Node) -> bool:
        """Whether an `export` statement holds `node`. Read as the spans of the export
        statements rather than as the statements around `node`: in a file left broken by a
        bracket typed mid-edit, the statement around a function can be most of the file."""
        self.read_key(EXPORT_STATEMENTS)
        start, end = node.start_byte, node.end_byte
        return any(low <= start and end <= high for low, high in self.export_statements())

    def export_statements(self) -> tuple[tuple[int, int], ...]:
        """The spans of the module's export statements, also those in a TypeScript
        namespace and those that error recovery put inside an error at the top level."""
        if self._export_spans is None:
            spans = []
            stack = list(reversed(self.tree_root.children))
            while stack:
                node = stack.pop()
                if node.type == "export_statement":
                    spans.append((node.start_byte, node.end_byte))
                elif node.type in _EXPORT_HOLDERS:
                    stack.extend(reversed(node.children))
            self._export_spans = tuple(spans)
        return self._export_spans

    def exported_names(self) -> frozenset[str]:
        self.read_key(EXPORTS)
        if self._exported is None:
            text = node_text(self.tree_root)
            names = {
                match.group(1)
                for match in _EXPORTS_MEMBER.finditer(text)
                if not word_before(text, match.start())
            }
            for block in re.findall(r"module\.exports\s*=\s*\{([^}]*)\}", text):
                names.update(re.findall(r"(\w+)\s*(?:,|$|:)", block))
            names.update(re.findall(r"module\.exports\s*=\s*(\w+)", text))
            for block in re.findall(r"export\s*\{([^}]*)\}", text):
                names.update(re.findall(r"(\w+)", block))
            names.update(re.findall(r"export\s+default\s+(\w+)", text))
            self._exported = frozenset(names)
        return self._exported

    _exported: frozenset[str] | None = None
    _export_spans: tuple[tuple[int, int], ...] | None = None
    _imported_modules: frozenset[str] | None = None

    def adopt_facts(self, other: FlowAnalyzer) -> None:
        if isinstance(other, JavaScriptFlow):
            self._exported = other._exported
            self._export_spans = other._export_spans

    def class_methods(self, node: Node, path: str | None = None) -> list[Node]:
        for ancestor in reversed(self.ancestors(node)):
            if ancestor.type in ("class_declaration", "class", "abstract_class_declaration"):
                body = ancestor.child_by_field_name("body")
                methods = [
                    child
                    for child in (body.named_children if body is not None else [])
                    if child.type == "method_definition"
                ]
                self.read_class(ancestor, methods, path)
                return methods
        return []

    def class_wrapper(self, node: Node) -> Node | None:
        if node.type == "export_statement":
            declaration = node.child_by_field_name("declaration")
            if declaration is None or declaration.type not in _CLASSES:
                return None
            return declaration
        return node if node.type in _CLASSES else None

    def this_member(self, node: Node, path: str) -> list[Trace] | None:
        parameter = self._parameter_property(node, path)
        if parameter is not None:
            return parameter
        if path.startswith("this.props.") or path == "this.props":
            # A class component's props come from whoever renders it.
            label = f"props of component {self.enclosing_class_name(node)}"
            origin = Step(Span.of(node), label)
            return [Trace(OriginKind.PARAMETER, origin, origin_text=label)]
        return None

    def _parameter_property(self, node: Node, path: str) -> list[Trace] | None:
        """TypeScript `constructor(private opts: Options)` declares `this.opts`."""
        field = path.split(".")[1] if path.count(".") >= 1 else ""
        for method in self.class_methods(node):
            name = method.child_by_field_name("name")
            if name is None or node_text(name) != "constructor":
                continue
            holder = method.child_by_field_name("parameters")
            for child in holder.named_children if holder is not None else []:
                modifier = any(
                    c.type == "accessibility_modifier" or node_text(c) == "readonly"
                    for c in child.children
                )
                pattern = child.child_by_field_name("pattern")
                if modifier and pattern is not None and node_text(pattern) == field:
                    for parameter in self.parameters(method):
                        if parameter.name == field:
                            origin = self.parameter_origin(method, parameter)
                            if origin is None:
                                origin = self.from_call_sites(method, parameter, 0)
                            if origin is not None:
                                return origin
                            return [self.parameter_trace(method, parameter)]
        return None

    def enclosing_class_name(self, node: Node) -> str:
        self.read_context(node)
        for ancestor in reversed(self.ancestors(node)):
            if ancestor.type in ("class_declaration", "class", "abstract_class_declaration"):
                name = ancestor.child_by_field_name("name")
                return node_text(name) if name is not None else "<class>"
        return "<class>"

    def function_name(self, function: Node) -> str:
        name = function.child_by_field_name("name")
        if name is not None:
            return node_text(name)
        parent = function.parent
        if parent is not None:
            self.read_head(parent, function)  # the name comes first
        if parent is not None and parent.type == "variable_declarator":
            declared = parent.child_by_field_name("name")
            if declared is not None and declared.type == "identifier":
                return node_text(declared)
        if parent is not None and parent.type in ("pair", "assignment_expression"):
            key = parent.child_by_field_name("key") or parent.child_by_field_name("left")
            if key is not None:
                return node_text(key).rsplit(".", 1)[-1]
        return "<anonymous>"

    def parameter_origin(self, function: Node, parameter: Parameter) -> list[Trace] | None:
        if _SAFE_TYPES.match(parameter.annotation.strip()):
            return []
        if self._request_field(function, parameter):
            label = f"request field '{parameter.name}' of {self.function_name(function)}()"
            origin = Step(Span.of(parameter.node), label)
            return [Trace(OriginKind.UNTRUSTED, origin, origin_text=label)]
        if self._next_route_input(function, parameter):
            label = f"Next.js '{parameter.name}' of {self.function_name(function)}()"
            origin = Step(Span.of(parameter.node), label)
            return [Trace(OriginKind.UNTRUSTED, origin, origin_text=label)]
        loader = self._route_loader_of_prop(function, parameter)
        if loader is not None:
            return self._loader_data(loader, None, 0)
        if (
            self.rule == "nosql-injection"
            and parameter.index == 1
            and self._graphql_scalar_argument(function, parameter.name)
        ):
            return []  # (_, { id }) => ...: an `ID` argument of the schema in this file
        parent = function.parent
        self.read_holder(function)
        registration = self._registration_of(function)
        if registration is not None:
            # A callback handed to a library call (`port.onMessage.addListener(cb)`, or a
            # field of its options object: `consumer.run({ eachMessage: cb })`).
            remote = self._remote_message(registration, function, parameter)
            if remote == "" or (
                remote is not None
                and remote.startswith(_COMMAND_LINE)
                and (
                    self._listed_option_parameter(parameter)
                    or self._listed_argument_parameter(function, parameter)
                )
            ):
                return []
            if remote:
                origin = Step(Span.of(parameter.node), remote)
                return [Trace(OriginKind.UNTRUSTED, origin, origin_text=remote)]
            if parent is not None and parent.type == "pair":
                return []  # an option callback: the library calls it
        if parent is not None and parent.type == "arguments":
            call = parent.parent
            if call is None or call.type not in ("call_expression", "new_expression"):
                return []
            # The callee, its receiver and the event name come before the callback.
            self.read_head(call, function)
            callee = call.child_by_field_name("function")
            arguments = parent.named_children
            if callee is not None and callee.type == "member_expression":
                method = callee.child_by_field_name("property")
                receiver = callee.child_by_field_name("object")
                method_name = node_text(method) if method is not None else ""
                if parameter.index == 0 and _message_registration(call, function):
                    return [self._message_event(parameter)]
                if method_name in ("on", "once", "addListener") and arguments:
                    event = _string_value(arguments[0])
                    if event in _UPLOAD_EVENTS or (
                        event in ("data", "end")
                        and receiver is not None
                        and node_text(receiver) in ("req", "request")
                    ):
                        label = f"'{event}' event data ({parameter.name})"
                        origin = Step(Span.of(parameter.node), label)
                        return [Trace(OriginKind.UNTRUSTED, origin, origin_text=label)]
                if method_name in _ELEMENT_CALLBACKS and receiver is not None:
                    # (element, index, array): only the element (the accumulator and the
                    # element for reduce) carries the receiver's values; the index is a number.
                    element_positions = (0, 1) if method_name in ("reduce", "sort") else (0,)
                    if parameter.index not in element_positions:
                        return []
                    if self._entry_key(parameter.node, receiver):
                        return []  # Object.entries(parsed).map(([key]) => ...): a declared name
                    step = Step(Span.of(call), f"element of {node_text(receiver)[:60]}")
                    return [t.then(step) for t in self.evaluate(receiver, 0)]
            if (
                callee is not None
                and callee.type == "identifier"
                and node_text(callee) == "watch"
                and len(arguments) >= 2
                and arguments[1] == function
                and parameter.index in (0, 1)
            ):
                # Vue's watch(source, (value, old) => ...): the callback gets the watched
                # ref's or getter's value, with the source's origins.
                source = arguments[0]
                body = source.child_by_field_name("body")
                if source.type == "arrow_function" and body is not None:
                    source = body
                step = Step(Span.of(call), f"value of watched {node_text(arguments[0])[:60]}")
                return [t.then(step) for t in self.evaluate(source, 0)]
            # Callback of a framework or library call: the caller is known, not user code.
            return []
        if (
            parent is not None
            and parent.type == "assignment_expression"
            and _onmessage_assignment(parent)
            and parameter.index == 0
        ):
            return [self._message_event(parameter)]
        name = self.function_name(function)
        if self.is_test_function(function):
            return []
        if name != "<anonymous>":
            # A handler passed by name: `chrome.runtime.onMessage.addListener(handler)`.
            for call in self.calls_named("&" + name):
                holder = call.child_by_field_name("arguments")
                for argument in holder.named_children if holder is not None else []:
                    if argument.type == "identifier" and node_text(argument) == name:
                        remote = self._remote_message(call, argument, parameter)
                        if (
                            remote is not None
                            and remote.startswith(_COMMAND_LINE)
                            and (
                                self._listed_option_parameter(parameter)
                                or self._listed_argument_parameter(function, parameter)
                            )
                        ):
                            return []
                        if remote:
                            origin = Step(Span.of(parameter.node), remote)
                            return [Trace(OriginKind.UNTRUSTED, origin, origin_text=remote)]
            if parameter.index == 0 and self._named_message_listener(function):
                return [self._message_event(parameter)]
        return None

    def _named_message_listener(self, function: Node) -> bool:
        """`function` is declared with a name (`function onMessage(event)`, `const
        onMessage = (event) => ...`) and that name is registered as a `message` listener
        where the declaration is visible: `addEventListener("message", onMessage)` (or
        `on`), `window.onmessage = onMessage` / `self.onmessage = onMessage`."""
        parent = function.parent
        declared = function.type in ("function_declaration", "generator_function_declaration")
        if not declared and (parent is None or parent.type != "variable_declarator"):
            return False
        if parent is not None:
            self.read_head(parent, function)
        name = self.function_name(function)
        if name == "<anonymous>" or not name.isidentifier():
            return False
        home = self.enclosing_scope(function)
        nested = not self.is_module(home)
        for call in self.calls_named("&" + name):
            if nested and not contains(home, call):
                continue
            holder = call.child_by_field_name("arguments")
            for argument in holder.named_children if holder is not None else []:
                if (
                    argument.type == "identifier"
                    and node_text(argument) == name
                    and _message_registration(call, argument)
                ):
                    return True
        root = self.tree_root
        if self.recorder is not None:
            # A new registration comes only from an edit that writes one of the names.
            for written in (name, "onmessage"):
                self.recorder.named_ranges.add((root.start_byte, root.end_byte, written))
        pattern = re.compile(rb"onmessage\s*=\s*(" + re.escape(name.encode()) + rb")\b")
        for start, end in self.text_matches(pattern, whole_word=True):
            value = root.descendant_for_byte_range(start, end)
            assignment = value.parent if value is not None else None
            if (
                value is None
                or assignment is None
                or assignment.type != "assignment_expression"
                or assignment.child_by_field_name("right") != value
                or (nested and not contains(home, assignment))
            ):
                continue
            self.read_range(assignment)
            if _onmessage_assignment(assignment):
                return True
        return False

    def _registration_of(self, function: Node) -> Node | None:
        """The call `function` is passed to, as an argument or as a field of an options
        object argument (`run({ eachMessage: async ({ message }) => ... })`)."""
        parent = function.parent
        if parent is not None and parent.type == "pair":
            holder = parent.parent
            parent = holder.parent if holder is not None and holder.type == "object" else None
        elif function.type == "method_definition" and parent is not None:
            # A method of the options object: `Bun.serve({ fetch(req) { ... } })`.
            parent = parent.parent if parent.type == "object" else None
        call = parent.parent if parent is not None and parent.type == "arguments" else None
        if call is None or call.type not in ("call_expression", "new_expression"):
            return None
        self.read_head(call, function)
        return call

    def _fetched_response(self, call: Node, depth: int) -> list[Trace]:
        """A sink's result is not its input, except that what `fetch(url)` (axios, got,
        ky) returns is written by whoever serves `url`: when the URL's host is not fixed
        by a constant start, the response carries the origins of the URL."""
        function = call.child_by_field_name("function")
        if function is None or call.type != "call_expression":
            return []
        root = (
            function.child_by_field_name("object")
            if function.type == "member_expression"
            else function
        )
        if root is None or root.type != "identifier" or node_text(root) not in _HTTP_CLIENTS:
            return []
        arguments = call.child_by_field_name("arguments")
        url = (
            arguments.named_children[0]
            if arguments is not None and arguments.named_children
            else None
        )
        if url is None or url.type in ("object", "array"):
            return []
        if self.fetches_chosen_target(url):
            return []  # a constant URL, our own server, or a host the code chose
        step = Step(Span.of(call), f"response of {node_text(call)[:60]}")
        return [t.then(step) for t in self.evaluate(url, depth + 1)]

    def _remote_message(self, call: Node, callback: Node, parameter: Parameter) -> str | None:
        """A callback that handles what another process sends: the label of the
        parameter's origin when it carries that data, "" when it is such a callback but
        the parameter carries none of it (an event, a channel name), else None. `callback` is the
        function (or the name of one) passed to `call`, directly or as a field of an
        options object. The registrations (see docs/architecture.md, "Origins"):

        - tRPC procedures: `t.procedure.input(schema).query(({ input }) => ...)`,
          `.mutation`, `.subscription`: `input` is the client's.
        - Electron: `ipcMain.handle("ch", (event, arg) => ...)` / `on` / `once` /
          `handleOnce`: every argument after the event comes from a renderer.
        - Node event emitters of network peers: `socket.on("chat", (msg) => ...)`,
          `ws.on("message", (data) => ...)` (socket.io, ws): the payload arguments;
          lifecycle events (connect, close, error, ...) carry none.
        - Browser extensions (the `chrome`/`browser` globals or webextension-polyfill):
          `runtime.onMessage` / `onMessageExternal` listeners and a Port's
          `port.onMessage.addListener`: the message; the response callback of
          `runtime.sendMessage` / `tabs.sendMessage`: the response.
        - Job queues and brokers, in a file importing the library: BullMQ
          `new Worker(queue, (job) => ...)`, Bull / Bee-Queue `queue.process(... (job) =>
          ...)`, kafkajs `consumer.run({ eachMessage | eachBatch })`, amqplib
          `channel.consume(queue, (msg) => ...)`, Redis / MQTT subscribers
          `on("message", (channel, message) => ...)`, node-redis `subscribe(channel,
          (message) => ...)`, NATS `subscribe(subject, (msg) => ...)` or
          `{ callback: (err, msg) => ... }`.
        - Node IPC: `process.on("message", (msg) => ...)` (the global `process`) and
          `parentPort.on("message", ...)` of `worker_threads`: the message.
        - The HTTP servers of Deno and Bun: `Deno.serve((req) => ...)` (or its `handler`
          option) and `Bun.serve({ fetch(req) { ... } })`: the request.
        - Command-line parsers, in a file importing them: commander's
          `.action((arg, options) => ...)` and yargs' `.command(cmd, desc, builder,
          (argv) => ...)`: the arguments."""
        holder = call.child_by_field_name("arguments")
        arguments = holder.named_children if holder is not None else []
        field = ""
        argument = callback
        if callback.parent is not None and callback.parent.type == "pair":
            key = callback.parent.child_by_field_name("key")
            field = node_text(key).strip("\"'") if key is not None else ""
            argument = callback.parent.parent or callback
        elif callback.type == "method_definition" and callback.parent is not None:
            name = callback.child_by_field_name("name")
            field = node_text(name) if name is not None else ""
            argument = callback.parent
        keys = [node_key(a) for a in arguments]
        if node_key(argument) not in keys:
            return None
        position = keys.index(node_key(argument))
        last = position == len(arguments) - 1
        first = parameter.index == 0
        if call.type == "new_expression":
            constructor = call.child_by_field_name("constructor")
            if (
                constructor is not None
                and not field
                and position == 1
                and node_text(constructor).rsplit(".", 1)[-1] == "Worker"
                and self._module_of(constructor) == "bullmq"
            ):
                return f"BullMQ job ({parameter.name})" if first else ""
            return None
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            return None
        method_node = callee.child_by_field_name("property")
        method = node_text(method_node) if method_node is not None else ""
        receiver = callee.child_by_field_name("object")
        if receiver is None:
            return None
        receiver_text = node_text(receiver)
        if method == "serve" and receiver_text in ("Deno", "Bun"):
            # The HTTP servers of the runtimes: `Deno.serve((req) => ...)` (or its
            # `handler` option), `Bun.serve({ fetch(req) { ... } })`: the request.
            handler = field == "fetch" if receiver_text == "Bun" else field in ("", "handler")
            if handler:
                return f"{receiver_text}.serve request ({parameter.name})" if first else ""
            return None
        if field:
            if (
                method == "run"
                and field in ("eachMessage", "eachBatch")
                and self._file_imports("kafkajs")
            ):
                # `({ topic, partition, message })`: the message or batch only.
                holder = parameter.node.parent
                whole = holder is not None and holder.type in (
                    "formal_parameters",
                    "arrow_function",
                    "required_parameter",
                )
                carried = whole or parameter.name in ("message", "batch")
                return f"Kafka message ({parameter.name})" if first and carried else ""
            if method == "subscribe" and field == "callback" and self._file_imports("nats"):
                return f"NATS message ({parameter.name})" if parameter.index == 1 else ""
            return None
        if method in ("query", "mutation", "subscription") and (
            "procedure" in receiver_text.lower() or ".input(" in receiver_text
        ):
            return "tRPC procedure input" if parameter.name == "input" else ""
        segments = receiver_text.split(".")
        if method == "addListener" and segments[-1] in ("onMessage", "onMessageExternal"):
            # chrome.runtime.onMessage, browser.runtime.onMessageExternal, port.onMessage
            if len(segments) == 2 or self._extension_api(receiver):
                return f"extension message ({parameter.name})" if first else ""
            return None
        if (
            method == "sendMessage"
            and segments[-1] in ("runtime", "tabs")
            and last
            and position > 0
            and self._extension_api(receiver)
        ):
            return f"extension message response ({parameter.name})" if first else ""
        if method == "action" and last and self._file_imports("commander"):
            # commander's `program.command("deploy <env>").action((env, options) => ...)`:
            # every argument is the command line's.
            return f"{_COMMAND_LINE}{parameter.name})"
        if method == "command" and last and position >= 2 and self._file_imports("yargs"):
            # yargs' `.command(cmd, description, builder, (argv) => ...)`: the parsed argv.
            return f"command-line arguments ({parameter.name})" if first else ""
        if method == "process" and last and self._file_imports("bull", "bee-queue"):
            return f"queued job ({parameter.name})" if first else ""
        if method == "consume" and position == 1 and self._file_imports("amqplib"):
            return f"AMQP message ({parameter.name})" if first else ""
        if (
            method in ("subscribe", "pSubscribe", "sSubscribe")
            and position == 1
            and self._file_imports("redis", "nats")
        ):
            return f"subscribed message ({parameter.name})" if first else ""
        if not arguments or arguments[0].type != "string":
            return None
        event = _string_value(arguments[0])
        last_segment = segments[-1]
        if last_segment == "ipcMain" and method in ("handle", "handleOnce", "on", "once"):
            if parameter.index >= 1:
                return f"IPC message '{event}' from a renderer ({parameter.name})"
            return ""
        if method not in ("on", "once", "addListener"):
            return None
        if event == "message":
            if (
                receiver_text == "process"
                and not self.shadowed(receiver)
                and not self.module_definitions("process")
            ):
                return f"IPC message from the parent process ({parameter.name})" if first else ""
            if last_segment == "parentPort" and self._module_of(receiver) in (
                "worker_threads",
                "node:worker_threads",
            ):
                return f"message from the parent thread ({parameter.name})" if first else ""
        if event in _SUBSCRIBER_EVENTS and self._file_imports("redis", "ioredis", "mqtt"):
            if parameter.index == _SUBSCRIBER_EVENTS[event]:
                return f"'{event}' from a subscription ({parameter.name})"
            return ""
        if _PEER_RECEIVER.search(last_segment) and event not in _LIFECYCLE_EVENTS:
            return f"'{event}' message from a network peer ({parameter.name})"
        return None

    def _extension_api(self, receiver: Node) -> bool:
        """`receiver` starts at the browser-extension API: the `chrome` or `browser`
        global, not bound in this file (or bound to webextension-polyfill)."""
        root = member_root(receiver)
        if root.type != "identifier" or node_text(root) not in ("chrome", "browser"):
            return False
        if self.shadowed(root):
            return False
        definitions = self.module_definitions(node_text(root))
        return not definitions or self._module_of(root) == "webextension-polyfill"

    def _module_of(self, node: Node) -> str | None:
        """The module the root name of `node` is bound to at module level: `Worker` in
        `import { Worker } from "bullmq"`, `parentPort` in `const { parentPort } =
        require("node:worker_threads")`; None when no single import or require binds it."""
        root = member_root(node)
        if root.type == "call_expression":
            callee = root.child_by_field_name("function")
            holder = root.child_by_field_name("arguments")
            first = holder.named_children[:1] if holder is not None else []
            if callee is not None and node_text(callee) == "require" and first:
                return _string_value(first[0]) or None
            return None
        if root.type != "identifier":
            return None
        definitions = self.module_definitions(node_text(root))
        if len(definitions) != 1:
            return None
        definition = definitions[0]
        statement = definition.statement
        if definition.kind == "opaque" and statement.type == "import_statement":
            source = statement.child_by_field_name("source")
            return _string_value(source) if source is not None else None
        value = definition.value
        if value is not None and value.type == "await_expression" and value.named_children:
            value = value.named_children[0]
        return self._module_of(value) if value is not None and value is not root else None

    def _strips_harmful_characters(self, function: Node, arguments: Node | None) -> bool:
        """`x.replace(/[^a-z0-9-]+/g, "-")`: every character outside the class is
        replaced (the `g` flag), and neither those kept nor the replacement are any the
        rule's sink could misuse (see strips_harmful_characters)."""
        if function.type != "member_expression" or arguments is None:
            return False
        method = function.child_by_field_name("property")
        values = arguments.named_children
        if method is None or node_text(method) not in ("replace", "replaceAll"):
            return False
        if len(values) != 2 or values[0].type != "regex" or values[1].type != "string":
            return False
        pattern = values[0].child_by_field_name("pattern")
        flags = values[0].child_by_field_name("flags")
        if pattern is None or flags is None or "g" not in node_text(flags):
            return False
        return strips_harmful_characters(
            node_text(pattern), _string_value(values[1]) or "", self.rule
        )

    def _own_url_base(self, node: Node) -> Node | None:
        return _own_url_base(node, self.single_value)

    def _escaping_html_tag(self, function: Node, arguments: Node | None) -> bool:
        """A tagged template whose tag escapes its substitutions as HTML: `html` imported
        from `hono/html`, `lit` or `lit-html`. (common-tags' `html` only formats.)"""
        if (
            function.type != "identifier"
            or node_text(function) != "html"
            or arguments is None
            or arguments.type != "template_string"
        ):
            return False
        return self._module_of(function) in ("hono/html", "lit", "lit-html")

    def _file_imports(self, *modules: str) -> bool:
        """The file imports or requires one of `modules` (or a subpath of one)."""
        # A fact of the file, compared between versions: an edit that imports no other
        # module changes no answer (reading the whole document would redo the check on
        # every edit of the file).
        self.read_key(MODULE_REFERENCES)
        found = self._imported_modules
        if found is None:
            found = self._imported_modules = module_references(self.tree_root.text or b"")
        return any(m in found or "node:" + m in found for m in modules)

    def _request_field(self, function: Node, parameter: Parameter) -> bool:
        """`({ params, query }, res, next) => ...`: fields destructured from an
        Express-style handler's request, or from the context of a handler registered for
        a route path (`app.get("/f", ({ query }) => ...)`, as Elysia passes it)."""
        if parameter.index != 0 or parameter.name not in _REQUEST_FIELDS:
            return False
        names = [p.name for p in self.parameters(function)]
        if not any(n in ("res", "response", "reply", "next") for n in names) and not (
            self._route_handler(function)
        ):
            return False
        holder = function.child_by_field_name("parameters")
        first = holder.named_children[0] if holder is not None and holder.named_children else None
        if first is not None and first.type in ("required_parameter", "optional_parameter"):
            first = first.child_by_field_name("pattern")
        return first is not None and first.type == "object_pattern"

    def _route_handler(self, function: Node) -> bool:
        """`function` is passed to `x.get("/path", ..., function)` (or post, put, ...):
        a handler registered for a route of some web framework."""
        parent = function.parent
        call = parent.parent if parent is not None and parent.type == "arguments" else None
        if call is None or call.type != "call_expression" or parent is None:
            return False
        self.read_head(call, function)
        callee = call.child_by_field_name("function")
        method = callee.child_by_field_name("property") if callee is not None else None
        if method is None or node_text(method) not in _ROUTE_METHODS:
            return False
        arguments = parent.named_children
        path = arguments[0] if arguments else None
        return (
            path is not None
            and path is not function
            and path.type in ("string", "template_string")
            and node_text(path)[1:2] == "/"
        )

    def _next_route_input(self, function: Node, parameter: Parameter) -> bool:
        """Next.js App Router input: the second argument of an exported route handler
        (`export async function GET(req, { params })`: dynamic route segments), and the
        `searchParams` / `params` props destructured by an exported page component."""
        name = self.function_name(function)
        # The shape first, whether it is exported last.
        if name in _HTTP_METHODS:
            if parameter.index != 1:
                return False
        else:
            if parameter.index != 0 or parameter.name not in ("searchParams", "params"):
                return False
            if parameter.name != "searchParams" and not name[:1].isupper():
                return False
            holder = function.child_by_field_name("parameters")
            first = holder.named_children[0] if holder and holder.named_children else None
            if first is not None and first.type in ("required_parameter", "optional_parameter"):
                first = first.child_by_field_name("pattern")
            if first is None or first.type != "object_pattern":
                return False
        return self.in_export_statement(function) or name in self.exported_names()

    def evaluate_definition(
        self, definition: Definition, depth: int, field: str | None = None
    ) -> list[Trace]:
        part = re.fullmatch(r"\.(\w+)", definition.part)
        if definition.kind == "assign" and part is not None and definition.value is not None:
            loader = self._loader_of_value(definition.value)
            if loader is not None:
                # const { backLink } = loaderData / useLoaderData(): the loader's field.
                return self._loader_data(loader, part.group(1), depth)
        traces = super().evaluate_definition(definition, depth, field)
        if (
            self.rule == "path-traversal"
            and definition.kind == "assign"
            and re.fullmatch(r"\.(\w+)", definition.part)
            and definition.part[1:] in _STORED_UPLOAD_FIELDS
            and self._uploaded_files(traces)
        ):
            return []  # const { path } = req.file: see _stored_upload_field
        field_name = re.fullmatch(r"\.(\w+)", definition.part)
        if (
            definition.kind == "assign"
            and field_name is not None
            and self._listed_command_field(field_name.group(1), traces)
        ):
            return []  # const { format } = command.opts(): see _listed_command_field
        if (
            traces
            and definition.kind == "assign"
            and field_name is not None
            and definition.value is not None
            and self._route_schema_field_closed(definition.value, field_name.group(1))
        ):
            return []  # const { format } = request.query, the route's schema an enum
        if traces and definition.kind == "assign" and field_name is not None and definition.value:
            schema = self._parsed_schema(definition.value)
            if schema is not None and self._closed_schema_field_of(schema, field_name.group(1)):
                return []  # const { status } = Schema.parse(x), status a z.enum: as parsed.status
        return traces

    # ------------------------------------------------------------------ response bodies
    def in_request_handler(self, function: Node) -> bool:
        """A route handler whose returned string the framework sends as the page: the
        `handler` of a hapi route's options (`server.route({ handler(request, h) {...} })`,
        `handler: (request, h) => ...`, `options: { handler }`), which hapi serves as
        text/html when it is a string. (The query limits this to files importing hapi.)"""
        self.read_context(function)
        if function.type == "method_definition":
            key = function.child_by_field_name("name")
        elif (
            function.type in ("arrow_function", "function_expression")
            and function.parent is not None
            and function.parent.type == "pair"
        ):
            key = function.parent.child_by_field_name("key")
        else:
            return False
        return key is not None and node_text(key) == "handler"

    # ------------------------------------------------------------------ element kinds
    def nest_redirect_handler(self, node: Node) -> bool:
        """`return { url }` in a NestJS controller method decorated with `@Redirect(...)`:
        Nest sends the browser to the returned `url` (it overrides the decorator's)."""
        scope = self.enclosing_scope(node)
        if self.is_module(scope) or scope.type != "method_definition":
            self.read_context(node)
            return False
        self.read_definition(scope)
        sibling = scope.prev_named_sibling
        while sibling is not None and sibling.type == "decorator":
            if re.match(r"@\s*Redirect\s*\(", node_text(sibling)):
                return True
            sibling = sibling.prev_named_sibling
        return False

    def endpoint_context_call(self, call: Node, name: str) -> bool:
        """`redirect(url)` where `redirect` is destructured from the first parameter of an
        exported endpoint handler (`export const POST: APIRoute = async ({ redirect }) =>`,
        `export async function GET({ redirect, url })`): Astro's APIContext.redirect."""
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "identifier":
            return False
        local = node_text(callee)
        self.read_context(call)
        scope = self.enclosing_scope(call)
        while not self.is_module(scope):
            parameters = self.parameters(scope)
            bound = next((p for p in parameters if p.name == local), None)
            if bound is not None:
                holder = bound.node.parent
                if bound.index != 0 or holder is None:
                    return False
                if holder.type == "pair_pattern":
                    key = holder.child_by_field_name("key")
                    if key is None or node_text(key) != name:
                        return False
                elif local != name or holder.type != "object_pattern":
                    return False
                self.read_definition(scope)
                return _exported_endpoint(scope)
            scope = self.enclosing_scope(scope)
        return False

    def element_loads_url(self, sink: Node) -> bool:
        """`el.src = url`, `el.setAttribute("src", url)` (and `data`): whether `el` may be
        an element that loads the URL as a document or as code, where a javascript: URL
        runs: the `src` of an iframe, frame, embed or script, the `data` of an object.
        What the element is comes from how the code makes, finds or declares it (see
        _element_kinds): an element shown to be an image, a media element, an input or
        anything else is not one. An element the code does not show is judged by its
        names (`frame`, `previewIframe`, `getElementById("embed-player")`, `frameRef`)
        for a `src`, and otherwise is not taken as one, as a JSX component's `src` is
        not: most elements with a URL attribute are images and media."""
        found = _url_attribute(sink)
        if found is None:
            return False
        attribute, receiver = found
        loaders = _URL_LOADERS.get(attribute)
        if loaders is None:
            return False
        self.read_range(sink)
        for kind in self._element_kinds(receiver, 0):
            if kind in loaders:
                return True
            if kind.startswith("?") and attribute == "src" and _LOADER_WORDS & _words(kind[1:]):
                return True
        return False

    def _element_kinds(self, node: Node, depth: int) -> set[str]:
        """What elements `node` may be: tag names ("iframe"), "" for a value that is no
        element (an object literal, a string), and "?names" for one the code does not
        show, with the names it goes by (a variable, an id, a selector)."""
        if depth > _ELEMENT_DEPTH:
            return {"?"}
        kind = node.type
        if kind in _VALUE_WRAPPERS or kind == "await_expression":
            if kind in ("as_expression", "satisfies_expression", "type_assertion"):
                # `x as HTMLIFrameElement`, `<HTMLIFrameElement>x`: the type says.
                children = node.named_children
                typed = (
                    (children[0] if kind == "type_assertion" else children[-1])
                    if children
                    else None
                )
                declared = _declared_elements(node_text(typed)) if typed is not None else None
                if declared is not None:
                    return declared
            inner = [c for c in node.named_children if c.type not in ("comment", "type_arguments")]
            return self._element_kinds(inner[0], depth + 1) if inner else {"?"}
        if kind == "call_expression":
            return self._found_element_kinds(node, depth)
        if kind == "subscript_expression":
            # An item of a collection (`querySelectorAll("iframe")[0]`, `frames[i]`).
            collection = node.child_by_field_name("object")
            return self._element_kinds(collection, depth + 1) if collection else {"?"}
        if kind == "new_expression":
            constructor = node.child_by_field_name("constructor")
            name = node_text(constructor) if constructor is not None else ""
            return {_CONSTRUCTED_ELEMENTS.get(name, "?" + name)}
        if kind == "identifier":
            return self._name_element_kinds(node, depth)
        if kind == "member_expression":
            return self._member_element_kinds(node, depth)
        if kind == "ternary_expression":
            branches = [node.child_by_field_name(f) for f in ("consequence", "alternative")]
            found: set[str] = set()
            for branch in branches:
                found |= self._element_kinds(branch, depth + 1) if branch else {"?"}
            return found
        operator = node.child_by_field_name("operator")
        if kind == "binary_expression" and operator is not None and operator.type in ("??", "||"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            return (self._element_kinds(left, depth + 1) if left else {"?"}) | (
                self._element_kinds(right, depth + 1) if right else {"?"}
            )
        if kind == "array":
            found = set()
            for item in node.named_children:
                spread = item.type == "spread_element" and item.named_children
                value = item.named_children[0] if spread else item
                found |= self._element_kinds(value, depth + 1)
            return found or {""}
        if kind in _NO_ELEMENT:
            return {""}
        return {"?"}

    def _found_element_kinds(self, call: Node, depth: int) -> set[str]:
        """The elements a DOM call makes or finds: `createElement("iframe")`,
        `querySelector("#player iframe")`, `getElementsByTagName("embed")`,
        `querySelector<HTMLIFrameElement>(...)`, `useRef<HTMLIFrameElement>(null)`."""
        types = call.child_by_field_name("type_arguments")
        if types is not None:
            declared = _declared_elements(node_text(types))
            if declared is not None:
                return declared
        function = call.child_by_field_name("function")
        holder = call.child_by_field_name("arguments")
        values = holder.named_children if holder is not None else []
        first = _string_value(values[0]) if values and values[0].type == "string" else None
        if function is None:
            return {"?"}
        if node_text(function) == "Array.from" and values:
            return self._element_kinds(values[0], depth + 1)
        if function.type != "member_expression":
            return {"?"}
        method_node = function.child_by_field_name("property")
        method = node_text(method_node) if method_node is not None else ""
        receiver = function.child_by_field_name("object")
        if method == "createElement" and first is not None:
            return {first.lower()}
        if method == "createElementNS" and len(values) > 1 and values[1].type == "string":
            return {_string_value(values[1]).rsplit(":", 1)[-1].lower()}
        if method in ("querySelector", "querySelectorAll", "closest") and first is not None:
            return _selector_kinds(first)
        if method == "getElementsByTagName" and first is not None:
            return {first.lower() if first != "*" else "?"}
        if method in ("getElementById", "getElementsByClassName", "getElementsByName"):
            return {"?" + (first or "")}
        if method in _SAME_ELEMENT_METHODS and receiver is not None:
            return self._element_kinds(receiver, depth + 1)
        return {"?"}

    def _name_element_kinds(self, identifier: Node, depth: int) -> set[str]:
        """The elements a name holds: its declared type (`const f: HTMLIFrameElement`, a
        parameter `(el: HTMLScriptElement)`), else the values assigned to it, else for
        the element parameter of a collection's callback (`frames.forEach((f) => ...)`)
        the collection's elements."""
        name = node_text(identifier)
        scope = self.enclosing_scope(identifier)
        point = identifier
        while True:
            definitions = self.reaching_definitions(scope, name, point)
            if definitions:
                declared = self._declared_name_type(scope, name, point)
                if declared is not None:
                    return declared
                return self._assigned_element_kinds(definitions, name, depth)
            parameter = next((p for p in self.parameters(scope) if p.name == name), None)
            if parameter is not None:
                declared = _declared_elements(parameter.annotation)
                if declared is not None:
                    return declared
                return _named(self._callback_element_kinds(scope, parameter, depth), name)
            if self.is_module(scope):
                return {"?" + name}
            outer = self.enclosing_scope(scope)
            if self.is_module(outer):
                definitions = self.module_definitions(name)
                if not definitions:
                    return {"?" + name}
                declared = self._declared_name_type(outer, name, None)
                if declared is not None:
                    return declared
                return self._assigned_element_kinds(definitions, name, depth)
            point, scope = scope, outer

    def _declared_name_type(self, scope: Node, name: str, use: Node | None) -> set[str] | None:
        """The elements the declaration of `name` in `scope` (before `use`) names in its
        type: `let frame: HTMLIFrameElement | null = null`. Its statement is among those
        the lookup of the name's definitions read."""
        for definition in self.definitions(scope).get(name, []):
            if use is not None and definition.position > use.start_byte:
                continue
            for declarator in _descendants(definition.statement, "variable_declarator"):
                declared_name = declarator.child_by_field_name("name")
                annotation = declarator.child_by_field_name("type")
                if (
                    annotation is not None
                    and declared_name is not None
                    and node_text(declared_name) == name
                ):
                    declared = _declared_elements(node_text(annotation))
                    if declared is not None:
                        return declared
        return None

    def _assigned_element_kinds(
        self, definitions: list[Definition], name: str, depth: int
    ) -> set[str]:
        found: set[str] = set()
        for definition in definitions:
            if definition.field:
                continue  # `frame.width = "640"` sets a field: the element stays what it is
            if definition.value is None or definition.kind not in ("assign", "iterate"):
                found.add("?")
            elif definition.part:
                found.add("?")  # destructured: `const { frame } = refs`
            else:
                # (A loop over a collection takes its elements: the same kinds.)
                found |= self._element_kinds(definition.value, depth + 1)
        return _named(found or {"?"}, name)

    def _callback_element_kinds(self, function: Node, parameter: Parameter, depth: int) -> set[str]:
        """`document.querySelectorAll("iframe").forEach((frame) => ...)`: the element
        parameter of a collection's callback holds its elements."""
        holder = function.parent
        call = holder.parent if holder is not None and holder.type == "arguments" else None
        if call is None or call.type != "call_expression" or parameter.index != 0:
            return {"?"}
        self.read_head(call, function)
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            return {"?"}
        method = callee.child_by_field_name("property")
        receiver = callee.child_by_field_name("object")
        if method is None or receiver is None or node_text(method) not in _ELEMENT_CALLBACKS:
            return {"?"}
        return self._element_kinds(receiver, depth + 1)

    def _member_element_kinds(self, member: Node, depth: int) -> set[str]:
        """`frameRef.current` (React), `frame.value` (Vue), `ref.nativeElement` (Angular):
        the element the ref holds, by its type (`useRef<HTMLIFrameElement>`,
        `ElementRef<HTMLIFrameElement>`) or the JSX element it is passed to as `ref`;
        `this.frame`: the class's field type and what its methods assign; another path:
        what is assigned to it."""
        prop = member.child_by_field_name("property")
        holder = member.child_by_field_name("object")
        name = node_text(prop) if prop is not None else ""
        if holder is None:
            return {"?" + name}
        if name in _REF_VALUES:
            held = self._element_kinds(holder, depth + 1)
            if all(k.startswith("?") for k in held):
                held |= self._jsx_ref_kinds(holder)
            return held
        path = normalized(node_text(member))
        scope = self.enclosing_scope(member)
        definitions = self.reaching_definitions(scope, path, member)
        if definitions:
            return self._assigned_element_kinds(definitions, name, depth)
        if path.startswith("this.") and path.count(".") == 1:
            return self._this_element_kinds(member, name, depth)
        return {"?" + name}

    def _this_element_kinds(self, member: Node, name: str, depth: int) -> set[str]:
        """`this.frame`: the type of the class's field (`private frame!: HTMLIFrameElement`,
        `@ViewChild("f") f: ElementRef<HTMLIFrameElement>`) and what it and the methods
        assign to it."""
        klass = next((a for a in reversed(self.ancestors(member)) if a.type in _CLASS_NODES), None)
        body = klass.child_by_field_name("body") if klass is not None else None
        if body is None:
            return {"?" + name}
        self.read_range(body)
        found: set[str] = set()
        path = "this." + name
        for child in body.named_children:
            if child.type in ("public_field_definition", "field_definition"):
                field_name = child.child_by_field_name("name") or child.child_by_field_name(
                    "property"
                )
                if field_name is None or node_text(field_name) != name:
                    continue
                annotation = child.child_by_field_name("type")
                declared = _declared_elements(node_text(annotation)) if annotation else None
                if declared is not None:
                    return declared
                value = child.child_by_field_name("value")
                if value is not None:
                    found |= self._element_kinds(value, depth + 1)
            elif child.type == "method_definition":
                for definition in self.definitions(child).get(path, []):
                    found |= self._assigned_element_kinds([definition], name, depth)
        return _named(found or {"?"}, name)

    def _jsx_ref_kinds(self, holder: Node) -> set[str]:
        """The JSX elements a ref is passed to: `<iframe ref={frameRef} />`."""
        if holder.type != "identifier":
            return set()
        name = node_text(holder)
        root = self.tree_root
        if self.recorder is not None:
            # A new `ref={name}` can come only from an edit that writes the name.
            self.recorder.named_ranges.add((root.start_byte, root.end_byte, name))
        pattern = re.compile(rb"ref\s*=\s*\{\s*(" + re.escape(name.encode()) + rb")\s*\}")
        found: set[str] = set()
        for start, end in self.text_matches(pattern, whole_word=True):
            value = root.descendant_for_byte_range(start, end)
            attribute = value.parent.parent if value and value.parent else None
            element = attribute.parent if attribute is not None else None
            if element is None or element.type not in _JSX_ELEMENTS:
                continue
            self.read_range(element)
            tag = element.child_by_field_name("name")
            text = node_text(tag) if tag is not None else ""
            found.add(text.lower() if text[:1].islower() else "?" + text)
        return found

    def _listed_command_option(self, member: Node, traces: list[Trace]) -> bool:
        """`options.format` in a commander action handler, where the command declares
        `--format` with `.choices([...])`: commander rejects any other value."""
        prop = member.child_by_field_name("property")
        if member.type != "member_expression" or prop is None:
            return False
        return self._listed_command_field(node_text(prop), traces)

    def _listed_command_field(self, name: str, traces: list[Trace]) -> bool:
        """`name` of the options of commander action handlers (`options.format`, `const
        { format } = command.opts()`), whose commands all limit it to listed values."""
        if not traces or not all(t.origin_text.startswith(_COMMAND_LINE) for t in traces):
            return False
        for trace in traces:
            span = trace.origin.span
            node = self.tree_root.descendant_for_byte_range(span.start_byte, span.end_byte)
            if node is None:
                return False
            self.read_range(node)
            function = self.enclosing_scope(node)
            if function.type not in _FUNCTIONS:
                return False
            if name not in self._action_choices(function):
                return False
        return True

    def _listed_option_parameter(self, parameter: Parameter) -> bool:
        """`.action((table, { format }) => ...)`: an option destructured from a commander
        action's options, declared with `.choices([...])`."""
        holder = parameter.node.parent
        key = parameter.name
        if parameter.node.type == "shorthand_property_identifier_pattern":
            pass
        elif holder is not None and holder.type == "pair_pattern":
            found = holder.child_by_field_name("key")
            if found is None or holder.child_by_field_name("value") != parameter.node:
                return False
            key = node_text(found)
        else:
            return False
        function = self.enclosing_scope(parameter.node)
        return function.type in _FUNCTIONS and key in self._action_choices(function)

    def _listed_argument_parameter(self, function: Node, parameter: Parameter) -> bool:
        """`.addArgument(new Argument("<env>").choices([...])).action((env) => ...)`: the
        action's parameter at the position of a command-line argument limited to listed
        values (the arguments of `.command("name <a>")`, `.argument(...)`,
        `.arguments(...)` and `.addArgument(...)` come in the order they are declared,
        then the options, then the command)."""
        holder = parameter.node.parent
        if holder is None or holder.type not in _WHOLE_PARAMETER_HOLDERS:
            return False
        commands = self._action_commands(function)
        if not commands:
            return False
        for command in commands:
            arguments = self._command_arguments(command)
            if arguments is None or parameter.index >= len(arguments):
                return False
            if not arguments[parameter.index]:
                return False
        return True

    def _action_commands(self, function: Node) -> list[Node]:
        """The commander commands whose `.action(...)` `function` is, inline or by name:
        the receivers of those calls."""
        calls: list[Node] = []
        registration = self._registration_of(function)
        if registration is not None:
            calls.append(registration)
        name = self.function_name(function)
        if registration is None and name != "<anonymous>":
            calls.extend(self.calls_named("&" + name))
        commands: list[Node] = []
        for call in calls:
            callee = call.child_by_field_name("function")
            if callee is None or callee.type != "member_expression":
                continue
            method = callee.child_by_field_name("property")
            receiver = callee.child_by_field_name("object")
            if method is not None and node_text(method) == "action" and receiver is not None:
                commands.append(receiver)
        return commands

    def _action_choices(self, function: Node) -> set[str]:
        """The options limited to listed values (`new Option("-f, --format <f>")
        .choices(["csv", "json"])`, added with `.addOption(...)`) of the commander
        commands whose `.action(...)` `function` is: their attribute names."""
        listed: set[str] = set()
        for command in self._action_commands(function):
            listed |= self._command_choices(command)
        return listed

    def _command_choices(self, command: Node) -> set[str]:
        """What `_action_choices` finds on one command (see _command_declarations). An
        option also declared without choices is not listed."""
        listed: set[str] = set()
        free: set[str] = set()
        for method, value in self._command_declarations(command):
            if method == "addOption" and value is not None:
                limited = self._limited_declaration(value, "Option")
                if limited is not None:
                    listed.add(_option_attribute(limited))
            elif method in ("option", "requiredOption") and value is not None:
                free.add(_option_attribute(_string_value(value)))
        return listed - free

    def _command_arguments(self, command: Node) -> list[bool] | None:
        """The command-line arguments of a commander command in order, each True when it
        is limited to listed values; None when the code does not show them all."""
        found: list[bool] = []
        for method, value in self._command_declarations(command):
            if method in ("command", "arguments"):
                if value is None or value.type != "string":
                    return None
                text = _string_value(value)
                if method == "command":
                    text = text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else ""
                found.extend(False for _ in _COMMAND_ARGUMENT.findall(text))
            elif method == "argument":
                found.append(False)
            elif method == "addArgument":
                if value is None:
                    return None
                found.append(self._limited_declaration(value, "Argument") is not None)
        return found

    def _command_declarations(
        self, command: Node, depth: int = 0, within: Node | None = None
    ) -> list[tuple[str, Node | None]]:
        """What declares the options and arguments of the commander command `command`
        builds, in order: (method, its first argument) for `.command("name <a>")`,
        `.option`, `.requiredOption`, `.addOption`, `.argument`, `.arguments` and
        `.addArgument` in its chain of calls (`program.command("x").addOption(...)`) down
        to its `.command(...)`, or to a name; before them, those of the name's value and
        of the chains of statements of their own on the name (`cmd.addOption(...)`)."""
        chain, root = _chain_declarations(command)
        if root is None or root.type != "identifier":
            return chain
        earlier: list[tuple[str, Node | None]] = []
        single = self.single_value(root) if depth < 3 else None
        if single is not None and _bare(single).type == "call_expression":
            earlier = self._command_declarations(single, depth + 1)
        return earlier + self._declared_on(root, within or command) + chain

    def _declared_on(self, command: Node, within: Node) -> list[tuple[str, Node | None]]:
        """The options and arguments that chains of calls on the name `command` declare
        outside `within` (`cmd.addOption(option)`, `cmd.argument("<a>").option(...)`),
        in order."""
        root = self.tree_root
        if self.recorder is not None:
            # A new call can come only from an edit that writes the method's name.
            for method in _COMMAND_DECLARATIONS:
                self.recorder.named_ranges.add((root.start_byte, root.end_byte, method))
        found: list[tuple[str, Node | None]] = []
        for start, end in self.text_matches(_DECLARE_ON_COMMAND):
            call = self.member_call_at(start, end)
            if call is None:
                continue
            receivers = self.receiver_of(call)
            if not receivers or node_text(receivers[0]) != node_text(command):
                continue
            # The chain of calls the statement makes on the name, from its first.
            outer = call
            while True:
                access = outer.parent
                holder = access.parent if access is not None else None
                if (
                    access is None
                    or holder is None
                    or access.type != "member_expression"
                    or access.child_by_field_name("object") != outer
                    or holder.type != "call_expression"
                ):
                    break
                outer = holder
            if contains(within, call):
                continue  # the chain the declarations are looked up for
            self.read_range(outer)
            found.extend(_chain_declarations(outer)[0])
        return found

    def _limited_declaration(self, value: Node, kind: str) -> str | None:
        """The flags or the name of a commander `new Option(flags)` / `new Argument(name)`
        (or `createOption` / `createArgument`), a name assigned one, whose chain of calls
        limits it to listed values: `.choices(list)`, where the list is the program's
        (an array, a constant; not a value from input)."""
        current = _bare(value)
        if current.type == "identifier":
            single = self.single_value(current)
            current = _bare(single) if single is not None else current
        limited = False
        while current.type == "call_expression":
            callee = current.child_by_field_name("function")
            if callee is None or callee.type != "member_expression":
                return None
            method = callee.child_by_field_name("property")
            arguments = current.child_by_field_name("arguments")
            values = arguments.named_children if arguments is not None else []
            method_name = node_text(method) if method is not None else ""
            if method_name == "create" + kind:
                break
            if method_name == "choices" and values:
                limited = limited or values[0].type == "array" or not self.evaluate(values[0], 0)
            inner = callee.child_by_field_name("object")
            if inner is None:
                return None
            current = _bare(inner)
        if current.type == "new_expression":
            constructor = current.child_by_field_name("constructor")
            if constructor is None or node_text(constructor).rsplit(".", 1)[-1] != kind:
                return None
        elif current.type != "call_expression":
            return None
        arguments = current.child_by_field_name("arguments")
        values = arguments.named_children if arguments is not None else []
        if not limited or not values or values[0].type != "string":
            return None
        return _string_value(values[0])

    def _stored_upload_field(self, member: Node, traces: list[Trace]) -> bool:
        """`req.file.path`, `req.files[i].filename`: where the upload middleware stored
        the file (multer's `path` / `filename` / `destination`, express-fileupload's
        `tempFilePath`, formidable's `filepath` / `newFilename`), a name the server chose
        and a file it already wrote; the client's own name is `originalname`. Only when
        every origin is such an uploaded file (`req.file`, an element of `req.files`),
        not the result of a call (`await req.file()` of fastify-multipart, whose
        `filename` is the client's)."""
        prop = member.child_by_field_name("property")
        if member.type != "member_expression" or prop is None:
            return False
        return node_text(prop) in _STORED_UPLOAD_FIELDS and self._uploaded_files(traces)

    def _uploaded_files(self, traces: list[Trace]) -> bool:
        """Every trace starts at an uploaded file object (see _uploaded_file)."""
        if not traces:
            return False
        for trace in traces:
            if trace.kind is not OriginKind.UNTRUSTED:
                return False
            span = trace.origin.span
            node = self.tree_root.descendant_for_byte_range(span.start_byte, span.end_byte)
            if node is None or (node.start_byte, node.end_byte) != (
                span.start_byte,
                span.end_byte,
            ):
                return False
            self.read_range(node)
            if not _uploaded_file(node):
                return False
        return True

    def _message_event(self, parameter: Parameter) -> Trace:
        # Only `.data` of the event is attacker-chosen; the walk widens it from the member.
        label = f"message event '{parameter.name}' (postMessage data)"
        return Trace(OriginKind.UNTRUSTED, Step(Span.of(parameter.node), label), origin_text=label)

    # ------------------------------------------------------------------ expressions
    def evaluate_node(self, node: Node, depth: int) -> list[Trace]:
        kind = node.type
        if kind in ("identifier", "shorthand_property_identifier"):
            return self.resolve_name(node_text(node), node, depth)
        if kind in self.literal_types:
            return []
        if kind == "template_string":
            substitutions = [c for c in node.named_children if c.type == "template_substitution"]
            if (
                self.rule == "nosql-injection"
                and len(substitutions) == 1
                and not _STRUCTURED_TEXT.search(
                    "".join(
                        node_text(c) for c in node.named_children if c.type == "string_fragment"
                    )
                )
            ):
                # `${x}`, `tag-${x}`: a string, like String(x), which carries no operator
                # object. (Not JSON or code text around it: `{"a": "${x}"}` may be parsed.)
                return []
            return self.evaluate_all(substitutions, depth)
        if kind in (
            "arguments",
            "template_substitution",
            "parenthesized_expression",
            "await_expression",
            "array",
            "spread_element",
            "non_null_expression",
            "sequence_expression",
            "jsx_expression",
        ):
            return self.evaluate_all(node.named_children, depth)
        if kind in ("as_expression", "satisfies_expression", "type_assertion"):
            return self.evaluate_all((_bare(node),), depth)
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in _VALUE_OPERATORS:
                return self.evaluate_all(chain_operands(node, _joins_values), depth)
            return []  # comparisons and arithmetic other than + give booleans or numbers
        if kind == "ternary_expression":
            return self.evaluate_all(
                (node.child_by_field_name("consequence"), node.child_by_field_name("alternative")),
                depth,
            )
        if kind in ("unary_expression", "update_expression"):
            return []  # !x, typeof x, +x, -x: booleans, type names and numbers
        if kind == "object":
            values: list[Node | None] = []
            for child in node.named_children:
                if child.type == "pair":
                    values.append(child.child_by_field_name("value"))
                elif child.type in ("shorthand_property_identifier", "spread_element"):
                    values.append(child)
            return self.evaluate_all(values, depth)
        if kind == "member_expression" and self.rule == "xss" and self._encoded_url_part(node):
            return []
        if kind == "member_expression" and self._closed_schema_field(node):
            return []
        if kind in ("member_expression", "subscript_expression") and self._route_schema_closes(
            node
        ):
            return []
        if kind == "member_expression" and self.rule == "nosql-injection":
            container = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if (
                container is not None
                and prop is not None
                and container.type == "identifier"
                and prop.type == "property_identifier"
            ):
                resolver = self._resolver_of_arguments(container)
                if resolver is not None and self._graphql_scalar_argument(
                    resolver, node_text(prop)
                ):
                    return []  # args.productId declared `String` in the schema
        if kind == "member_expression":
            loaded = self._loader_data_field(node, depth)
            if loaded is not None:
                return loaded
        if kind in ("member_expression", "subscript_expression"):
            assigned = self.evaluate_member_path(node, depth)
            if assigned is not None:
                return assigned
            value = node.child_by_field_name("object")
            if value is None:
                return []
            traces = self.evaluate_container(value, node, depth)
            if self.rule == "path-traversal" and self._stored_upload_field(node, traces):
                return []
            if self._listed_command_option(node, traces):
                return []
            if (
                value.type == "identifier"
                and traces
                and all(t.origin_text.startswith("message event") for t in traces)
            ):
                prop = node.child_by_field_name("property")
                if prop is None or node_text(prop) != "data":
                    return []
                return [self.untrusted(node)]
            return self.widen_origin(traces, _bare(value), node)
        if kind in ("call_expression", "new_expression"):
            return self.evaluate_call(node, depth)
        if kind == "assignment_expression":
            return self.evaluate_all((node.child_by_field_name("right"),), depth)
        return []

    def evaluate_call(self, call: Node, depth: int) -> list[Trace]:
        if self.is_sanitizer(call):
            return []
        if self.is_sink_call(call):
            return self._fetched_response(call, depth)
        function = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        if function is None:
            return []
        if node_key(function) in self.captures.sources:
            return [self.untrusted(call)]
        arguments = call.child_by_field_name("arguments")
        argument_nodes = [
            a
            for a in (arguments.named_children if arguments is not None else [])
            if a.type not in _FUNCTIONS
        ]
        base = self._own_url_base(call)
        if base is not None:
            # new URL(next, req.url): the request's own URL only supplies a base for a
            # relative `next`; what `next` says decides where the URL points.
            return self.evaluate_all(argument_nodes[:1], depth)
        local = self.local_function(call)
        if local is not None and function.type == "identifier":
            if self.raising_validator(local):
                return []  # clean = validate(value): it returns only what it let through
            return self.summarize_call(call, local, depth)
        if (
            local is None
            and function.type == "identifier"
            and _ASSERTING_NAME.match(node_text(function))
            and self._relative_import(node_text(function))
        ):
            # const sku = assertSku(raw), imported from a module of the project: an
            # assertion throws on bad input and returns only what it let through.
            return []
        if function.type == "identifier" and node_text(function) in LOOKUP_METHODS:
            return []  # get_object_or_404(Model, pk=x): a stored record
        if self.rule == "path-traversal" and node_text(function).rsplit(".", 1)[-1] == "extname":
            # path.extname(name): "" or a dot and what follows it in the last segment, so
            # no separator and no "..": no path content (checking it is still no check).
            return []
        if self.rule == "xss" and self._escaping_html_tag(function, arguments):
            return []  # html`<p>${name}</p>` of hono/html or lit escapes each value
        if self._strips_harmful_characters(function, arguments):
            return []  # name.replace(/[^a-z0-9-]/g, "-"): nothing the sink can misuse
        callbacks = [
            a
            for a in (arguments.named_children if arguments is not None else [])
            if a.type in _FUNCTIONS
        ]
        if function.type == "identifier" and node_text(function) in _LOADER_DATA_HOOKS:
            loader = self._route_loader()
            if loader is not None:
                return self._loader_data(loader, None, depth)
        if node_text(function).rsplit(".", 1)[-1] == "useMemo" and callbacks:
            # useMemo(() => value, deps): the memoised value is what the callback returns.
            return self.evaluate_all(self.returned_values(callbacks[0]), depth)
        if (
            node_text(function) == "Object.keys"
            and argument_nodes
            and self._zod_stripped(argument_nodes[0])
        ):
            return []  # the keys of what a zod object schema parsed: its declared names
        if function.type == "member_expression":
            receiver = function.child_by_field_name("object")
            prop = function.child_by_field_name("property")
            method = node_text(prop) if prop is not None else ""
            if receiver is not None and method in _SCHEMA_METHODS:
                verdict = self._schema_result(receiver, method)
                if verdict == "closed" or (verdict == "typed" and self.rule == "nosql-injection"):
                    return []
            if receiver is not None and local is not None:
                # this.helper(x), or files.contained(x) on an instance of a class of this
                # file: what the method returns, with its own checks.
                return self.summarize_call(call, local, depth)
            receiver_traces = self.evaluate(receiver, depth) if receiver is not None else []
            if receiver is not None:
                receiver_traces = self.widen_origin(receiver_traces, receiver, call)
            receiver_traces = self.method_result(receiver_traces, method)
            if method in ("get", "getAll") and argument_nodes:
                return merge(receiver_traces, self.evaluate_all(argument_nodes[1:], depth))
            if method in ("then", "catch", "finally"):
                return receiver_traces
            if method in ("map", "flatMap"):
                # items.map(x => f(x)): each element becomes what the callback returns.
                if callbacks:
                    return self.evaluate_all(self.returned_values(callbacks[0]), depth)
                if argument_nodes and node_text(argument_nodes[0]) in _COERCING_FUNCTIONS:
                    return []
            if method in LOOKUP_METHODS:
                # Files.query.filter_by(name=x).first(): a stored record, not the key.
                return receiver_traces
            if method in ("replace", "replaceAll") and arguments is not None:
                # text.replace(new RegExp(term, "g"), "<mark>$&</mark>"): the pattern only
                # picks which slices of the text are replaced; the result is made of the
                # text and the replacement (a string, or what a function returns).
                replacement = [a for a in arguments.named_children if a.type != "comment"][1:2]
                values = [
                    value
                    for a in replacement
                    for value in (self.returned_values(a) if a.type in _FUNCTIONS else [a])
                ]
                return merge(receiver_traces, self.evaluate_all(values, depth))
            # "★".repeat(stars), s.slice(0, n): counts and positions are no content.
            counts = _COUNT_ARGUMENTS.get(method, 0)
            return merge(receiver_traces, self.evaluate_all(argument_nodes[counts:], depth))
        return self.evaluate_all(argument_nodes, depth)

    def is_sanitizer(self, call: Node) -> bool:
        if super().is_sanitizer(call):
            return True
        if self.rule == "xss" and self._html_escaping(call):
            return True
        if self.rule == "code-injection" and self._json_literal(call):
            return True
        return self._project_sanitizer(call)

    def _json_literal(self, call: Node) -> bool:
        """`JSON.stringify(x)` written into script source (eval, new Function, vm,
        executeJavaScript) outside a quoted string: it yields a literal (a quoted, escaped
        string for a string), which the script can only read. Inside quotes of the
        script (`f('${JSON.stringify(x)}')`) its own quotes end the string, so it is no
        control there; nor for HTML, where `</script>` still ends an inline script."""
        if self.callee_name(call) != "JSON.stringify":
            return False
        before = _script_text_before(call)
        return before is not None and _open_quote(before) is None

    def _closed_schema_field(self, member: Node) -> bool:
        """`body.visibility` where `body = Schema.parse(data)` (or `input.slug` in a tRPC
        procedure whose `.input(Schema)` parsed it) and the object schema, defined in this
        file, gives that field a closed type: an enum, literals, a number or boolean, an
        anchored `.regex(/^...$/)`, `.ip()`, `.uuid()`. Parsing throws on anything else."""
        prop = member.child_by_field_name("property")
        value = member.child_by_field_name("object")
        if prop is None or value is None:
            return False
        schema = self._trpc_input_schema(value) if value.type == "identifier" else None
        if schema is None:
            schema = self._parsed_schema(value)
        return schema is not None and self._closed_schema_field_of(schema, node_text(prop))

    def _parsed_schema(self, value: Node) -> Node | None:
        """The schema whose parse result `value` is: `Schema.parse(x)` or `await
        Schema.parseAsync(x)`, the `.data` of `Schema.safeParse(x)` (undefined when the
        parse failed, so reading a field of it throws), or a name assigned once to one of
        those (`const parsed = Schema.parse(x)`, `const result = Schema.safeParse(x)` ...
        `result.data`). A chained `.pick()`/`.strict()` keeps the fields' schemas."""
        node = _unwrap_await(_bare(value))
        methods: tuple[str, ...] = ("parse", "parseAsync")
        if node.type == "identifier":
            single = self.single_value(node)
            if single is None:
                return None
            if self._destructured_part(node) == ".data":
                # const { data } = Schema.safeParse(x): the `.data` of the result
                methods = ("safeParse", "safeParseAsync")
            node = _unwrap_await(_bare(single))
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            inner = node.child_by_field_name("object")
            if prop is None or inner is None or node_text(prop) != "data":
                return None
            node = _unwrap_await(_bare(inner))
            if node.type == "identifier":
                single = self.single_value(node)
                if single is None:
                    return None
                node = _unwrap_await(_bare(single))
            methods = ("safeParse", "safeParseAsync")
        function = node.child_by_field_name("function") if node.type == "call_expression" else None
        if function is None or function.type != "member_expression":
            return None
        method = function.child_by_field_name("property")
        if method is None or node_text(method) not in methods:
            return None
        return function.child_by_field_name("object")

    def _destructured_part(self, identifier: Node) -> str:
        """Where in its value a name read here was destructured from (".data" for
        `const { data } = r`), when one definition reaches it; "" otherwise."""
        scope = self.enclosing_scope(identifier)
        reaching = self.reaching_definitions(scope, node_text(identifier), identifier)
        return reaching[0].part if len(reaching) == 1 else ""

    def _closed_schema_field_of(self, schema: Node, name: str) -> bool:
        """The object schema `schema`, defined in this file, gives field `name` a closed
        type (see _closed_schema_field)."""
        field = _schema_object_field(self, schema, name)
        if field is None:
            return False
        text = node_text(field)
        return not _LOOSE_SCHEMA.search(text) and bool(
            (_CLOSED_SCHEMA.match(text) and "object(" not in text) or _CLOSED_FIELD.search(text)
        )

    def _route_schema_closes(self, member: Node) -> bool:
        """`request.query.format` (or `query.format` destructured from the request) in a
        Fastify handler whose route declares a JSON schema for it: see
        _route_schema_field_closed."""
        prop = member.child_by_field_name("property") or member.child_by_field_name("index")
        container = member.child_by_field_name("object")
        if prop is None or container is None:
            return False
        if prop.type == "string":
            field = _string_value(prop)
        elif prop.type == "property_identifier":
            field = node_text(prop)
        else:
            return False
        return bool(field) and self._route_schema_field_closed(container, field)

    def _route_schema_field_closed(self, container: Node, field: str) -> bool:
        """`container` is the query string, body, params or headers of a route handler's
        request (`request.query`, a `{ query }` destructured from it, or a name whose only
        value is one of those), and the schema of the same route (`app.get(path, { schema
        }, handler)`, `app.route({ schema, handler })`: Fastify validates with it before
        the handler runs) limits `field` to a closed set: an `enum` or `const`, a number,
        integer or boolean type, a string `pattern` anchored at both ends (or a uuid/date/ip
        `format`); for NoSQL filters any scalar type. A plain string type is no control."""
        if not self._file_imports("fastify"):
            return False  # first: the scopes below are a walk up the tree
        container = _bare(container)
        if container.type == "identifier":
            holder = self._destructured_request_part(container)
            if holder is None:
                value = self.single_value(container)
                if value is None:
                    return False
                container = _bare(value)
        if container.type == "member_expression":
            request = container.child_by_field_name("object")
            part_node = container.child_by_field_name("property")
            if request is None or part_node is None or request.type != "identifier":
                return False
            part = node_text(part_node)
            handler = self._handler_of_request(request)
        elif container.type == "identifier":
            part = node_text(container)
            handler = self._destructured_request_part(container)
        else:
            return False
        keys = _ROUTE_SCHEMA_PARTS.get(part)
        if handler is None or keys is None:
            return False
        schema = self._route_schema(handler)
        if schema is None:
            return False
        part_schema = next((v for k in keys if (v := _object_value(self, schema, k))), None)
        if part_schema is None:
            return False
        properties = _object_value(self, part_schema, "properties")
        if properties is None:
            return False
        field_schema = _object_value(self, properties, field)
        return field_schema is not None and self._closed_json_schema(field_schema)

    def _closed_json_schema(self, schema: Node) -> bool:
        """A JSON schema (an object literal) that admits no free string for this rule."""
        schema = _bare(schema)
        if schema.type == "identifier":
            value = self.single_value(schema)
            schema = _bare(value) if value is not None else schema
        if schema.type != "object":
            return False
        self.read_range(schema)
        keys: dict[str, Node] = {}
        for pair in schema.named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            value = pair.child_by_field_name("value") if pair.type == "pair" else None
            if key is not None and value is not None:
                keys[node_text(key).strip("\"'")] = _bare(value)
        enum = keys.get("enum")
        if (
            enum is not None
            and enum.type == "array"
            and enum.named_children
            and all(v.type in self.literal_types for v in enum.named_children)
        ):
            return True
        constant = keys.get("const")
        if constant is not None and constant.type in self.literal_types:
            return True
        kind = keys.get("type")
        types = (
            [kind]
            if kind is not None and kind.type == "string"
            else (kind.named_children if kind is not None and kind.type == "array" else [])
        )
        names = {_string_value(t) if t.type == "string" else "?" for t in types}
        if names and names <= {"integer", "number", "boolean", "null"}:
            return True
        if self.rule == "nosql-injection" and names and not names & {"?", "object", "array"}:
            return True  # a scalar: no operator object
        if names and names != {"string"} and names != {"string", "null"}:
            return False
        pattern = keys.get("pattern")
        if pattern is not None and pattern.type == "string":
            text = _string_source(pattern)
            if text and _anchored_pattern(text, self.rule):
                return True
        format_ = keys.get("format")
        return format_ is not None and _string_value(format_) in _CLOSED_FORMATS

    def _handler_of_request(self, request: Node) -> Node | None:
        """The function whose first parameter is `request` (itself or enclosing)."""
        name = node_text(request)
        scope = self.enclosing_scope(request)
        while not self.is_module(scope):
            parameters = self.parameters(scope)
            if any(p.name == name for p in parameters):
                first = parameters[0] if parameters else None
                return scope if first is not None and first.name == name else None
            scope = self.enclosing_scope(scope)
        return None

    def _destructured_request_part(self, name: Node) -> Node | None:
        """For `query` in `async ({ query }, reply) => ...`: that handler."""
        if node_text(name) not in _ROUTE_SCHEMA_PARTS:
            return None
        scope = self.enclosing_scope(name)
        while not self.is_module(scope):
            parameters = self.parameters(scope)
            found = next((p for p in parameters if p.name == node_text(name)), None)
            if found is not None:
                return scope if found.index == 0 and self._request_field(scope, found) else None
            if self.reaching_definitions(scope, node_text(name), name):
                return None
            scope = self.enclosing_scope(scope)
        return None

    def _route_schema(self, handler: Node) -> Node | None:
        """The `schema` of the route `handler` is registered for: the options of
        `app.get(path, { schema }, handler)`, or the object holding `handler` in
        `app.route({ method, url, schema, handler })` / `app.get(path, { schema,
        handler })`. Only in files that import fastify."""
        if not self._file_imports("fastify"):
            return None
        parent = handler.parent
        options: Node | None = None
        if parent is None:
            return None
        if handler.type == "method_definition" or parent.type == "pair":
            method_form = handler.type == "method_definition"
            key = (handler if method_form else parent).child_by_field_name(
                "name" if method_form else "key"
            )
            holder = parent if method_form else parent.parent
            if key is None or node_text(key) != "handler" or holder is None:
                return None
            if holder.type != "object":
                return None
            options = holder
            arguments = holder.parent
        elif parent is not None and parent.type == "arguments":
            arguments = parent
            listed = [a for a in parent.named_children if a.type != "comment"]
            index = next((i for i, a in enumerate(listed) if a == handler), -1)
            if index < 2:
                return None
            options = listed[index - 1]
        else:
            return None
        call = arguments.parent if arguments is not None else None
        if arguments is None or arguments.type != "arguments" or call is None:
            return None
        callee = call.child_by_field_name("function")
        method = callee.child_by_field_name("property") if callee is not None else None
        if method is None or node_text(method) not in _ROUTE_METHODS:
            return None
        self.read_range(call)
        return _object_value(self, options, "schema")

    def _resolver_of_arguments(self, name: Node) -> Node | None:
        """For `args` in `reviews: (parent, args) => ...`: that resolver, when `args` is
        its second parameter and not assigned in it."""
        if not self._graphql_schemas():
            return None  # first: the scopes below are a walk up the tree
        scope = self.enclosing_scope(name)
        if self.reaching_definitions(scope, node_text(name), name):
            return None
        while not self.is_module(scope):
            parameter = next((p for p in self.parameters(scope) if p.name == node_text(name)), None)
            if parameter is not None:
                holder = scope.child_by_field_name("parameters")
                listed = [c for c in holder.named_children if c.type != "comment"] if holder else []
                second = listed[1] if len(listed) > 1 else None
                if second is not None and second.type in (
                    "required_parameter",
                    "optional_parameter",
                ):
                    second = second.child_by_field_name("pattern")
                if parameter.index != 1 or second is None or second.type != "identifier":
                    return None
                return scope
            scope = self.enclosing_scope(scope)
        return None

    def _graphql_scalar_argument(self, resolver: Node, argument: str) -> bool:
        """`resolver` is the resolver of field F of type T in a resolver map (`{ Query: {
        F: (parent, args) => ... } }`, or a method `F(parent, args) {...}`), and a GraphQL
        schema written in this file (`gql` / `graphql` tagged templates, `buildSchema`)
        declares F's `argument` as a built-in scalar (`String`, `ID`, `Int`, `Float`,
        `Boolean`): GraphQL's input coercion refuses an object for it."""
        if resolver.type == "method_definition":
            key = resolver.child_by_field_name("name")
            fields = resolver.parent
        else:
            pair = resolver.parent
            if pair is None or pair.type != "pair":
                return False
            key = pair.child_by_field_name("key")
            fields = pair.parent
        outer = fields.parent if fields is not None and fields.type == "object" else None
        type_key = (
            outer.child_by_field_name("key") if outer is not None and outer.type == "pair" else None
        )
        if key is None or type_key is None or outer is None:
            return False
        self.read_range(outer)
        field = node_text(key).strip("\"'")
        type_name = node_text(type_key).strip("\"'")
        for source in self._graphql_schemas():
            declared = _graphql_argument_type(source, type_name, field, argument)
            if declared is not None:
                return declared in _GRAPHQL_SCALARS
        return False

    def _graphql_schemas(self) -> list[str]:
        """The text of the GraphQL schemas written in this file."""
        found: list[str] = []
        for tag in ("gql", "graphql", "buildSchema"):
            for call in self.calls_named(tag):
                arguments = call.child_by_field_name("arguments")
                if arguments is None:
                    continue
                template = (
                    arguments
                    if arguments.type == "template_string"
                    else next(
                        (a for a in arguments.named_children if a.type == "template_string"), None
                    )
                )
                if template is not None:
                    found.append(node_text(template))
        return found

    def _route_loader(self) -> Node | None:
        """The module-level `loader` of a React Router / Remix route module (`export
        async function loader(...)`, `export const loader = async (...) => ...`), when the
        file defines one function of that name."""
        candidates = self.index.functions_named("loader")
        if self.recorder is not None:
            self.recorder.keys.add(("function", "loader"))
            for candidate in candidates:
                self.read_definition(candidate)
        if len(candidates) != 1 or not self.is_module(self.enclosing_scope(candidates[0])):
            return None
        return candidates[0]

    def _route_loader_of_prop(self, function: Node, parameter: Parameter) -> Node | None:
        """For `loaderData` destructured by the exported component of a route module
        (`export default function Invoice({ loaderData }: Route.ComponentProps)`): the
        file's loader, whose returned value React Router passes as that prop."""
        if parameter.name != "loaderData" or parameter.index != 0:
            return None
        holder = function.child_by_field_name("parameters")
        first = holder.named_children[0] if holder is not None and holder.named_children else None
        if first is not None and first.type in ("required_parameter", "optional_parameter"):
            first = first.child_by_field_name("pattern")
        if first is None or first.type != "object_pattern":
            return None
        if not self.in_export_statement(function):
            return None
        return self._route_loader()

    def _loader_of_value(self, value: Node) -> Node | None:
        """The file's loader when `value` is what it returned: `useLoaderData()`, the
        `loaderData` prop of the route's component, or a name whose only value is one."""
        if self._route_loader() is None:
            return None
        value = _unwrap_await(_bare(value))
        if value.type == "call_expression":
            function = value.child_by_field_name("function")
            if function is not None and node_text(function) in _LOADER_DATA_HOOKS:
                return self._route_loader()
            return None
        if value.type != "identifier":
            return None
        name = node_text(value)
        scope = self.enclosing_scope(value)
        definitions = self.reaching_definitions(scope, name, value)
        if definitions:
            if len(definitions) == 1 and definitions[0].kind == "assign":
                inner = definitions[0].value
                if inner is not None and not definitions[0].part and inner.type != "identifier":
                    return self._loader_of_value(inner)
            return None
        while not self.is_module(scope):
            parameter = next((p for p in self.parameters(scope) if p.name == name), None)
            if parameter is not None:
                return self._route_loader_of_prop(scope, parameter)
            scope = self.enclosing_scope(scope)
        return None

    def _loader_data_field(self, member: Node, depth: int) -> list[Trace] | None:
        """`loaderData.backLink`, `data.safe` with `data = useLoaderData()`: what the
        loader returned for that field; None when `member` is not one."""
        container = member.child_by_field_name("object")
        prop = member.child_by_field_name("property")
        if container is None or prop is None or prop.type != "property_identifier":
            return None
        loader = self._loader_of_value(container)
        if loader is None:
            return None
        return self._loader_data(loader, node_text(prop), depth)

    def _loader_data(self, loader: Node, field: str | None, depth: int) -> list[Trace]:
        """What `loader` returns (or its `field`), through `json(...)` / `data(...)`,
        with the checks around it: React Router and Remix hand exactly that to the
        route's component. A returned `redirect(...)` or Response is no data."""
        self.read_range(loader)
        traces: list[Trace] = []
        for returned in self.returned_values(loader):
            value = _unwrap_await(_bare(returned))
            if value.type == "call_expression":
                callee = self.callee_name(value)
                if callee.rsplit(".", 1)[-1] in _LOADER_RESPONSES:
                    continue
                if callee in _LOADER_DATA_WRAPPERS:
                    arguments, _ = self.call_arguments(value)
                    if not arguments:
                        continue
                    value = _bare(arguments[0])
            if value.type == "new_expression":
                continue  # new Response(...)
            if value.type == "identifier":
                single = self.single_value(value)
                if single is not None and _bare(single).type == "object":
                    value = _bare(single)
            picked: list[Node | None] = [value]
            if field is not None and value.type == "object":
                picked = []
                for child in value.named_children:
                    if child.type == "pair":
                        key = child.child_by_field_name("key")
                        name = node_text(key).strip("\"'") if key is not None else ""
                        if name == field:
                            picked.append(child.child_by_field_name("value"))
                    elif child.type == "shorthand_property_identifier":
                        if node_text(child) == field:
                            picked.append(child)
                    elif child.type == "spread_element":
                        picked.append(child)
                    elif child.type == "method_definition":
                        continue
            step = Step(Span.of(returned), "returned by loader()")
            found = [t.then(step) for t in self.evaluate_all(picked, depth)]
            traces = merge(traces, found)
        return traces

    def _trpc_input_schema(self, name: Node) -> Node | None:
        """For `input` inside `procedure.input(schema).query(({ input }) => ...)`: schema."""
        if node_text(name) != "input":
            return None
        scope = self.enclosing_scope(name)
        while not self.is_module(scope):
            if any(p.name == "input" for p in self.parameters(scope)):
                holder = scope.parent
                call = holder.parent if holder is not None else None
                callee = call.child_by_field_name("function") if call is not None else None
                if holder is None or holder.type != "arguments" or callee is None:
                    return None
                node = callee.child_by_field_name("object")
                while node is not None and node.type == "call_expression":
                    function = node.child_by_field_name("function")
                    if function is None or function.type != "member_expression":
                        return None
                    method = function.child_by_field_name("property")
                    arguments = node.child_by_field_name("arguments")
                    if method is not None and node_text(method) == "input" and arguments:
                        return arguments.named_children[0] if arguments.named_children else None
                    node = function.child_by_field_name("object")
                return None
            scope = self.enclosing_scope(scope)
        return None

    def _encoded_url_part(self, member: Node) -> bool:
        """`new URL(u, base).search` / `.pathname` / `.hash`: the WHATWG parser
        percent-encodes `<`, `>`, `"` and spaces in them, so they cannot open a tag or
        leave a double-quoted attribute. (`.href` can still be a javascript: URL, and
        `searchParams.get()` is decoded: both stay untrusted.)"""
        prop = member.child_by_field_name("property")
        value = member.child_by_field_name("object")
        if prop is None or value is None or node_text(prop) not in ("search", "pathname", "hash"):
            return False
        value = _bare(value)
        if value.type == "identifier":
            single = self.single_value(value)
            if single is None:
                return False
            value = _bare(single)
        constructor = value.child_by_field_name("constructor")
        return (
            value.type == "new_expression"
            and constructor is not None
            and (node_text(constructor) == "URL")
        )

    def is_validator_call(self, call: Node) -> bool:
        """Also, for paths, a predicate imported from a module of the project whose name
        says the path stays inside a folder (`insideUploads(p)`, `isWithinRoot(p)`)."""
        if super().is_validator_call(call):
            return True
        function = call.child_by_field_name("function")
        return (
            self.rule == "path-traversal"
            and function is not None
            and function.type == "identifier"
            and bool(_CONTAINMENT_NAME.match(node_text(function)))
            and self._relative_import(node_text(function))
        )

    def _project_sanitizer(self, call: Node) -> bool:
        """Trust by name: a function imported from a relative path of this project
        (`require("./sanitizePathname")`, `import { safeUrl } from "../lib/url"`) whose
        name says it sanitizes or validates (sanitize/validate/safe/clean/secure/escape/
        quote) a value of this rule's kind (a path or file name, a URL, HTML, SQL) returns a
        value that is safe for the rule. Its body is in another file and is not read."""
        root = self.sanitizer_by_name(call)
        return root is not None and self._relative_import(root)

    def _relative_import(self, name: str) -> bool:
        """`name` is bound at module level by `require("./x")`/`import ... from "../x"`."""
        for definition in self.module_definitions(name):
            statement = definition.statement
            if definition.kind == "opaque" and statement.type == "import_statement":
                source = statement.child_by_field_name("source")
                if source is not None and _string_value(source).startswith("."):
                    return True
            value = definition.value
            while value is not None and value.type == "member_expression":
                value = value.child_by_field_name("object")
            if (
                definition.kind == "assign"
                and value is not None
                and value.type == "call_expression"
            ):
                callee = value.child_by_field_name("function")
                arguments = value.child_by_field_name("arguments")
                first = arguments.named_children[:1] if arguments is not None else []
                if (
                    callee is not None
                    and node_text(callee) == "require"
                    and first
                    and _string_value(first[0]).startswith(".")
                ):
                    return True
        return False

    def shadowed(self, name_node: Node) -> bool:
        """A global or module name (`fetch`, `axios`) that a function around `name_node`
        binds itself, as a parameter or a local variable not assigned a `require`/`import`
        of a module: the sink pattern's global is not what is called."""
        name = node_text(name_node)
        scope = self.enclosing_scope(name_node)
        while not self.is_module(scope):
            if any(p.name == name for p in self.parameters(scope)):
                return True
            definitions = self.definitions(scope).get(name, [])
            for definition in definitions:
                value = definition.value
                while value is not None and value.type in ("await_expression", "member_expression"):
                    value = (
                        value.child_by_field_name("object")
                        if value.type == "member_expression"
                        else (value.named_children[0] if value.named_children else None)
                    )
                callee = value.child_by_field_name("function") if value is not None else None
                if callee is None or node_text(callee) not in ("require", "import"):
                    return True
            scope = self.enclosing_scope(scope)
        return False

    def _html_escaping(self, call: Node) -> bool:
        """A hand-written HTML escaper, known by what it does: a chain of global
        `replace` calls that turn `<` and `&` into character references, written one
        character at a time (`.replace(/&/g, "&amp;").replace(/</g, "&lt;")`) or as one
        character class with a replacement function (`c => MAP[c]`, an object literal
        indexed by the match, a `switch` returning entities)."""
        escaped: set[str] = set()
        current: Node | None = call
        while current is not None and current.type == "call_expression":
            function = current.child_by_field_name("function")
            if function is None or function.type != "member_expression":
                break
            prop = function.child_by_field_name("property")
            if prop is None or node_text(prop) not in ("replace", "replaceAll"):
                break
            self.read_range(current)
            escaped |= self._escaped_characters(current, node_text(prop))
            current = function.child_by_field_name("object")
            current = _bare(current) if current is not None else None
        return {"<", "&"} <= escaped

    def _escaped_characters(self, call: Node, method: str) -> set[str]:
        """The characters one `replace` call turns into character references."""
        arguments = [a for a in self.call_arguments(call)[0]]
        if len(arguments) != 2:
            return set()
        pattern, replacement = (_bare(a) for a in arguments)
        if pattern.type == "regex":
            flags = pattern.child_by_field_name("flags")
            body = pattern.child_by_field_name("pattern")
            if flags is None or "g" not in node_text(flags) or body is None:
                return set()  # without /g only the first match is replaced
            matched = _regex_characters(node_text(body))
        elif pattern.type == "string" and method == "replaceAll":
            value = _string_value(pattern)
            matched = {value} if len(value) == 1 else set()
        else:
            return set()
        if not matched:
            return set()
        if replacement.type == "string":
            return matched if _ENTITY.match(_string_value(replacement)) else set()
        callback: Node | None = replacement
        if replacement.type == "identifier":
            callback = self.single_value(replacement)
            callback = _bare(callback) if callback is not None else None
        if callback is not None and callback.type in _FUNCTIONS:
            covered = self._entity_callback(callback)
            return matched if covered is None else matched & covered
        return set()

    def _entity_callback(self, function: Node) -> set[str] | None:
        """The characters a replacement function maps to character references (None:
        every character it is given): `c => MAP[c]` (every value of MAP an entity),
        `c => MAP[c] || c` (MAP's keys), a `switch (c)` whose cases return entities and
        whose default returns `c` (the cases' labels)."""
        parameters = self.parameters(function)
        match = parameters[0].name if parameters else ""
        covered: set[str] | None = None
        labelled: set[str] = set()
        identity = False
        for returned in self.returned_values(function):
            value = _bare(returned)
            if node_text(value) == match:
                identity = True  # the character itself, unescaped
                continue
            found = self._entity_value(value)
            if found is None and value.type == "binary_expression":
                operator = value.child_by_field_name("operator")
                left = value.child_by_field_name("left")
                right = value.child_by_field_name("right")
                if (
                    operator is not None
                    and operator.type in ("||", "??")
                    and left is not None
                    and right is not None
                    and node_text(_bare(right)) == match
                ):
                    found = self._entity_map_keys(_bare(left))
            if not found:
                return set()
            case = _enclosing_case(value, function)
            label = case.child_by_field_name("value") if case is not None else None
            if "*" in found:
                if label is not None and label.type == "string":
                    labelled.add(_string_value(label))
                continue
            covered = found if covered is None else covered & found
        if identity:
            return labelled if covered is None else covered & labelled
        return covered

    def _entity_value(self, value: Node) -> set[str] | None:
        """{"*"} when `value` is always a character reference; None otherwise."""
        value = _bare(value)
        if value.type in ("string", "template_string", "binary_expression"):
            parts = self.string_parts(value)
            first = parts[0] if parts else ""
            last = parts[-1] if parts else ""
            if isinstance(first, str) and isinstance(last, str):
                text = first if len(parts) == 1 else ""
                if _ENTITY.match(text) or (first.startswith("&#") and last.endswith(";")):
                    return {"*"}
            return None
        if value.type == "subscript_expression":
            return {"*"} if self._entity_map_keys(value) else None
        return None

    def _entity_map_keys(self, subscript: Node) -> set[str]:
        """`MAP[c]` with MAP an object literal (inline or a constant) whose values are all
        character references: its keys."""
        subscript = _bare(subscript)
        if subscript.type != "subscript_expression":
            return set()
        table = subscript.child_by_field_name("object")
        table = _bare(table) if table is not None else None
        if table is not None and table.type == "identifier":
            table = self.single_value(table)
            table = _bare(table) if table is not None else None
        if table is None or table.type != "object":
            return set()
        keys: set[str] = set()
        for pair in table.named_children:
            if pair.type == "comment":
                continue
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            value = pair.child_by_field_name("value") if pair.type == "pair" else None
            value = _bare(value) if value is not None else None
            if key is None or value is None or value.type != "string":
                return set()
            if not _ENTITY.match(_string_value(value)):
                return set()
            keys.add(_string_value(key) if key.type == "string" else node_text(key))
        return keys

    def _entry_key(self, pattern_name: Node, entries: Node) -> bool:
        """`key` in `[key, value]` destructured from an element of `Object.entries(x)`
        where `x` is what a zod object schema parsed (see _zod_stripped)."""
        holder = pattern_name.parent
        if holder is None or holder.type != "array_pattern":
            return False
        if not holder.named_children or holder.named_children[0] != pattern_name:
            return False
        if entries.type != "call_expression":
            return False
        callee = entries.child_by_field_name("function")
        arguments = entries.child_by_field_name("arguments")
        if callee is None or node_text(callee) != "Object.entries" or arguments is None:
            return False
        return bool(arguments.named_children) and self._zod_stripped(arguments.named_children[0])

    def _zod_stripped(self, value: Node) -> bool:
        """Whether `value` is what a zod object schema of this file returned from a parse
        (see _parsed_schema): zod drops keys the schema does not declare, so its keys are
        the schema's names. Not with `.passthrough()`, `.catchall()`, a `z.record`, or a
        schema of another module."""
        schema = self._parsed_schema(value)
        # Settings.partial().parse(...), Settings.pick({ a: true }).parse(...): a subset.
        while schema is not None and schema.type == "call_expression":
            function = schema.child_by_field_name("function")
            name = function.child_by_field_name("property") if function is not None else None
            if function is None or name is None or node_text(name) not in _KEY_SUBSETS:
                break
            schema = function.child_by_field_name("object")
        if schema is not None and schema.type == "identifier":
            schema = self.single_value(schema)
            if schema is not None:
                self.read_range(schema)
        if schema is None:
            return False
        text = node_text(schema)
        return bool(_ZOD_OBJECT.match(text)) and not _LOOSE_SCHEMA.search(text)

    def _schema_result(self, receiver: Node, method: str) -> str:
        """What the result of `receiver.<method>(data)` guarantees when `receiver` is a
        validation schema (zod `parse`/`safeParse`, joi `validate`/`validateAsync`, yup
        `validate`/`validateSync`): "closed" when the schema is defined in this file and
        admits only a number, a boolean or a fixed set of values (an enum or literals),
        whatever the rule; "typed" when the parsed value has declared types (no
        `any`/`unknown`/passthrough), which is the type check for NoSQL filters; ""
        when it is not a schema or guarantees nothing."""
        definition: Node | None = None
        if receiver.type == "identifier":
            definition = self.single_value(receiver)
        if definition is not None:
            self.read_range(definition)
            text = node_text(_unwrap_await(definition))
            if not _SCHEMA_BUILDER.match(text):
                return ""
            if _LOOSE_SCHEMA.search(text):
                return ""
            if _CLOSED_SCHEMA.match(text) and "object(" not in text:
                return "closed"
            return "typed"
        if method in ("parse", "parseAsync", "validate"):
            # JSON.parse, qs.parse, url.parse, parser.parseAsync: not schemas by their
            # method alone; an imported schema is known by its name.
            return "typed" if _SCHEMA_NAME.search(node_text(receiver)) else ""
        return "typed"  # safeParse, validateAsync, validateSync: schema methods

    def returned_values(self, function: Node) -> list[Node]:
        body = function.child_by_field_name("body")
        if body is None:
            return []
        if body.type != "statement_block":
            return [body]
        values: list[Node] = []
        stack = [body]
        while stack:
            node = stack.pop()
            if node.type in _FUNCTIONS or node.type == "class_declaration":
                continue
            if node.type == "return_statement" and node.named_children:
                values.append(node.named_children[0])
                continue
            stack.extend(node.children)
        return values

    def call_arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            return [], {}
        return [a for a in arguments.named_children if a.type != "comment"], {}

    def callee_name(self, call: Node) -> str:
        function = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        if function is None:
            return ""
        if function.type in ("identifier", "member_expression"):
            text = node_text(function)
            return text if "\n" not in text and "(" not in text else text.rsplit(".", 1)[-1]
        return ""

    def local_function(self, call: Node) -> Node | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "member_expression":
            receiver = function.child_by_field_name("object")
            if receiver is None:
                return None
            if node_text(receiver) != "this":
                return self._instance_method(receiver, call)
        return super().local_function(call)

    # ------------------------------------------------------------------ method calls
    def methods_traced_to_calls(self, method: Node) -> bool:
        """Public methods of a class the module does not export: its instances, and so
        the calls of its methods, are all made here."""
        if method.type != "method_definition":
            return False
        name = self.function_name(method)
        klass = self.class_of_method(method)
        if name == "constructor" or klass is None or self.is_test_function(method):
            return False
        if self.in_export_statement(klass):
            return False
        class_name = klass.child_by_field_name("name")
        return class_name is not None and node_text(class_name) not in self.exported_names()

    def class_of_method(self, method: Node) -> Node | None:
        body = method.parent
        klass = body.parent if body is not None and body.type == "class_body" else None
        return klass if klass is not None and klass.type in _CLASS_DECLARATIONS else None

    def instance_method(self, receiver: Node, call: Node, name: str) -> Node | None:
        return self._instance_method(receiver, call)

    def _instance_method(self, receiver: Node, call: Node) -> Node | None:
        """`files.contained(name)` where `files` is an instance of a class this file
        defines (`new Files(root)` itself, or the only definition of the name): the
        method, when the file defines one of that name, once, in that class."""
        if receiver.type == "identifier":
            scope = self.enclosing_scope(receiver)
            definitions = self.reaching_definitions(scope, node_text(receiver), receiver)
            if not definitions and not self.is_module(scope):
                if any(p.name == node_text(receiver) for p in self.parameters(scope)):
                    return None
                definitions = self.module_definitions(node_text(receiver))
            if len(definitions) != 1 or definitions[0].kind != "assign":
                return None
            value = definitions[0].value
            receiver = value if value is not None else receiver
        if receiver.type != "new_expression":
            return None
        constructor = receiver.child_by_field_name("constructor")
        method = super().local_function(call)
        if constructor is None or constructor.type != "identifier" or method is None:
            return None
        klass = next(
            (a for a in reversed(self.ancestors(method)) if a.type in _CLASS_DECLARATIONS), None
        )
        name = klass.child_by_field_name("name") if klass is not None else None
        if name is None or node_text(name) != node_text(constructor):
            return None
        return method

    # ------------------------------------------------------------------ guards
    def guard_steps(self, node: Node, parent: Node) -> Iterator[Check]:
        kind = parent.type
        if kind == "if_statement":
            condition = parent.child_by_field_name("condition")
            if condition is not None:
                if node == parent.child_by_field_name("consequence"):
                    yield Check(condition, True)
                elif node == parent.child_by_field_name("alternative"):
                    yield Check(condition, False)
        elif kind == "while_statement":
            condition = parent.child_by_field_name("condition")
            if condition is not None and node == parent.child_by_field_name("body"):
                yield Check(condition, True)
        elif kind == "ternary_expression":
            condition = parent.child_by_field_name("condition")
            if condition is not None:
                if node == parent.child_by_field_name("consequence"):
                    yield Check(condition, True)
                elif node == parent.child_by_field_name("alternative"):
                    yield Check(condition, False)
        elif kind == "binary_expression":
            operator = parent.child_by_field_name("operator")
            left = parent.child_by_field_name("left")
            if (
                operator is not None
                and left is not None
                and node == parent.child_by_field_name("right")
                and operator.type in ("&&", "||")
            ):
                yield Check(left, operator.type == "&&")
        if kind in ("statement_block", "program", "switch_case"):
            for sibling in earlier_siblings(node, parent):
                yield from self.statement_guards(sibling)

    def statement_guards(self, statement: Node) -> Iterator[Check]:
        kind = statement.type
        if kind == "if_statement":
            consequence = statement.child_by_field_name("consequence")
            condition = statement.child_by_field_name("condition")
            if condition is not None and consequence is not None:
                if self.exits(consequence):
                    yield Check(condition, False)
                elif reassigned := _top_level_assignments(consequence):
                    yield Check(condition, False, frozenset(reassigned))
        elif kind == "expression_statement" and statement.named_children:
            expression = _unwrap_await(statement.named_children[0])
            if expression.type == "call_expression" and self.is_statement_validator(expression):
                yield Check(expression, None)
            elif expression.type == "binary_expression":
                # `SEMVER.test(v) || process.exit(1)`, `ok || fail("bad")`: past it, the
                # left side held (with `&&`, it did not).
                operator = expression.child_by_field_name("operator")
                left = expression.child_by_field_name("left")
                right = expression.child_by_field_name("right")
                if (
                    operator is not None
                    and operator.type in ("||", "&&")
                    and left is not None
                    and right is not None
                    and self._ends_process(right)
                ):
                    yield Check(left, operator.type == "||")
        elif kind == "for_in_statement" and self.every_element_checks(statement):
            # `for (const r of rooms) { if (!ROOMS.has(r)) throw ... }`: after the loop
            # every element of `rooms` passed the check (see tested_subjects).
            yield Check(statement, False)
        elif kind == "try_statement":
            handler = statement.child_by_field_name("handler")
            body = statement.child_by_field_name("body")
            handler_body = handler.child_by_field_name("body") if handler is not None else None
            if body is not None and handler_body is not None and self.exits(handler_body):
                for child in body.named_children:
                    if child.type == "expression_statement" and child.named_children:
                        expression = _unwrap_await(child.named_children[0])
                        if expression.type == "call_expression":
                            yield Check(expression, None)
            if body is not None and (
                (handler_body is not None and self.exits(handler_body))
                or (handler is None and statement.child_by_field_name("finalizer") is not None)
            ):
                # `try { ... if (!ok) return ...; } finally { ... }`: with no handler that
                # lets the function go on, the code after the try ran the whole body.
                for child in body.named_children:
                    if child.type != "expression_statement":
                        yield from self.statement_guards(child)

    element_test_parents = frozenset(
        ("binary_expression", "unary_expression", "arguments", "parenthesized_expression")
    )
    assignment_types = frozenset(("assignment_expression", "augmented_assignment_expression"))

    def every_element_checks(self, loop: Node) -> list[Check]:
        """The checks a `for ... of` loop makes on each element before anything else can
        skip it: statements of the loop body (an `if` that returns or throws, not one
        that `continue`s, a validator that throws) before any `continue` or `break`,
        when the loop variable is a plain name."""
        target = loop.child_by_field_name("left")
        operator = loop.child_by_field_name("operator")
        body = loop.child_by_field_name("body")
        if (
            target is None
            or target.type != "identifier"
            or operator is None
            or operator.type != "of"
            or body is None
        ):
            return []
        checks: list[Check] = []
        statements = body.named_children if body.type == "statement_block" else [body]
        for statement in statements:
            if _descendants(statement, "continue_statement") or _descendants(
                statement, "break_statement"
            ):
                break
            if statement.type == "if_statement":
                consequence = statement.child_by_field_name("consequence")
                condition = statement.child_by_field_name("condition")
                if (
                    condition is not None
                    and consequence is not None
                    and self.exits(consequence, loops=False)
                ):
                    checks.append(Check(condition, False))
            elif statement.type in ("expression_statement", "try_statement"):
                checks.extend(self.statement_guards(statement))
        return checks

    def _element_subjects(self, loop: Node) -> set[str]:
        """What a loop that checks every element constrains: the iterated collection."""
        target = loop.child_by_field_name("left")
        iterable = loop.child_by_field_name("right")
        if (
            target is None
            or iterable is None
            or iterable.type not in ("identifier", "member_expression", "subscript_expression")
        ):
            # (not `data.keys()` or `Object.keys(body)`: a check on the keys says
            # nothing about the values)
            return set()
        name = node_text(target)
        if self.loop_rebinds(loop, (node_text(iterable), name)):
            return set()  # the loop rebinds the collection, or the element before its check
        if iterable.type == "identifier":
            scope = self.enclosing_scope(loop)
            for definition in self.reaching_definitions(scope, node_text(iterable), loop):
                value = definition.value
                if (
                    value is not None
                    and value.type == "call_expression"
                    and (self.callee_name(value).rsplit(".", 1)[-1] in ("map", "flatMap"))
                ):
                    return set()  # names = rooms.map(...): a check on a transformed copy
        if self.checks_every_element(loop, name):
            return {normalized(node_text(iterable))}
        return set()

    def branches(self, if_statement: Node) -> list[Node] | None:
        bodies: list[Node] = []
        current: Node | None = if_statement
        while current is not None and current.type == "if_statement":
            consequence = current.child_by_field_name("consequence")
            if consequence is None:
                return None
            bodies.append(consequence)
            alternative = current.child_by_field_name("alternative")
            if alternative is None:
                return None
            inner = alternative.named_children[0] if alternative.named_children else None
            if inner is None:
                return None
            if inner.type != "if_statement":
                bodies.append(inner)
                return bodies
            current = inner
        return None

    def assigns_or_exits(self, block: Node, name: str) -> bool:
        return name in _top_level_assignments(block) or self.exits(block)

    def protected_body(self, block: Node) -> bool:
        parent = block.parent
        if parent is None or parent.type != "try_statement":
            return False
        if block != parent.child_by_field_name("body"):
            return False
        handler = parent.child_by_field_name("handler")
        handler_body = handler.child_by_field_name("body") if handler is not None else None
        return handler_body is not None and self.exits(handler_body)

    def exits(self, block: Node, loops: bool = True) -> bool:
        """A block that ends the function (`return`, `throw`, `process.exit()`), or with
        `loops` also one that leaves the loop around it (`continue`, `break`)."""
        statements = block.named_children if block.type == "statement_block" else [block]
        for statement in statements:
            if statement.type in ("return_statement", "throw_statement") or (
                loops and statement.type in ("continue_statement", "break_statement")
            ):
                return True
            if statement.type == "expression_statement" and statement.named_children:
                expression = statement.named_children[0]
                if expression.type == "call_expression" and (
                    self.callee_name(expression) in _EXIT_CALLS or self.never_returns(expression)
                ):
                    return True
        return False

    def body_never_returns(self, body: Node) -> bool:
        """`function fail(m) { console.error(m); process.exit(1); }`: every path throws
        or exits (`if`/`else` whose branches both do; not `next()`, which returns)."""
        if body.type != "statement_block":
            return self._ends_process(body)
        for statement in body.named_children:
            if statement.type == "return_statement":
                return False
            if statement.type == "throw_statement":
                return True
            if statement.type == "expression_statement" and statement.named_children:
                if self._ends_process(statement.named_children[0]):
                    return True
            elif statement.type == "if_statement":
                consequence = statement.child_by_field_name("consequence")
                alternative = statement.child_by_field_name("alternative")
                branch = alternative.named_children[-1] if alternative is not None else None
                if (
                    consequence is not None
                    and branch is not None
                    and self.body_never_returns(consequence)
                    and self.body_never_returns(branch)
                ):
                    return True
            elif statement.type == "statement_block" and self.body_never_returns(statement):
                return True
        return False

    def _ends_process(self, expression: Node) -> bool:
        if expression.type == "await_expression" and expression.named_children:
            expression = expression.named_children[0]
        if expression.type != "call_expression":
            return False
        name = self.callee_name(expression)
        return (name in _EXIT_CALLS and name != "next") or self.never_returns(expression)

    def subject_texts(self, node: Node) -> set[str]:
        """As for any value, except that checking a message event's sender
        (`event.origin !== TRUSTED`) says who sent the data, not what it holds: for
        HTML, navigation and code it constrains `event.origin` only, not the event."""
        texts = super().subject_texts(node)
        if self.rule not in _ORIGIN_CHECK_IS_NOT_ENCODING or node.type != "member_expression":
            return texts
        prop = node.child_by_field_name("property")
        event = node.child_by_field_name("object")
        if (
            prop is not None
            and event is not None
            and node_text(prop) == "origin"
            and event.type == "identifier"
            and self._message_event_parameter(event)
        ):
            texts.discard(node_text(event))
        return texts

    def _message_event_parameter(self, name: Node) -> bool:
        """`name` is the event parameter of a `message` listener."""
        scope = self.enclosing_scope(name)
        while not self.is_module(scope):
            parameters = self.parameters(scope)
            if any(p.name == node_text(name) for p in parameters):
                if not parameters or parameters[0].name != node_text(name):
                    return False
                parent = scope.parent
                if parent is not None:
                    self.read_head(parent, scope)
                if parent is not None and parent.type == "assignment_expression":
                    return _onmessage_assignment(parent)
                call = parent.parent if parent is not None else None
                if parent is not None and parent.type == "arguments" and call is not None:
                    self.read_head(call, scope)
                    return _message_registration(call, scope)
                return self._named_message_listener(scope)
            scope = self.enclosing_scope(scope)
        return False

    def tested_subjects(self, condition: Node, positive: bool | None, depth: int = 0) -> set[str]:
        kind = condition.type
        if depth > MAX_CONDITION_DEPTH:
            return set()
        if kind == "for_in_statement":
            return self._element_subjects(condition)
        if positive is None:
            if kind == "call_expression":
                return self._call_subjects(condition, statement=True)
            return set()
        if kind in _VALUE_WRAPPERS and _bare(condition) is not condition:
            return self.tested_subjects(_bare(condition), positive, depth + 1)
        if kind == "await_expression" and condition.named_children:
            return self.tested_subjects(condition.named_children[0], positive, depth + 1)
        if kind == "unary_expression":
            operator = condition.child_by_field_name("operator")
            argument = condition.child_by_field_name("argument")
            if operator is not None and operator.type == "!" and argument is not None:
                return self.tested_subjects(argument, not positive, depth + 1)
            return set()
        if kind == "binary_expression":
            operator = condition.child_by_field_name("operator")
            left = condition.child_by_field_name("left")
            right = condition.child_by_field_name("right")
            if operator is None or left is None or right is None:
                return set()
            op = operator.type
            if op in ("&&", "||"):
                left_subjects = self.tested_subjects(left, positive, depth + 1)
                right_subjects = self.tested_subjects(right, positive, depth + 1)
                both_hold = (op == "&&") == positive
                return (
                    left_subjects | right_subjects if both_hold else left_subjects & right_subjects
                )
            if op in ("===", "==", "!==", "!="):
                if _is_typeof(left) or _is_typeof(right):
                    return self._type_check_subjects(left, right, op, positive)
                # net.isIP(host) === 0, ALLOWED.indexOf(x) !== -1: the call is the check.
                for side, other in ((left, right), (right, left)):
                    literal = other.type in self.literal_types or (
                        other.type == "unary_expression" and node_text(other).lstrip("-").isdigit()
                    )
                    if side.type == "call_expression" and literal:
                        return self._call_subjects(side, statement=False)
                equal = (op in ("===", "==")) == positive
                if not equal:
                    return set()
                if right.type in ("null", "undefined") or left.type in ("null", "undefined"):
                    return set()
                if right.type in self.literal_types:
                    return self.subject_texts(left)
                if left.type in self.literal_types:
                    return self.subject_texts(right)
                return self.subject_texts(left) | self.subject_texts(right)
            if op in ("<", ">", "<=", ">="):
                if any(node_text(o).endswith(".length") for o in (left, right)):
                    return set()
                return {
                    s
                    for o in (left, right)
                    if o.type not in self.literal_types
                    for s in self.subject_texts(o)
                }
            if op == "in":
                return set()
            return set()
        if kind == "call_expression" and self.callee_name(condition) in ("Boolean",):
            arguments = condition.child_by_field_name("arguments")
            inner = arguments.named_children if arguments is not None else []
            if len(inner) == 1:
                return self.tested_subjects(inner[0], positive, depth + 1)
        if kind == "call_expression":
            return self._call_subjects(condition, statement=False, positive=positive)
        if kind == "member_expression":
            # addr.is_private, ip.is_loopback: a predicate property of the value.
            name = condition.child_by_field_name("property")
            owner = condition.named_children[0] if condition.named_children else None
            if (
                name is not None
                and owner is not None
                and _PREDICATE_PROPERTY.match(node_text(name))
            ):
                return self.subject_texts(owner)
            return set()
        if kind == "identifier":
            scope = self.enclosing_scope(condition)
            found: set[str] = set()
            for definition in self.reaching_definitions(scope, node_text(condition), condition):
                if definition.value is not None and definition.value.type in (
                    "call_expression",
                    "binary_expression",
                    "unary_expression",
                    "await_expression",
                ):
                    found |= self.tested_subjects(definition.value, positive, depth + 1)
            return found
        return set()

    def _type_check_subjects(self, left: Node, right: Node, op: str, positive: bool) -> set[str]:
        """`typeof x === "string"` (or `!== "object"`) holding where the sink runs: a
        primitive cannot carry MongoDB query operators, so it is the type check the
        NoSQL rule names as its control. Other rules: a string is still injectable."""
        if self.rule != "nosql-injection":
            return set()
        typeof, other = (left, right) if _is_typeof(left) else (right, left)
        argument = typeof.child_by_field_name("argument")
        if argument is None or other.type != "string":
            return set()
        equal = (op in ("===", "==")) == positive
        type_name = _string_value(other)
        if (equal and type_name in _PRIMITIVE_TYPES) or (not equal and type_name == "object"):
            return self.subject_texts(argument)
        return set()

    def _call_subjects(self, call: Node, statement: bool, positive: bool = True) -> set[str]:
        name = self.callee_name(call)
        if name in _TRIVIAL_TESTS:
            return set()
        if self.rule == "ssrf" and name.rsplit(".", 1)[-1] in FORMAT_ONLY_VALIDATORS:
            # isIP("127.0.0.1") and validators.url("http://169.254.169.254/") pass:
            # a well-formed address is not an allowed one.
            return set()
        validator = self.is_statement_validator(call) if statement else self.is_validator_call(call)
        function = call.child_by_field_name("function")
        receiver: Node | None = None
        method = ""
        if function is not None and function.type == "member_expression":
            receiver = function.child_by_field_name("object")
            prop = function.child_by_field_name("property")
            method = node_text(prop) if prop is not None else ""
        arguments = call.child_by_field_name("arguments")
        argument_nodes = list(arguments.named_children) if arguments is not None else []
        if method == "startsWith" and self.rule == "open-redirect" and receiver is not None:
            return self._redirect_prefix_subjects(call, receiver, argument_nodes, positive)
        if method in ("startsWith", "endsWith"):
            literals = [a for a in argument_nodes if a.type == "string"]
            scheme_check = literals and all(_SCHEME_LIKE.match(_string_value(a)) for a in literals)
            if scheme_check and self.rule != "url":
                return set()  # a scheme check is the control for links, nothing else
            if (
                method == "startsWith"
                and receiver is not None
                and not self.sound_prefix_check(receiver, argument_nodes)
            ):
                return set()
            if method == "endsWith" and not (
                receiver is not None and _HOST_PART.search(node_text(receiver))
            ):
                return set()  # a suffix says nothing but for a host name
        if method in ("test", "match", "exec") and not self._anchored_regex(
            receiver, argument_nodes, method
        ):
            return set()
        if method in ("has", "includes", "indexOf") and receiver is not None:
            # ALLOWED.has(x) must hold where the sink runs; name.includes("..") is a
            # blocklist of substrings, not a control.
            if positive and self.allowlist_like(receiver):
                return {s for a in argument_nodes for s in self.subject_texts(a)}
            # name.includes("..") is a blocklist of substrings, not a control.
            return set()
        if method in _VALIDATING_METHODS:
            validator = True
        if not validator and not (self.lenient_calls and name):
            return set()
        subjects: set[str] = set()
        for argument in argument_nodes:
            if argument.type not in _FUNCTIONS:
                subjects |= self.subject_texts(argument)
        if receiver is not None:
            subjects |= self.subject_texts(receiver)
        return subjects

    def _redirect_prefix_subjects(
        self, call: Node, receiver: Node, arguments: list[Node], positive: bool
    ) -> set[str]:
        r"""`target.startsWith(prefix)` before a redirect, where it holds: a prefix that
        fixes the host (`"https://app.example.com/"`), a path of this site (`"/account/"`),
        a prefix the code does not spell out (a configured base), or `"/"` in the strict
        same-site form (see _strict_same_site). `//evil.example`, `/\evil.example` and a
        tab or newline after the slash (`/<tab>/evil.example`: browsers drop it) all start
        with "/"; `startsWith("//")` alone is a blocklist."""
        if not positive or not arguments:
            return set()
        prefix = _literal_text(self, arguments[0])
        if prefix is None:
            return self.subject_texts(receiver)  # startsWith(APP_ORIGIN + "/")
        if FIXED_HOST_PREFIX.match(prefix) or re.match(r"^/[^/\\\s]", prefix):
            return self.subject_texts(receiver)
        if prefix == "/" and self._strict_same_site(call, receiver):
            return self.subject_texts(receiver)
        return set()

    def _strict_same_site(self, call: Node, receiver: Node) -> bool:
        r"""`call` (`target.startsWith("/")`, required to hold) sits in one condition that
        also requires `target` not to start with "//" nor with "/\" and to hold no tab
        or newline (`!/[\u0000-\u001f]/.test(target)`, `!/\s/.test(target)`): the quick
        fix's guard, or `a && !b && !c && !d` in a returned predicate or a ternary."""
        top, polarity = call, True
        while top.parent is not None:
            parent = top.parent
            if parent.type == "unary_expression" and node_text(parent).startswith("!"):
                polarity = not polarity
            elif parent.type == "binary_expression":
                operator = parent.child_by_field_name("operator")
                if operator is None or operator.type not in ("&&", "||"):
                    break
            elif parent.type not in _VALUE_WRAPPERS:
                break
            top = parent
        literals = _required_literals(top, polarity)
        if (node_key(call), True) not in {(node_key(n), p) for n, p in literals}:
            return False
        subject = normalized(node_text(receiver))
        refused: set[str] = set()
        controls_refused = False
        for node, holds in literals:
            if node.type != "call_expression":
                continue
            function = node.child_by_field_name("function")
            holder = node.child_by_field_name("arguments")
            values = holder.named_children if holder is not None else []
            if function is None or function.type != "member_expression" or not values:
                continue
            method = node_text(function.child_by_field_name("property") or function)
            owner = function.child_by_field_name("object")
            if owner is None:
                continue
            if method == "startsWith" and not holds and normalized(node_text(owner)) == subject:
                text = _literal_text(self, values[0])
                if text is not None:
                    refused.add(text)
            elif method == "test" and normalized(node_text(values[0])) == subject:
                controls_refused |= self._refuses_control_characters(owner, holds)
        return {"//", "/\\"} <= refused and controls_refused

    def _refuses_control_characters(self, pattern: Node, holds: bool) -> bool:
        """A regex test that, required to hold (or to fail), keeps out the tab and the
        newline browsers drop from URLs."""
        if pattern.type == "identifier":
            pattern = self.single_value(pattern) or pattern
        body = pattern.child_by_field_name("pattern") if pattern.type == "regex" else None
        if body is None:
            return False
        try:
            compiled = re.compile(node_text(body))
        except (re.error, RecursionError, OverflowError):
            return False
        if holds:
            return not any(compiled.search(t) for t in ("/\t/evil.example", "/\n/evil.example"))
        return all(compiled.search(c) for c in ("\t", "\n", "\r"))

    def _anchored_regex(self, receiver: Node | None, arguments: list[Node], method: str) -> bool:
        """A regex validates a value only if it must match all of it (^...$)."""
        candidate = (
            receiver if method in ("test", "exec") else (arguments[0] if arguments else None)
        )
        if candidate is not None and candidate.type == "identifier":
            candidate = self.single_value(candidate) or candidate
        if candidate is None or candidate.type != "regex":
            return True  # not a pattern we can read: trust the check
        pattern = candidate.child_by_field_name("pattern")
        text = node_text(pattern) if pattern is not None else ""
        # Each alternative must be anchored: in /^a|b$/ the ^ binds to `a` only.
        alternatives = regex_alternatives(text)
        site = regex_site_check(text, self.rule)
        if site is not None:
            return site  # /^\/[\w\/-]*$/ lets "//3627732462" through
        if self.rule == "url":
            # /^https?:\/\//: the scheme is what matters
            return all(a.startswith("^") for a in alternatives)
        return all(a.startswith("^") and ends_with_anchor(a, ("$",)) for a in alternatives)

    def is_raising_validator_body(self, function: Node) -> bool:
        body = function.child_by_field_name("body")
        if body is None or body.type != "statement_block":
            return False
        names = self.derived_names(function)
        stack = [body]
        while stack:
            node = stack.pop()
            if node.type in _FUNCTIONS and node != function:
                continue
            if node.type == "if_statement":
                condition = node.child_by_field_name("condition")
                consequence = node.child_by_field_name("consequence")
                if (
                    condition is not None
                    and consequence is not None
                    and self.checks_parameters(condition, names)
                    and _throws(consequence)
                ):
                    return True
            stack.extend(node.children)
        return False

    def is_dead_branch(self, node: Node) -> bool:
        chain = [*self.ancestors(node), node]
        for parent, current in itertools.pairwise(chain):
            if parent.type == "if_statement" and current == parent.child_by_field_name(
                "consequence"
            ):
                condition = parent.child_by_field_name("condition")
                if condition is not None and node_text(condition).replace(" ", "") in (
                    "(false)",
                    "(0)",
                    "(null)",
                    "(undefined)",
                ):
                    return True
        return False

    def string_parts(self, node: Node, depth: int = 0) -> list[str | Node]:
        """A string-building expression as ordered parts: literal text or value nodes."""
        if depth > 12:
            return [node]
        kind = node.type
        if kind == "string":
            return [
                "".join(
                    node_text(c)
                    for c in node.named_children
                    if c.type in ("string_fragment", "escape_sequence")
                )
            ]
        if kind == "template_string":
            parts: list[str | Node] = []
            for child in node.named_children:
                if child.type in ("string_fragment", "escape_sequence"):
                    parts.append(node_text(child))
                elif child.type == "template_substitution" and child.named_children:
                    parts.extend(self.string_parts(child.named_children[0], depth + 1))
            return parts
        if kind in _VALUE_WRAPPERS and _bare(node) is not node:
            return self.string_parts(_bare(node), depth + 1)
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if (
                operator is not None
                and left is not None
                and right is not None
                and (operator.type == "+")
            ):
                return self.string_parts(left, depth + 1) + self.string_parts(right, depth + 1)
            return [node]
        if kind == "call_expression":
            helper = self.helper_parts(node, depth)
            if helper is not None:
                return helper
            function = node.child_by_field_name("function")
            if function is not None and function.type == "member_expression":
                prop = function.child_by_field_name("property")
                receiver = function.child_by_field_name("object")
                if (
                    receiver is not None
                    and prop is not None
                    and node_text(prop)
                    in ("trim", "trimEnd", "trimStart", "toLowerCase", "replace", "toString")
                ):
                    return self.string_parts(receiver, depth + 1)
                if (
                    receiver is not None
                    and prop is not None
                    and receiver.type == "array"
                    and node_text(prop) == "join"
                ):
                    # ["./", ...rest].join("?"): the elements in order, the separator between.
                    arguments = node.child_by_field_name("arguments")
                    separator = arguments.named_children[:1] if arguments is not None else []
                    joined: list[str | Node] = []
                    for index, element in enumerate(receiver.named_children):
                        if index:
                            if separator and separator[0].type != "string":
                                joined.append(separator[0])
                            else:
                                joined.append(_string_value(separator[0]) if separator else ",")
                        if element.type == "spread_element":
                            joined.append(element)
                        else:
                            joined.extend(self.string_parts(element, depth + 1))
                    return joined
        if kind == "new_expression" and self._own_url_base(node) is not None:
            arguments = node.child_by_field_name("arguments")
            if arguments is not None and arguments.named_children:
                return self.string_parts(arguments.named_children[0], depth + 1)
        if kind in ("call_expression", "member_expression"):
            # new URL(path, base).toString() / .href: the URL's text.
            function = node.child_by_field_name("function") if kind == "call_expression" else node
            arguments = node.child_by_field_name("arguments")
            if (
                function is not None
                and function.type == "member_expression"
                and (kind == "member_expression" or not (arguments and arguments.named_children))
            ):
                prop = function.child_by_field_name("property")
                inner = function.child_by_field_name("object")
                wanted = "href" if kind == "member_expression" else "toString"
                if (
                    prop is not None
                    and node_text(prop) == wanted
                    and inner is not None
                    and inner.type == "new_expression"
                    and self._own_url_base(inner) is not None
                ):
                    return self.string_parts(inner, depth + 1)
        if kind == "identifier":
            return self.identifier_parts(node, depth)
        return [node]

    def identifier_parts(self, identifier: Node, depth: int) -> list[str | Node]:
        """`let url = "/stats"; url += "/" + id`: appending keeps the first value's start,
        so the name's parts are the assigned value's followed by what `+=` appends."""
        if self.bound_argument(identifier) is None:
            scope = self.enclosing_scope(identifier)
            definitions = sorted(
                self.reaching_definitions(scope, node_text(identifier), identifier),
                key=lambda d: d.position,
            )
            appends = definitions[1:]
            if (
                len(definitions) > 1
                and definitions[0].kind == "assign"
                and definitions[0].value is not None
                and all(_appends_to(d) for d in appends)
            ):
                parts = self.string_parts(definitions[0].value, depth + 1)
                for definition in appends:
                    if definition.value is not None:
                        parts = parts + self.string_parts(definition.value, depth + 1)
                return parts
        return super().identifier_parts(identifier, depth)


def _url_attribute(sink: Node) -> tuple[str, Node] | None:
    """The attribute an `el.src = x` / `el.setAttribute("src", x)` sink sets, and `el`."""
    if sink.type == "assignment_expression":
        left = sink.child_by_field_name("left")
        if left is None or left.type != "member_expression":
            return None
        prop = left.child_by_field_name("property")
        element = left.child_by_field_name("object")
    elif sink.type == "call_expression":
        function = sink.child_by_field_name("function")
        holder = sink.child_by_field_name("arguments")
        values = holder.named_children if holder is not None else []
        if function is None or function.type != "member_expression" or not values:
            return None
        prop = values[0] if values[0].type == "string" else None
        element = function.child_by_field_name("object")
    else:
        return None
    if prop is None or element is None:
        return None
    name = _string_value(prop) if prop.type == "string" else node_text(prop)
    return name.lower(), element


def _declared_elements(text: str) -> set[str] | None:
    """The elements a TypeScript type names (`HTMLIFrameElement | null` -> {"iframe"},
    `ElementRef<HTMLImageElement>` -> {"img"}); "?" for a generic `HTMLElement` beside
    them; None when it names no particular element."""
    found: set[str] = set()
    generic = False
    for interface in _ELEMENT_INTERFACE.findall(text):
        if interface in _GENERIC_ELEMENTS:
            generic = True
        else:
            found.add(_ELEMENT_INTERFACES.get(interface, interface.lower()))
    if not found:
        return None
    return (found | {"?"}) if generic else found


def _selector_kinds(selector: str) -> set[str]:
    """The elements a CSS selector picks, by the tag of the last compound selector of
    each alternative (`#player > iframe.embed` -> {"iframe"}); "?" with the selector's
    last compound when it names no tag (`#preview-frame`)."""
    found: set[str] = set()
    cleaned = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", selector)
    for alternative in cleaned.split(","):
        compound = re.split(r"[\s>+~]+", alternative.strip())[-1]
        tag = re.match(r"[A-Za-z][\w-]*", compound)
        found.add(tag.group(0).lower() if tag else "?" + compound)
    return found


def _named(kinds: set[str], name: str) -> set[str]:
    """`kinds` with `name` added to the names of the unknown elements among them."""
    return {f"{kind} {name}" if kind.startswith("?") else kind for kind in kinds}


def _words(text: str) -> set[str]:
    """The words of names: `previewIframe`, `embed-player`, `SCRIPT_TAG`."""
    return {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+", text)}


# What a javascript: URL in an attribute runs in: a frame's or an embed's document, a
# script's code (which loads from anywhere), an object's document.
_URL_LOADERS = {
    "src": frozenset({"iframe", "frame", "embed", "script"}),
    "data": frozenset({"object"}),
}
# Names that say an element of unknown kind is one that loads its src.
_LOADER_WORDS = frozenset(
    {"iframe", "iframes", "frame", "frames", "embed", "embeds", "script", "scripts"}
)
_ELEMENT_INTERFACE = re.compile(r"\b((?:HTML|SVG)\w*Element)\b")
_GENERIC_ELEMENTS = frozenset({"HTMLElement", "SVGElement", "HTMLOrSVGElement"})
_ELEMENT_INTERFACES = {
    "HTMLIFrameElement": "iframe",
    "HTMLFrameElement": "frame",
    "HTMLEmbedElement": "embed",
    "HTMLObjectElement": "object",
    "HTMLScriptElement": "script",
    "HTMLImageElement": "img",
    "HTMLVideoElement": "video",
    "HTMLAudioElement": "audio",
    "HTMLMediaElement": "media",
    "HTMLSourceElement": "source",
    "HTMLTrackElement": "track",
    "HTMLInputElement": "input",
    "HTMLAnchorElement": "a",
}
_CONSTRUCTED_ELEMENTS = {"Image": "img", "Audio": "audio", "Option": "option"}
# Calls that give an element of their receiver's kind (a copy, an item of a collection).
_SAME_ELEMENT_METHODS = frozenset({"cloneNode", "item", "at", "namedItem"})
# What a ref holds its element in: React's `current`, Vue's `value`, Angular's
# `nativeElement`.
_REF_VALUES = frozenset({"current", "value", "nativeElement"})
# Values that are no element.
_NO_ELEMENT = frozenset(
    {
        "object",
        "string",
        "template_string",
        "number",
        "true",
        "false",
        "null",
        "undefined",
        "arrow_function",
        "function_expression",
        "regex",
    }
)
_JSX_ELEMENTS = frozenset({"jsx_opening_element", "jsx_self_closing_element"})
_CLASS_NODES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
_ELEMENT_DEPTH = 8


def _required_literals(condition: Node, holds: bool) -> list[tuple[Node, bool]]:
    """The tests `condition` requires, each with the value it must have, when the
    condition must have the value `holds`: `a && !b` to hold requires `a` and not `b`;
    `a || b` to hold requires neither alone (it is one test, returned whole)."""
    node = _bare(condition)
    if node.type == "unary_expression" and node_text(node).startswith("!"):
        argument = node.child_by_field_name("argument")
        if argument is not None:
            return _required_literals(argument, not holds)
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        joined = operator is not None and operator.type == ("&&" if holds else "||")
        if joined and left is not None and right is not None:
            return _required_literals(left, holds) + _required_literals(right, holds)
    return [(node, holds)]


_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}


def _literal_text(flow: JavaScriptFlow, node: Node) -> str | None:
    r"""The text of a constant string (escape sequences read: `"/\\"` is `/\`), through
    names assigned once; None when any part is not constant."""
    node = _bare(node)
    if node.type == "identifier":
        single = flow.single_value(node)
        return _literal_text(flow, single) if single is not None else None
    if node.type != "string":
        return None
    text = ""
    for child in node.named_children:
        if child.type == "string_fragment":
            text += node_text(child)
        elif child.type == "escape_sequence":
            escaped = node_text(child)[1:]
            if escaped[:1] in ("x", "u"):
                digits = escaped[1:].strip("{}")
                try:
                    text += chr(int(digits, 16))
                except ValueError:
                    return None
            else:
                text += _JS_ESCAPES.get(escaped, escaped)
    return text


def _chain_declarations(
    command: Node,
) -> tuple[list[tuple[str, Node | None]], Node | None]:
    """The declarations (see JavaScriptFlow._command_declarations) of a chain of calls
    down to its `.command(...)`, in order, and the name or value the chain starts from
    (None after a `.command(...)`)."""
    chain: list[tuple[str, Node | None]] = []
    current: Node | None = _bare(command)
    while current is not None and current.type == "call_expression":
        callee = current.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            break
        method = callee.child_by_field_name("property")
        arguments = current.child_by_field_name("arguments")
        values = arguments.named_children if arguments is not None else []
        method_name = node_text(method) if method is not None else ""
        if method_name == "command" or method_name in _COMMAND_DECLARATIONS:
            chain.append((method_name, values[0] if values else None))
        if method_name == "command":
            current = None
            break
        inner = callee.child_by_field_name("object")
        current = _bare(inner) if inner is not None else None
    chain.reverse()
    return chain, current


def _option_attribute(flags: str) -> str:
    """The attribute commander stores an option under: `--dry-run` -> `dryRun`, `--no-x`
    -> `x`, a short flag alone (`-f`) -> `f`."""
    names = re.findall(r"(?:^|[\s,|])(-{1,2})([A-Za-z][\w-]*)", flags)
    long = [name for dashes, name in names if dashes == "--"]
    name = long[0] if long else (names[0][1] if names else "")
    if long and name.startswith("no-"):
        name = name[3:]
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _uploaded_file(node: Node) -> bool:
    """`node` is a file object (or the list of them) an upload middleware put on the
    request: `req.file`, `req.files`, `req.files[0]`, `req.files.avatar[0]`,
    `(req.files as Files).doc`, `ctx.request.files.doc`; not a call of it (`req.file()`)."""
    current = node
    while current.type in ("member_expression", "subscript_expression"):
        inner = current.child_by_field_name("object")
        prop = current.child_by_field_name("property")
        if inner is None:
            return False
        if (
            current.type == "member_expression"
            and prop is not None
            and node_text(prop) in ("file", "files")
            and node_text(inner) in ("req", "request", "ctx", "ctx.request")
        ):
            parent = current.parent
            return not (
                parent is not None
                and parent.type == "call_expression"
                and parent.child_by_field_name("function") == current
            )
        current = _bare(inner)
    return False


def _message_registration(call: Node, listener: Node) -> bool:
    """`call` registers `listener` (one of its arguments, a function or its name) for
    `message` events: `target.addEventListener("message", listener)` or `on`."""
    callee = call.child_by_field_name("function")
    holder = call.child_by_field_name("arguments")
    if callee is None or holder is None or callee.type != "member_expression":
        return False
    method = callee.child_by_field_name("property")
    arguments = holder.named_children
    return (
        method is not None
        and node_text(method) in ("addEventListener", "on")
        and len(arguments) >= 2
        and _string_value(arguments[0]) == "message"
        and any(node_key(a) == node_key(listener) for a in arguments[1:])
    )


def _onmessage_assignment(assignment: Node) -> bool:
    """`window.onmessage = ...`, `self.onmessage = ...`, `port.onmessage = ...`."""
    left = assignment.child_by_field_name("left")
    return left is not None and node_text(left).endswith("onmessage")


def _appends_to(definition: Definition) -> bool:
    """A `name += value` definition (not a push or a field write)."""
    value = definition.value
    parent = value.parent if value is not None else None
    if definition.kind != "augment" or definition.field or parent is None:
        return False
    if parent.type != "augmented_assignment_expression":
        return False
    operator = parent.child_by_field_name("operator")
    return operator is not None and node_text(operator) == "+="


def _own_url_base(node: Node, resolve: Callable[[Node], Node | None] | None = None) -> Node | None:
    """`new URL(path, req.url)` (or `request.nextUrl`, a string literal): the base
    argument, when the base is the app's own request URL or a constant. With `resolve`
    (a name's one value), also `url.origin` / `url.href` / `url` where `url = new
    URL(request.url)`."""
    if node.type != "new_expression":
        return None
    constructor = node.child_by_field_name("constructor")
    arguments = node.child_by_field_name("arguments")
    if constructor is None or node_text(constructor) != "URL" or arguments is None:
        return None
    values = [a for a in arguments.named_children if a.type != "comment"]
    if len(values) != 2:
        return None
    base = values[1]
    if base.type == "string" or _OWN_URL.match(node_text(base)):
        return base
    if resolve is None:
        return None
    root = base
    if root.type == "member_expression":
        prop = root.child_by_field_name("property")
        if prop is None or node_text(prop) not in ("origin", "href"):
            return None
        root = root.child_by_field_name("object") or root
    if root.type != "identifier":
        return None
    value = resolve(root)
    if value is None or value.type != "new_expression":
        return None
    constructor = value.child_by_field_name("constructor")
    parsed = value.child_by_field_name("arguments")
    first = parsed.named_children[0] if parsed is not None and parsed.named_children else None
    if (
        constructor is not None
        and node_text(constructor) == "URL"
        and first is not None
        and _OWN_URL.match(node_text(first))
        and len(parsed.named_children) == 1  # type: ignore[union-attr]
    ):
        return base
    return None


_OWN_URL = re.compile(r"^(?:req|request)\.(?:url|nextUrl(?:\.(?:origin|href))?)$")
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})

_VALUE_OPERATORS = frozenset({"+", "||", "??", "&&"})
_PRIMITIVE_TYPES = frozenset({"string", "number", "boolean", "bigint"})
# Methods of validation schemas whose result is the validated value (or holds it).
_SCHEMA_METHODS = frozenset(
    {
        "parse",
        "parseAsync",
        "safeParse",
        "safeParseAsync",
        "validate",
        "validateAsync",
        "validateSync",
    }
)
# Text of a template that a parser may read as structure (JSON, code): quotes, brackets.
_STRUCTURED_TEXT = re.compile(r"[{}\[\]\"'`\\]")
# A schema built with zod, joi, yup or valibot in this file.
_SCHEMA_BUILDER = re.compile(r"^\s*(?:z|zod|Joi|joi|yup|Yup|v|valibot)\s*\.\s*\w+")
# Imported assertions: `assertSku(x)`, `assert_slug(x)` throw on bad input.
_ASSERTING_NAME = re.compile(r"^assert(?:[A-Z_])")
# Imported path predicates whose name says containment: `insideUploads`, `isWithinRoot`.
_CONTAINMENT_NAME = re.compile(r"^(?:is)?(?:inside|Inside|within|Within|contained|Contained)")
# A zod object schema (unknown keys are stripped by parse).
_ZOD_OBJECT = re.compile(r"^\s*(?:z|zod)\s*\.\s*(?:strictObject|object)\s*\(")
# Schema methods whose result declares a subset of the schema's keys.
_KEY_SUBSETS = frozenset({"partial", "pick", "omit", "strict", "strip", "required", "deepPartial"})
# Parts that let any value through (so operators too).
_LOOSE_SCHEMA = re.compile(
    r"\.\s*(?:any|unknown|mixed|passthrough|catchall|record|json|custom)\s*\(|"
    r"\.\s*unknown\s*\(\s*(?:true)?\s*\)|\ballowUnknown\s*:\s*true"
)
# A schema that admits a number, a boolean or a fixed set of values only.
_CLOSED_SCHEMA = re.compile(
    r"^\s*\w+\s*\.\s*(?:enum|nativeEnum|literal|number|boolean|bigint|"
    r"coerce\s*\.\s*(?:number|boolean|bigint)|(?:string|mixed)\s*\(\s*\)\s*\.\s*"
    r"(?:valid|oneOf|uuid)|valid|picklist)\s*\("
)
# Field schemas that admit only a fixed alphabet: an anchored regex, an IP, a UUID.
_CLOSED_FIELD = re.compile(
    r"\.\s*(?:regex\s*\(\s*/\^[^\n]*\$/[a-z]*\s*\)|ip\s*\(|ipv4\s*\(|ipv6\s*\(|uuid\s*\("
    r"|cuid2?\s*\(|ulid\s*\(|int\s*\()"
)


# GraphQL's built-in scalars: input coercion refuses an object for each.
_GRAPHQL_SCALARS = frozenset({"String", "ID", "Int", "Float", "Boolean"})
_GRAPHQL_COMMENT = re.compile(r"#[^\n]*")


def _graphql_argument_type(source: str, type_name: str, field: str, argument: str) -> str | None:
    """In GraphQL SDL `source`, the named type of `argument` of `type_name.field`
    (`String` for `reviews(productId: String!)`; a list or an input type is returned as
    written, `[String]`), or None when the schema does not declare it."""
    text = _GRAPHQL_COMMENT.sub("", source)
    for match in re.finditer(
        r"\b(?:extend\s+)?type\s+" + re.escape(type_name) + r"\b[^{]*\{", text
    ):
        depth = 1
        index = match.end()
        while index < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            index += 1
        body = text[match.end() : index - 1]
        declared = re.search(r"(?<![\w$])" + re.escape(field) + r"\s*\(([^)]*)\)", body)
        if declared is None:
            continue
        found = re.search(
            r"(?<![\w$])" + re.escape(argument) + r"\s*:\s*(\[[^\]]*\]|\w+)", declared.group(1)
        )
        if found is not None:
            return found.group(1)
    return None


# Hooks that return what the route module's loader returned.
_LOADER_DATA_HOOKS = frozenset({"useLoaderData", "useTypedLoaderData"})
# Wrappers a loader returns its data in (Remix `json`, `defer`; React Router 7 `data`).
_LOADER_DATA_WRAPPERS = frozenset({"json", "data", "defer", "typedjson", "Response.json"})
# What a loader returns that is no data for the component: it navigates or responds.
_LOADER_RESPONSES = frozenset({"redirect", "redirectDocument", "replace"})
# Which part of a Fastify route's schema validates which field of the request.
_ROUTE_SCHEMA_PARTS = {
    "query": ("querystring", "query"),
    "body": ("body",),
    "params": ("params",),
    "headers": ("headers",),
}
# JSON-schema string formats (ajv-formats, which Fastify's validator loads) over a fixed
# alphabet of digits, hex, dots, colons and dashes.
_CLOSED_FORMATS = frozenset({"uuid", "date", "time", "date-time", "ipv4", "ipv6"})
_STRING_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _object_value(flow: JavaScriptFlow, node: Node | None, key: str) -> Node | None:
    """The value of `key` in an object literal (or a name whose only value is one)."""
    if node is None:
        return None
    node = _bare(node)
    if node.type == "identifier":
        value = flow.single_value(node)
        node = _bare(value) if value is not None else node
    if node.type != "object":
        return None
    flow.read_range(node)
    for pair in node.named_children:
        if pair.type == "shorthand_property_identifier" and node_text(pair) == key:
            value = flow.single_value(pair)
            return _bare(value) if value is not None else None
        name = pair.child_by_field_name("key") if pair.type == "pair" else None
        if name is None:
            continue
        text = _string_value(name) if name.type == "string" else node_text(name)
        if text == key:
            value = pair.child_by_field_name("value")
            return _bare(value) if value is not None else None
    return None


def _string_source(node: Node) -> str:
    """What a string literal holds, its escapes decoded (a doubled backslash is one)."""
    parts: list[str] = []
    for child in node.named_children:
        text = node_text(child)
        if child.type == "escape_sequence":
            parts.append(_STRING_ESCAPES.get(text[1:], text[1:]))
        elif child.type == "string_fragment":
            parts.append(text)
    return "".join(parts)


def _anchored_pattern(text: str, rule: str) -> bool:
    """A regex source that must match all of a value: every top-level alternative carries
    `^` and `$`, and for sites (SSRF, redirects) it refuses a URL of another site."""
    site = regex_site_check(text, rule)
    if site is not None:
        return site
    alternatives = regex_alternatives(text)
    return all(a.startswith("^") and ends_with_anchor(a, ("$",)) for a in alternatives)


def _schema_object_field(flow: JavaScriptFlow, schema: Node, field: str) -> Node | None:
    """The schema of `field` in `z.object({ field: ... })` (through a name assigned once
    and chained calls such as `.strict()`), or None."""
    node: Node | None = schema
    for _ in range(6):
        if node is None:
            return None
        if node.type == "identifier":
            node = flow.single_value(node)
            continue
        if node.type != "call_expression":
            return None
        function = node.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            return None
        method = function.child_by_field_name("property")
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[:1] if arguments is not None else []
        if method is not None and node_text(method) == "object" and first:
            if first[0].type != "object":
                return None
            flow.read_range(first[0])
            for pair in first[0].named_children:
                key = pair.child_by_field_name("key") if pair.type == "pair" else None
                if key is not None and node_text(key).strip("\"'") == field:
                    return pair.child_by_field_name("value")
            return None
        node = function.child_by_field_name("object")
    return None


# Names of schemas defined elsewhere (imported): UserSchema, loginValidator, CreateUserDto.
_SCHEMA_NAME = re.compile(
    r"(?i:schema|validator)|Dto$|DTO$|^[A-Z]\w*(?:Body|Query|Params|Input|Payload|Form)$"
)
_REQUEST_FIELDS = frozenset(
    {"query", "params", "body", "headers", "cookies", "cookie", "files", "file"}
)
# Methods that register a handler for a route path: `app.get("/users/:id", handler)`.
_ROUTE_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "del", "all", "options", "head", "route"}
)
# Upload and archive parsers hand attacker data to these events.
# HTTP clients whose response is written by the server the URL names.
_HTTP_CLIENTS = frozenset({"fetch", "axios", "got", "ky"})
# Rules for which a message event's origin check is not a control: the sender is
# authenticated, the data is not encoded for HTML, a URL or code.
_ORIGIN_CHECK_IS_NOT_ENCODING = frozenset({"xss", "open-redirect", "code-injection"})
# Subscriber events of Redis (ioredis, node-redis v3) and MQTT clients: the position of
# the payload among the listener's arguments (`(channel, message)`, `(pattern, channel,
# message)`, `(topic, payload)`).
_SUBSCRIBER_EVENTS = {"message": 1, "messageBuffer": 1, "pmessage": 2, "pmessageBuffer": 2}
# `from "kafkajs"`, `require("amqplib/callback_api")`, `import("bullmq")`: one pattern
# per keyword, each starting with it (a pattern that starts with a literal is searched for
# by that literal; a leading `\b` or an alternation is tried at every position, 10x slower).
_MODULE_REFERENCES = tuple(
    re.compile(keyword + rb"""\s*["']([^"']+)["']""")
    for keyword in (rb"from", rb"require\(", rb"import\(?")
)
# `exports.name` (the word boundary before it is checked apart, for the same reason).
_EXPORTS_MEMBER = re.compile(r"exports\.(\w+)")
# The packages a file imports or requires (see module_references): a fact of the file.
MODULE_REFERENCES: DependencyKey = ("module-references", "")


@lru_cache(maxsize=4)
def module_references(data: bytes) -> frozenset[str]:
    """The packages `data` imports or requires (`@scope/name`, or a name's first part):
    read from the text, strings and comments included (a superset). (Kept for the last
    few texts: an edit compares the version before, read at the edit before, with this.)"""
    found: set[str] = set()
    for pattern in _MODULE_REFERENCES:
        for match in pattern.finditer(data):
            if not word_before(data, match.start()):
                name = match.group(1).decode(errors="replace")
                found.add(name if name.startswith("@") else name.split("/")[0])
    return frozenset(found)


_CLASS_DECLARATIONS = frozenset({"class_declaration", "class", "abstract_class_declaration"})
# Receivers of messages from network peers (socket.io sockets, ws connections).
_PEER_RECEIVER = re.compile(r"^(?:socket|sock|ws|websocket|webSocket|connection|conn|client|peer)$")
_LIFECYCLE_EVENTS = frozenset(
    {
        "connect",
        "connection",
        "disconnect",
        "disconnecting",
        "close",
        "error",
        "open",
        "end",
        "finish",
        "drain",
        "timeout",
        "ping",
        "pong",
        "upgrade",
        "listening",
        "ready",
        "reconnect",
    }
)
# The label of a commander action's arguments (see _remote_message).
_COMMAND_LINE = "command-line argument ("
# Where an upload middleware stored a file (see _stored_upload_field).
_STORED_UPLOAD_FIELDS = frozenset(
    {"path", "filename", "destination", "tempFilePath", "filepath", "newFilename"}
)
_UPLOAD_EVENTS = frozenset({"field", "file", "entry", "fileBegin", "part"})
_COERCING_FUNCTIONS = frozenset({"Number", "parseInt", "parseFloat", "Boolean", "BigInt"})
_MUTATORS = frozenset({"push", "unshift", "set", "add", "append", "splice", "write"})


def _mutated_container(call: Node) -> str | None:
    """`parts.push(x)`, `params.append(k, v)`: the name of the container."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return None
    method = function.child_by_field_name("property")
    container = function.child_by_field_name("object")
    if method is None or container is None or node_text(method) not in _MUTATORS:
        return None
    if container.type == "identifier":
        return node_text(container)
    if container.type in ("member_expression", "subscript_expression"):
        return normalized(node_text(container))
    return None


def _top_level_assignments(block: Node) -> set[str]:
    """Names a block (or single statement) always assigns."""
    statements = block.named_children if block.type == "statement_block" else [block]
    names: set[str] = set()
    for statement in statements:
        if statement.type == "expression_statement" and statement.named_children:
            assignment = statement.named_children[0]
            if assignment.type == "assignment_expression":
                left = assignment.child_by_field_name("left")
                if left is not None and left.type == "identifier":
                    names.add(node_text(left))
    return names


def _dead_condition(statement: Node) -> bool:
    condition = statement.child_by_field_name("condition")
    return condition is not None and node_text(condition).replace(" ", "") in (
        "(false)",
        "(0)",
        "(null)",
        "(undefined)",
    )


def _joins_values(node: Node) -> bool:
    if node.type == "parenthesized_expression":
        return True
    if node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type in _VALUE_OPERATORS


def _statement_of(node: Node) -> Node:
    current = node
    while current.parent is not None and current.parent.type in (
        "parenthesized_expression",
        "sequence_expression",
    ):
        current = current.parent
    if current.parent is not None and current.parent.type == "expression_statement":
        return current.parent
    return node


def _descendants(node: Node, kind: str) -> list[Node]:
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == kind:
            found.append(current)
        stack.extend(current.children)
    return found


def _bound_names(pattern: Node) -> list[Node]:
    if pattern.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [pattern]
    names: list[Node] = []
    for child in pattern.named_children:
        if child.type == "pair_pattern":
            value = child.child_by_field_name("value")
            if value is not None:
                names.extend(_bound_names(value))
        elif child.type in ("assignment_pattern", "object_assignment_pattern"):
            left = child.child_by_field_name("left")
            if left is not None:
                names.extend(_bound_names(left))
        else:
            names.extend(_bound_names(child))
    return names


def _string_value(node: Node) -> str:
    if node.type != "string":
        return ""
    return "".join(node_text(c) for c in node.named_children if c.type == "string_fragment")


_ENTITY = re.compile(r"^&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")


def _regex_characters(pattern: str) -> set[str]:
    """The single characters a regex source matches, when it is one character class, an
    alternation of characters or one character: `[&<>"']`, `&|<`, `<`. Empty otherwise."""

    def unescape(text: str) -> list[str] | None:
        chars: list[str] = []
        index = 0
        while index < len(text):
            char = text[index]
            if char == "\\":
                if index + 1 >= len(text) or text[index + 1].isalnum():
                    return None  # \d, \w, \x3c: not read
                chars.append(text[index + 1])
                index += 2
                continue
            if char in "[]()|*+?.{}^$-":
                return None
            chars.append(char)
            index += 1
        return chars

    if pattern.startswith("[") and pattern.endswith("]") and not pattern.startswith("[^"):
        inner = unescape(pattern[1:-1])
        return set(inner) if inner else set()
    found: set[str] = set()
    for alternative in pattern.split("|"):
        chars = unescape(alternative)
        if chars is None or len(chars) != 1:
            return set()
        found.add(chars[0])
    return found


def _enclosing_case(node: Node, function: Node) -> Node | None:
    current = node.parent
    while current is not None and current != function:
        if current.type in ("switch_case", "switch_default"):
            return current
        current = current.parent
    return None


def _is_typeof(node: Node) -> bool:
    if node.type != "unary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type == "typeof"


# Wrappers that give an expression's value unchanged: parentheses and TypeScript's type
# assertions (`x as T`, `x satisfies T`, `x!`, `<T>x`).
_VALUE_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
    }
)


def _bare(node: Node) -> Node:
    """The expression whose value `node` is, without the parentheses and type assertions
    around it (see _VALUE_WRAPPERS)."""
    while node.type in _VALUE_WRAPPERS:
        inner = [c for c in node.named_children if c.type not in ("comment", "type_arguments")]
        if not inner:
            break
        node = inner[0]
    return node


def _unwrap_await(node: Node) -> Node:
    while node.type == "await_expression" and node.named_children:
        node = node.named_children[0]
    return node


def _throws(block: Node) -> bool:
    statements = block.named_children if block.type == "statement_block" else [block]
    return any(s.type == "throw_statement" for s in statements)


def _script_text_before(node: Node) -> str | None:
    """The constant script text written before `node` in the template or `+` chain that
    holds it ("" when it is a call's whole argument); None when it is held elsewhere."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return None
    if parent.type == "arguments":
        return ""  # eval(JSON.stringify(x)): the whole script is the literal
    if parent.type == "template_substitution" and parent.parent is not None:
        text = ""
        for child in parent.parent.children:
            if child == parent:
                return text
            if child.type == "string_fragment":
                text += node_text(child)
            elif child.type == "escape_sequence":
                text += "x"
            elif child.type == "template_substitution":
                text += "0"  # another value: not a quote
        return text
    if parent.type == "binary_expression" and node == parent.child_by_field_name("right"):
        left = parent.child_by_field_name("left")
        if left is None:
            return None
        if left.type == "string":
            return _string_value(left)
        if left.type == "binary_expression":
            inner = _script_text_before(left.child_by_field_name("right") or left)
            last = left.child_by_field_name("right")
            if inner is None or last is None:
                return None
            return inner + (_string_value(last) if last.type == "string" else "0")
        return "0"
    # Kept in a name or passed on: where it is written into the script is not known here.
    return None


def _open_quote(script: str) -> str | None:
    """The quote of the JavaScript string literal left open at the end of `script`."""
    quote: str | None = None
    escaped = False
    for char in script:
        if quote is None:
            if char in "'\"`":
                quote = char
        elif escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == quote:
            quote = None
    return quote


_ENDPOINT_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "ALL", "OPTIONS", "HEAD"})


def _exported_endpoint(function: Node) -> bool:
    """`function` is exported under an HTTP method's name: `export function POST(...)`,
    `export const GET = (...) => ...`, `export const POST: APIRoute = async (...) => ...`."""
    if function.type == "function_declaration":
        name = function.child_by_field_name("name")
        parent = function.parent
        return (
            name is not None
            and node_text(name) in _ENDPOINT_METHODS
            and parent is not None
            and parent.type == "export_statement"
        )
    declarator = function.parent
    if declarator is None or declarator.type != "variable_declarator":
        return False
    name = declarator.child_by_field_name("name")
    declaration = declarator.parent
    exported = declaration.parent if declaration is not None else None
    return (
        name is not None
        and node_text(name) in _ENDPOINT_METHODS
        and exported is not None
        and exported.type == "export_statement"
    )
