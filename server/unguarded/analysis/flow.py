"""Backward data flow from a sink's argument to its origins, and the controls on the way.

The analysis is intraprocedural with simple summaries: it follows a value through the
definitions that reach it in its function (assignments, augmented assignments, loop
targets, `with` targets, destructuring, container writes), through closures to enclosing
scopes and module constants, and through calls to functions defined in the same file.
A trace is dropped when a control stands on its path:
  * a coercion or a sanitizer call the value passes through (`int()`, `html.escape()`),
  * a guard that dominates the use and tests the value (a validator call, an allowlist
    membership test, a comparison with literals, an early exit or an `assert`).
Language syntax lives in the subclasses (`python_flow.py`, `js_flow.py`).
"""

from __future__ import annotations

import re
import string
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import tree_sitter

from unguarded.analysis.model import OriginKind, Span, Step
from unguarded.analysis.settings import AnalysisSettings

Node = tree_sitter.Node
NodeKey = tuple[int, int, int]

# Deep expressions are cut off here instead of risking the interpreter's recursion limit.
MAX_DEPTH = 60
MAX_CONDITION_DEPTH = 40
MAX_TRACES = 4
LABEL_WIDTH = 80

# Callee names (last dotted component) that read as validation.
_VALIDATOR_NAME = re.compile(
    r"^(is|has|can|should|must)(_|[A-Z])|valid|verif|check|allow|permit|safe|trust|sanitiz|"
    r"whitelist|ensure|assert|guard|require|authori[sz]",
    re.IGNORECASE,
)
# Names of collections that read as allowlists.
_ALLOWLIST_NAME = re.compile(
    r"allow|permit|valid|safe|trust|white|known|accept|support|choices|options|^[A-Z0-9_]+$",
    re.IGNORECASE,
)
# startswith("http") and friends check the scheme only: they say nothing about the rest.
_SCHEME_ONLY = re.compile(r"^(?:[a-z][a-z0-9+.-]*:?/{0,2}|/|\.|)$", re.IGNORECASE)


_BOOLEANS = frozenset({"True", "False", "true", "false"})
# The rules whose danger is the start of a URL (besides ssrf and path-traversal, which
# need a host-ending prefix or a normalized base): for them a startswith() counts.
PREFIX_CONTROLLED_RULES = frozenset({"url", "open-redirect"})
# A URL prefix that fixes scheme and host: "https://host/".
FIXED_HOST_PREFIX = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#@\s]+[/?#]", re.IGNORECASE)
# A path of the site itself, or relative to a base the code chose.
_CHOSEN_PATH = re.compile(r"^(?:/[^/\\]|\.\.?/)")
# Assertion helpers check truthiness (ctx.assert(x), assert.ok(x)): no validation.
_NOT_VALIDATORS = frozenset({"assert", "ok", "assertTrue", "equal", "strictEqual"})
# Methods that look a record up by a key: their result is stored data, not the key.
LOOKUP_METHODS = frozenset(
    {
        "filter",
        "filter_by",
        "get_or_404",
        "first_or_404",
        "one_or_none",
        "get_object_or_404",
        "find",
        "find_one",
        "findOne",
        "findById",
        "findByPk",
        "findAll",
        "findUnique",
        "findFirst",
        "findMany",
        "exists",
        "count",
        "get_by",
        "where",
        "fetchone",
        "fetchall",
        "scalar",
        "scalars",
        "hash",
        "verify",
        "compare",
        "check_password",
        "authenticate",
    }
)
# Validators that check a value's shape only: no control against SSRF.
FORMAT_ONLY_VALIDATORS = frozenset(
    {
        "isIP",
        "isIPv4",
        "isIPv6",
        "isURL",
        "isFQDN",
        "url",
        "ip_address",
        "ip_network",
        "is_valid_ip",
        "is_ip",
        "isValidUrl",
        "is_valid_url",
        "is_url",
    }
)
_MEMBER_TYPES = frozenset({"attribute", "subscript", "member_expression", "subscript_expression"})
_CALL_TYPES = frozenset({"call", "call_expression", "new_expression", "await", "await_expression"})
_NOT_SUBJECTS = frozenset({"argument_list", "arguments", "keyword_argument", "comment"})
# Accessors of a parsed URL or path: checking them checks the value they were parsed from.
# Not a URL's path: `url.pathname === "/asset"` routes a request, it does not check the
# host or the query (`url.searchParams`) of the URL.
_COMPONENT = re.compile(
    r"\.(hostname|host|netloc|port|origin|name|stem|suffix|parent|parts|"
    r"username|href)$"
)
_SCHEME_PART = re.compile(r"\.(scheme|protocol)$")
# The parts of a parsed URL that a destructuring can take (`const { hostname } = new
# URL(u)`): checking one checks the URL.
_URL_COMPONENT = re.compile(r"\.(hostname|host|netloc|port|origin|username|href|protocol)$")
# A file name's extension: checking it says nothing about the rest ("../../etc/x.png",
# "a; rm -rf / #.png" pass an extension allowlist).
_EXTENSION_PART = re.compile(
    r"(?:\.(?:suffix|suffixes|extension|ext)"
    r"|(?:splitext\(.*\)|\.r?split\(\s*[\"']\.[\"'].*\))\[\s*-?1\s*\])$",
    re.DOTALL,
)
_EXTENSION_CALLS = frozenset({"extname", "splitext"})
# A digest or MAC of a value: comparing it checks the sender (or the bytes), not what the
# value holds (see subject_texts).
_DIGEST_CALLS = frozenset({"hexdigest", "digest", "createHmac", "createHash"})
_KEYED_DIGEST = re.compile(r"(?:hmac\.new|hmac\.HMAC|HMAC)\s*\(")
# Trust by name, for functions whose body is in another file: the name says it sanitizes
# or validates, and what kind of value (per rule) it handles.
SANITIZER_VERB = re.compile(r"sanitiz|valid|safe|clean|secure|escape|quote", re.IGNORECASE)
SANITIZER_DOMAINS = {
    "path-traversal": re.compile(r"path|file|name|dir", re.IGNORECASE),
    "ssrf": re.compile(r"url|uri|link|host", re.IGNORECASE),
    "open-redirect": re.compile(r"url|uri|link|redirect|next|return", re.IGNORECASE),
    "xss": re.compile(r"html|markup", re.IGNORECASE),
    "sql-injection": re.compile(r"sql|query|ident", re.IGNORECASE),
}
# Expression statements that may be a validator call (awaited or not).
_GUARD_EXPRESSIONS = frozenset({"call", "await", "call_expression", "await_expression"})


def _callee_last(call: Node) -> str:
    """`extname` for `path.extname(x)`; "" for what is no call of a name."""
    function = call.child_by_field_name("function")
    if function is None:
        return ""
    return node_text(function).rsplit(".", 1)[-1]


_LEAVING_WORD = re.compile(r"\b(?:return|raise|throw|abort|exit)\b")


def _keyed_read(call: Node) -> bool:
    """`data.get("a")`, `form.getlist("a")`, `params.get("a")`: one element of a mapping,
    read by a literal key."""
    if _callee_last(call) not in ("get", "getlist", "getall", "getAll", "pop"):
        return False
    arguments = call.child_by_field_name("arguments")
    first = (
        arguments.named_children[0] if arguments is not None and arguments.named_children else None
    )
    return first is not None and first.type == "string"


def node_key(node: Node) -> NodeKey:
    return (node.start_byte, node.end_byte, node.kind_id)


def _start_byte(node: Node) -> int:
    return node.start_byte


def node_text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def member_root(node: Node) -> Node:
    """The start of a member chain: `chrome` in `chrome.runtime.onMessage`, `re` in
    `re.compile` (Python attributes or JS member expressions). A link without an object
    (code being typed) ends the walk there."""
    root = node
    while root.type in ("attribute", "member_expression"):
        inner = root.child_by_field_name("object")
        if inner is None:
            break
        root = inner
    return root


