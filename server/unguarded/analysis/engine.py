"""Document + settings -> findings. Sinks come from the rule queries; each sink's argument is
walked back to its origins by the flow analyzer of the document's language."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from unguarded.analysis.aliases import (
    ALIASES,
    IMPORT_NAMES_KEY,
    alias_name,
    import_names,
    imported_module,
)
from unguarded.analysis.aliases import resolve as resolve_alias
from unguarded.analysis.flow import (
    Captures,
    FlowAnalyzer,
    FlowIndex,
    Node,
    NodeKey,
    Trace,
    member_root,
    merge,
    name_matches,
    node_text,
    normalized,
)
from unguarded.analysis.js_flow import JavaScriptFlow
from unguarded.analysis.model import Finding, OriginKind, Span, Step
from unguarded.analysis.python_flow import PythonFlow
from unguarded.analysis.settings import AnalysisSettings
from unguarded.analysis.test_code import is_fixture_decorator, is_test_file
from unguarded.catalog import CATALOG, Rule, Severity
from unguarded.documents import Document

# A URL whose scheme and host are fixed: user data after the first "/" cannot change the host.
_FIXED_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#@\s{}]+[/?#]", re.IGNORECASE)


@dataclass(frozen=True)
class SinkMatch:
    rule_id: str
    call: Node
    arguments: tuple[Node, ...]
    name: str
    # A pattern-level argument policy (see ARGUMENT_POLICIES), e.g. "html-markup".
    policy: str | None = None
    # Whose sanitizers count: "template" for template sources, where HTML escaping
    # leaves {{ }} intact (server-side template injection).
    controls: str | None = None


def analyze(document: Document, settings: AnalysisSettings | None = None) -> list[Finding]:
    """Every finding in `document`. (The language server keeps a `DocumentAnalysis` per
    document instead, which analyses each new version incrementally.)"""
    from unguarded.analysis.incremental import DocumentAnalysis

    return DocumentAnalysis(settings or AnalysisSettings()).analyze(document)


_T = TypeVar("_T")


class SubtreeCache(Protocol):
    """(node, what, compute) -> compute(node), kept across versions while the subtree of
    `node` does not change."""

    def __call__(self, node: Node, what: str, compute: Callable[[Node], _T]) -> _T: ...


# What one query match of a sink pattern holds: the file it came from (the rule id), its
# `#set!` settings and its captures.
RawMatch = tuple[str, dict[str, str], dict[str, list[Node]]]


class _Analysis:
    """One version of a document: deciding which query matches are sinks, and checking a
    sink's data flow. Incremental analysis (incremental.py) calls these for the parts of
    the document that changed; the flow analyzer's `recorder` notes what each call read."""

    def __init__(
        self,
        document: Document,
        settings: AnalysisSettings,
        captures: Captures,
        index: FlowIndex | None = None,
        binding_nodes: Callable[[], list[Node]] | None = None,
        subtree_cache: SubtreeCache | None = None,
    ) -> None:
        self.document = document
        # Results that depend on a subtree alone, kept across versions by incremental
        # analysis: (node, what, compute) -> compute(node), or computed again.
        self._subtree_cache = subtree_cache
        self._mentioned: dict[str, bool] = {}
        self._import_names: frozenset[str] | None = None
        self.settings = settings
        self.root = document.tree.root_node
        self.captures = captures
        # The nodes that can bind a Node module (declarators, imports), in document order.
        self._binding_nodes = binding_nodes
        self._module_bindings: dict[str, tuple[str, str | None]] | None = None
        flow_class: type[FlowAnalyzer] = (
            PythonFlow if document.language.family == "python" else JavaScriptFlow
        )
        self.flow = flow_class(self.root, self.captures, settings, set(), index)
        self.flow.test_file = is_test_file(document.uri)

    def check(self, sink: SinkMatch) -> Finding | None:
        """The finding for one sink, or None. Each sink is judged on its own (see
        FlowAnalyzer.begin_sink)."""
        self.flow.begin_sink()
        self.flow.read_enclosing(sink.call)
        try:
            return self._check_sink(self.flow, sink)
        except RecursionError:
            return None  # pathological nesting around one sink: skip it, keep the rest

    def declared(self, calls: list[Node]) -> tuple[list[Node], list[SinkMatch]]:
        """Among `calls`, the sources and sinks the user declared by name in settings."""
        settings = self.settings
        sources: list[Node] = []
        found: list[SinkMatch] = []
        for node in calls:
            name = self.flow.callee_name(node)
            if not name:
                continue
            if settings.sources and name_matches(name, settings.sources):
                sources.append(node)
            arguments = node.child_by_field_name("arguments")
            first = arguments.named_children[0] if arguments and arguments.named_children else None
            for rule_id, names in settings.sinks.items():
                if (
                    first is not None
                    and rule_id in CATALOG
                    and settings.rule_enabled(rule_id)
                    and name_matches(name, names)
                ):
                    found.append(SinkMatch(rule_id, node, (first,), name + "()"))
        return sources, found

    def accept(self, match: RawMatch) -> SinkMatch | None:
        """The sink a query match stands for, or None when the pattern's conditions (its
        module, receiver, options, context) do not hold."""
        origin, settings, nodes = match
        if origin == ALIASES:
            # A call through an import alias: the sink its imported name would be.
            calls = nodes.get("sink.call", [])
            if not calls or not self._may_be_alias(calls[0]):
                return None
            language = self.document.language.name
            found = (
                resolve_alias(self.flow, language, calls[0], self.document.data, self.accept)
                if calls
                else None
            )
            return found if isinstance(found, SinkMatch) else None
        rule_id = settings.get("unguarded.rule", origin)
        if not self.settings.rule_enabled(rule_id):
            return None
        calls = nodes.get("sink.call", [])
        arguments = tuple(nodes.get("sink.arg", []))
        if not calls or (not arguments and CATALOG[rule_id].dataflow):
            return None
        call = calls[0]
        module = settings.get("unguarded.module")
        members = settings.get("unguarded.member")
        if (
            module
            and not self._bound_to_module(
                call, module.split(","), members.split(",") if members else None
            )
            and not self._unbound_global(call, settings.get("unguarded.global"))
        ):
            return None
        file_module = settings.get("unguarded.file_module")
        if file_module and not any(self._file_imports(m) for m in file_module.split(",")):
            return None
        if settings.get("unguarded.sql_text") and not (
            arguments and _reads_as_sql(self.flow, arguments[0])
        ):
            return None
        imported = settings.get("unguarded.imported_from")
        if imported and not self._imported_from(
            call, imported.split(","), settings.get("unguarded.receiver_name")
        ):
            return None
        constructors = settings.get("unguarded.receiver")
        receivers = nodes.get("sink.receiver", [])
        if (
            constructors is not None
            and receivers
            and not self._receiver_is(
                receivers[0],
                constructors.split(","),
                settings.get("unguarded.receiver_name"),
                settings.get("unguarded.receiver_via"),
            )
        ):
            return None
        if not module and constructors is None and self._shadowed_global(call):
            # (A pattern that names what its receiver is made by has checked that already:
            # `const request = pool.request(); request.query(sql)` is mssql, not the
            # HTTP client called request.)
            return None
        driver = settings.get("unguarded.sql_driver")
        if (
            driver
            and receivers
            and not self._built_from_module(receivers[0], driver.split(","))
            and not _reads_as_sql(self.flow, arguments[0])
        ):
            return None
        safe_key = settings.get("unguarded.safe_key")
        if safe_key and _has_option(call, safe_key):
            return None
        context = settings.get("unguarded.context")
        if context in ("route", "handler") and not self._in_route(call, context):
            return None
        if context == "hapi-toolkit" and not self._hapi_toolkit(call):
            return None
        sends_html = getattr(self.flow, "sends_html", None)
        if context == "html-body" and (sends_html is None or not sends_html(call)):
            return None  # a body written after a text/html Content-Type header
        if context == "nest-redirect" and not getattr(
            self.flow, "nest_redirect_handler", lambda _: False
        )(call):
            return None  # a returned { url } counts only in a @Redirect() handler
        if context == "endpoint-context" and not getattr(
            self.flow, "endpoint_context_call", lambda *_: False
        )(call, "redirect"):
            return None  # Astro: redirect destructured from an endpoint's APIContext
        loads_url = getattr(self.flow, "element_loads_url", None)
        if context == "url-element" and (loads_url is None or not loads_url(call)):
            return None  # a src or data set on an element that runs no javascript: URL
        name = settings.get("unguarded.sink") or _sink_name(call)
        return SinkMatch(
            rule_id,
            call,
            arguments,
            name,
            settings.get("unguarded.policy"),
            settings.get("unguarded.controls"),
        )

    # ------------------------------------------------------------------ one sink
    def _check_sink(self, flow: FlowAnalyzer, sink: SinkMatch) -> Finding | None:
        if flow.is_dead_branch(sink.call):
            return None
        if not CATALOG[sink.rule_id].dataflow:
            return self._pattern_finding(flow, sink)
        policy = ARGUMENT_POLICIES.get(sink.policy or sink.rule_id)
        traces: list[Trace] = []
        argument = sink.arguments[0]
        controls = sink.controls or sink.rule_id
        for candidate in sink.arguments:
            flow.rule = controls
            if policy is not None and policy(flow, candidate):
                continue
            found = flow.traces(candidate, controls)
            if found and not traces:
                argument = candidate
            traces = merge(traces, found)
        if not traces:
            return None
        rule = CATALOG[sink.rule_id]
        trace = traces[0]
        if (
            sink.rule_id == "sql-injection"
            and argument.type == "identifier"
            and trace.kind is OriginKind.PARAMETER
            and _forwards_its_parameter(flow, sink.call, argument, traces)
            and _passes_bound_parameters(sink.call)
        ):
            # execute(sql, params) with both from the caller: a database wrapper that
            # forwards a query and its parameters. Its callers decide; untrusted SQL
            # reaching it is still reported, and so is text spliced into the query here
            # (`sql = "... ORDER BY " + order; execute(sql, (x,))`): the parameters bind
            # only the values in them.
            return None
        if trace.kind is OriginKind.PARAMETER and (
            is_test_file(self.document.uri) or _in_test_code(flow, sink.call)
        ):
            return None  # a helper's or fixture's callers are tests
        severity = Severity.ERROR if trace.kind is OriginKind.UNTRUSTED else Severity.WARNING
        severity = self.settings.severity_overrides.get(rule.id, severity)
        return Finding(
            rule_id=rule.id,
            severity=severity,
            span=Span.of(sink.call),
            argument=Span.of(argument),
            sink_name=sink.name,
            message=_message(rule, sink.name, trace),
            missing_control=rule.missing_control,
            origin_kind=trace.kind,
            origin=trace.origin,
            path=_path(trace, sink),
            facts={"origin": trace.origin_text},
        )

    def _pattern_finding(self, flow: FlowAnalyzer, sink: SinkMatch) -> Finding | None:
        """Rules without a data flow: the match is the finding (`verify=False`)."""
        rule = CATALOG[sink.rule_id]
        policy = ARGUMENT_POLICIES.get(sink.policy or "")
        flow.rule = sink.controls or sink.rule_id
        if (
            policy is not None
            and sink.arguments
            and all(policy(flow, argument) for argument in sink.arguments)
        ):
            return None
        if is_test_file(self.document.uri) or _in_test_code(flow, sink.call):
            return None
        severity = self.settings.severity_overrides.get(rule.id, rule.severity)
        return Finding(
            rule_id=rule.id,
            severity=severity,
            span=Span.of(sink.call),
            argument=Span.of(sink.arguments[0] if sink.arguments else sink.call),
            sink_name=sink.name,
            message=rule.pattern_message.format(sink=sink.name),
            missing_control=rule.missing_control,
            origin_kind=None,
            origin=None,
        )

    # ------------------------------------------------------------------ sink filters
    def _bound_to_module(
        self, call: Node, modules: list[str], members: list[str] | None = None
    ) -> bool:
        """The callee comes from one of `modules`: `cp.exec`, `exec` destructured from
        `require("child_process")`, or `run = promisify(exec)`. With `members`, a bare
        name must be bound to one of those members of the module. A sink that is an
        option of a call (`cookieSession({ secure: false })`, reported on the option)
        is judged by that call."""
        while call.type in ("pair", "object", "arguments") and call.parent is not None:
            call = call.parent
        # `new Client(url)`: a constructor is judged like a callee.
        function = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        if function is None:
            return False
        root = member_root(function)
        inner = root.child_by_field_name("function") if root.type == "call_expression" else None
        if root == function and inner is not None and node_text(inner).endswith("promisify"):
            # promisify(exec)(cmd) called inline: the wrapped function's binding.
            wrapped = root.child_by_field_name("arguments")
            if wrapped is not None and wrapped.named_children:
                self.flow.read_key(("binding", node_text(member_root(wrapped.named_children[0]))))
            bound = _promisified_binding(root, self.module_bindings())
            return (
                bound is not None
                and bound[0] in modules
                and (members is None or bound[1] in members)
            )
        if (
            root == function
            and inner is not None
            and inner.type == "identifier"
            and node_text(inner) != "require"
        ):
            # execa({ shell: true })`...`: the callee is what a call of the module returns.
            return self._bound_to_module(root, modules, members)
        if root.type == "call_expression":  # require("child_process").exec(...)
            return any(f'"{m}"' in node_text(root) or f"'{m}'" in node_text(root) for m in modules)
        if root.type != "identifier":
            return False
        self.flow.read_key(("binding", node_text(root)))
        binding = self.module_bindings().get(node_text(root))
        if binding is None or binding[0] not in modules:
            return False
        if members is not None and root == function:
            return binding[1] in members
        return True

    def _unbound_global(self, call: Node, names: str | None) -> bool:
        """The callee is one of the global `names` (jQuery's `$`), bound nowhere in the file:
        no import, no local or module variable (`const $ = cheerio.load(html)`), except a
        copy of the global itself (`const $ = window.jQuery`) or a `$` parameter in a file
        that names jQuery (`(function ($) { ... })(jQuery)`)."""
        function = call.child_by_field_name("function") if names else None
        if function is None or function.type != "identifier" or names is None:
            return False
        name = node_text(function)
        if name not in names.split(","):
            return False
        self.flow.read_key(("binding", name))
        if name in self.module_bindings():
            return False
        copies = {"jQuery", "window.jQuery", "window.$", "globalThis.jQuery"}
        scope = self.flow.enclosing_scope(function)
        while True:
            self.flow.read_range(scope)
            if any(p.name == name for p in self.flow.parameters(scope)):
                return self._mentions("jQuery")
            definitions = self.flow.definitions(scope).get(name, [])
            if any(d.value is None or node_text(d.value) not in copies for d in definitions):
                return False
            if self.flow.is_module(scope):
                return True
            scope = self.flow.enclosing_scope(scope)

    def _imported_from(self, call: Node, modules: list[str], names: str | None) -> bool:
        """Python: the callee is bound by an import from one of `modules` (`from sqlalchemy
        import text`, `import sqlalchemy as sa; sa.text`), or it is a method of an object
        named like one (`names`: Flask-SQLAlchemy's `db.text`)."""
        function = call.child_by_field_name("function")
        if function is None:
            return False
        root = member_root(function)
        if root.type != "identifier":
            return False
        source = imported_module(self.flow, root)
        if source is not None:
            return any(source == m or source.startswith(m + ".") for m in modules)
        return root != function and bool(names and re.search(names, node_text(root)))

    def module_bindings(self) -> dict[str, tuple[str, str | None]]:
        """Local names bound to Node modules: `const cp = require("child_process")`,
        `const { exec } = require(...)`, `import * as fs from "fs"`, ..."""
        if self._module_bindings is None:
            nodes = (
                self._binding_nodes()
                if self._binding_nodes is not None
                else binding_candidates(self.root)
            )
            bindings: dict[str, tuple[str, str | None]] = {}
            for node in nodes:
                _bind(bindings, node)
            self._module_bindings = bindings
        return self._module_bindings

    def use_module_bindings(self, bindings: dict[str, tuple[str, str | None]]) -> None:
        """Bindings already known (the previous version's, when nothing binding changed)."""
        self._module_bindings = bindings

    def _receiver_is(
        self,
        receiver: Node,
        constructors: list[str],
        names: str | None,
        via: str | None = None,
        depth: int = 0,
    ) -> bool:
        """Is `receiver` an object of the kind the sink needs (an HTTP client, a DB cursor)?
        Built by one of `constructors`, or else named like one (`names`, a regex). With
        `via` (accessor methods), also an object reached from one by attributes,
        subscripts or those methods (`client.shop.orders`, `db["orders"]`,
        `client.get_database("shop").get_collection("orders")`), here or in the value a
        name was assigned."""
        if self._receiver_is_one(receiver, constructors, names):
            return True
        if via is None or depth > 4:
            return False
        for inner in self._derived_from(receiver, via.split(",")):
            if self._receiver_is(inner, constructors, names, via, depth + 1):
                return True
        return False

    def _derived_from(self, receiver: Node, accessors: list[str]) -> list[Node]:
        """What `receiver` is reached from: the object of an attribute, the value of a
        subscript, the receiver of an accessor call; for a name, those of the values
        assigned to it."""
        if receiver.type in ("attribute", "member_expression") and not re.match(
            r"^(self|this)\.\w+$", node_text(receiver)
        ):
            inner = receiver.child_by_field_name("object")
            return [inner] if inner is not None else []
        if receiver.type in ("subscript", "subscript_expression"):
            inner = receiver.child_by_field_name("value") or receiver.child_by_field_name("object")
            return [inner] if inner is not None else []
        if receiver.type in ("call", "call_expression"):
            function = receiver.child_by_field_name("function")
            if function is not None and function.type in ("attribute", "member_expression"):
                method = function.child_by_field_name("attribute") or function.child_by_field_name(
                    "property"
                )
                inner = function.child_by_field_name("object")
                if method is not None and inner is not None and node_text(method) in accessors:
                    return [inner]
            return []
        if receiver.type == "identifier":
            return [
                value
                for value in self._assigned_values(receiver)
                if value.type
                in ("attribute", "member_expression", "subscript", "subscript_expression")
                or (
                    value.type in ("call", "call_expression")
                    and self._derived_from(value, accessors)
                )
            ]
        return []

    def _receiver_is_one(self, receiver: Node, constructors: list[str], names: str | None) -> bool:
        wanted = {c.strip() for c in constructors}
        name_pattern = re.compile(names) if names else None

        def built_by(full: str) -> bool:
            """`full` is the callee of a call (`axios.create`, `requests.Session`)."""
            callee = full.rsplit(".", 1)[-1]
            if full in wanted or any("." in w and full.endswith(w) for w in wanted):
                return True  # axios.create
            if callee in wanted and "." not in callee:
                return not any("." in w and w.endswith("." + callee) for w in wanted)
            return bool(name_pattern and name_pattern.search(callee))

        def called(value: Node) -> bool:
            return built_by(_callee_text(value))

        text = node_text(receiver)
        if receiver.type in ("call", "call_expression"):
            return called(receiver)
        last = text.rsplit(".", 1)[-1]
        if name_pattern is not None and name_pattern.search(last):
            return True  # named like one, whatever it holds
        if (
            name_pattern is None
            and all("." in w for w in wanted)
            and not any(self._mentions(w) for w in wanted)
        ):
            # Only a call spelled `axios.create(...)` builds one: none in the file.
            return False
        if receiver.type in ("attribute", "member_expression") and re.match(
            r"^(self|this)\.\w+$", text
        ):
            # self.session = requests.Session() in __init__, this.http = axios.create().
            path = normalized(text)
            for method in self.flow.class_methods(receiver):
                if any(built_by(full) for full in self._attribute_calls(method).get(path, ())):
                    return True
            # A class attribute: `client = httpx.Client()`, `client: httpx.Client`, a
            # dataclass `field(default_factory=requests.Session)`.
            for value, annotation in self._class_attribute(receiver, path.split(".", 1)[1]):
                if annotation is not None and set(re.findall(r"\w+", annotation)) & wanted:
                    return True
                if value is not None and value.type in ("call", "call_expression"):
                    if called(value):
                        return True
                    factory = _keyword_value(value, "default_factory")
                    if factory is not None and built_by(node_text(factory)):
                        return True
        if receiver.type == "identifier":
            values = self._assigned_values(receiver)
            if not values and self._annotated_as(receiver, wanted):
                return True
            for value in values:
                inner = (
                    value.named_children[0]
                    if value.type in ("await", "await_expression") and value.named_children
                    else value
                )
                if inner.type in ("call", "call_expression") and called(inner):
                    return True
        last = text.rsplit(".", 1)[-1]
        return bool(name_pattern and name_pattern.search(last))

    def _class_attribute(self, member: Node, name: str) -> list[tuple[Node | None, str | None]]:
        """For `self.name`: the values and annotations the class body gives `name`."""
        klass = next(
            (a for a in reversed(self.flow.ancestors(member)) if a.type == "class_definition"),
            None,
        )
        body = klass.child_by_field_name("body") if klass is not None else None
        if body is None:
            return []
        self.flow.read_range(body)
        found: list[tuple[Node | None, str | None]] = []
        for statement in body.named_children:
            assignment = statement.named_children[0] if statement.named_children else None
            if statement.type != "expression_statement" or assignment is None:
                continue
            if assignment.type != "assignment":
                continue
            left = assignment.child_by_field_name("left")
            if left is None or left.type != "identifier" or node_text(left) != name:
                continue
            annotation = assignment.child_by_field_name("type")
            found.append(
                (
                    assignment.child_by_field_name("right"),
                    node_text(annotation) if annotation is not None else None,
                )
            )
        return found

    def _may_be_alias(self, call: Node) -> bool:
        """Whether the callee's name is written in an import statement (most are not)."""
        self.flow.read_key(IMPORT_NAMES_KEY)
        if self._import_names is None:
            self._import_names = import_names(self.document.data)
        return alias_name(call) in self._import_names

    def _file_imports(self, module: str) -> bool:
        """The file names `module` in an import: a quoted specifier in JavaScript, an
        `import m` / `from m import ...` (or a submodule of it) in Python."""
        if self.document.language.name != "python":
            return self._mentions(f'"{module}"') or self._mentions(f"'{module}'")
        if not self._mentions(module):
            return False
        self.flow.read_key(IMPORT_NAMES_KEY)
        pattern = rf"(?m)^[ \t]*(?:import|from)[ \t]+{re.escape(module)}\b"
        return re.search(pattern.encode(), self.document.data) is not None

    def _mentions(self, text: str) -> bool:
        """Whether the document's text contains `text` anywhere."""
        self.flow.read_key(("text", text))
        found = self._mentioned.get(text)
        if found is None:
            found = self._mentioned[text] = text.encode() in self.document.data
        return found

    def _attribute_calls(self, method: Node) -> dict[str, tuple[str, ...]]:
        """For `self.x`/`this.x` assigned the result of a call in `method`: the callees."""
        self.flow.read_range(method)
        if self._subtree_cache is not None:
            return self._subtree_cache(method, "attribute-calls", self._collect_attribute_calls)
        return self._collect_attribute_calls(method)

    def _collect_attribute_calls(self, method: Node) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for path, definitions in self.flow.definitions(method).items():
            if not re.match(r"^(self|this)\.\w+$", path):
                continue
            callees = tuple(
                _callee_text(d.value)
                for d in definitions
                if d.value is not None and d.value.type in ("call", "call_expression")
            )
            if callees:
                found[path] = callees
        return found

    def _in_route(self, node: Node, context: str = "route") -> bool:
        """Inside a web framework's view function (Flask/FastAPI route decorators); with
        context "handler", inside a method of a Tornado RequestHandler class."""
        scope = self.flow.enclosing_scope(node)
        if self.flow.is_module(scope):
            self.flow.read_context(node)  # module-level code: no function around it
            return False
        self.flow.read_head(scope, node)
        if context == "handler":
            handler = getattr(self.flow, "in_request_handler", None)
            return handler is not None and bool(handler(scope))
        route_of = getattr(self.flow, "route_of", None)
        return route_of is not None and scope.type != "module" and route_of(scope) is not None

    def _hapi_toolkit(self, call: Node) -> bool:
        """`h.redirect(...)` where `h` is the second parameter of a Hapi route handler: a
        function that is a `handler` option (`server.route({ handler(request, h) {...} })`,
        `options: { handler }`), or any function of a file that uses @hapi packages."""
        function = call.child_by_field_name("function")
        receiver = function.child_by_field_name("object") if function is not None else None
        if receiver is None:
            return False
        name = node_text(receiver)
        self.flow.read_context(call)
        scope = self.flow.enclosing_scope(call)
        while not self.flow.is_module(scope):
            parameters = self.flow.parameters(scope)
            if any(p.name == name for p in parameters):
                if len(parameters) < 2 or parameters[1].name != name:
                    return False
                key = scope.child_by_field_name("name")
                if key is None and scope.parent is not None and scope.parent.type == "pair":
                    key = scope.parent.child_by_field_name("key")
                return (key is not None and node_text(key) == "handler") or self._mentions("@hapi/")
            scope = self.flow.enclosing_scope(scope)
        return False

    def _annotated_as(self, identifier: Node, wanted: set[str]) -> bool:
        """A parameter whose type annotation names one of the constructors."""
        scope = self.flow.enclosing_scope(identifier)
        name = node_text(identifier)
        for parameter in self.flow.parameters(scope):
            if parameter.name == name:
                words = set(re.findall(r"\w+", parameter.annotation))
                return bool(words & wanted)
        return False

    def _shadowed_global(self, call: Node) -> bool:
        """`fetch(x)` / `axios.get(x)` where a function around the call binds `fetch` or
        `axios` itself (a parameter, `const axios = await getAxios()`): not the global."""
        function = call.child_by_field_name("function") if call.type == "call_expression" else None
        if function is not None and function.type == "member_expression":
            function = function.child_by_field_name("object")
        shadowed = getattr(self.flow, "shadowed", None)
        return (
            function is not None
            and function.type == "identifier"
            and node_text(function) in _GLOBAL_CLIENTS
            and shadowed is not None
            and shadowed(function)
        )

    def _built_from_module(self, receiver: Node, modules: list[str], depth: int = 0) -> bool:
        """`receiver` was made by a call or `new` whose callee comes from one of `modules`:
        `new sqlite3.Database(f)` with `sqlite3 = require("sqlite3").verbose()`,
        `require("better-sqlite3")(f)`, `await open({...})` with `open` from "sqlite"."""
        if depth > 3:
            return False
        node = receiver
        while node.type in ("await_expression", "parenthesized_expression", "non_null_expression"):
            if not node.named_children:
                return False
            node = node.named_children[0]
        if node.type in ("call_expression", "new_expression", "member_expression"):
            while node.type in ("call_expression", "new_expression", "member_expression"):
                if node.type == "call_expression":
                    function = node.child_by_field_name("function")
                    if function is not None and node_text(function) in ("require", "import"):
                        arguments = node.child_by_field_name("arguments")
                        first = arguments.named_children[:1] if arguments is not None else []
                        return bool(first) and _string_content(first[0]) in modules
                    node = function if function is not None else node
                elif node.type == "new_expression":
                    node = node.child_by_field_name("constructor") or node
                else:
                    node = node.child_by_field_name("object") or node
                if node.type not in ("call_expression", "new_expression", "member_expression"):
                    break
        if node.type != "identifier":
            return False
        self.flow.read_key(("binding", node_text(node)))
        binding = self.module_bindings().get(node_text(node))
        if binding is not None:
            return binding[0] in modules
        return any(
            self._built_from_module(value, modules, depth + 1)
            for value in self._assigned_values(node)
        )

    def _assigned_values(self, identifier: Node) -> list[Node]:
        """Values assigned to `identifier` in its function, or else at module level."""
        scope = self.flow.enclosing_scope(identifier)
        name = node_text(identifier)
        definitions = self.flow.reaching_definitions(scope, name, identifier)
        if not definitions:
            definitions = self.flow.module_definitions(name)
        return [d.value for d in definitions if d.value is not None]


# Global functions and module names that sink patterns match by name.
_GLOBAL_CLIENTS = frozenset(
    {"fetch", "axios", "got", "ky", "superagent", "needle", "request", "undici"}
)
# The constant start of a statement in SQL: SELECT ..., INSERT INTO ..., WITH x AS (...).
_SQL_START = re.compile(
    r"^[\s(]*(?:select|insert|update|delete|with|replace|create|drop|alter|pragma|begin"
    r"|commit|rollback|values|upsert|merge|truncate|explain|attach|vacuum)\b",
    re.IGNORECASE,
)


def _reads_as_sql(flow: FlowAnalyzer, argument: Node) -> bool:
    """The argument's constant start (through names assigned once, `+` and templates)
    is the start of an SQL statement."""
    literal = ""
    for part in flow.string_parts(argument):
        if not isinstance(part, str):
            break
        literal += part
    return bool(_SQL_START.match(literal))


def _keyword_value(call: Node, name: str) -> Node | None:
    arguments = call.child_by_field_name("arguments")
    for argument in arguments.named_children if arguments is not None else []:
        key = argument.child_by_field_name("name")
        if argument.type == "keyword_argument" and key is not None and node_text(key) == name:
            return argument.child_by_field_name("value")
    return None


def _callee_text(call: Node) -> str:
    """The callee as written, without the arguments of the calls it is chained on:
    `client.db("shop").collection` for `client.db("shop").collection("orders")`."""
    function = call.child_by_field_name("function")
    if function is not None and function.type in ("attribute", "member_expression"):
        inner = function.child_by_field_name("object")
        name = function.child_by_field_name("attribute") or function.child_by_field_name("property")
        if inner is not None and name is not None and inner.type in ("call", "call_expression"):
            return f"{_callee_text(inner)}().{node_text(name)}"
    return node_text(call).split("(", 1)[0].strip()