def normalized(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("'", '"').replace("`", '"')


def short_label(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    if len(first_line) > LABEL_WIDTH:
        return first_line[: LABEL_WIDTH - 1] + "…"
    return first_line


@dataclass(frozen=True)
class Trace:
    kind: OriginKind
    origin: Step
    steps: tuple[Step, ...] = ()
    # For parameter origins: (function start byte, parameter name), used by call summaries.
    parameter: tuple[int, str] | None = None
    origin_text: str = ""

    def then(self, step: Step) -> Trace:
        if self.steps and self.steps[-1] == step:
            return self
        return Trace(self.kind, self.origin, (*self.steps, step), self.parameter, self.origin_text)


@dataclass(frozen=True)
class Definition:
    """`name` takes a new value at byte `position`, computed from `value`."""

    name: str
    kind: str  # "assign" | "augment" | "iterate" | "opaque"
    value: Node | None
    position: int
    statement: Node
    # For a write into a container (`params["url"] = x`), the path written.
    field: str = ""
    # For a name bound by destructuring, where in `value` its value is: ".mode" for
    # `const { mode } = req.query`, "[0]" for `const [first] = list`.
    part: str = ""
    # Python's `sql, params = build(x)`: which element of the value the name takes.
    element: int | None = None


@dataclass(frozen=True)
class Guard:
    position: int
    subjects: frozenset[str]
    # Restricted to these names (an `if` that reassigns them), or None for all.
    only: frozenset[str] | None = None


@dataclass(frozen=True)
class Check:
    """A condition that holds (polarity True), fails (False) or passes-or-raises (None)
    wherever the guarded code runs."""

    condition: Node
    polarity: bool | None
    only: frozenset[str] | None = None


@dataclass(frozen=True)
class Parameter:
    name: str
    index: int
    node: Node
    annotation: str = ""
    default: Node | None = None


@dataclass
class Captures:
    """Node sets from the shared queries (sources.scm, controls.scm)."""

    sources: set[NodeKey] = field(default_factory=set)
    coercions: set[NodeKey] = field(default_factory=set)
    # Sanitizer call -> rule ids it protects ("*" for all).
    sanitizers: dict[NodeKey, frozenset[str]] = field(default_factory=dict)
    validators: set[NodeKey] = field(default_factory=set)


# What an analysis read, for incremental analysis (see incremental.py): byte ranges whose
# text and structure it depends on, and named facts of the whole file it looked up.
DependencyKey = tuple[str, str]
# Any change to the document invalidates a result that read this (e.g. the whole text).
WHOLE_DOCUMENT: DependencyKey = ("document", "")
# Which calls are sinks (their results are no input to anything).
SINK_CALLS: DependencyKey = ("sinks", "")


@dataclass
class Recorder:
    ranges: set[tuple[int, int]] = field(default_factory=set)
    keys: set[DependencyKey] = field(default_factory=set)
    # Ranges that matter only to an edit that writes the name (see read_absence).
    named_ranges: set[tuple[int, int, str]] = field(default_factory=set)
    # Facts read for a range only: they matter only to an edit there that changes them
    # (the guard statements of a module or class body before a statement).
    fact_ranges: set[tuple[int, int, DependencyKey]] = field(default_factory=set)

    def absorb(self, other: Recorder) -> None:
        self.ranges |= other.ranges
        self.keys |= other.keys
        self.named_ranges |= other.named_ranges
        self.fact_ranges |= other.fact_ranges

    def clear(self) -> None:
        self.ranges.clear()
        self.keys.clear()
        self.named_ranges.clear()
        self.fact_ranges.clear()


class FlowIndex:
    """Functions by name and calls by callee, for a tree. The default walks the tree;
    incremental analysis serves them from cached query results instead."""

    def __init__(self, flow: FlowAnalyzer) -> None:
        self._flow = flow
        self._functions: dict[str, list[Node]] | None = None
        self._calls: dict[str, list[Node]] | None = None

    def functions_named(self, name: str) -> list[Node]:
        if self._functions is None:
            flow = self._flow
            table: dict[str, list[Node]] = {}
            stack = [flow.tree_root]
            while stack:
                node = stack.pop()
                if node.type in flow.function_types:
                    found = flow.function_name(node)
                    if found and found not in ("<anonymous>", "<lambda>"):
                        table.setdefault(found, []).append(node)
                stack.extend(reversed(node.children))
            self._functions = table
        return self._functions.get(name, [])

    def calls_named(self, name: str) -> list[Node]:
        """Calls of `name` (`helper(x)`, `self.helper(x)`), or with "&name" the calls that
        pass `name` as an argument. Outer calls come before the calls inside them, later
        calls before earlier ones (the order in which summaries merge their traces)."""
        if self._calls is None:
            flow = self._flow
            index: dict[str, list[Node]] = {}
            stack = [flow.tree_root]
            while stack:
                node = stack.pop()
                if node.type in flow.call_types:
                    callee = flow.call_name(node)
                    if callee is not None:
                        index.setdefault(callee, []).append(node)
                    arguments = node.child_by_field_name("arguments")
                    for argument in arguments.named_children if arguments is not None else []:
                        if argument.type == "identifier":
                            index.setdefault("&" + node_text(argument), []).append(node)
                stack.extend(node.children)
            self._calls = index
        return self._calls.get(name, [])

    def defined_names(
        self, scope: Node, collect: Callable[[Node], frozenset[str]]
    ) -> frozenset[str] | None:
        """The names `scope` (a function) defines, when they are known without collecting
        its definitions (incremental analysis keeps them across versions, computed by
        `collect` when their part of the tree is new); None when they are not."""
        return None


class FlowAnalyzer:
    """Answers "where can the value of this node come from, unguarded?" for one tree."""

    function_types: frozenset[str] = frozenset()
    # Nodes that open a new scope for names but are not functions (class bodies).
    opaque_scope_types: frozenset[str] = frozenset()
    module_type: str = ""
    # Node types whose children run conditionally (branch bodies), for reaching definitions.
    branch_types: frozenset[str] = frozenset()
    literal_types: frozenset[str] = frozenset()
    block_types: frozenset[str] = frozenset()

    def __init__(
        self,
        root: Node,
        captures: Captures,
        settings: AnalysisSettings,
        sink_calls: set[NodeKey],
        index: FlowIndex | None = None,
    ) -> None:
        # The tree's root for navigation; `root` is the same node for other readers, who
        # thereby depend on the whole document.
        self.tree_root = root
        self._root_key = node_key(root)
        # A test module (test_code.is_test_file): there, a function named test* is a test.
        self.test_file = False
        self.captures = captures
        self.settings = settings
        self.sink_calls = sink_calls
        self.index = index if index is not None else FlowIndex(self)
        # While analysing one sink for incremental analysis: what the analysis reads.
        self.recorder: Recorder | None = None
        # Facts of the tree, independent of the sink and rule being analysed.
        self._definitions: dict[NodeKey, dict[str, list[Definition]]] = {}
        self._parameters: dict[NodeKey, list[Parameter]] = {}
        self._ancestors: dict[NodeKey, list[Node]] = {}
        self._parents: dict[NodeKey, Node | None] = {self._root_key: None}
        self._children: dict[NodeKey, list[Node]] = {}
        self._scopes: dict[NodeKey, Node] = {}
        self._recent: list[Node] = []
        self._members: dict[NodeKey, Node | None] = {}
        self._statements: dict[NodeKey, Node] = {}
        self._body_guards: dict[
            NodeKey, tuple[list[tuple[int, int, DependencyKey]], list[tuple[int, int]]]
        ] = {}
        # What a guard walk reads in a block, by the statement it walks up from.
        self._statement_reads: dict[NodeKey, list[tuple[int, int]]] = {}
        self._walk_recorder: Recorder | None = None
        self._walks_read: set[tuple[NodeKey, NodeKey]] = set()
        # Set when module-level definitions come from the whole file (React state).
        self.module_reads_document = False
        self.begin_sink()

    def begin_sink(self) -> None:
        """Forget what the evaluation of earlier sinks computed. Recursion guards make some
        results depend on the order of evaluation (a value computed while its own
        definition was in progress); starting each sink afresh makes its result depend on
        the tree alone, which lets incremental analysis reuse it."""
        self._values: dict[tuple[NodeKey, str], list[Trace]] = {}
        self._in_progress: set[tuple[NodeKey, str]] = set()
        self._guards: dict[tuple[NodeKey, NodeKey, str], tuple[Guard, ...]] = {}
        self._raising_validators: dict[tuple[int, int, int, str], bool] = {}
        self._predicates: dict[tuple[int, int, int, str], bool] = {}
        # > 0 while judging a validator's own body (see checks_parameters).
        self.lenient_calls = 0
        self._part_bindings: list[tuple[Node, dict[str, Node]]] = []
        self._resolving_parameters: set[tuple[NodeKey, str, str]] = set()
        # The calls whose result is being summarised, innermost last: a parameter of the
        # called function takes the argument of that call, not of every call in the file.
        self._bound_calls: list[tuple[Node, Node]] = []
        self._binding = ""
        self._never_returns: dict[NodeKey, bool] = {}
        self.rule = ""

    @property
    def root(self) -> Node:
        self.read_key(WHOLE_DOCUMENT)
        return self.tree_root

    # ------------------------------------------------------------------ dependencies
    def read_key(self, key: DependencyKey) -> None:
        if self.recorder is not None:
            self.recorder.keys.add(key)

    def read_range(self, node: Node) -> None:
        """The analysis depends on `node`'s subtree."""
        if self.recorder is not None:
            if node_key(node) == self._root_key:
                self.recorder.keys.add(WHOLE_DOCUMENT)
            else:
                self.recorder.ranges.add((node.start_byte, node.end_byte))

    def read_before(self, container: Node, node: Node) -> None:
        """The analysis depends on what `container` holds up to the end of `node`: the
        checks and definitions before a use, the enclosing `if`s, a function's name.

        Reads go backwards from a node (to the definitions and checks that reach it, to
        its ancestors, whose conditions and names come before their bodies), so an edit
        after a sink cannot change its finding; an edit that changes which nodes enclose
        it changes the tree's structure around it, which the changed region covers."""
        if self.recorder is not None:
            if node_key(container) == self._root_key:
                self.recorder.keys.add(WHOLE_DOCUMENT)
            else:
                end = max(node.end_byte, container.start_byte)
                self.recorder.ranges.add((container.start_byte, end))

    def read_absence(self, container: Node, node: Node, name: str) -> None:
        """The analysis depends on `name` not being defined in `container` up to the end
        of `node`: only an edit in that range that writes the name can change that."""
        if self.recorder is not None:
            if node_key(container) == self._root_key:
                self.recorder.keys.add(WHOLE_DOCUMENT)
            else:
                end = max(node.end_byte, container.start_byte)
                self.recorder.named_ranges.add((container.start_byte, end, name))

    def read_head(self, container: Node, node: Node) -> None:
        """The analysis depends on what `container` holds before `node` starts (a
        function's name or decorators, the callee of the call it is passed to), and on
        `node` being there (an edit that changes what holds it changes the structure of
        the tree at its start, which the changed region covers)."""
        if self.recorder is not None:
            if node_key(container) == self._root_key:
                self.recorder.keys.add(WHOLE_DOCUMENT)
            else:
                start = container.start_byte
                self.recorder.ranges.add((start, max(start, node.start_byte)))

    def read_context(self, node: Node) -> None:
        """Like read_member, without `node`'s own content: what holds it, and what comes
        before it in its statement (enclosing `if`s, class and function names)."""
        if self.recorder is None:
            return
        member = self.member_of(node)
        if member is not None:
            self.read_head(member, node)

    def read_member(self, node: Node) -> None:
        """The analysis depends on `node` and what comes before it in the statement of the
        module or class body that holds it (a function's name or decorators, the call it
        is passed to, the `if`s around it). Outside any such statement (a class header)
        it depends on what incremental analysis treats as the outline of the file."""
        if self.recorder is None:
            return
        member = self.member_of(node)
        if member is not None:
            self.recorder.ranges.add((member.start_byte, max(node.end_byte, member.start_byte)))

    def read_enclosing(self, node: Node) -> None:
        """The analysis depends on `node` and on what encloses it up to the statement of
        the module or class body that holds it: in each node on the way, what comes
        before the way down (a function's name, parameters and decorators, the call it is
        passed to, an `if`'s condition), but not the earlier statements of a block. The
        reads that need those make them: the definitions that reach a use, the checks
        that guard it. An edit that changes what encloses `node` changes the tree's
        structure around it, which the changed region covers."""
        if self.recorder is None:
            return
        member = self.member_of(node)
        if member is None:
            return
        ranges = self.recorder.ranges
        ranges.add((node.start_byte, node.end_byte))
        chain = [*self.ancestors(node), node]
        index = next((i for i, n in enumerate(chain) if n == member), None)
        if index is None:  # `node` is the member itself
            return
        for parent, child in zip(chain[index:], chain[index + 1 :], strict=False):
            if parent.type not in self.statement_lists:
                ranges.add((parent.start_byte, child.start_byte))

    def read_definition(self, function: Node) -> None:
        """The analysis depends on a function it found by name: its text and what makes
        it what it is (its name, decorators, the declaration it is the value of)."""
        self.read_member(function)

    def read_holder(self, node: Node) -> None:
        """The analysis depends on what kind of node holds `node` (a call's arguments, an
        object's field, a block): the text from the sibling before it, or from the start
        of what holds it, to its start, where the holder's own tokens are."""
        if self.recorder is None:
            return
        previous = node.prev_sibling
        if previous is None:
            parent = node.parent
            start = parent.start_byte if parent is not None else node.start_byte
        else:
            start = previous.end_byte if previous.is_named else previous.start_byte
        self.recorder.ranges.add((min(start, node.start_byte), node.start_byte))

    def class_wrapper(self, node: Node) -> Node | None:
        """The class when `node` is a class at the level of a module or class body
        (possibly decorated or exported), else None."""
        return None

    def member_of(self, node: Node) -> Node | None:
        """The statement of the module, or of a class body at module level, that holds
        `node` (the node itself if it is one); None for a class header or the module."""
        members = self._members
        key = node_key(node)
        if key in members:
            return members[key]
        # Below a statement the answer is the statement's: walk up to one that knows it,
        # or to a statement, whose answer takes a walk down from the root.
        pending = [key]
        current = node
        while True:
            parent = self.parent_of(current)
            if parent is None or parent.type in self.statement_holders or parent.type == "ERROR":
                found = self._outline_position(current)[0]
                break
            parent_key = node_key(parent)
            known = members.get(parent_key)
            if known is not None:
                found = known
                break
            pending.append(parent_key)
            current = parent
        if found is None:
            # A class header: only the node itself and the one asked about.
            pending = pending[:1]
            members[node_key(current)] = None
        for pending_key in pending:
            members[pending_key] = found
        return found

    def containers_of(self, node: Node) -> list[str]:
        """Names of the module ("") and the classes at module level around `node`."""
        return self._outline_position(node)[1]

    def _outline_position(self, node: Node) -> tuple[Node | None, list[str]]:
        """The statement of a module or class body that holds `node` (None when `node` is
        part of a class header), and the names of the bodies around it. Code that does
        not parse (an ERROR node) is looked through: its pieces are statements too."""
        chain = [*self.ancestors(node), node]
        names = [""]
        index = 1
        while index < len(chain):
            child = chain[index]
            if child.type == "ERROR" and index + 1 < len(chain):
                index += 1
                continue
            klass = self.class_wrapper(child)
            if klass is None:
                return child, names
            # The chain continues into the class body, or `node` is in its header.
            bodies = {node_key(body) for body in self.class_bodies(klass)}
            position = next(
                (i for i in range(index, len(chain)) if node_key(chain[i]) in bodies), None
            )
            if position is None:
                return None, names
            names.append(names[-1] + "." + self.class_name(klass))
            index = position + 1
        return None, names

    def class_bodies(self, klass: Node) -> list[Node]:
        """Where a class's statements are: its body, and pieces of it that do not parse
        (while typing, an ERROR node inside the class may hold most of its methods)."""
        body = klass.child_by_field_name("body")
        found = [child for child in klass.children if child.type == "ERROR"]
        return [*found, body] if body is not None else found

    def read_class(self, klass: Node, methods: list[Node], path: str | None = None) -> None:
        """The methods of `klass` were read (to look `self.x` up in all of them). With
        `path`, only to find those that define `path` (`self.url`): what is read is that
        fact, ("member-definitions", "<class> <path>"), which an edit changes only when
        it touches a method that defines the path before or after it; the caller reads
        the methods that define it."""
        if self.recorder is None:
            return
        if self.member_of(klass) is not None:
            self.read_member(klass)  # a class inside a function: that statement holds it
            return
        container = self.containers_of(klass)[-1] + "." + self.class_name(klass)
        self.recorder.keys.add(("members", container))
        if path is not None:
            self.recorder.keys.add(("member-definitions", f"{container} {path}"))
            return
        for method in methods:
            self.read_member(method)

    def is_sink_call(self, call: Node) -> bool:
        """A sink's result (a response, a cursor) is not its input."""
        self.read_key(SINK_CALLS)
        return node_key(call) in self.sink_calls

    def class_name(self, klass: Node) -> str:
        name = klass.child_by_field_name("name")
        return node_text(name) if name is not None else "<class>"

    # ------------------------------------------------------------------ syntax hooks
    def collect_definitions(
        self, scope: Node, within: Node | None = None
    ) -> dict[str, list[Definition]]:
        """Definitions by name in `scope` (a function or the module); with `within`, only
        those made by that statement of the scope."""
        raise NotImplementedError

    def parameters_of(self, function: Node) -> list[Parameter]:
        raise NotImplementedError

    def evaluate_node(self, node: Node, depth: int) -> list[Trace]:
        """Language-specific evaluation of one expression node."""
        raise NotImplementedError

    def parameter_origin(self, function: Node, parameter: Parameter) -> list[Trace] | None:
        """Traces for a parameter, or None to use the default (caller unknown)."""
        raise NotImplementedError

    def guard_steps(self, node: Node, parent: Node) -> Iterator[Check]:
        """Conditions that guard `node` from its parent: (condition, polarity).

        Polarity True means `node` runs only when the condition holds, False only when it
        does not, None means the "condition" is a statement-level check (any outcome but
        success exits)."""
        raise NotImplementedError

    def tested_subjects(self, condition: Node, positive: bool | None) -> set[str]:
        raise NotImplementedError

    def function_name(self, function: Node) -> str:
        raise NotImplementedError

    def returned_values(self, function: Node) -> list[Node]:
        raise NotImplementedError

    def call_arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        raise NotImplementedError

    def callee_name(self, call: Node) -> str:
        raise NotImplementedError

    def is_raising_validator_body(self, function: Node) -> bool:
        raise NotImplementedError

    def is_dead_branch(self, node: Node) -> bool:
        raise NotImplementedError

    def string_parts(self, node: Node, depth: int = 0) -> list[str | Node]:
        """A string-building expression as ordered literal text and value nodes."""
        raise NotImplementedError

    def literal_field(self, value: Node, key: str) -> Node | None:
        """For a dict/object literal: the value of `key`, or the literal itself when it
        has no such key (nothing flows); None when `value` is not such a literal."""
        return None

    def identifier_parts(self, identifier: Node, depth: int) -> list[str | Node]:
        """A name in a string-building expression: a helper's parameter becomes the
        caller's argument, a name assigned once becomes its value."""
        bound = self.bound_argument(identifier)
        if bound is not None:
            saved = self._part_bindings.pop()
            try:
                return self.string_parts(bound, depth + 1)
            finally:
                self._part_bindings.append(saved)
        value = self.single_value(identifier)
        if value is not None:
            return self.string_parts(value, depth + 1)
        return [identifier]

    def single_value(self, identifier: Node) -> Node | None:
        """The value of a name assigned exactly once where it is read, or None."""
        scope = self.enclosing_scope(identifier)
        name = node_text(identifier)
        definitions = self.reaching_definitions(scope, name, identifier)
        if not definitions and not self.is_module(scope):
            if any(p.name == name for p in self.parameters(scope)):
                return None
            definitions = self.module_definitions(name)
        if len(definitions) == 1 and definitions[0].kind == "assign":
            return definitions[0].value
        return None

    def fetches_chosen_target(self, url: Node) -> bool:
        """Whether a fetched URL is a constant, or starts with a host or a relative path
        the code chose: what comes back is then no document the caller picked."""
        literal = ""
        for part in self.string_parts(url):
            if not isinstance(part, str):
                break
            literal += part
        else:
            return True  # a constant URL
        return bool(FIXED_HOST_PREFIX.match(literal) or _CHOSEN_PATH.match(literal))

    # Node types around a loop element's name where a check tests the element itself,
    # not a field of it (`r.name`).
    element_test_parents: frozenset[str] = frozenset()

    def every_element_checks(self, loop: Node) -> list[Check]:
        """The checks a loop makes on each element before anything can skip it."""
        return []

    # Assignment node types: a loop that assigns its collection or element is no check.
    assignment_types: frozenset[str] = frozenset()

    def loop_rebinds(self, loop: Node, names: tuple[str, ...]) -> bool:
        """Whether the loop has no body or its body assigns one of `names` (the collection,
        or the element before its check)."""
        body = loop.child_by_field_name("body")
        if body is None:
            return True
        stack = [body]
        while stack:
            node = stack.pop()
            if node.type in self.assignment_types:
                left = node.child_by_field_name("left")
                if left is not None and node_text(left) in names:
                    return True
            stack.extend(node.named_children)
        return False

    def checks_every_element(self, loop: Node, name: str) -> bool:
        """Whether the loop checks its element `name` itself (not a field of it) in one of
        the checks it makes on every element."""
        for check in self.every_element_checks(loop):
            uses = [n for n in _identifiers(check.condition) if node_text(n) == name]
            if not uses or any(
                n.parent is None or n.parent.type not in self.element_test_parents for n in uses
            ):
                continue
            if name in self.tested_subjects(check.condition, check.polarity):
                return True
        return False

    # Calls that normalize a path (resolve "..", symlinks).
    path_normalizers: re.Pattern[str] = re.compile(r"(?!)")

    def sound_prefix_check(self, receiver: Node, arguments: list[Node]) -> bool:
        """startswith() proves containment only in its sound forms: for a URL, a prefix
        that ends the host ("https://host/"); for a path, a normalized path checked
        against a base that ends with a separator."""
        if not arguments:
            return False
        prefix = arguments[0]
        parts = self.string_parts(prefix)
        literal = "".join(p for p in parts if isinstance(p, str))
        complete = all(isinstance(p, str) for p in parts)
        if self.rule == "ssrf":
            return not complete or bool(FIXED_HOST_PREFIX.match(literal))
        if self.rule == "path-traversal":
            ends_with_separator = literal.endswith(("/", "\\")) or "sep" in node_text(prefix)
            return self.normalized_path(receiver) and ends_with_separator
        # A prefix fixes only the start of the value: it controls a sink whose danger
        # is where a URL leads (a link's scheme, a redirect's site), not markup, SQL,
        # a command or code, where "#x=<img onerror=...>" passes startsWith("#x=").
        return self.rule in PREFIX_CONTROLLED_RULES

    def normalized_path(self, node: Node, depth: int = 0) -> bool:
        """The path expression, or a value it was computed from, went through a
        normalizing call (realpath, abspath, normpath, resolve, normalize)."""
        if depth > 3:
            return False
        if self.path_normalizers.search(node_text(node)):
            return True
        scope = self.enclosing_scope(node)
        for name in self.identifiers_in(node):
            for definition in self.reaching_definitions(scope, name, node):
                if definition.value is not None and self.normalized_path(
                    definition.value, depth + 1
                ):
                    return True
        return False

    def helper_parts(self, call: Node, depth: int) -> list[str | Node] | None:
        """`build_url("https://host/", page)` for a helper in this file that returns one
        string expression: its parts, with the helper's parameters replaced by the
        caller's arguments."""
        if self.call_name(call) is None:
            return None  # only plain calls and self/this methods reach local functions
        function = self.local_function(call)
        if function is None:
            return None
        values = self.returned_values(function)
        if len(values) != 1:
            return None
        positional, keywords = self.call_arguments(call)
        mapping: dict[str, Node] = {}
        for parameter in self.parameters(function):
            argument = keywords.get(parameter.name)
            if argument is None and parameter.index < len(positional):
                argument = positional[parameter.index]
            if argument is not None:
                mapping[parameter.name] = argument
        self._part_bindings.append((function, mapping))
        try:
            return self.string_parts(values[0], depth + 1)
        finally:
            self._part_bindings.pop()

    def bound_argument(self, identifier: Node) -> Node | None:
        """Inside helper_parts: the caller's argument for a helper parameter."""
        if not self._part_bindings:
            return None
        function, mapping = self._part_bindings[-1]
        if not _contains(function, identifier):
            return None
        return mapping.get(node_text(identifier))

    # ------------------------------------------------------------------ scopes
    def ancestors(self, node: Node) -> list[Node]:
        """The nodes from the root down to `node`'s parent."""
        key = node_key(node)
        found = self._ancestors.get(key)
        if found is None:
            found = []
            current = self.parent_of(node)
            while current is not None:
                found.append(current)
                current = self.parent_of(current)
            found.reverse()
            self._ancestors[key] = found
        return found

    def parent_of(self, node: Node) -> Node | None:
        """tree-sitter finds a node's parent by descending from the root, so `.parent`
        costs O(depth). Parents are remembered instead, for every child of every node on
        the way down: the operands of a 10,000-term expression find theirs at once."""
        key = node_key(node)
        if key in self._parents:
            parent = self._parents[key]
        else:
            self._descend_to(node, key)
            if key not in self._parents:  # not found by descending (broken or foreign node)
                self._parents[key] = node.parent
            parent = self._parents[key]
        # Lookups come in neighbourhoods (an operand, then its own operands): descents
        # start from the nodes asked about last.
        recent = self._recent
        recent.append(node)
        if len(recent) > 8:
            del recent[0]
        return parent

    def _descend_to(self, node: Node, key: NodeKey) -> None:
        start, end = node.start_byte, node.end_byte
        current = self.tree_root
        for candidate in self._recent:
            if (
                candidate.start_byte <= start
                and end <= candidate.end_byte
                and candidate.end_byte - candidate.start_byte
                < current.end_byte - current.start_byte
            ):
                current = candidate
        while node_key(current) != key:
            children = self._children_of(current)
            following = None
            # Children start in order: look at those that start at or before `node`.
            for index in range(bisect_right(children, start, key=_start_byte) - 1, -1, -1):
                child = children[index]
                if child.end_byte < end:
                    break
                if node_key(child) == key:
                    following = child
                    break
                if following is None and child.start_byte <= start and end <= child.end_byte:
                    following = child
            if following is None:
                return
            current = following

    def _children_of(self, node: Node) -> list[Node]:
        key = node_key(node)
        found = self._children.get(key)
        if found is None:
            # Named children only: punctuation is asked about rarely (and then found by
            # its own .parent); a descent that skips it creates half the node objects.
            found = node.named_children
            self._children[key] = found
            parents = self._parents
            for child in found:
                parents.setdefault(node_key(child), node)
        return found

    def is_module(self, scope: Node) -> bool:
        """The top scope: the module node, or the root of broken code whose root is an
        ERROR node (every walk to enclosing scopes must stop there)."""
        return scope.type == self.module_type or node_key(scope) == self._root_key

    def enclosing_scope(self, node: Node) -> Node:
        """The innermost function around `node` (not `node` itself), else the module."""
        scopes = self._scopes
        key = node_key(node)
        found = scopes.get(key)
        if found is not None:
            return found
        # Walk up to a known answer or a scope, then fill in the nodes on the way.
        pending = [key]
        current = self.parent_of(node)
        while True:
            if current is None:
                found = self.tree_root
                break
            if current.type in self.function_types or current.type == self.module_type:
                found = current
                break
            current_key = node_key(current)
            known = scopes.get(current_key)
            if known is not None:
                found = known
                break
            pending.append(current_key)
            current = self.parent_of(current)
        for pending_key in pending:
            scopes[pending_key] = found
        return found

    def definitions(self, scope: Node) -> dict[str, list[Definition]]:
        """Definitions by name in a function (or, for the module, in module-level code).
        Callers record what they read of them (reaching_definitions: those before a use)."""
        key = node_key(scope)
        found = self._definitions.get(key)
        if found is None:
            found = self.collect_definitions(scope)
            for items in found.values():
                items.sort(key=lambda definition: definition.position)
            self._definitions[key] = found
        return found

    def adopt_facts(self, other: FlowAnalyzer) -> None:
        """Take over what `other`, an analyzer of the same tree, computed that holds no
        nodes and is costly to compute again."""

    def defines(self, scope: Node, name: str) -> bool:
        """Whether `scope` may define `name`: False saves collecting its definitions (a
        lookup of `self.x` asks every method of a class)."""
        if node_key(scope) == self._root_key:
            return True
        names = self.index.defined_names(scope, self._defined_names)
        return names is None or name in names

    def _defined_names(self, scope: Node) -> frozenset[str]:
        return frozenset(self.definitions(scope))

    def parameters(self, function: Node) -> list[Parameter]:
        key = node_key(function)
        found = self._parameters.get(key)
        if found is None:
            found = [] if self.is_module(function) else self.parameters_of(function)
            self._parameters[key] = found
        if self.recorder is not None and not self.is_module(function):
            # The parameters come first in a function: its start up to their end.
            holder = function.child_by_field_name("parameters") or function.child_by_field_name(
                "parameter"
            )
            self.read_before(function, holder if holder is not None else function)
        return found

    def _read_definitions_before(
        self, scope: Node, name: str, use: Node, candidates: list[Definition]
    ) -> None:
        """Definitions that reach a use are made before it, in its statement at the
        latest (`a if (n := f()) else n`). Some are made later: hoisted functions and
        React state setters, found by name; their statements are read too."""
        if candidates and name.isidentifier():
            # Which definitions reach the use changes with an edit before it that writes
            # the name (a definition comes or goes), or one that changes a definition or
            # the branches between it and the use: read those, not the whole scope, so
            # that a lookup in a long function does not depend on every edit above it.
            statement = self.statement_of(use)
            self.read_absence(scope, statement, name)
            for definition in candidates:
                if definition.statement.start_byte < statement.end_byte:
                    self._read_definition_branches(definition.statement, use, scope)
        elif candidates:
            self.read_before(scope, self.statement_of(use))  # a path (`params["url"]`)
        else:
            # No definition of the name anywhere in the scope: only an edit there that
            # writes the name can make one. Read so, a lookup that passes through a large
            # scope (a file that a bracket typed mid-edit turned into one function) does
            # not depend on every edit before the use.
            self.read_absence(scope, self.statement_of(use), name)
        for key in self.late_definitions(scope, name):
            self.read_key(key)
        for definition in candidates:
            if definition.statement.end_byte > use.end_byte:
                self.read_range(definition.statement)

    def _read_definition_branches(self, statement: Node, use: Node, scope: Node) -> None:
        """Read what decides whether the definition `statement` makes reaches `use`: the
        statement and the branches around it below the innermost node that holds both
        (the `if`s and loops it may not run in, the other branches that may assign the
        name too). When `statement` holds the use (a loop's header), its head."""
        chain = [*self.ancestors(statement), statement]
        for index in range(len(chain) - 1, -1, -1):
            holder = chain[index]
            if not _contains(holder, use):
                continue
            if holder == statement:
                inner = next((c for c in statement.children if _contains(c, use)), use)
                self.read_head(statement, inner)
            elif _contains(scope, holder):
                self.read_range(chain[index + 1])
            else:  # the use is not in the scope: what holds both is above it
                self.read_before(scope, self.statement_of(use))
            return
        self.read_before(scope, self.statement_of(use))

    def late_definitions(self, scope: Node, name: str) -> list[DependencyKey]:
        """Facts that name the definitions of `name` in `scope` made after a use."""
        return []

    def statement_of(self, node: Node) -> Node:
        """The statement of a block (or module) that holds `node`. Remembered for every
        node on the way up, so that the operands of a deep expression find it at once."""
        statements = self._statements
        pending: list[NodeKey] = []
        current = node
        while True:
            key = node_key(current)
            found = statements.get(key)
            if found is not None:
                break
            pending.append(key)
            parent = self.parent_of(current)
            if parent is None or parent.type in self.statement_holders:
                found = current
                break
            current = parent
        for key in pending:
            statements[key] = found
        return found

    # Node types whose children are statements.
    statement_holders: frozenset[str] = frozenset()
    # Those whose children before a statement are statements only (not a `case` label).
    statement_lists: frozenset[str] = frozenset()

    def read_module_definitions(self, name: str, definitions: list[Definition]) -> None:
        """Module-level definitions of `name` were read: they change when any statement
        that defines the name does, and their values are read in their statements."""
        if self.recorder is None:
            return
        self.recorder.keys.add(("definition", name))
        if self.module_reads_document:
            self.recorder.keys.add(WHOLE_DOCUMENT)
        for definition in definitions:
            self.read_member(definition.statement)

    def reaching_definitions(self, scope: Node, name: str, use: Node) -> list[Definition]:
        """Definitions of `name` in `scope` that may reach `use`, latest first."""
        candidates = self.definitions(scope).get(name, []) if self.defines(scope, name) else []
        if self.recorder is not None:
            if node_key(scope) == self._root_key:
                self.read_module_definitions(name, candidates)
            else:
                self._read_definitions_before(scope, name, use, candidates)
        before = [d for d in candidates if d.position <= use.start_byte]
        reaching: list[Definition] = []
        killed_before = -1
        for definition in reversed(before):
            if definition.position < killed_before:
                break
            reaching.append(definition)
            if definition.kind != "augment" and self._always_runs_before(
                definition.statement, use, scope
            ):
                break
            branch = self._assigned_in_every_branch(definition, name, use, scope)
            if branch is not None:
                killed_before = max(killed_before, branch.start_byte)
        return reaching

    def _assigned_in_every_branch(
        self, definition: Definition, name: str, use: Node, scope: Node
    ) -> Node | None:
        """The `if` statement around `definition` when every one of its branches assigns
        `name` (or leaves) and it always runs before `use`: then nothing assigned before
        it reaches `use`."""
        for ancestor in reversed(self.ancestors(definition.statement)):
            if ancestor == scope:
                return None
            if ancestor.type == "if_statement" and not _contains(ancestor, use):
                branches = self.branches(ancestor)
                if (
                    branches is not None
                    and all(self.assigns_or_exits(b, name) for b in branches)
                    and self._always_runs_before(ancestor, use, scope)
                ):
                    return ancestor
        return None

    def branches(self, if_statement: Node) -> list[Node] | None:
        """The bodies of an if/elif/else chain, or None when there is no final else."""
        return None

    def assigns_or_exits(self, block: Node, name: str) -> bool:
        """`block` assigns `name` at its top level, or always leaves."""
        return False

    def _always_runs_before(self, statement: Node, use: Node, scope: Node) -> bool:
        """True when every branch body around `statement` also contains `use`."""
        for current in reversed(self.ancestors(statement)):
            if current == scope:
                break
            if (
                current.type in self.branch_types
                and not _contains(current, use)
                and not self.protected_body(current)
            ):
                return False
        return True

    def protected_body(self, block: Node) -> bool:
        """The body of a `try` whose handlers all leave: past the `try`, it ran in full."""
        return False

    def module_definitions(self, name: str) -> list[Definition]:
        found = self.definitions(self.tree_root).get(name, [])
        self.read_module_definitions(name, found)
        return found

    # ------------------------------------------------------------------ evaluation
    def traces(self, node: Node, rule: str) -> list[Trace]:
        self.rule = rule
        return self.evaluate(node, 0)

    def evaluate(self, node: Node, depth: int) -> list[Trace]:
        if depth > MAX_DEPTH:
            return []
        key = (node_key(node), self.rule + self._binding)
        cached = self._values.get(key)
        if cached is not None:
            return cached
        if key in self._in_progress:
            return []
        self._in_progress.add(key)
        try:
            if node_key(node) in self.captures.sources:
                result = [self.untrusted(node)]
            else:
                result = self.evaluate_node(node, depth + 1)
            if result and node.type not in ("identifier",) and self.guarded(node, node_text(node)):
                result = []
        finally:
            self._in_progress.discard(key)
        self._values[key] = result
        return result

    def evaluate_all(self, nodes: Iterable[Node | None], depth: int) -> list[Trace]:
        merged: list[Trace] = []
        for node in nodes:
            if node is not None:
                merged = merge(merged, self.evaluate(node, depth))
        return merged

    def untrusted(self, node: Node) -> Trace:
        text = short_label(node_text(node))
        return Trace(OriginKind.UNTRUSTED, Step(Span.of(node), text), origin_text=text)

    def widen_origin(self, traces: list[Trace], inner: Node, outer: Node) -> list[Trace]:
        """`request.args` reached through `request.args.get("url")`: name the larger node."""
        inner_span = Span.of(inner)
        widened = []
        for trace in traces:
            if trace.kind is OriginKind.UNTRUSTED and trace.origin.span == inner_span:
                text = short_label(node_text(outer))
                trace = Trace(trace.kind, Step(Span.of(outer), text), trace.steps, None, text)
            widened.append(trace)
        return widened

    def resolve_name(
        self,
        name: str,
        use: Node,
        depth: int,
        field: str | None = None,
        before: int | None = None,
    ) -> list[Trace]:
        """Origins of `name` at `use`. With `field`, writes into other fields of the
        container (`params["other"] = x`) are ignored; with `before`, only definitions
        that take effect before that byte count."""
        if depth > MAX_DEPTH:
            return []
        scope = self.enclosing_scope(use)
        point = use
        checked = False
        while True:
            reaching = self.reaching_definitions(scope, name, point)
            if before is not None:
                reaching = [d for d in reaching if d.position < before]
            if field is not None:
                reaching = [d for d in reaching if not d.field or d.field == field]
            if reaching and checked and len(reaching) == 1:
                return []
            if reaching:
                merged: list[Trace] = []
                for definition in reaching:
                    if self.guarded_between(point, scope, name, definition.position):
                        continue
                    step = Step(
                        Span.of(definition.statement), short_label(node_text(definition.statement))
                    )
                    merged = merge(
                        merged,
                        [t.then(step) for t in self.evaluate_definition(definition, depth, field)],
                    )
                return merged
            parameter = next((p for p in self.parameters(scope) if p.name == name), None)
            if parameter is not None:
                if self.guarded_between(point, scope, name, scope.start_byte):
                    return []
                origin = self.parameter_origin(scope, parameter)
                if origin is None:
                    origin = self._from_bound_call(scope, parameter, depth, field)
                if origin is None:
                    origin = self.from_call_sites(scope, parameter, depth, field)
                if origin is not None:
                    return origin
                return [self.parameter_trace(scope, parameter)]
            if self.is_module(scope):
                return []
            if point is use and self.in_own_initializer(name, use, scope):
                return []
            # A check in this function on a name it does not assign (a closure's or the
            # module's), around the use: it holds for a name defined once out there.
            checked = checked or self.guarded_between(point, scope, name, scope.start_byte)
            # A closure or a function reading a module name: look in the enclosing scope.
            # Module code has run by the time a function is called, so all module
            # definitions count there.
            outer = self.enclosing_scope(scope)
            if self.is_module(outer):
                definitions = self.module_definitions(name)
                if field is not None:
                    definitions = [d for d in definitions if not d.field or d.field == field]
                if not definitions or (checked and len(definitions) == 1):
                    return []
                merged = []
                for definition in definitions:
                    step = Step(
                        Span.of(definition.statement), short_label(node_text(definition.statement))
                    )
                    merged = merge(
                        merged,
                        [t.then(step) for t in self.evaluate_definition(definition, depth)],
                    )
                return merged
            point = scope
            scope = outer

    def in_own_initializer(self, name: str, use: Node, scope: Node) -> bool:
        """Whether `use` reads `name` inside the initializer of a declaration of `name`
        that hides every outer binding there (JavaScript's `const x = f(x)`)."""
        return False

    def is_test_function(self, function: Node) -> bool:
        """A test: a function named `test*` in a test module, as test runners collect
        them. Elsewhere `test_webhook` or `testConnection` is application code."""
        return self.test_file and self.function_name(function).lstrip("_").startswith("test")

    def class_method_function(self, member: Node) -> Node | None:
        """The function of a method statement of a class body (as class_methods lists
        it), or None when that statement is no function."""
        return member

    def class_methods(self, node: Node, path: str | None = None) -> list[Node]:
        """The methods of the class `node` is in (empty outside a class), all read; with
        `path`, only the fact of which define it (see read_class)."""
        return []

    def this_member(self, node: Node, path: str) -> list[Trace] | None:
        """Origins of `self.x`/`this.x` the language knows without assignments."""
        return None

    def evaluate_member_path(self, node: Node, depth: int) -> list[Trace] | None:
        """`obj.attr` or `obj["key"]` assigned as a whole (`self.url = ...`,
        `params["url"] = ...`): follow those assignments. `self`/`this` attributes are
        looked up in every method of the class. None when the path has no assignments."""
        path = normalized(node_text(node))
        scope = self.enclosing_scope(node)
        if self.reaching_definitions(scope, path, node):
            return self.resolve_name(path, node, depth)
        root = re.split(r"[.\[]", path, maxsplit=1)[0]
        if root not in ("self", "this"):
            return None
        known = self.this_member(node, path)
        if known is not None:
            return known
        traces: list[Trace] = []
        found = False
        for method in self.class_methods(node, path):
            if not self.defines(method, path):
                continue
            self.read_member(method)
            for definition in self.definitions(method).get(path, []):
                found = True
                step = Step(
                    Span.of(definition.statement), short_label(node_text(definition.statement))
                )
                traces = merge(
                    traces, [t.then(step) for t in self.evaluate_definition(definition, depth)]
                )
        return traces if found else None

    def evaluate_container(self, container: Node, member: Node, depth: int) -> list[Trace]:
        """Origins of the container in `member` (`params` in `params["q"]`). Writes into
        other fields of it (`params["target"] = x`) do not reach this one."""
        if container.type == "identifier" and node_key(container) not in self.captures.sources:
            path = normalized(node_text(member))
            return self.resolve_name(node_text(container), container, depth, field=path)
        return self.evaluate(container, depth)

    # ------------------------------------------------------------------ call sites
    def callers_known(self, function: Node) -> bool:
        """True when every call of `function` is in this file (nested functions, module
        private helpers): its parameters then come from those calls, not from unknown
        callers."""
        return False

    def call_name(self, call: Node) -> str | None:
        """The local function a call invokes by name (`helper(x)`, `self._helper(x)`)."""
        return None

    def calls_named(self, name: str) -> list[Node]:
        """Calls of the function `name`, or with "&name" the calls that pass it by name."""
        found = self.index.calls_named(name)
        if self.recorder is not None:
            self.recorder.keys.add(("call", name))
            for call in found:
                self.read_range(call)
        return found

    call_types: frozenset[str] = frozenset()

    def receiver_of(self, call: Node) -> list[Node]:
        function = call.child_by_field_name("function")
        if (
            function is not None
            and function.named_children
            and function.type
            in (
                "attribute",
                "member_expression",
            )
        ):
            return [function.named_children[0]]
        return []

    def from_call_sites(
        self, function: Node, parameter: Parameter, depth: int, field: str | None = None
    ) -> list[Trace] | None:
        """Origins of a parameter from the calls in this file, when they are all here.
        With `field` (`q.sort` of the parameter `q`), the origins of that field of each
        argument: `Q(sort=s, floor=f)` passed as `q` gives `q.sort` the origins of `s`."""
        name = self.function_name(function)
        if self.callers_known(function):
            calls = self.calls_named(name)
            passed = self.calls_named("&" + name)
            home = self.enclosing_scope(function)
            if not self.is_module(home):
                # A nested function is visible in its enclosing function only.
                calls = [c for c in calls if _contains(home, c)]
                passed = [c for c in passed if _contains(home, c)]
        else:
            found = self.instance_calls(function, name)
            if found is None:
                return None
            calls, passed = found, []
        if not calls and not passed:
            return None
        key = (node_key(function), parameter.name, self.rule)
        if key in self._resolving_parameters:
            return []
        self._resolving_parameters.add(key)
        try:
            traces: list[Trace] = []
            for call in calls:
                positional, keywords = self.call_arguments(call)
                argument = keywords.get(parameter.name)
                if argument is None and parameter.index < len(positional):
                    argument = positional[parameter.index]
                if argument is None:
                    continue
                step = Step(Span.of(call), f"called as {short_label(node_text(call))}")
                traces = merge(
                    traces, [t.then(step) for t in self._argument_field(argument, field, depth)]
                )
            for call in passed:
                # map(helper, items) / executor.submit(helper, x) / items.map(helper): the
                # other arguments, or the receiver's elements; a call that forwards its
                # arguments to the function (add_task(helper, a, b)) by their positions.
                forwarded = self.forwarded_arguments(call, name, parameter)
                if forwarded is not None:
                    values = forwarded
                else:
                    positional, _ = self.call_arguments(call)
                    values = [a for a in positional if node_text(a) != name]
                    if not values:
                        values = self.receiver_of(call)
                step = Step(Span.of(call), f"passed to {short_label(node_text(call))}")
                traces = merge(traces, [t.then(step) for t in self.evaluate_all(values, depth)])
            return traces
        finally:
            self._resolving_parameters.discard(key)

    def never_returns(self, call: Node) -> bool:
        """`fail("bad version")` calling a function of this file (by name, or a method
        through `this`/`self`) whose body ends the request or the process on every path
        (`process.exit(1)`, `throw`, `sys.exit()`, `abort()`, `raise`, or another such
        call): as a statement it is an early exit. Mutual recursion counts as returning."""
        if self.call_name(call) is None:
            return False
        function = self.local_function(call)
        if function is None:
            return False
        key = node_key(function)
        known = self._never_returns.get(key)
        if known is not None:
            return known
        self._never_returns[key] = False  # while judging its own body: it returns
        body = function.child_by_field_name("body")
        result = body is not None and self.body_never_returns(body)
        self._never_returns[key] = result
        return result

    def body_never_returns(self, body: Node) -> bool:
        """Whether a function body leaves by an exception or exit on every path."""
        return False

    def _from_bound_call(
        self, function: Node, parameter: Parameter, depth: int, field: str | None
    ) -> list[Trace] | None:
        """Inside the summary of a call of `function` (its result flows to the sink at
        the caller): the origins of the argument `parameter` receives at that call. None
        outside such a summary."""
        call = next((c for f, c in reversed(self._bound_calls) if f == function), None)
        if call is None:
            return None
        positional, keywords = self.call_arguments(call)
        argument = keywords.get(parameter.name)
        if argument is None and parameter.index < len(positional):
            argument = positional[parameter.index]
        if argument is None:
            return []
        step = Step(Span.of(call), f"called as {short_label(node_text(call))}")
        return [t.then(step) for t in self._argument_field(argument, field, depth)]

    def _argument_field(self, argument: Node, field: str | None, depth: int) -> list[Trace]:
        """Origins of `argument`, or of its `field` (the parameter's path, `q.sort`)."""
        suffix = field[field.find(".") :] if field is not None and "." in field else ""
        if not re.fullmatch(r"\.\w+", suffix):
            return self.evaluate(argument, depth)
        if argument.type == "identifier":
            text = node_text(argument)
            return self.resolve_name(text, argument, depth + 1, field=text + suffix)
        value = self.literal_field(argument, suffix[1:])
        if value is None:
            return self.evaluate(argument, depth)
        return self.evaluate(value, depth + 1) if value != argument else []

    def forwarded_arguments(self, call: Node, name: str, parameter: Parameter) -> list[Node] | None:
        """When `call` calls the function `name` it is passed with the arguments that
        follow it (`tasks.add_task(helper, a, b=c)` calls `helper(a, b=c)`): the argument
        that `parameter` receives (none: an empty list). None when the call is not known
        to forward its arguments so, or their positions are unknown (a `*args` splat)."""
        return None

    def instance_calls(self, method: Node, name: str) -> list[Node] | None:
        """The calls of a public method of a class whose instances this file makes and
        uses (`repo = Repo(conn)` ... `repo.by_author(a)`), like a module function's
        calls; None unless every call of a method of that name in the file is one of
        them, or one through `self`/`this` in the class (another object's method of the
        same name leaves the method's callers unknown)."""
        if not name.isidentifier() or not self.methods_traced_to_calls(method):
            return None
        root = self.tree_root
        if self.recorder is not None:
            # A new call of the method can come only from an edit that writes its name.
            self.recorder.named_ranges.add((root.start_byte, root.end_byte, name))
        klass = self.class_of_method(method)
        calls: list[Node] = []
        pattern = re.compile(rb"\.\s*(" + re.escape(name.encode()) + rb")\s*\(")
        for start, end in self.text_matches(pattern):
            call = self.member_call_at(start, end)
            if call is None:
                continue
            self.read_range(call)
            receivers = self.receiver_of(call)
            receiver = receivers[0] if receivers else None
            if receiver is not None and node_text(receiver) in ("self", "cls", "this"):
                if klass is None or not _contains(klass, call):
                    return None
            elif receiver is None or self.instance_method(receiver, call, name) != method:
                return None
            calls.append(call)
        return calls or None

    def text_matches(
        self, pattern: re.Pattern[bytes], *, whole_word: bool = False
    ) -> Iterator[tuple[int, int]]:
        """Where the first group of `pattern` matches in the text of the tree, as byte
        offsets of the document (the root node starts after leading blank space and
        comments, so its own text is offset by its start). With `whole_word`, a match
        must not follow a word character (a `\\b` that starts the pattern would make
        the search try every position)."""
        root = self.tree_root
        base = root.start_byte
        text = root.text or b""
        for match in pattern.finditer(text):
            if not (whole_word and word_before(text, match.start())):
                yield base + match.start(1), base + match.end(1)

    def methods_traced_to_calls(self, method: Node) -> bool:
        """Whether `method` is a method whose callers can all be in this file."""
        return False

    def class_of_method(self, method: Node) -> Node | None:
        return None

    def member_call_at(self, start: int, end: int) -> Node | None:
        """The call whose callee is a member access ending in the name at [start, end]
        (`repo.by_author(a)`: the name `by_author`)."""
        name = self.tree_root.descendant_for_byte_range(start, end)
        access = name.parent if name is not None else None
        call = access.parent if access is not None else None
        if access is None or call is None or call.type not in self.call_types:
            return None
        member = access.child_by_field_name("attribute") or access.child_by_field_name("property")
        if member != name or call.child_by_field_name("function") != access:
            return None
        return call

    def instance_method(self, receiver: Node, call: Node, name: str) -> Node | None:
        """The method of a class of this file that `receiver.name(...)` calls, when
        `receiver` is an instance of it."""
        return None

    def parameter_trace(self, function: Node, parameter: Parameter) -> Trace:
        label = f"parameter '{parameter.name}' of {self.function_name(function)}()"
        return Trace(
            OriginKind.PARAMETER,
            Step(Span.of(parameter.node), label),
            parameter=(function.start_byte, parameter.name),
            origin_text=label,
        )

    def evaluate_definition(
        self, definition: Definition, depth: int, field: str | None = None
    ) -> list[Trace]:
        if definition.kind == "opaque" or definition.value is None:
            return []
        if field is not None and definition.kind == "assign":
            key = _field_key(field)
            if key is not None:
                pair = self.literal_field(definition.value, key)
                if pair is not None:
                    # opts = {"table": "users", "order": user}; opts["table"]: one field.
                    return self.evaluate(pair, depth) if pair != definition.value else []
        traces = self._element_of_local_call(definition, depth)
        if traces is None:
            traces = self.evaluate(definition.value, depth)
        if definition.kind == "augment":
            earlier = self.resolve_name(
                definition.name, definition.statement, depth + 1, before=definition.position
            )
            traces = merge(traces, earlier)
        return traces

    # ------------------------------------------------------------------ calls
    def local_function(self, call: Node) -> Node | None:
        name = self.callee_name(call)
        if not name:
            return None
        last = name.rsplit(".", 1)[-1]
        candidates = self.index.functions_named(last)
        if self.recorder is not None:
            self.recorder.keys.add(("function", last))
            for candidate in candidates:
                self.read_definition(candidate)
        if not candidates or len(candidates) > 1:
            return None
        return candidates[0]

    def _element_of_local_call(self, definition: Definition, depth: int) -> list[Trace] | None:
        """`sql, params = build(x)` where `build`, defined in this file, returns tuples
        written out (`return "SELECT ...", {"t": x}`): the traces of this name's element
        alone. None when that is not the shape."""
        value = definition.value
        if value is not None and value.type == "await" and value.named_children:
            value = value.named_children[0]  # sql, params = await build(x)
        if definition.element is None or value is None or value.type != "call":
            return None
        function = value.child_by_field_name("function")
        if function is None or function.type != "identifier":
            return None
        local = self.local_function(value)
        if local is None or self.is_sanitizer(value) or self.raising_validator(local):
            return None
        returned = self.returned_values(local)
        if not returned or not all(
            r.type in ("expression_list", "tuple") and len(r.named_children) > definition.element
            for r in returned
        ):
            return None
        return self.summarize_call(value, local, depth, definition.element)

    def summarize_call(
        self, call: Node, function: Node, depth: int, element: int | None = None
    ) -> list[Trace]:
        """The traces of a call to a function defined in this file, with its parameters
        replaced by the caller's arguments (with `element`, of that element of the tuples
        it returns)."""
        key = (node_key(function), self.rule)
        if key in self._in_progress:
            return []
        values = self.returned_values(function)
        if element is not None:
            values = [v.named_children[element] for v in values]
        if any(f == function for f, _ in self._bound_calls):
            returned = self.evaluate_all(values, depth)  # recursion: the outer call's binding
        else:
            # Per call site: the function's parameters take this call's arguments, and
            # what its body computes from them is cached for this call alone.
            saved = self._binding
            self._bound_calls.append((function, call))
            self._binding = f"{saved}|{call.start_byte}:{call.end_byte}"
            try:
                returned = self.evaluate_all(values, depth)
            finally:
                self._bound_calls.pop()
                self._binding = saved
        positional, keywords = self.call_arguments(call)
        parameters = self.parameters(function)
        result: list[Trace] = []
        for trace in returned:
            if trace.parameter is None or trace.parameter[0] != function.start_byte:
                result = merge(result, [trace])
                continue
            parameter = next((p for p in parameters if p.name == trace.parameter[1]), None)
            if parameter is None:
                continue
            argument = keywords.get(parameter.name)
            if argument is None and parameter.index < len(positional):
                argument = positional[parameter.index]
            if argument is None:
                continue
            step = Step(Span.of(call), short_label(node_text(call)))
            result = merge(result, [t.then(step) for t in self.evaluate(argument, depth)])
        return result

    # String and collection methods whose result is made of the receiver's value.
    passthrough_methods: frozenset[str] = frozenset()

    def method_result(self, receiver_traces: list[Trace], method: str) -> list[Trace]:
        """What a method call's result inherits from its receiver. Anything derived from
        untrusted input stays untrusted; from a parameter (an object of unknown type) only
        string and collection methods pass the value on: `conn.ops.flush_sql()` is not
        the caller's text, `name.strip()` is."""
        if method in self.passthrough_methods:
            return receiver_traces
        return [t for t in receiver_traces if t.kind is OriginKind.UNTRUSTED]

    def is_sanitizer(self, call: Node) -> bool:
        key = node_key(call)
        if key in self.captures.coercions:
            return True
        rules = self.captures.sanitizers.get(key)
        if rules is not None and (self.rule in rules or "*" in rules):
            return True
        declared = self.settings.names_for(self.settings.sanitizers, self.rule)
        return bool(declared) and _name_matches(self.callee_name(call), declared)

    def sanitizer_by_name(self, call: Node) -> str | None:
        """Trust by name, the part both languages share: when the callee's name says it
        sanitizes or validates (SANITIZER_VERB) a value of this rule's kind
        (SANITIZER_DOMAINS), the name at the root of the callee (`paths` for
        `paths.sanitize_file(x)`), for the caller to check that an import binds it."""
        domain = SANITIZER_DOMAINS.get(self.rule or "")
        function = call.child_by_field_name("function")
        if domain is None or function is None or call.type not in ("call", "call_expression"):
            return None
        root = member_root(function)
        name = node_text(function).rsplit(".", 1)[-1]
        if root.type != "identifier" or not (SANITIZER_VERB.search(name) and domain.search(name)):
            return None
        return node_text(root)

    def is_validator_call(self, call: Node) -> bool:
        name = self.callee_name(call)
        declared = self.settings.names_for(self.settings.validators, self.rule)
        if declared and _name_matches(name, declared):
            return True
        function = self.local_function(call) if self.call_name(call) is not None else None
        if function is not None:
            # A function in this file is judged by what its body checks, not its name:
            # an `is_safe_url` that only looks at the scheme validates nothing.
            return self.raising_validator(function) or self.predicate(function)
        if node_key(call) in self.captures.validators or node_key(call) in self.captures.coercions:
            return True
        last = name.rsplit(".", 1)[-1]
        return bool(last) and last not in _NOT_VALIDATORS and bool(_VALIDATOR_NAME.search(last))

    def predicate(self, function: Node) -> bool:
        """A function in this file whose every return is a check of its input
        (`return urlparse(u).hostname in ALLOWED`) is a validator when used as a guard."""
        key = (*node_key(function), self.rule)
        found = self._predicates.get(key)
        if found is None:
            self._predicates[key] = False  # recursion guard
            values = self.returned_values(function)
            checks = [
                v for v in values if v.type not in self.literal_types or node_text(v) in _BOOLEANS
            ]
            names = self.derived_names(function)
            found = (
                bool(values)
                and len(checks) == len(values)
                and (
                    any(
                        self.returned_check_subjects(v)
                        for v in values
                        if v.type not in self.literal_types
                    )
                    # if <check>: return False ... return True
                    or any(self.checks_parameters(c, names) for c in self.conditions_in(function))
                )
            )
            self._predicates[key] = found
        return found

    def returned_check_subjects(self, value: Node) -> set[str]:
        """What a returned check tests, whichever way its callers use the verdict."""
        return self.tested_subjects(value, True)

    def conditions_in(self, function: Node) -> list[Node]:
        """Conditions of the `if` statements in a function (not in nested functions)."""
        found: list[Node] = []
        body = function.child_by_field_name("body")
        stack = [body] if body is not None else []
        while stack:
            node = stack.pop()
            if node.type in self.function_types:
                continue
            if node.type == "if_statement":
                condition = node.child_by_field_name("condition")
                if condition is not None:
                    found.append(condition)
            stack.extend(node.named_children)
        return found

    def is_statement_validator(self, call: Node) -> bool:
        """A call used as a statement validates its arguments when failure raises."""
        name = self.callee_name(call)
        if node_key(call) in self.captures.coercions:
            return True
        declared = self.settings.names_for(self.settings.validators, self.rule)
        if declared and _name_matches(name, declared):
            return True
        function = self.local_function(call) if self.call_name(call) is not None else None
        if function is not None:
            return self.raising_validator(function)
        last = name.rsplit(".", 1)[-1]
        return bool(last) and last not in _NOT_VALIDATORS and bool(_VALIDATOR_NAME.search(last))

    def raising_validator(self, function: Node) -> bool:
        key = (*node_key(function), self.rule)
        found = self._raising_validators.get(key)
        if found is None:
            self._raising_validators[key] = False  # recursion guard
            found = self.is_raising_validator_body(function)
            self._raising_validators[key] = found
        return found

    def checks_parameters(self, condition: Node, names: set[str]) -> bool:
        """`condition` tests one of `names` on the way to an exit: the body of a validator.
        Inside a validator's body any call on the value counts as checking it (that is
        where checking happens); trivial and scheme-only checks still do not."""
        self.lenient_calls += 1
        try:
            subjects = self.tested_subjects(condition, False) | self.tested_subjects(
                condition, True
            )
        finally:
            self.lenient_calls -= 1
        return any(re.split(r"[.\[(]", subject, maxsplit=1)[0] in names for subject in subjects)

    # ------------------------------------------------------------------ guards
    def guards(self, node: Node, scope: Node) -> tuple[Guard, ...]:
        """Guards that hold where `node` runs, from the checks between it and `scope`.
        Built on the guards of the parent, so that the operands of a 10,000-deep
        expression cost one step each, not one walk each."""
        self._read_guard_walk(node, scope)
        scope_key = node_key(scope)
        # Whether a check is sound can depend on the rule (a scheme check is no host check).
        rule = self.rule
        memo = self._guards
        pending: list[tuple[tuple[NodeKey, NodeKey, str], Node, Node]] = []
        current = node
        found: tuple[Guard, ...] | None
        while True:
            current_key = node_key(current)
            key = (current_key, scope_key, rule)
            found = memo.get(key)
            if found is not None:
                break
            if current_key == scope_key:
                found = ()
                break
            parent = self.parent_of(current)
            if parent is None:
                found = ()
                break
            pending.append((key, current, parent))
            current = parent
        # Innermost checks are judged first, as a walk up from `node` would.
        own_steps = [
            self._guard_step_list(current, parent, scope) for _, current, parent in pending
        ]
        for (key, _, _), own in zip(reversed(pending), reversed(own_steps), strict=True):
            found = own + found if own else found
            memo[key] = found
        return found

    def _guard_step_list(self, node: Node, parent: Node, scope: Node) -> tuple[Guard, ...]:
        found: list[Guard] = []
        for check in self.guard_steps(node, parent):
            # Most conditions come before the node; not `x if cond else y` or a
            # comprehension's `if` clauses.
            self.read_range(check.condition)
            subjects = self.tested_subjects(check.condition, check.polarity)
            if subjects:
                subjects |= self.aliases(subjects, check.condition, scope)
                found.append(Guard(check.condition.end_byte, frozenset(subjects), check.only))
        return tuple(found)

    def _read_guard_walk(self, node: Node, scope: Node) -> None:
        """A walk from `node` up to `scope` reads the statements before each node on the
        way; up to the module, those of the module and class bodies too."""
        if self.recorder is None:
            return
        if node_key(scope) != self._root_key:
            self._read_statements_before(node, scope)
            return
        self.read_context(node)
        facts, ranges = self._body_guard_reads(node)
        self.recorder.fact_ranges.update(facts)
        self.recorder.ranges.update(ranges)

    # Node types whose earlier statements guard a statement (see guard_steps).
    guard_holders: frozenset[str] = frozenset()

    def _read_statements_before(self, node: Node, scope: Node) -> None:
        """The checks that guard a node in a function come before it: its enclosing
        `if`s (their conditions are read as they are found) and, in each block on the way
        up, the statements before it. Of those, the ones that can hold a check are read
        whole, the others where they start (a statement that turns into one that can
        guard changes the tree's structure there); an edit inside a statement that
        cannot guard, such as a long function before the node, changes no guard."""
        recorder = self.recorder
        if recorder is None:
            return
        if self._walk_recorder is not recorder:
            self._walk_recorder = recorder
            self._walks_read = set()
        # A walk stops where an earlier one to the same scope passed: the operands of a
        # 10,000-term expression cost a step each.
        walks_read = self._walks_read
        ranges = recorder.ranges
        ranges.add((node.start_byte, node.start_byte))
        scope_key = node_key(scope)
        current = node
        while True:
            current_key = node_key(current)
            if current_key == scope_key or (current_key, scope_key) in walks_read:
                break
            walks_read.add((current_key, scope_key))
            parent = self.parent_of(current)
            if parent is None:
                break
            if parent.type in self.guard_holders:
                found = self._statement_reads.get(current_key)
                if found is None:
                    found = self._statement_reads[current_key] = [
                        (sibling.start_byte, sibling.end_byte)
                        if self.may_guard(sibling)
                        else (sibling.start_byte, sibling.start_byte)
                        for sibling in earlier_siblings(current, parent)
                    ]
                ranges.update(found)
            current = parent

    def _body_guard_reads(
        self, node: Node
    ) -> tuple[list[tuple[int, int, DependencyKey]], list[tuple[int, int]]]:
        """What a guard walk from `node` up to the module reads above its statement: in
        each module or class body on the way, the statements before it that can guard
        it (an `if` that exits, an `assert`, a validator call). Which statements those
        are is a fact of the body, ("guards", name), read for the body up to the
        statement: it changes when one comes or goes there."""
        member = self.member_of(node)
        cache_key = node_key(member if member is not None else node)
        found = self._body_guards.get(cache_key)
        if found is not None:
            return found
        chain = [*self.ancestors(node), node]
        facts: list[tuple[int, int, DependencyKey]] = []
        ranges: list[tuple[int, int]] = []
        names = [""]
        for index in range(len(chain) - 1):
            parent, current = chain[index], chain[index + 1]
            if member is not None and parent == member:
                break  # below the statement: read_member covers it
            if self.class_wrapper(parent) == parent:  # (not its decorated or exported form)
                names.append(names[-1] + "." + self.class_name(parent))
            if parent.type in self.guard_holders:
                facts.append((parent.start_byte, current.start_byte, ("guards", names[-1])))
                for sibling in earlier_siblings(current, parent):
                    if self.may_guard(sibling):
                        ranges.append((sibling.start_byte, sibling.end_byte))
        found = self._body_guards[cache_key] = (facts, ranges)
        return found

    def may_guard(self, statement: Node) -> bool:
        """Whether statement_guards can find a check in `statement`."""
        if statement.type == "expression_statement":
            inner = statement.named_children[0] if statement.named_children else None
            return inner is not None and inner.type in _GUARD_EXPRESSIONS
        if statement.type in ("for_statement", "for_in_statement"):
            # A loop that checks every element leaves the function when one fails (see
            # statement_guards); one that cannot leave guards nothing.
            return bool(_LEAVING_WORD.search(node_text(statement)))
        return statement.type in ("if_statement", "assert_statement", "try_statement")

    def aliases(self, subjects: set[str], condition: Node, scope: Node) -> set[str]:
        """Names a tested variable was computed from: checking `parsed.hostname` where
        `parsed = urlparse(url)` checks `url` too."""
        extra: set[str] = set()
        frontier = {s for s in subjects if s.isidentifier()}
        for _ in range(3):
            next_frontier: set[str] = set()
            for name in frontier:
                for definition in self.reaching_definitions(scope, name, condition):
                    if definition.value is None:
                        continue
                    if definition.part and not _URL_COMPONENT.search(definition.part):
                        # `const { mode } = req.query` checks req.query.mode, no other
                        # field of req.query (while `const { hostname } = new URL(u)`
                        # checks `u`, as `parsed.hostname` does).
                        text = normalized(node_text(definition.value)) + definition.part
                        if text not in subjects:
                            extra.add(text)
                        continue
                    # command = argv[1] checks argv[1], not argv; parsed = urlparse(url)
                    # checks url.
                    for text in self.subject_texts(definition.value):
                        if text not in subjects and text not in extra:
                            extra.add(text)
                            if text.isidentifier():
                                next_frontier.add(text)
            frontier = next_frontier
        return extra

    def identifiers_in(self, node: Node) -> set[str]:
        found: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type == "identifier":
                found.add(node_text(current))
            elif current.type not in self.function_types:
                stack.extend(current.children)
        return found

    def subject_texts(self, node: Node) -> set[str]:
        """The values a check on `node` constrains: the tested expression itself and what
        it is computed from (`urlparse(url).hostname` constrains `url`, `name.lower()`
        constrains `name`), but not the container an element comes from: checking
        `args[1]` or `data["a"]` says nothing about `args[2]` or `data["b"]`."""
        texts: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            kind = current.type
            if kind in self.function_types or kind in self.literal_types:
                continue
            scheme = kind in _MEMBER_TYPES and bool(_SCHEME_PART.search(node_text(current)))
            if scheme and self.rule != "url":
                continue  # urlparse(url).scheme == "https" checks the scheme only
            if current.is_named and kind not in _NOT_SUBJECTS:
                texts.add(normalized(node_text(current)))
            if (kind in _MEMBER_TYPES and _EXTENSION_PART.search(node_text(current))) or (
                kind in _CALL_TYPES and _callee_last(current) in _EXTENSION_CALLS
            ):
                continue  # the extension alone: the name it came from is not checked
            if kind in ("call", "call_expression") and _keyed_read(current):
                continue  # data.get("a"): an element of `data`, as data["a"] is
            if (
                kind in _CALL_TYPES
                and self.rule != "unsafe-deserialization"
                and (
                    _callee_last(current) in _DIGEST_CALLS
                    or _KEYED_DIGEST.match(node_text(current)) is not None
                )
            ):
                # compare_digest(hmac.new(K, raw, sha256).hexdigest(), sig): a signature
                # proves who sent `raw`, not that a field of it is safe SQL, a safe path or
                # safe HTML. It vouches for the blob only where the blob is loaded.
                continue
            if kind in ("call", "call_expression") and self.path_normalizers.search(
                _callee_last(current) + "("
            ):
                # realpath(full) is another path than `full` (symlinks, ".."): checking
                # the resolved copy says nothing of the unresolved one opened later.
                continue
            if kind in _MEMBER_TYPES:
                container = current.named_children[0] if current.named_children else None
                if container is None:
                    continue
                # A part of a computed or parsed value (`urlparse(u).hostname`,
                # `parsed.hostname`) is checked with it; an element of a container is not.
                # For a link (rule "url"), `u.protocol === "https:"` checks the URL `u`.
                if container.type in _CALL_TYPES or scheme or _COMPONENT.search(node_text(current)):
                    stack.append(container)
                continue
            if kind == "named_expression":
                name = current.child_by_field_name("name")
                if name is not None:
                    texts.add(node_text(name))
            stack.extend(current.named_children)
        return texts

    def derived_names(self, function: Node) -> set[str]:
        """The parameters of `function` and the local names computed from them."""
        names = {p.name for p in self.parameters(function)}
        self.read_range(function)
        definitions = self.definitions(function)
        for _ in range(len(definitions) + 1):
            grown = {
                name
                for name, items in definitions.items()
                if name not in names
                and any(d.value is not None and self.identifiers_in(d.value) & names for d in items)
            }
            if not grown:
                break
            names |= grown
        return names

    def guarded(self, node: Node, text: str) -> bool:
        """A guard tests `text` where `node` runs: in its function, or, for a closure,
        before the closure in the enclosing functions."""
        wanted = normalized(text)
        point = node
        scope = self.enclosing_scope(node)
        while True:
            if any(
                wanted in guard.subjects and guard.only is None
                for guard in self.guards(point, scope)
            ):
                return True
            if self.is_module(scope):
                return False
            outer = self.enclosing_scope(scope)
            if outer == scope:
                return False  # broken code can leave a scope with no enclosing one
            point, scope = scope, outer

    def guarded_between(self, use: Node, scope: Node, name: str, after: int) -> bool:
        return any(
            guard.position >= after
            and name in guard.subjects
            and (guard.only is None or name in guard.only)
            for guard in self.guards(use, scope)
        )

    def allowlist_like(self, node: Node) -> bool:
        """A collection a membership test can treat as an allowlist."""
        if node.type in self.collection_literal_types:
            return True
        text = node_text(node)
        last = re.split(r"[.\[\]()]", text.strip())
        name = next((part for part in reversed(last) if part), text)
        if _ALLOWLIST_NAME.search(name):
            return True
        if node.type == "identifier":
            definitions = self.module_definitions(text)
            return any(
                d.value is not None and self.is_constant_collection(d.value) for d in definitions
            )
        return False

    collection_literal_types: frozenset[str] = frozenset()

    def is_constant_collection(self, node: Node) -> bool:
        if node.type in self.collection_literal_types:
            return True
        if node.type in ("call", "new_expression", "call_expression"):
            name = self.callee_name(node)
            return name.rsplit(".", 1)[-1] in ("set", "frozenset", "Set", "tuple", "list")
        return False


def _field_key(path: str) -> str | None:
    match = re.search(r'\["([^"]+)"\]$|\.(\w+)$', path)
    if match is None:
        return None
    return match.group(1) or match.group(2)


def chain_operands(node: Node, joins: Callable[[Node], bool]) -> list[Node]:
    """The leaves of a chain like `a + b + c` or `((a))`, found without recursion so that
    a 10,000-term expression costs a loop, not the interpreter's stack."""
    leaves: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if joins(current):
            stack.extend(reversed(current.named_children))
        else:
            leaves.append(current)
    return leaves


def earlier_siblings(node: Node, parent: Node) -> list[Node]:
    """Named siblings before `node`, nearest first."""
    siblings = parent.named_children
    for index, sibling in enumerate(siblings):
        if sibling == node:
            return siblings[:index][::-1]
    return []


def merge(left: list[Trace], right: list[Trace]) -> list[Trace]:
    if not right:
        return left
    if not left:
        return right[:MAX_TRACES]
    seen = {trace.origin.span for trace in left}
    merged = list(left)
    for trace in right:
        if trace.origin.span not in seen and len(merged) < MAX_TRACES:
            merged.append(trace)
            seen.add(trace.origin.span)
    # Untrusted origins first: they decide the severity.
    merged.sort(key=lambda trace: trace.kind is not OriginKind.UNTRUSTED)
    return merged


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def contains(outer: Node, inner: Node) -> bool:
    return _contains(outer, inner)


def name_matches(name: str, declared: frozenset[str] | tuple[str, ...]) -> bool:
    """A callee name matches a declared qualified name by full name or last component."""
    return _name_matches(name, frozenset(declared))


def _name_matches(name: str, declared: frozenset[str]) -> bool:
    if not name:
        return False
    if name in declared:
        return True
    last = name.rsplit(".", 1)[-1]
    return any(entry == last or entry.rsplit(".", 1)[-1] == last for entry in declared)


def regex_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source: `^a|b$` -> ["^a", "b$"], while
    `^(?:a|b)$` is one. An anchor binds to its own alternative only, so a pattern is
    anchored when every alternative is."""
    alternatives: list[str] = []
    depth = 0
    in_class = False
    start = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":
                index += 1  # []] and [^]]: a literal ] first in the class
            elif pattern[index + 1 : index + 3] == "^]":
                index += 2
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
        index += 1
    alternatives.append(pattern[start:])
    return alternatives


# What a same-site check (open redirect) or a host allowlist (SSRF) must refuse: if a
# validating regex accepts one of these, it checks the shape of the value, not its site.
# (`//3627732462` is a host written as one decimal number: browsers accept it.)
_REDIRECT_TARGETS = ("//evil.example", "//3627732462", "/\\evil.example", "https://evil.example/")
_SSRF_TARGETS = ("http://169.254.169.254/latest/meta-data/", "http://evil.example/")
_FOREIGN_TARGETS = {
    "open-redirect": _REDIRECT_TARGETS,
    "ssrf": _SSRF_TARGETS,
    # A link or an external opener (rule "url"): the scheme is what matters.
    "url": ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>"),
}
# A regex that starts with a fixed scheme and host and a slash: `^https://api\.x\.com/`.
_FIXED_HOST_REGEX = re.compile(r"^\^https?\??:(\\?/){2}[A-Za-z0-9\\.-]+\\?/")


def regex_site_check(pattern: str, rule: str, mode: str = "search") -> bool | None:
    r"""For a rule about sites (SSRF, open redirect), what a regex test on a URL says:
    False when it accepts a URL of another site (`^\/[a-z0-9/-]*$` accepts
    `//3627732462`; for links, rule "url", a `javascript:` URL), True when it fixes the
    scheme and host (`^https://api\.x\.com/`),
    None otherwise (judged by its anchors), and for other rules or a pattern that cannot be
    read. JavaScript sources of simple patterns read as Python ones. `mode` is how the
    pattern is applied: "search" (its anchors decide), "match" or "fullmatch"."""
    targets = _FOREIGN_TARGETS.get(rule)
    if not targets:
        return None
    try:
        # The pattern is the analysed code's: Python's FutureWarnings about its syntax
        # ("possible nested set") would only clutter the server's log.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compiled = re.compile(re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", pattern), re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return None
    apply = {"match": compiled.match, "fullmatch": compiled.fullmatch}.get(mode, compiled.search)
    if any(apply(target) for target in targets):
        return False
    if all(_FIXED_HOST_REGEX.match(a) for a in regex_alternatives(pattern)):
        return True
    return None


# Characters that, left in a value, still let it do harm, by rule: a path separator or a
# dot (`..`) for a file name, shell syntax for a command line, markup for HTML.
_HARMFUL_CHARACTERS = {
    "path-traversal": frozenset("/\\.:"),
    "command-injection": frozenset(" \t\n\r;&|`$<>()'\"\\*?[]{}!#~%^"),
    "xss": frozenset("<>\"'&`="),
    "sql-injection": frozenset(" \t\n\r'\"`\\;()-/*=<>|&,#%"),
}


def kept_characters(negated_class: str) -> frozenset[str] | None:
    """The characters `[^...]` (as the whole regex source, optionally followed by `+` or
    `*`) does not match, that is, keeps: `[^a-z0-9-]` keeps lowercase letters, digits
    and "-". None when the source is no such class or uses syntax not read here."""
    found = re.fullmatch(r"\[\^((?:\\.|[^\]\\])+)\][+*]?", negated_class)
    if found is None:
        return None
    body = found.group(1)
    kept: set[str] = set()
    classes = {"w": string.ascii_letters + string.digits + "_", "d": string.digits}
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            if index + 1 >= len(body):
                return None
            escaped = body[index + 1]
            if escaped in classes:
                kept.update(classes[escaped])
            elif escaped.isalnum():
                return None  # \s, \W, \u00e9, ...: not read here
            else:
                kept.add(escaped)
            index += 2
            continue
        if index + 2 < len(body) and body[index + 1] == "-" and body[index + 2] != "\\":
            low, high = ord(char), ord(body[index + 2])
            if high < low or high - low > 128:
                return None
            kept.update(chr(c) for c in range(low, high + 1))
            index += 3
            continue
        kept.add(char)
        index += 1
    return frozenset(kept)


def strips_harmful_characters(negated_class: str, replacement: str, rule: str) -> bool:
    r"""Whether replacing every character outside a class (`re.sub(r"[^a-z0-9-]", "-",
    x)`, `x.replace(/[^\w-]/g, "")`) leaves nothing the rule's sink could misuse: what is
    kept and what is put in its place hold none of the rule's harmful characters."""
    harmful = _HARMFUL_CHARACTERS.get(rule)
    kept = kept_characters(negated_class)
    if harmful is None or kept is None:
        return False
    return not (kept | set(replacement)) & harmful


def ends_with_anchor(text: str, anchors: tuple[str, ...]) -> bool:
    """`text` ends with one of `anchors` that is not itself escaped (`\\$` is a dollar)."""
    for anchor in anchors:
        if text.endswith(anchor):
            before = text[: len(text) - len(anchor)]
            escapes = len(before) - len(before.rstrip("\\"))
            if escapes % 2 == 0:
                return True
    return False


def first(nodes: Iterable[Node], predicate: Callable[[Node], bool]) -> Node | None:
    return next((node for node in nodes if predicate(node)), None)


def word_before(text: str | bytes, position: int) -> bool:
    """Whether a word character precedes `position` of `text` (where `\\b` would not
    match). Patterns that start with a literal are searched for by it; a leading `\\b`
    or an alternation is tried at every position, about ten times slower on a large file."""
    before = text[position - 1 : position]
    return bool(before) and (before.isalnum() or before in ("_", b"_"))


def _identifiers(node: Node) -> list[Node]:
    """The identifier nodes in `node`'s subtree."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            found.append(current)
        stack.extend(current.children)
    return found