def binding_candidates(root: Node) -> list[Node]:
    """Declarators and import statements, in document order: where names get bound."""
    found: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            found.append(node)
        elif node.type == "import_statement":
            found.append(node)
            continue
        stack.extend(reversed(node.named_children))
    return found


def _bind(bindings: dict[str, tuple[str, str | None]], node: Node) -> None:
    """Add what one declarator or import statement binds to a Node module."""
    if node.type == "variable_declarator":
        value = node.child_by_field_name("value")
        name = node.child_by_field_name("name")
        module = _required_module(value) if value is not None else None
        if module is not None and name is not None:
            _bind_pattern(bindings, name, module)
        elif value is not None and name is not None and name.type == "identifier":
            wrapped = _promisified_binding(value, bindings)
            if wrapped is not None:
                bindings[node_text(name)] = wrapped
    elif node.type == "import_statement":
        source = node.child_by_field_name("source")
        module = _string_content(source) if source is not None else ""
        for child in node.named_children:
            if child.type == "import_clause":
                _bind_import_clause(bindings, child, module)
            elif child.type == "import_require_clause":
                # TypeScript: import fs = require("fs")
                required = child.child_by_field_name("source")
                local = next((c for c in child.named_children if c.type == "identifier"), None)
                if required is not None and local is not None:
                    bindings[node_text(local)] = (_string_content(required), None)


def _required_module(value: Node) -> str | None:
    node = value
    while node.type in ("member_expression", "await_expression"):
        inner = node.child_by_field_name("object") or (
            node.named_children[0] if node.named_children else None
        )
        if inner is None:
            return None
        node = inner
    if node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or arguments is None or node_text(function) not in ("require", "import"):
        return None
    first = arguments.named_children[0] if arguments.named_children else None
    if first is None or first.type != "string":
        return None
    return _string_content(first)


def _promisified_binding(
    value: Node, bindings: dict[str, tuple[str, str | None]]
) -> tuple[str, str | None] | None:
    """`const run = promisify(exec)` / `util.promisify(cp.exec)` /
    `promisify(require("child_process").exec)`: the wrapped function's binding."""
    if value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    arguments = value.child_by_field_name("arguments")
    if function is None or not node_text(function).endswith("promisify") or arguments is None:
        return None
    wrapped = arguments.named_children[0] if arguments.named_children else None
    if wrapped is None:
        return None
    if wrapped.type == "identifier":
        return bindings.get(node_text(wrapped))
    if wrapped.type == "member_expression":
        member = wrapped.child_by_field_name("property")
        container = wrapped.child_by_field_name("object")
        if member is None or container is None:
            return None
        if container.type == "identifier" and node_text(container) in bindings:
            return (bindings[node_text(container)][0], node_text(member))
        module = _required_module(container)
        if module is not None:
            return (module, node_text(member))
    return None


def _bind_pattern(bindings: dict[str, tuple[str, str | None]], name: Node, module: str) -> None:
    if name.type == "identifier":
        bindings[node_text(name)] = (module, None)
        return
    for child in name.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            bindings[node_text(child)] = (module, node_text(child))
        elif child.type == "pair_pattern":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                bindings[node_text(value)] = (module, node_text(key))


def _bind_import_clause(
    bindings: dict[str, tuple[str, str | None]], clause: Node, module: str
) -> None:
    for child in clause.named_children:
        if child.type == "identifier":
            bindings[node_text(child)] = (module, None)
        elif child.type == "namespace_import":
            for identifier in child.named_children:
                bindings[node_text(identifier)] = (module, None)
        elif child.type == "named_imports":
            for specifier in child.named_children:
                name = specifier.child_by_field_name("name")
                alias = specifier.child_by_field_name("alias")
                if name is not None:
                    local = alias if alias is not None else name
                    bindings[node_text(local)] = (module, node_text(name))


def _string_content(node: Node) -> str:
    return "".join(
        node_text(c) for c in node.named_children if c.type in ("string_fragment", "string_content")
    )


def _has_option(call: Node, key: str) -> bool:
    """True when an object literal passed to `call` has `key` (res.sendFile(p, { root }))."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return False
    return any(
        _has_key(argument, key)
        for argument in arguments.named_children
        if argument.type == "object"
    )


def _has_key(options: Node, key: str) -> bool:
    for child in options.named_children:
        if child.type == "pair":
            name = child.child_by_field_name("key")
            if name is not None and node_text(name).strip("'\"") == key:
                return True
        elif child.type == "shorthand_property_identifier" and node_text(child) == key:
            return True
    return False


def _sink_name(call: Node) -> str:
    if call.type in ("call", "call_expression", "new_expression"):
        function = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        if function is not None:
            text = node_text(function)
            if "\n" in text or "(" in text:
                text = text.rsplit(".", 1)[-1]
            parts = text.split(".")
            return ".".join(parts[-2:]) + "()"
    if call.type in ("assignment_expression", "augmented_assignment_expression"):
        left = call.child_by_field_name("left")
        if left is not None:
            prop = left.child_by_field_name("property")
            if prop is not None:
                return f"{node_text(prop)} assignment"
    return node_text(call).split("(", 1)[0][:40]


def _message(rule: Rule, sink_name: str, trace: Trace) -> str:
    if trace.kind is OriginKind.UNTRUSTED:
        origin = f"untrusted input {trace.origin_text} (line {trace.origin.span.start[0] + 1})"
    else:
        origin = f"{trace.origin_text}, whose callers are unknown,"
    return f"{sink_name} {rule.action} {origin} with no {rule.missing_control} before it."


def _path(trace: Trace, sink: SinkMatch) -> tuple[Step, ...]:
    steps = [trace.origin]
    for step in trace.steps:
        if step.span.start_byte <= sink.call.start_byte <= step.span.end_byte and (
            step.span.end_byte - step.span.start_byte > sink.call.end_byte - sink.call.start_byte
        ):
            continue  # a step that merely encloses the sink adds nothing
        if step not in steps:
            steps.append(step)
    return tuple(steps)


def _forwards_its_parameter(
    flow: FlowAnalyzer, call: Node, argument: Node, traces: list[Trace]
) -> bool:
    """Whether the SQL `argument` is the enclosing function's parameter of that name,
    with nothing of its other parameters spliced in (`sql += " ORDER BY " + order`)."""
    name = node_text(argument)
    # The functions around the call: a closure may run its outer function's query.
    scopes: set[int] = set()
    scope = flow.enclosing_scope(call)
    while not flow.is_module(scope):
        scopes.add(scope.start_byte)
        scope = flow.enclosing_scope(scope)
    own = [
        t.parameter
        for t in traces
        if t.kind is OriginKind.PARAMETER and t.parameter is not None and t.parameter[0] in scopes
    ]
    return bool(own) and all(parameter[1] == name for parameter in own)


def _passes_bound_parameters(call: Node) -> bool:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return False
    values = [a for a in arguments.named_children if a.type != "comment"]
    if len(values) < 2:
        return False
    second = values[1]
    if second.type == "keyword_argument":
        name = second.child_by_field_name("name")
        return name is not None and node_text(name) in ("params", "parameters", "args", "values")
    return second.type not in ("none", "null", "undefined")


def _in_test_code(flow: FlowAnalyzer, node: Node) -> bool:
    """Inside a test function, a pytest fixture, or a test case class (`class TestLogin`,
    unittest's `class LoginTests(TestCase)`)."""
    return any(
        (current.type in flow.function_types and flow.is_test_function(current))
        or (current.type in _CLASS_TYPES and _is_test_class(current))
        or (current.type == "function_definition" and _is_fixture(flow, current))
        for current in flow.ancestors(node)
    )


def _is_fixture(flow: FlowAnalyzer, function: Node) -> bool:
    decorators = getattr(flow, "decorators", None)
    return decorators is not None and any(
        is_fixture_decorator(node_text(d)) for d in decorators(function)
    )


_CLASS_TYPES = frozenset({"class_definition", "class_declaration", "class"})


def _is_test_class(node: Node) -> bool:
    name = node.child_by_field_name("name")
    text = node_text(name) if name is not None else ""
    if re.match(r"Test([A-Z0-9_]|$)", text) or text.endswith(("Test", "Tests", "TestCase")):
        return True
    superclasses = node.child_by_field_name("superclasses")
    return superclasses is not None and "TestCase" in node_text(superclasses)


# ---------------------------------------------------------------------- argument policies
def _fixed_host(flow: FlowAnalyzer, argument: Node) -> bool:
    """SSRF is about the host. A URL is safe when everything before the first untrusted
    part fixes the host: a constant "https://host/" prefix, a relative "/path", or a
    configured base URL (a value with no untrusted origin) followed by a path separator."""
    if argument.type in ("object", "dictionary"):
        return True  # a config object: the `url` key has its own pattern
    url = _request_object_url(flow, argument)
    if url is not None:
        return _fixed_host(flow, url)
    literal = ""
    configured_base = False
    redirect = flow.rule == "open-redirect"
    for part in flow.string_parts(argument):
        if isinstance(part, str):
            literal += part
            continue
        if redirect and _SCHEME_ONLY.match(literal) and _OWN_HOST.search(node_text(part)):
            # "https://" + req.hostname: the victim's browser sent the site's own host.
            literal += "request-host"
            continue
        if redirect and literal.endswith("://request-host") and _TARGET.search(node_text(part)):
            literal += "/"  # + req.originalUrl: the request target starts with "/"
            continue
        if flow.traces(part, flow.rule or "ssrf"):
            break
        if part.type in flow.literal_types:
            continue
        fixed = _constant_lookup_start(flow, part) if not literal else None
        if fixed is not None:
            literal = fixed  # CARRIERS[name] where every carrier URL fixes its host
            continue
        configured_base, literal = True, ""
    else:
        return True  # nothing untrusted in the URL at all
    if configured_base:
        return any(mark in literal for mark in "/?#")
    if _FIXED_HOST.match(literal):
        return True
    # A path relative to the current origin ("/api/users/" + id, "./callback?" + q,
    # "../up/" + p) keeps the host, as does a constant "?" or "#" ahead of the value (it
    # reaches only the query or fragment); "/" alone does not ("/" + "/evil.com", "/\\x").
    return bool(_SAME_SITE_START.match(literal)) or any(mark in literal for mark in "?#")


# Request objects that carry their URL to the call that sends them: urllib's
# `Request(url, ...)`, Tornado's `HTTPRequest(url)`, the Fetch API's `new Request(url)`.
_REQUEST_OBJECTS = re.compile(
    r"^(?:(?:urllib\.request|urllib2|tornado\.httpclient)\.)?(?:Request|HTTPRequest)$"
)


def _request_object_url(flow: FlowAnalyzer, argument: Node) -> Node | None:
    """The URL argument of the request object `argument` is (or is assigned once), so
    the host policy judges that URL: `urlopen(Request(BASE + name))`."""
    value: Node | None = argument
    if argument.type == "identifier":
        value = flow.single_value(argument)
    if value is None or value.type not in ("call", "new_expression"):
        return None
    callee = value.child_by_field_name("function") or value.child_by_field_name("constructor")
    if callee is None or not _REQUEST_OBJECTS.match(node_text(callee)):
        return None
    arguments = value.child_by_field_name("arguments")
    first = (
        arguments.named_children[0] if arguments is not None and arguments.named_children else None
    )
    if first is None or first.type in ("keyword_argument", "spread_element", "dictionary_splat"):
        return None
    return first


def _constant_lookup_start(flow: FlowAnalyzer, part: Node) -> str | None:
    """`CARRIERS[key]` or `CARRIERS.get(key)` where CARRIERS is a dictionary literal
    assigned once at module level and every value is a URL that fixes its host: one of
    them (any, as they all fix a host), else None."""
    container: Node | None = None
    if part.type in ("subscript", "subscript_expression"):
        container = part.child_by_field_name("value") or part.child_by_field_name("object")
    elif part.type in ("call", "call_expression"):
        function = part.child_by_field_name("function")
        if function is not None and function.type in ("attribute", "member_expression"):
            method = function.child_by_field_name("attribute") or function.child_by_field_name(
                "property"
            )
            if method is not None and node_text(method) == "get":
                container = function.child_by_field_name("object")
            arguments = part.child_by_field_name("arguments")
            for default in arguments.named_children[1:] if arguments is not None else []:
                if container is not None and _same_table_entry(default, container):
                    continue  # CARRIERS.get(key, CARRIERS["ups"]): a value of the same table
                text = "".join(p for p in flow.string_parts(default) if isinstance(p, str))
                if default.type != "string" or not _FIXED_HOST.match(text):
                    return None  # a default that does not fix the host either
    if container is None or container.type != "identifier":
        return None
    definitions = flow.module_definitions(node_text(container))
    if len(definitions) != 1 or definitions[0].value is None:
        return None
    table = definitions[0].value
    if table.type not in ("dictionary", "object"):
        return None
    values = [pair.child_by_field_name("value") for pair in table.named_children]
    found: list[str] = []
    for value in values:
        if value is None or value.type != "string":
            return None
        text = "".join(p for p in flow.string_parts(value) if isinstance(p, str))
        if not _FIXED_HOST.match(text):
            return None
        found.append(text)
    return found[0] if found else None


def _same_table_entry(default: Node, container: Node) -> bool:
    """`TABLE[k]` where `container` is the name `TABLE`: a value of the table itself
    (or a KeyError), judged with the table's other values."""
    if default.type not in ("subscript", "subscript_expression"):
        return False
    table = default.child_by_field_name("value") or default.child_by_field_name("object")
    return (
        table is not None
        and table.type == "identifier"
        and container.type == "identifier"
        and node_text(table) == node_text(container)
    )


# Constant starts of a URL relative to the current site: "/x" (not "//" or "/\\"), "./", "../".
_SAME_SITE_START = re.compile(r"^(?:/[^/\\]|\.\.?/)")
_SCHEME_ONLY = re.compile(r"^(?:https?:)?//$", re.IGNORECASE)
# The request's own host (HTTP->HTTPS upgrades, canonical-host redirects) and its target:
# Express/Koa `req.hostname`, `req.originalUrl`; Flask/Django/Tornado `request.host`,
# `request.headers["Host"]`, `request.get_host()`, `request.full_path`, `get_full_path()`.
_REQUEST = r"^(?:req|request|ctx|ctx\.request|self\.request)\."
_OWN_HOST = re.compile(
    _REQUEST + r"(?:hostname|host|get_host\(\)|headers\.host"
    r"|(?:headers\.)?get\([\"'](?i:host)[\"']\)|headers\[[\"'](?i:host)[\"']\]"
    r"|META\[[\"']HTTP_HOST[\"']\])$"
)
_TARGET = re.compile(_REQUEST + r"(?:originalUrl|url|path|full_path|get_full_path\(\)|uri)$")

_MARKUP = re.compile(r"<[a-zA-Z!/]")


def _no_markup(flow: FlowAnalyzer, argument: Node) -> bool:
    """A response is HTML when its body carries markup; plain text and JSON bodies are not
    reported. Looks at the literal parts of the string the body is built from."""
    if _declared_not_html(argument):
        return True
    body = argument
    if (
        body.type in ("expression_list", "tuple", "parenthesized_expression")
        and body.named_children
    ):
        body = body.named_children[0]
    literal = "".join(part for part in flow.string_parts(body) if isinstance(part, str))
    return not _MARKUP.search(literal)


def _declared_not_html(argument: Node) -> bool:
    """The response call of `argument` declares a media type that is not HTML
    (`Response(body, mimetype="text/plain")`, aiohttp's `content_type="application/json"`):
    browsers do not render it."""
    holder = argument.parent
    if holder is None or holder.type != "argument_list":
        return False
    for keyword in holder.named_children:
        if keyword.type != "keyword_argument":
            continue
        name = keyword.child_by_field_name("name")
        value = keyword.child_by_field_name("value")
        if (
            name is not None
            and node_text(name) in ("mimetype", "content_type", "media_type")
            and value is not None
            and value.type == "string"
        ):
            media = node_text(value).strip("\"'").lower()
            return "html" not in media and "xml" not in media and bool(media)
    return False


def _jquery_selector(flow: FlowAnalyzer, argument: Node) -> bool:
    """$(x) parses x as HTML when it starts with "<" (after spaces), as a selector
    otherwise. Safe: a constant start that is no markup ("#" + id), or a value without
    markup from a parameter (a helper's `$(selector)`). Reported: markup around the
    value (any origin), or a value that is all untrusted input (it can start with "<")."""
    parts = flow.string_parts(argument)
    start = ""
    for part in parts:
        if not isinstance(part, str):
            break
        start += part
    if start.strip() and not start.lstrip().startswith("<"):
        return True
    literal = "".join(part for part in parts if isinstance(part, str))
    if _MARKUP.search(literal):
        return False
    traces = flow.traces(argument, flow.rule or "xss")
    return all(trace.kind is not OriginKind.UNTRUSTED for trace in traces)


def _config_object(flow: FlowAnalyzer, argument: Node) -> bool:
    """query({ text, values }): the `text` key has its own pattern."""
    return argument.type == "object"


def _string_field(flow: FlowAnalyzer, argument: Node) -> bool:
    """{"brand": brand} in a filter: a value that is always a string (a query-string or
    form value, here or through local assignments) cannot carry an operator object."""
    check = getattr(flow, "request_string", None)
    return bool(check is not None and check(argument))


_SAFE_URL_START = re.compile(r"^(?:/|#|\?|\./|\.\./|https?://|mailto:|tel:)", re.IGNORECASE)


def _fixed_scheme(flow: FlowAnalyzer, argument: Node) -> bool:
    """A link whose constant start fixes a safe scheme (or a relative path) cannot be
    turned into javascript:."""
    literal = ""
    for part in flow.string_parts(argument):
        if not isinstance(part, str):
            break
        literal += part
    else:
        return True  # fully constant
    if _SAFE_URL_START.match(literal):
        return True
    # The page's own path (`location.pathname`, "/...") cannot carry a scheme.
    traces = flow.traces(argument, flow.rule or "url") if not literal else []
    return bool(traces) and all(_OWN_PATH.match(t.origin_text) for t in traces)


_OWN_PATH = re.compile(r"^(?:(?:window|document|self)\.)?location\.pathname$")


def _defused_parser(flow: FlowAnalyzer, argument: Node) -> bool:
    """`ElementTree.fromstring(data)` is safe when `ElementTree` is defusedxml's module
    (`from defusedxml import ElementTree`, `import defusedxml.minidom as minidom`) or
    the call spells it out (`defusedxml.ElementTree.fromstring`)."""
    call = argument.parent.parent if argument.parent is not None else None
    function = call.child_by_field_name("function") if call is not None else None
    receiver = function.child_by_field_name("object") if function is not None else None
    if receiver is None:
        return False
    text = node_text(receiver)
    if text.startswith("defusedxml."):
        return True
    if receiver.type != "identifier":
        return False
    return text in _defusedxml_names(node_text(flow.root))


_DEFUSED_FROM = re.compile(
    r"^[ \t]*from[ \t]+defusedxml(?:\.\w+)?[ \t]+import[ \t]+(?:\(([^)]*)\)|([^\n#]+))",
    re.MULTILINE,
)
_DEFUSED_AS = re.compile(r"^[ \t]*import[ \t]+defusedxml\.\w+[ \t]+as[ \t]+(\w+)", re.MULTILINE)


def _defusedxml_names(text: str) -> set[str]:
    """Local names bound by `from defusedxml import a, b as c` and
    `import defusedxml.x as y`."""
    names = set(_DEFUSED_AS.findall(text))
    for parenthesized, plain in _DEFUSED_FROM.findall(text):
        for item in (parenthesized or plain).split(","):
            words = item.split()
            if len(words) == 3 and words[1] == "as":
                names.add(words[2])
            elif len(words) == 1:
                names.add(words[0])
    return names


_ALLOWS_CREDENTIALS = re.compile(
    r"access-control-allow-credentials[\"'`]\s*[,:]\s*[\"'`]?true", re.IGNORECASE
)


def _no_reflected_origin(flow: FlowAnalyzer, argument: Node) -> bool:
    """Hand-written CORS is permissive when Access-Control-Allow-Origin echoes a value
    from the request (its Origin header) that no allowlist check guards, and the same
    function (or module) sends Access-Control-Allow-Credentials: true."""
    if not flow.traces(argument, "permissive-cors"):
        return True  # a constant origin, or one checked against an allowlist
    scope = flow.enclosing_scope(argument)
    flow.read_range(scope)
    return not _ALLOWS_CREDENTIALS.search(node_text(scope))


def _not_a_secret(flow: FlowAnalyzer, argument: Node) -> bool:
    """A literal under a secret-sounding name that is no secret: the name itself
    (`{"cache_creation_input_tokens": "cache_creation_input_tokens"}`, a column map), a
    pagination cursor (`next_page_token`, `cursor`, `continuationToken`: an opaque
    position), or base64 of a JSON document (`"eyJpbmRleCI6IDExfQ=="`, `{"index": 11}`)."""
    quoted = _QUOTED.match(node_text(argument))
    if quoted is None:
        return False
    value = quoted.group(2)
    holder = argument.parent
    name = next(
        (
            node
            for node in (
                holder.child_by_field_name(field) if holder is not None else None
                for field in ("key", "name", "left", "pattern", "property")
            )
            if node is not None and node != argument
        ),
        None,
    )
    pieces = [p for p in re.split(r"[^A-Za-z0-9_$-]+", node_text(name)) if p] if name else []
    last = pieces[-1] if pieces else ""
    if last and last.lower() == value.lower():
        return True
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", last)]
    if words and (
        words[-1] == "cursor" or (words[-1] == "token" and words[-2:-1] in _CURSOR_WORDS)
    ):
        return True
    return _encoded_json(value)


_QUOTED = re.compile(r"^[bBuUrRfF]*([\"'`])(.*)\1$", re.DOTALL)
_CURSOR_WORDS = (["page"], ["next"], ["continuation"], ["resume"], ["cursor"])
_BASE64 = re.compile(r"^[A-Za-z0-9+/_-]{8,}={0,2}$")


def _encoded_json(value: str) -> bool:
    """Base64 (standard or URL-safe) of a JSON object or array."""
    if not _BASE64.match(value):
        return False
    text = value.rstrip("=").replace("-", "+").replace("_", "/")
    try:
        decoded = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        data = json.loads(decoded.decode("utf-8"))
    except ValueError:  # binascii.Error, UnicodeDecodeError, JSONDecodeError
        return False
    return isinstance(data, (dict, list))


ARGUMENT_POLICIES: dict[str, Callable[[FlowAnalyzer, Node], bool]] = {
    "secret-value": _not_a_secret,
    "cors-reflection": _no_reflected_origin,
    "defused-xml": _defused_parser,
    "url-scheme": _fixed_scheme,
    "ssrf": _fixed_host,
    "sql-injection": _config_object,
    "string-field": _string_field,
    "html-markup": _no_markup,
    "jquery-html": _jquery_selector,
}

__all__ = ["NodeKey", "analyze"]
