"""Incremental analysis: a document's findings, computed again after an edit from what
changed and what the previous version's analysis read.

Query results are cached per part of the tree. The tree is cut into chunks (subtrees of
at most CHUNK_BYTES) below a spine of larger nodes; a chunk keeps every match rooted in
it, a spine node the matches rooted at itself. A match only looks below its root, so a
part whose subtree did not change keeps its matches, shifted by the edit's byte delta.

Sink decisions (is this match a sink: its module, receiver, context?) and findings (the
data flow of one sink) are cached with what computing them read (`flow.Recorder`): byte
ranges of the tree (a function, the statement that holds a helper) and named facts of the
whole file (the module-level definitions of a name, the functions called `x`, the calls
of `x`, Node module bindings, the statements of a module or class body that guard what
follows them). After an edit a cached result is kept when none of its ranges touches the
changed region and none of its facts changed; otherwise it is computed again. The outline
of the file (class headers: names, bases, decorators) is not tracked: when it changes,
every decision and finding with dependencies is computed again.

Each sink is analysed on its own (`FlowAnalyzer.begin_sink`), so the result for a sink
depends on the tree alone, never on which other sinks were analysed before it: the
findings of an incremental analysis are those of a full one of the same tree.
"""

from __future__ import annotations

import collections
import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar, cast

import tree_sitter

from unguarded.analysis.aliases import (
    ALIASES,
    IMPORT_NAMES_KEY,
    alias_name,
    import_names,
    import_scan_after_edit,
    import_table,
)
from unguarded.analysis.engine import RawMatch, SinkMatch, _Analysis
from unguarded.analysis.flow import (
    SINK_CALLS,
    Captures,
    DependencyKey,
    FlowAnalyzer,
    FlowIndex,
    Node,
    NodeKey,
    Recorder,
    node_text,
)
from unguarded.analysis.js_flow import (
    EXPORT_STATEMENTS,
    MODULE_REFERENCES,
    JavaScriptFlow,
    module_references,
)
from unguarded.analysis.model import Finding, Span, Step
from unguarded.analysis.queries import INDEX, LanguageQueries, queries_for
from unguarded.analysis.settings import AnalysisSettings
from unguarded.analysis.suppressions import apply_suppressions
from unguarded.catalog import CATALOG
from unguarded.documents import Document, LineIndex
from unguarded.documents.content import common_prefix, common_suffix

# Subtrees up to this size are queried as one chunk. Smaller chunks mean less to query
# again after an edit, but more parts to keep; a deeply nested chunk costs its depth
# squared to match, so it must not be large either.
CHUNK_BYTES = 2048
# An edit is provisional (see DocumentAnalysis.analyze) when the new tree has a syntax
# error and its structure changed over more than this many bytes beyond the edited text:
# a `(` or `"` typed mid-file, whose error recovery re-parses the rest of the file.
RESHAPE_BYTES = 4096

_T = TypeVar("_T")

# A node position relative to the start of the part of the tree that holds it.
RelativeKey = tuple[int, int, int]


class StaleCache(Exception):
    """A cached node is no longer in the tree: the caller analyses the document afresh."""


@dataclass(eq=False, slots=True)
class Dependencies:
    """What a decision or a finding read (absolute ranges, current version)."""

    ranges: frozenset[tuple[int, int]]
    keys: frozenset[DependencyKey]
    # Ranges that only an edit writing the name changes (a name no scope there defines).
    named_ranges: frozenset[tuple[int, int, str]] = frozenset()
    # Facts read for a range: only an edit there that changes the fact changes them.
    fact_ranges: frozenset[tuple[int, int, DependencyKey]] = frozenset()
    # The span of the ranges: an edit outside it touches none of them.
    low: int = 0
    high: int = -1
    # binding_names(), once asked.
    bound: frozenset[str] | None = None
    bound_known: bool = False

    def __post_init__(self) -> None:
        if self.positional and self.high < self.low:
            spans = [
                *self.ranges,
                *((start, end) for start, end, _ in self.named_ranges),
                *((start, end) for start, end, _ in self.fact_ranges),
            ]
            self.low = min(start for start, _ in spans)
            self.high = max(end for _, end in spans)

    @property
    def positional(self) -> bool:
        """Whether any of what was read is a range of the document."""
        return bool(self.ranges or self.named_ranges or self.fact_ranges)

    def binding_names(self) -> frozenset[str] | None:
        """The names, when what was read is only Node module bindings (`binding` facts,
        most decisions that read facts alone: the binding of `exec`)."""
        if not self.bound_known:
            names = {name for kind, name in self.keys if kind == "binding"}
            if not self.positional and self.keys and len(names) == len(self.keys):
                self.bound = frozenset(names)
            self.bound_known = True
        return self.bound

    @classmethod
    def of(
        cls, recorder: Recorder, shared: dict[frozenset[DependencyKey], Dependencies]
    ) -> Dependencies:
        """What `recorder` noted. Reads of named facts alone (the binding of `exec`) are
        shared between the many decisions that make them, to be judged once."""
        keys = frozenset(recorder.keys)
        if recorder.ranges or recorder.named_ranges or recorder.fact_ranges:
            return cls(
                frozenset(recorder.ranges),
                keys,
                frozenset(recorder.named_ranges),
                frozenset(recorder.fact_ranges),
            )
        found = shared.get(keys)
        if found is None:
            found = shared[keys] = cls(frozenset(), keys)
        return found


@dataclass(eq=False, slots=True)
class RawSink:
    """A match of a sink pattern, with its decision and finding once computed."""

    part: Part
    origin: str
    pattern: int
    call: RelativeKey | None
    arguments: tuple[RelativeKey, ...]
    receiver: RelativeKey | None
    # The match's place among its part's matches.
    ordinal: int
    decided: bool = False
    # The accepted sink: its rule, sink name, policy and controls (nodes are found again
    # when its finding must be computed).
    accepted: tuple[str, str, str | None, str | None] | None = None
    # None: the decision read nothing outside the match (its part alone decides it).
    decision_reads: Dependencies | None = None
    finding: Finding | None = None
    finding_reads: Dependencies | None = None
    # Taken over from the same match in a part the edit replaced: to be judged by what
    # it read, not decided again.
    transferred: bool = False
    # The arguments the decision chose when they are not the match's own (a call through
    # an import alias, judged by the pattern of the imported name).
    resolved: tuple[RelativeKey, ...] | None = None

    @property
    def rule_id(self) -> str:
        assert self.accepted is not None
        return self.accepted[0]

    def take_over(self, previous: RawSink) -> None:
        self.decided, self.accepted = previous.decided, previous.accepted
        self.decision_reads = previous.decision_reads
        self.finding, self.finding_reads = previous.finding, previous.finding_reads
        self.resolved = previous.resolved
        self.transferred = True

    def order(self) -> tuple[int, int, int, int, int]:
        """Query sinks in document order. For the same call (several patterns match it),
        in the order tree-sitter found them: the first one with a finding reports it."""
        call = self.call or (0, 0, 0)
        part = self.part
        return (0, part.start + call[0], part.start + call[1], part.spine, self.ordinal)


@dataclass(eq=False, slots=True)
class DeclaredSink:
    """A call the settings declare a sink (`sinks` by callee name)."""

    part: Part
    rule_id: str
    call: RelativeKey
    argument: RelativeKey
    name: str
    finding: Finding | None = None
    finding_reads: Dependencies | None = None

    def order(self) -> tuple[int, int, int, int, int]:
        return (1, self.part.start + self.call[0], self.part.start + self.call[1], 0, 0)


@dataclass(eq=False, slots=True)
class Part:
    """The cached query results of a chunk (every match rooted in its subtree) or of a
    spine node (the matches rooted at the node itself). Positions are relative to
    `start`, so that a part after an edit only moves.

    A large file has thousands of parts, most of them empty (a spine's punctuation is a
    chunk of its own): slots and shared empty tuples keep them small."""

    start: int
    end: int
    kind: int
    spine: bool
    # tree-sitter's id of the node: a subtree reused by an incremental parse keeps it.
    node_id: int = 0
    alive: bool = True
    sources: tuple[RelativeKey, ...] = ()
    coercions: tuple[RelativeKey, ...] = ()
    validators: tuple[RelativeKey, ...] = ()
    sanitizers: tuple[tuple[RelativeKey, frozenset[str]], ...] = ()
    raw_sinks: tuple[RawSink, ...] = ()
    declared: tuple[DeclaredSink, ...] = ()
    functions: tuple[tuple[str, RelativeKey], ...] = ()
    calls: tuple[tuple[str, RelativeKey], ...] = ()
    bindings: tuple[RelativeKey, ...] = ()
    # Results computed from a subtree inside this part (see _subtree_cache).
    cache: dict[tuple[int, int, int, str], object] | None = None

    @property
    def has_captures(self) -> bool:
        return bool(self.sources or self.coercions or self.validators or self.sanitizers)


@dataclass(slots=True)
class _Found:
    """What the queries find in a part, while it is being made."""

    sources: list[RelativeKey] = field(default_factory=list)
    coercions: list[RelativeKey] = field(default_factory=list)
    validators: list[RelativeKey] = field(default_factory=list)
    sanitizers: list[tuple[RelativeKey, frozenset[str]]] = field(default_factory=list)
    raw_sinks: list[RawSink] = field(default_factory=list)
    declared: list[DeclaredSink] = field(default_factory=list)
    functions: list[tuple[str, RelativeKey]] = field(default_factory=list)
    calls: list[tuple[str, RelativeKey]] = field(default_factory=list)
    bindings: list[RelativeKey] = field(default_factory=list)

    def store(self, part: Part) -> None:
        part.sources, part.coercions = tuple(self.sources), tuple(self.coercions)
        part.validators, part.sanitizers = tuple(self.validators), tuple(self.sanitizers)
        part.raw_sinks, part.declared = tuple(self.raw_sinks), tuple(self.declared)
        part.functions, part.calls = tuple(self.functions), tuple(self.calls)
        part.bindings = tuple(self.bindings)


@dataclass(frozen=True)
class Region:
    """The changed region of an edit: [start, old_end] before it, [start, new_end]
    after it (closed: a part that merely touches the region may have changed). It holds
    the text that changed, [text_start, text_old_end] before and [text_start,
    text_new_end] after, and where the tree's structure changed around it."""

    start: int
    old_end: int
    new_end: int
    text_start: int
    text_old_end: int
    text_new_end: int
    # Where the new tree's structure differs (new positions, sorted, disjoint).
    structure: tuple[tuple[int, int], ...] = ()

    @property
    def delta(self) -> int:
        return self.new_end - self.old_end

    def touches_old(self, start: int, end: int) -> bool:
        return start <= self.old_end and end >= self.start

    def touches_new(self, start: int, end: int) -> bool:
        return start <= self.new_end and end >= self.start

    def shift(self, position: int) -> int:
        """A position outside the changed text, from before the edit to after it."""
        return position + self.delta if position > self.text_old_end else position

    def text_touches_old(self, start: int, end: int) -> bool:
        return start <= self.text_old_end and end >= self.text_start

    def text_touches_new(self, start: int, end: int) -> bool:
        return start <= self.text_new_end and end >= self.text_start

    def unchanged_new(self, start: int, end: int) -> bool:
        """Whether the new tree's subtree at [start, end] is the old one's, moved: its
        text did not change and tree-sitter found no change of structure in it."""
        if start <= self.text_new_end and end >= self.text_start:
            return False
        structure = self.structure
        index = bisect_right(structure, (end, end + 1)) - 1
        # The ranges are disjoint and sorted: only the last one starting at or before
        # `end` can reach back to `start`.
        return index < 0 or structure[index][1] < start

    def text_only(self) -> Region:
        """The region of the edited text alone, without the change of structure."""
        return Region(
            self.text_start,
            self.text_old_end,
            self.text_new_end,
            self.text_start,
            self.text_old_end,
            self.text_new_end,
        )

    def old_position(self, position: int) -> int:
        """A new position outside the changed text, before the edit."""
        return position - self.delta if position > self.text_new_end else position


class DocumentAnalysis:
    """The analysis of one document across its versions. `analyze` takes each new version
    (a snapshot: the tree must not change afterwards) and returns its findings; the first
    call, or one after a change of settings or language, analyses everything."""

    def __init__(self, settings: AnalysisSettings) -> None:
        self.settings = settings
        self._language_queries: LanguageQueries | None = None
        self._import_names: frozenset[str] = frozenset()
        # What the last edit replaced (the version before, its analysis, dropped parts),
        # kept until release(): see _analyze_change.
        self._retired: list[object] = []
        self._reset(None)

    def _reset(self, language: str | None) -> None:
        self._language = language
        self._document: Document | None = None
        self._analysis: _Analysis | None = None
        self._chunks: list[Part] = []
        self._spines: list[Part] = []
        # The spines by position, built when asked for (see _part_holding).
        self._spine_at: dict[tuple[int, int, int], Part] | None = None
        self._findings: list[Finding] = []
        # Parts by what they hold, for the facts of the whole file.
        self._with_captures: dict[Part, None] = {}
        self._parts_by_id: dict[int, Part] = {}
        self._shared_reads: dict[frozenset[DependencyKey], Dependencies] = {}
        # While parts are replaced: the matches of the old ones, by position after the edit.
        self._transfer: dict[tuple[object, ...], RawSink] = {}
        self._with_bindings: dict[Part, None] = {}
        self._functions: dict[str, dict[Part, None]] = {}
        self._calls: dict[str, dict[Part, None]] = {}
        # Sinks whose decision read something outside their part, and accepted sinks.
        self._conditional: dict[RawSink, None] = {}
        # ... of those, the ones that read named facts only, by what they read: many
        # decisions read the same (the binding of `exec`) and are judged together.
        self._by_facts: dict[Dependencies, dict[RawSink, None]] = {}
        self._accepted: dict[RawSink | DeclaredSink, None] = {}
        self._bindings: dict[str, tuple[str, str | None]] | None = None
        self._sink_calls: set[NodeKey] = set()
        # Whether the last call returned the findings of an earlier version (see analyze).
        self.provisional = False
        # For tests and benchmarks: what the last call computed again.
        self.stats: dict[str, int] = {}
        self.checked: list[tuple[str, int]] = []

    # ------------------------------------------------------------------ entry
    def analyze(
        self,
        document: Document,
        settings: AnalysisSettings | None = None,
        *,
        provisional: bool = False,
    ) -> list[Finding]:
        """The findings of `document`. With `provisional`, an edit whose syntax error
        reshapes much of the file (RESHAPE_BYTES) is not analysed: the findings of the
        version analysed last are returned, moved with the text (less those the edited
        text touches), and `self.provisional` is set. The caller analyses that version
        again without `provisional` once the edits pause: typing `(` mid-file costs a
        re-query of hundreds of parts, and its result lasts until the `)`."""
        self.provisional = False
        self.release()
        if settings is not None and settings != self.settings:
            self.settings = settings
            self._document = None
        if len(document.data) > self.settings.max_file_bytes:
            self._document = None
            return []
        if self._document is None or self._language != document.language.name:
            return self._analyze_all(document)
        try:
            return self._analyze_change(document, provisional)
        except StaleCache:
            return self._analyze_all(document)

    def release(self) -> None:
        """Free what the last edit replaced. The server calls this once the findings are
        published: freeing the version before (its tree, the py-tree-sitter nodes its
        analysis asked for, the dropped parts) takes about 0.5 ms on a large file, which
        the edit's diagnostics need not wait for. Otherwise the next analyze() frees it."""
        self._retired.clear()

    @property
    def _queries(self) -> LanguageQueries:
        assert self._language_queries is not None
        return self._language_queries

    # ------------------------------------------------------------------ versions
    def _analyze_all(self, document: Document) -> list[Finding]:
        self._reset(document.language.name)
        self._import_names = import_names(document.data)
        chunks, spines = _decompose(document.tree.root_node, None)
        self._language_queries = queries_for(document.language.name)
        analysis = self._new_analysis(document)
        self._chunks = [self._part(node, False, analysis) for node in chunks]
        self._spines = [self._part(node, True, analysis) for node in spines]
        self._spine_at = None
        parts = self._chunks + self._spines
        for part in parts:
            self._index(part)
        self.stats = {"parts": len(parts), "full": 1}
        return self._finish(document, analysis, _Changes.everything(parts), parts)

    def _analyze_change(self, document: Document, provisional: bool) -> list[Finding]:
        previous = self._document
        assert previous is not None and self._analysis is not None
        region = _changed_region(previous, document)
        if region is None:
            self.stats = {"parts": 0, "full": 0}
            return list(self._findings)
        if provisional and _reshapes(region, document):
            # The state stays at `previous`: the next version is compared with it.
            self.provisional = True
            self.stats = {"parts": 0, "full": 0, "provisional": 1}
            return _moved_findings(self._findings, region.text_only(), document)
        import_scan_after_edit(
            previous.data,
            document.data,
            region.text_start,
            region.text_old_end,
            region.text_new_end,
        )
        names = import_names(document.data)
        # The parts keep only the calls that may go through an import alias (see _part):
        # those that mention a name the imports mention now, or no more, are made again.
        renamed = names ^ self._import_names
        self._import_names = names
        analysis = self._new_analysis(document)
        new_parts, dropped = self._update_parts(document, region, analysis)
        if renamed:
            self._renew_parts_mentioning(renamed, document, analysis, new_parts, dropped)
        changes = _Changes(region, previous, self._analysis, document, analysis, new_parts, dropped)
        self.stats = {"parts": len(new_parts), "full": 0}
        findings = self._finish(document, analysis, changes, new_parts)
        self._retired.append(changes)  # it holds all the edit replaced: see release()
        return findings

    def _new_analysis(self, document: Document) -> _Analysis:
        index = _PartIndex(self, document.tree.root_node)
        return _Analysis(
            document,
            self.settings,
            Captures(),
            index,
            index.binding_nodes if document.language.family != "python" else None,
            self._subtree_cache,
        )

    def _subtree_cache(self, node: Node, what: str, compute: Callable[[Node], _T]) -> _T:
        """`compute(node)`, kept with the part that holds `node`'s subtree: it stays valid
        until that part changes. (`compute` must depend on the subtree alone, and return
        no nodes: they belong to one version of the tree.)"""
        part = self._part_holding(node)
        if part is None:
            return compute(node)
        key = (node.start_byte - part.start, node.end_byte - part.start, node.kind_id, what)
        cache = part.cache
        if cache is None:
            cache = part.cache = {}
        elif key in cache:
            return cast(_T, cache[key])
        found = cache[key] = compute(node)
        return found

    def _part_holding(self, node: Node) -> Part | None:
        start, end = node.start_byte, node.end_byte
        chunks = self._chunks
        index = bisect_right(chunks, start, key=_part_start) - 1
        if index >= 0 and chunks[index].start <= start and end <= chunks[index].end:
            return chunks[index]
        spine_at = self._spine_at
        if spine_at is None:
            spine_at = self._spine_at = {}
            for part in self._spines:  # the first of equal ones, as a scan finds it
                spine_at.setdefault((part.start, part.end, part.kind), part)
        return spine_at.get((start, end, node.kind_id))

    def _finish(
        self,
        document: Document,
        analysis: _Analysis,
        changes: _Changes,
        new_parts: list[Part],
    ) -> list[Finding]:
        """Decide the sinks that need it, then compute the findings that need it."""
        flow = analysis.flow
        if document.language.family != "python":
            # Node module bindings: the same as before unless a part that binds changed.
            if self._bindings is None or changes.bindings_may_change():
                bindings = analysis.module_bindings()
                if self._bindings is not None:
                    changes.changed_bindings = _changed_entries(self._bindings, bindings)
                self._bindings = bindings
            else:
                analysis.use_module_bindings(self._bindings)
        recorder = Recorder()
        decided = 0
        # Sinks of new parts, then sinks whose decision read what changed.
        for part in new_parts:
            for raw in part.raw_sinks:
                reads = raw.decision_reads
                if raw.transferred and reads is None:
                    self._register(raw)  # its match did not change: nor did the decision
                    continue
                carried = changes.carry(reads) if raw.transferred and reads is not None else None
                if carried is None:
                    self._decide(analysis, raw, recorder)
                    decided += 1
                else:
                    raw.decision_reads = carried
                    self._register(raw)
        for facts, group in list(self._by_facts.items()):
            if group and not changes.facts_unchanged(facts):
                for raw in list(group):
                    if raw.part not in changes.new_parts:
                        self._decide(analysis, raw, recorder)
                        decided += 1
        for raw in list(self._conditional):
            reads = raw.decision_reads
            assert reads is not None
            if raw.part not in changes.new_parts:
                shifted = changes.carry(reads)
                if shifted is None:
                    self._decide(analysis, raw, recorder)
                    decided += 1
                else:
                    raw.decision_reads = shifted
        if self.settings.sources or self.settings.sinks:
            self._declare(analysis, new_parts)
        # A sink's result is no input to anything: the flow needs every sink call.
        sinks = sorted(self._accepted, key=lambda sink: sink.order())
        sink_calls = {
            self._absolute(sink.part, sink.call) for sink in sinks if _result_is_new(sink)
        }
        changes.sink_calls_changed = changes.compare_sink_calls(self._sink_calls, sink_calls)
        self._sink_calls = sink_calls
        flow.sink_calls.update(sink_calls)
        # Findings.
        findings: dict[tuple[str, int, int], Finding] = {}
        computed = 0
        self.checked = []
        captures_ready = False
        for sink in sinks:
            _, start, end, _, _ = sink.order()
            key = (sink.rule_id, start, end)
            if key in findings:
                continue  # the same call reported for the same rule by an earlier pattern
            reads = sink.finding_reads
            kept = isinstance(sink, DeclaredSink) or sink.transferred
            moved = (
                changes.carry_finding(reads, sink.finding, document)
                if reads is not None and (kept or sink.part not in changes.new_parts)
                else None
            )
            if moved is None:
                if not captures_ready:
                    self._fill_captures(analysis)
                    captures_ready = True
                sink.finding, sink.finding_reads = self._check(analysis, sink)
                computed += 1
                self.checked.append((sink.rule_id, start))
            else:
                sink.finding_reads, sink.finding = moved
            if sink.finding is not None:
                findings[key] = sink.finding
        self.stats.update(decided=decided, checked=computed, sinks=len(sinks))
        result = sorted(findings.values(), key=lambda f: (f.span.start_byte, f.rule_id))
        # `# unguarded: ignore[rule] reason` comments bound to the sink's statement (with no
        # finding, nothing to look for: most files, and a scan of the whole text saved).
        if result:
            result = apply_suppressions(document, result)[0]
        self._document = document
        self._analysis = self._kept_analysis(document, analysis)
        self._findings = result
        return list(result)

    def _kept_analysis(self, document: Document, used: _Analysis) -> _Analysis:
        """What the next version is compared with: a fresh analysis of this version. The
        one just used holds tree nodes, and a py-tree-sitter node keeps the nodes of its
        children once asked for them: megabytes for a large file."""
        kept = self._new_analysis(document)
        kept.flow.adopt_facts(used.flow)
        return kept

    # ------------------------------------------------------------------ parts
    def _update_parts(
        self, document: Document, region: Region, analysis: _Analysis
    ) -> tuple[list[Part], list[Part]]:
        """The parts of the new tree. Those away from the changed region only move. Near
        it, a node keeps its old part when tree-sitter reused its subtree (the same node
        id) or reports no change of structure in it; the others get new parts. (Typing
        `(` can turn the rest of a file into an error whose pieces are old subtrees.)"""
        previous = self._document
        assert previous is not None
        old_chunks = self._chunks
        self._spine_at = None  # spines move and go
        # The tree is cut again over the region and the chunks that touch it: a node next
        # to the edit may have been in one of them.
        first = bisect_left(old_chunks, region.start, key=_part_end)
        last = bisect_right(old_chunks, region.old_end, key=_part_start)
        low, high = region.start, region.old_end
        if first < last:
            low, high = min(low, old_chunks[first].start), max(high, old_chunks[last - 1].end)
        before, near, after = old_chunks[:first], old_chunks[first:last], old_chunks[last:]
        delta = region.delta
        new_high = high + delta
        spines: list[Part] = []
        near_spines: list[tuple[int, int, Part]] = []
        for part in self._spines:
            if _near(part.start, part.end, low, high, region.start, region.old_end):
                near_spines.append((part.start, part.end, part))
            else:
                spines.append(part)
                if part.start > region.text_old_end:  # after the edit: it moves
                    part.start += delta
                    part.end += delta
        for part in after:
            part.start += delta
            part.end += delta
        candidates: set[Part] = {*near, *(part for _, _, part in near_spines)}
        self._transfer = _transferable(candidates, region)
        near_starts = [part.start for part in near]
        near_ends = [part.end for part in near]
        old_spine_at = {(start, end, part.kind): part for start, end, part in near_spines}
        by_id = self._parts_by_id
        chunks: list[Part] = []
        new_parts: list[Part] = []
        kept: set[Part] = set()
        stack = [document.tree.root_node]
        while stack:
            node = stack.pop()
            node_start, node_end = node.start_byte, node.end_byte
            if not _near(node_start, node_end, low, new_high, region.start, region.new_end):
                continue  # its parts are among those that only move
            old: Part | None = by_id.get(node.id)
            if old is None or old not in candidates or old in kept:
                old = None
                if not region.text_touches_new(node_start, node_end):
                    old = _old_part_at(
                        region.old_position(node_start),
                        region.old_position(node_end),
                        node.kind_id,
                        near,
                        near_starts,
                        near_ends,
                        old_spine_at,
                    )
                    if (
                        old is not None
                        and not region.unchanged_new(node_start, node_end)
                        and not _same_subtree(previous.tree.root_node, old, node)
                    ):
                        old = None
            if (
                old is not None
                and old.kind == node.kind_id
                and not region.text_touches_old(old.start, old.end)
                and region.shift(old.start) == node_start
                and old.end - old.start == node_end - node_start
            ):
                # The same subtree: its part, and for a spine every part below it.
                for inner in self._move(old, region, near, near_starts, near_spines):
                    if inner not in kept:
                        kept.add(inner)
                        (spines if inner.spine else chunks).append(inner)
                continue
            spine = node_end - node_start > CHUNK_BYTES and node.child_count > 0
            part = self._part(node, spine, analysis)
            new_parts.append(part)
            if spine:
                spines.append(part)
                stack.extend(reversed(_children_between(node, low, new_high)))
            else:
                chunks.append(part)
        self._transfer = {}
        dropped = [part for part in candidates if part not in kept]
        chunks.sort(key=_part_start)
        if chunks:
            # A node that shrank to one chunk holds chunks that did not change: those go.
            while before and before[-1].start >= chunks[0].start:
                dropped.append(before.pop())
            while after and after[0].end <= chunks[-1].end:
                dropped.append(after.pop(0))
        for part in dropped:
            self._forget(part)
        self._chunks = before + chunks + after
        self._spines = spines
        self._spine_at = None
        for part in new_parts:
            self._index(part)
        return new_parts, dropped

    def _renew_parts_mentioning(
        self,
        names: Iterable[str],
        document: Document,
        analysis: _Analysis,
        new_parts: list[Part],
        dropped: list[Part],
    ) -> None:
        """Make again the parts that hold one of `names` as an identifier."""
        data = document.data
        root = document.tree.root_node
        renewed = set(new_parts)
        replaced: dict[Part, Part] = {}
        chunks, spines = self._chunks, self._spines
        for name in names:
            for position in _identifier_positions(data, name.encode()):
                index = bisect_right(chunks, position, key=_part_start) - 1
                holders = [
                    part
                    for part in (
                        *(chunks[index : index + 1] if index >= 0 else ()),
                        *(spine for spine in spines if spine.start <= position < spine.end),
                    )
                    if part.start <= position < part.end and part not in renewed
                ]
                for old in holders:
                    node = _node_of(root, old.start, old.end, old.kind)
                    if node is None:
                        raise StaleCache  # the tree holds no node of the part: start over
                    renewed.add(old)
                    replaced[old] = self._part(node, old.spine, analysis)
        if not replaced:
            return
        for old, part in replaced.items():
            self._forget(old)
            dropped.append(old)
            new_parts.append(part)
            self._index(part)
        self._chunks = [replaced.get(part, part) for part in chunks]
        self._spines = [replaced.get(part, part) for part in spines]
        self._spine_at = None

    def _move(
        self,
        part: Part,
        region: Region,
        old_chunks: list[Part],
        old_starts: list[int],
        old_spines: list[tuple[int, int, Part]],
    ) -> list[Part]:
        """`part` (and for a spine, the parts of its subtree) at their new positions."""
        moved = [part]
        if part.spine:
            start, end = part.start, part.end
            first = bisect_left(old_starts, start)
            last = bisect_right(old_starts, end)
            # Zero-width chunks at the edges may be neighbours: the walk finds those.
            moved.extend(
                chunk
                for chunk in old_chunks[first:last]
                if chunk.end <= end and (chunk.start < chunk.end or start < chunk.start < end)
            )
            moved.extend(
                inner
                for inner_start, inner_end, inner in old_spines
                if start <= inner_start and inner_end <= end and inner is not part
            )
        delta = region.shift(part.start) - part.start
        if delta:
            for inner in moved:
                inner.start += delta
                inner.end += delta
        return moved

    def _part(self, node: Node, spine: bool, analysis: _Analysis) -> Part:
        queries = self._queries
        part = Part(node.start_byte, node.end_byte, node.kind_id, spine, node.id)
        found = _Found()
        cursor = tree_sitter.QueryCursor(queries.combined)
        if spine:
            cursor.set_max_start_depth(0)
        for pattern, captured in cursor.matches(node):
            origin = queries.origins[pattern]
            if origin == INDEX:
                self._index_match(part, found, node, captured, analysis)
            elif origin == "sources":
                found.sources.extend(_relative(part, n) for n in captured.get("source", []))
            elif origin == "controls":
                found.coercions.extend(
                    _relative(part, n) for n in captured.get("control.coerce", [])
                )
                found.validators.extend(
                    _relative(part, n) for n in captured.get("control.validate", [])
                )
                settings = queries.pattern_settings[pattern]
                rules = frozenset(
                    r.strip() for r in settings.get("unguarded.rules", "*").split(",")
                )
                found.sanitizers.extend(
                    (_relative(part, n), rules) for n in captured.get("control.sanitize", [])
                )
            else:
                calls = captured.get("sink.call", [])
                if origin == ALIASES and (
                    not calls or alias_name(calls[0]) not in self._import_names
                ):
                    continue  # most calls: their callee's name is in no import statement
                arguments = captured.get("sink.arg", [])
                if any(argument.is_missing for argument in arguments):
                    continue  # `el.innerHTML = ;`: no value written yet (a MISSING node)
                receivers = captured.get("sink.receiver", [])
                raw = RawSink(
                    part,
                    origin,
                    pattern,
                    _relative(part, calls[0]) if calls else None,
                    tuple(_relative(part, n) for n in arguments),
                    _relative(part, receivers[0]) if receivers else None,
                    len(found.raw_sinks),
                )
                if self._transfer:
                    previous = self._transfer.get(_match_key(raw))
                    if previous is not None:
                        raw.take_over(previous)
                found.raw_sinks.append(raw)
        if spine:
            # Functions named by their parent (`const f = () => ...`) are indexed with
            # the parent: a part holds only what its own subtree decides.
            for child in node.children:
                if (
                    child.type in analysis.flow.function_types
                    and child.child_by_field_name("name") is None
                ):
                    self._add_function(part, found, child, analysis)
        if self.settings.sources or self.settings.sinks:
            self._declared_calls(part, found, node, analysis)
        found.store(part)
        return part

    def _index_match(
        self,
        part: Part,
        found: _Found,
        root: Node,
        captured: dict[str, list[Node]],
        analysis: _Analysis,
    ) -> None:
        for function in captured.get("index.function", []):
            named = function.child_by_field_name("name") is not None
            if named or function != root:
                self._add_function(part, found, function, analysis)
        calls = captured.get("index.call", [])
        if calls:
            call = _relative(part, calls[0])
            for callee in captured.get("index.callee", []):
                found.calls.append((node_text(callee), call))
            for passed in captured.get("index.passed", []):
                found.calls.append(("&" + node_text(passed), call))
        found.bindings.extend(_relative(part, n) for n in captured.get("index.binding", []))

    def _add_function(self, part: Part, found: _Found, function: Node, analysis: _Analysis) -> None:
        name = analysis.flow.function_name(function)
        if name and name not in ("<anonymous>", "<lambda>"):
            found.functions.append((name, _relative(part, function)))

    def _declared_calls(self, part: Part, found: _Found, node: Node, analysis: _Analysis) -> None:
        """Calls of functions the settings declare sources or sinks."""
        call_types = analysis.flow.call_types | {"call", "call_expression"}
        calls: list[Node] = []
        if part.spine:
            if node.type in call_types:
                calls.append(node)
        else:
            stack = [node]
            while stack:
                current = stack.pop()
                if current.type in call_types:
                    calls.append(current)
                stack.extend(current.children)
        sources, sinks = analysis.declared(calls)
        found.sources.extend(_relative(part, n) for n in sources)
        for sink in sinks:
            found.declared.append(
                DeclaredSink(
                    part,
                    sink.rule_id,
                    _relative(part, sink.call),
                    _relative(part, sink.arguments[0]),
                    sink.name,
                )
            )

    def _index(self, part: Part) -> None:
        self._parts_by_id[part.node_id] = part
        if part.has_captures:
            self._with_captures[part] = None
        if part.bindings:
            self._with_bindings[part] = None
        for name, _ in part.functions:
            self._functions.setdefault(name, {})[part] = None
        for name, _ in part.calls:
            self._calls.setdefault(name, {})[part] = None

    def _forget(self, part: Part) -> None:
        part.alive = False
        if self._parts_by_id.get(part.node_id) is part:
            del self._parts_by_id[part.node_id]
        self._with_captures.pop(part, None)
        self._with_bindings.pop(part, None)
        for name, _ in part.functions:
            self._functions.get(name, {}).pop(part, None)
        for name, _ in part.calls:
            self._calls.get(name, {}).pop(part, None)
        for raw in part.raw_sinks:
            self._untrack(raw)
            self._accepted.pop(raw, None)
        for declared in part.declared:
            self._accepted.pop(declared, None)

    # ------------------------------------------------------------------ facts
    def _fill_captures(self, analysis: _Analysis) -> None:
        captures = analysis.captures
        for part in self._with_captures:
            base = part.start
            captures.sources.update((base + s, base + e, k) for s, e, k in part.sources)
            captures.coercions.update((base + s, base + e, k) for s, e, k in part.coercions)
            captures.validators.update((base + s, base + e, k) for s, e, k in part.validators)
            for (s, e, k), rules in part.sanitizers:
                key = (base + s, base + e, k)
                captures.sanitizers[key] = captures.sanitizers.get(key, frozenset()) | rules

    def _absolute(self, part: Part, key: RelativeKey | None) -> NodeKey:
        assert key is not None
        return (part.start + key[0], part.start + key[1], key[2])

    def node(self, root: Node, part: Part, key: RelativeKey) -> Node:
        return _find(root, part.start + key[0], part.start + key[1], key[2])

    # ------------------------------------------------------------------ sinks
    def _decide(self, analysis: _Analysis, raw: RawSink, recorder: Recorder) -> None:
        """Whether a query match is a sink, and what that decision read."""
        root = analysis.root
        part = raw.part
        nodes: dict[str, list[Node]] = {
            "sink.arg": [self.node(root, part, key) for key in raw.arguments]
        }
        if raw.call is not None:
            nodes["sink.call"] = [self.node(root, part, raw.call)]
        if raw.receiver is not None:
            nodes["sink.receiver"] = [self.node(root, part, raw.receiver)]
        match: RawMatch = (raw.origin, self._queries.pattern_settings[raw.pattern], nodes)
        recorder.clear()
        flow = analysis.flow
        flow.recorder = recorder
        try:
            sink = analysis.accept(match)
        finally:
            flow.recorder = None
        raw.decided = True
        self._untrack(raw)
        raw.decision_reads = (
            Dependencies.of(recorder, self._shared_reads)
            if recorder.ranges or recorder.keys or recorder.named_ranges or recorder.fact_ranges
            else None
        )
        self._track(raw)
        previous = raw.accepted
        raw.accepted = (
            None if sink is None else (sink.rule_id, sink.name, sink.policy, sink.controls)
        )
        resolved = tuple(_relative(part, n) for n in sink.arguments) if sink is not None else None
        if resolved == raw.arguments:
            resolved = None
        if resolved != raw.resolved:
            raw.resolved = resolved
            raw.finding, raw.finding_reads = None, None
        if raw.accepted is None:
            self._accepted.pop(raw, None)
        else:
            self._accepted[raw] = None
        if raw.accepted != previous:
            raw.finding, raw.finding_reads = None, None

    def _register(self, raw: RawSink) -> None:
        """A decision kept from before: remember the sink as its decision says."""
        self._track(raw)
        if raw.accepted is not None:
            self._accepted[raw] = None

    def _track(self, raw: RawSink) -> None:
        reads = raw.decision_reads
        if reads is None:
            return
        if reads.positional:
            self._conditional[raw] = None
        else:
            self._by_facts.setdefault(reads, {})[raw] = None

    def _untrack(self, raw: RawSink) -> None:
        reads = raw.decision_reads
        if reads is None:
            return
        if reads.positional:
            self._conditional.pop(raw, None)
        else:
            self._by_facts.get(reads, {}).pop(raw, None)

    def _declare(self, analysis: _Analysis, new_parts: list[Part]) -> None:
        for part in new_parts:
            for declared in part.declared:
                self._accepted[declared] = None

    def _sink(self, analysis: _Analysis, sink: RawSink | DeclaredSink) -> SinkMatch:
        root = analysis.root
        part = sink.part
        if isinstance(sink, DeclaredSink):
            return SinkMatch(
                sink.rule_id,
                self.node(root, part, sink.call),
                (self.node(root, part, sink.argument),),
                sink.name,
            )
        assert sink.accepted is not None and sink.call is not None
        rule_id, name, policy, controls = sink.accepted
        return SinkMatch(
            rule_id,
            self.node(root, part, sink.call),
            tuple(
                self.node(root, part, key)
                for key in (sink.resolved if sink.resolved is not None else sink.arguments)
            ),
            name,
            policy,
            controls,
        )

    def _check(
        self, analysis: _Analysis, sink: RawSink | DeclaredSink
    ) -> tuple[Finding | None, Dependencies]:
        recorder = Recorder()
        flow = analysis.flow
        flow.recorder = recorder
        try:
            finding = analysis.check(self._sink(analysis, sink))
        finally:
            flow.recorder = None
        return finding, Dependencies.of(recorder, self._shared_reads)


def _result_is_new(sink: RawSink | DeclaredSink) -> bool:
    if isinstance(sink, DeclaredSink):
        return CATALOG[sink.rule_id].result_is_new
    assert sink.accepted is not None
    return CATALOG[sink.accepted[0]].result_is_new


class _PartIndex(FlowIndex):
    """Functions, calls and bindings of the current version, from the cached parts."""

    def __init__(self, state: DocumentAnalysis, root: Node) -> None:
        self._state = state
        self._root = root
        self._functions: dict[str, list[Node]] = {}
        self._calls: dict[str, list[Node]] = {}

    def _nodes(
        self,
        table: dict[str, dict[Part, None]],
        name: str,
        entries: Callable[[Part], tuple[tuple[str, RelativeKey], ...]],
    ) -> list[tuple[int, int, Node]]:
        found = []
        state = self._state
        for part in table.get(name, ()):
            for entry_name, key in entries(part):
                if entry_name == name:
                    node = state.node(self._root, part, key)
                    found.append((node.start_byte, node.end_byte, node))
        return found

    def functions_named(self, name: str) -> list[Node]:
        found = self._functions.get(name)
        if found is None:
            nodes = self._nodes(self._state._functions, name, lambda part: part.functions)
            # In document order, as a walk of the tree finds them.
            nodes.sort(key=lambda item: (item[0], -item[1]))
            found = self._functions[name] = [node for _, _, node in nodes]
        return found

    def calls_named(self, name: str) -> list[Node]:
        found = self._calls.get(name)
        if found is None:
            nodes = self._nodes(self._state._calls, name, lambda part: part.calls)
            # Outer calls before inner ones, later calls before earlier ones.
            nodes.sort(key=lambda item: (-item[1], item[0]))
            found = self._calls[name] = [node for _, _, node in nodes]
        return found

    def defined_names(
        self, scope: Node, collect: Callable[[Node], frozenset[str]]
    ) -> frozenset[str] | None:
        return self._state._subtree_cache(scope, "defined-names", collect)

    def binding_nodes(self) -> list[Node]:
        state = self._state
        nodes = [
            state.node(self._root, part, key)
            for part in state._with_bindings
            for key in part.bindings
        ]
        nodes.sort(key=lambda node: (node.start_byte, -node.end_byte))
        return nodes


# ---------------------------------------------------------------------- changes
class _Changes:
    """What changed from one version to the next, to judge the cached results by."""

    def __init__(
        self,
        region: Region | None,
        old_document: Document | None,
        old_analysis: _Analysis | None,
        document: Document | None,
        analysis: _Analysis | None,
        new_parts: list[Part],
        dropped: list[Part],
    ) -> None:
        self.region = region
        self._old_document = old_document
        self._old_analysis = old_analysis
        self._document = document
        self._analysis = analysis
        self.new_parts = set(new_parts)
        self._dropped = dropped
        self.changed_bindings: set[str] = set()
        self.sink_calls_changed = False
        self._names: dict[str, set[str]] | None = None
        self._outline: tuple[bool, set[DependencyKey]] | None = None
        # The methods the edit touched, before and after it (with their flow analyzer and
        # the class body that holds them), and the member definitions they make.
        self._touched_methods: list[tuple[FlowAnalyzer, str, Node]] = []
        self._member_definitions: set[DependencyKey] | None = None
        self._exports: bool | None = None
        self._changed: dict[DependencyKey, bool] = {}
        self._mentions: dict[str, bool] = {}
        self._carried: dict[Dependencies, bool] = {}
        self._unchanged_keys: dict[tuple[frozenset[DependencyKey], bool], bool] = {}

    @classmethod
    def everything(cls, parts: list[Part]) -> _Changes:
        """The first version: everything is new."""
        return cls(None, None, None, None, None, parts, [])

    def bindings_may_change(self) -> bool:
        return any(part.bindings for part in (*self._dropped, *self.new_parts))

    def compare_sink_calls(self, old: set[NodeKey], new: set[NodeKey]) -> bool:
        """Whether a sink call outside the region came or went (those inside it are
        judged by the ranges of what read them)."""
        region = self.region
        if region is None:
            return True
        kept_old = {
            (region.shift(s), region.shift(e), k) for s, e, k in old if not region.touches_old(s, e)
        }
        kept_new = {(s, e, k) for s, e, k in new if not region.touches_new(s, e)}
        return kept_old != kept_new

    # -------------------------------------------------------------- judging
    def carry(self, reads: Dependencies) -> Dependencies | None:
        """`reads` in the new version's positions, or None if what they name changed."""
        region = self.region
        if region is None:
            return None
        if not reads.positional:
            # Facts alone: the same answer for every decision that read the same ones.
            found = self._carried.get(reads)
            if found is None:
                found = self._carried[reads] = self._keys_unchanged(reads)
            return reads if found else None
        if self.outline_changed():
            return None
        if reads.high < region.start:
            # All before the edit: nothing touched, nothing moves.
            return reads if self._keys_unchanged(reads) else None
        if reads.low > region.old_end:
            # All after it: each range moves by the edit's delta.
            if not self._keys_unchanged(reads):
                return None
            delta = region.delta
            if not delta:
                return reads
            return Dependencies(
                frozenset((start + delta, end + delta) for start, end in reads.ranges),
                reads.keys,
                frozenset(
                    (start + delta, end + delta, name) for start, end, name in reads.named_ranges
                ),
                frozenset(
                    (start + delta, end + delta, key) for start, end, key in reads.fact_ranges
                ),
                reads.low + delta,
                reads.high + delta,
            )
        ranges = []
        for start, end in reads.ranges:
            if region.touches_old(start, end):
                return None
            ranges.append((region.shift(start), region.shift(end)))
        named = []
        for start, end, name in reads.named_ranges:
            if region.touches_old(start, end) and self._edit_mentions(name):
                return None
            named.append((region.shift(start), region.shift(end), name))
        facts = []
        for start, end, key in reads.fact_ranges:
            if region.touches_old(start, end) and self.changed(key):
                return None
            facts.append((region.shift(start), region.shift(end), key))
        if not self._keys_unchanged(reads):
            return None
        return Dependencies(frozenset(ranges), reads.keys, frozenset(named), frozenset(facts))

    def facts_unchanged(self, facts: Dependencies) -> bool:
        """Whether reads of named facts alone (no range) are unchanged: `carry` for them,
        with reads of Node module bindings alone judged by name at once."""
        names = facts.binding_names()
        if names is not None and self.region is not None:
            return names.isdisjoint(self.changed_bindings)
        return self.carry(facts) is not None

    def _keys_unchanged(self, reads: Dependencies) -> bool:
        # Many results read the same facts: judged once per set (and per state of the
        # sink calls, which are known only once every sink is decided).
        memo = (reads.keys, self.sink_calls_changed)
        found = self._unchanged_keys.get(memo)
        if found is None:
            found = self._unchanged_keys[memo] = not any(
                (key[0] in _OUTLINE_FACTS and self.outline_changed()) or self.changed(key)
                for key in reads.keys
            )
        return found

    def carry_finding(
        self, reads: Dependencies, finding: Finding | None, document: Document
    ) -> tuple[Dependencies, Finding | None] | None:
        carried = self.carry(reads)
        if carried is None:
            return None
        if finding is None:
            return carried, None
        moved = _moved_finding(finding, self.region, document)  # type: ignore[arg-type]
        if moved is None:
            return None
        return carried, moved

    def changed(self, key: DependencyKey) -> bool:
        if key == SINK_CALLS:
            return self.sink_calls_changed  # known once every sink is decided
        found = self._changed.get(key)
        if found is None:
            found = self._changed[key] = self._compute_changed(key)
        return found

    def _compute_changed(self, key: DependencyKey) -> bool:
        kind, name = key
        if kind == "document":
            return True
        if kind == "sinks":
            return self.sink_calls_changed
        if kind == "binding":
            return name in self.changed_bindings
        if kind in ("function", "call"):
            return name in self._part_names()[kind] and self._entries_changed(kind, name)
        if kind == "exports":
            return self._exports_changed()
        if kind == EXPORT_STATEMENTS[0]:
            return self._export_statements_changed()
        if kind == "text":
            return self._mentions_changed(name)
        if kind == IMPORT_NAMES_KEY[0]:
            old, new = self._old_document, self._document
            return (
                old is None
                or new is None
                or import_names(old.data) != import_names(new.data)
                or import_table(old.data) != import_table(new.data)
            )
        if kind == "member-definitions":
            return key in self._touched_member_definitions()
        if kind == MODULE_REFERENCES[0]:
            old, new = self._old_document, self._document
            return (
                old is None
                or new is None
                or (module_references(old.data) != module_references(new.data))
            )
        return key in self._body_facts()

    def _touched_member_definitions(self) -> set[DependencyKey]:
        """("member-definitions", "<class> <path>") for every path (`self.url`) that a
        method the edit touched defines, before or after the edit: the lookups of other
        paths in that class find the same definitions as before."""
        if self._member_definitions is None:
            self._body_changes()
            found: set[DependencyKey] = set()
            for flow, body, method in self._touched_methods:
                function = flow.class_method_function(method)
                if function is not None:
                    found.update(
                        ("member-definitions", f"{body} {name}")
                        for name in flow.collect_definitions(function)
                    )
            self._member_definitions = found
        return self._member_definitions

    def outline_changed(self) -> bool:
        """Whether a class header (its name, bases, decorators) changed, or a class came
        or went: what no recorded range or fact covers."""
        return self._body_changes()[0]

    def _body_facts(self) -> set[DependencyKey]:
        return self._body_changes()[1]

    def _part_names(self) -> dict[str, set[str]]:
        if self._names is None:
            functions: set[str] = set()
            calls: set[str] = set()
            for part in (*self._dropped, *self.new_parts):
                functions.update(name for name, _ in part.functions)
                calls.update(name for name, _ in part.calls)
            self._names = {"function": functions, "call": calls}
        return self._names

    def _entries_changed(self, kind: str, name: str) -> bool:
        """Whether the functions (or calls) named `name` are others than before: the
        replaced parts held them at positions the new parts do not. A function whose
        body was edited is the same function (its body is read by range)."""
        region = self.region
        if region is None:
            return True
        old: collections.Counter[tuple[int, int, int] | None] = collections.Counter()
        for part in self._dropped:
            for entry, key in part.functions if kind == "function" else part.calls:
                if entry == name:
                    start, end = part.start + key[0], part.start + key[1]
                    old[_shifted(region, start, end, key[2])] += 1
        if None in old:
            return True
        new: collections.Counter[tuple[int, int, int] | None] = collections.Counter()
        for part in self.new_parts:
            for entry, key in part.functions if kind == "function" else part.calls:
                if entry == name:
                    new[(part.start + key[0], part.start + key[1], key[2])] += 1
        return old != new

    def _mentions_changed(self, text: str) -> bool:
        """Whether `text` now appears in the document where it did not, or the reverse:
        only where the text changed can an occurrence come or go."""
        old, new, region = self._old_document, self._document, self.region
        if old is None or new is None or region is None:
            return True
        needle = text.encode()
        margin = len(needle)
        start = max(0, region.text_start - margin)
        in_old = needle in old.data[start : region.text_old_end + margin]
        in_new = needle in new.data[start : region.text_new_end + margin]
        if not in_old and not in_new:
            return False
        return (needle in old.data) != (needle in new.data)

    def _exports_changed(self) -> bool:
        if self._exports is None:
            old, new = self._old_analysis, self._analysis
            if not isinstance(old, _Analysis) or not isinstance(new, _Analysis):
                self._exports = True
            else:
                old_flow, new_flow = old.flow, new.flow
                if isinstance(old_flow, JavaScriptFlow) and isinstance(new_flow, JavaScriptFlow):
                    self._exports = old_flow.exported_names() != new_flow.exported_names()
                else:
                    self._exports = True
        return self._exports

    def _edit_mentions(self, name: str) -> bool:
        """Whether `name` occurs in what the edit changed, before or after it: its text
        and the spans whose structure changed, with a margin for a name cut in two."""
        found = self._mentions.get(name)
        if found is None:
            old, new, region = self._old_document, self._document, self.region
            if old is None or new is None or region is None:
                found = True
            else:
                needle = name.encode()
                margin = len(needle)
                start = max(0, region.start - margin)
                found = needle in old.data[start : region.old_end + margin] or (
                    needle in new.data[start : region.new_end + margin]
                )
            self._mentions[name] = found
        return found

    def _export_statements_changed(self) -> bool:
        """Whether an export statement came, went or moved its bounds, other than by the
        shift of the edit: only then can a node pass into or out of one."""
        old, new, region = self._old_analysis, self._analysis, self.region
        if (
            region is None
            or not isinstance(old, _Analysis)
            or not isinstance(new, _Analysis)
            or not isinstance(old.flow, JavaScriptFlow)
            or not isinstance(new.flow, JavaScriptFlow)
        ):
            return True
        moved = tuple(
            (region.shift(start), region.shift(end)) for start, end in old.flow.export_statements()
        )
        return moved != new.flow.export_statements()

    def _body_changes(self) -> tuple[bool, set[DependencyKey]]:
        if self._outline is None:
            region = self.region
            old, new = self._old_analysis, self._analysis
            if region is None or old is None or new is None:
                self._outline = (True, set())
            else:
                keys: set[DependencyKey] = set()
                old_members: MembersByBody = {}
                new_members: MembersByBody = {}
                old_methods: list[tuple[str, Node]] = []
                new_methods: list[tuple[str, Node]] = []
                old_headers = _touched_facts(
                    old, region.start, region.old_end, keys, old_members, old_methods
                )
                new_headers = _touched_facts(
                    new, region.start, region.new_end, keys, new_members, new_methods
                )
                self._touched_methods = [
                    *((old.flow, body, method) for body, method in old_methods),
                    *((new.flow, body, method) for body, method in new_methods),
                ]
                # The outline changes when a class comes or goes, or its header (name,
                # bases, decorators) or the body that holds it changes; not when the edit
                # only spans classes (a bracket left open can span many).
                outline_changed = old_headers != new_headers
                # The methods of a class (the guard statements of a body) change when one
                # comes or goes, not when one is edited: what it holds is read by range.
                for fact in old_members.keys() | new_members.keys():
                    moved = collections.Counter(
                        _shifted(region, start, end, kind)
                        for start, end, kind in old_members.get(fact, [])
                    )
                    if moved != collections.Counter(new_members.get(fact, [])):
                        keys.add(fact)
                self._outline = (outline_changed, keys)
        return self._outline


# The methods of a class body, or the guard statements of a body, that an edit touches:
# (start, end, kind) by ("members", body) or ("guards", body).
MembersByBody = dict[DependencyKey, list[tuple[int, int, int]]]


def _shifted(region: Region, start: int, end: int, kind: int) -> tuple[int, int, int] | None:
    """An old node's position after the edit; None if the edit changed part of its text
    (a node that holds the whole edit grows or shrinks with it)."""
    if region.text_touches_old(start, end) and not (
        start < region.text_start and end > region.text_old_end
    ):
        return None
    return (region.shift(start), region.shift(end), kind)


def _touched_facts(
    analysis: _Analysis,
    start: int,
    end: int,
    keys: set[DependencyKey],
    members: MembersByBody,
    methods: list[tuple[str, Node]],
) -> collections.Counter[tuple[str, bytes]]:
    """Add the facts that the statements of module and class bodies in [start, end] make
    (the module-level names they define) and note the methods (with the body that holds
    them) and guard statements among them. Returns the headers of the classes there, with
    the bodies that hold them."""
    flow = analysis.flow
    family = analysis.document.language.family
    headers: collections.Counter[tuple[str, bytes]] = collections.Counter()
    stack: list[tuple[Node, str]] = [(flow.tree_root, "")]
    while stack:
        container, name = stack.pop()
        for child in container.named_children:
            if child.end_byte < start or child.start_byte > end:
                continue
            if child.type == "ERROR":
                stack.append((child, name))  # its pieces are statements of the body
                continue
            klass = flow.class_wrapper(child)
            if klass is not None:
                bodies = flow.class_bodies(klass)
                headers[(name, _header(child, klass, bodies))] += 1
                inner = name + "." + flow.class_name(klass)
                stack.extend(
                    (body, inner)
                    for body in bodies
                    if not (body.end_byte < start or body.start_byte > end)
                )
                continue
            position = (child.start_byte, child.end_byte, child.kind_id)
            if flow.may_guard(child):
                members.setdefault(("guards", name), []).append(position)
            if child.type in _METHODS[family]:
                members.setdefault(("members", name), []).append(position)
                methods.append((name, child))
            if name == "":
                defined = flow.collect_definitions(flow.tree_root, child)
                keys.update(("definition", defined_name) for defined_name in defined)
    return headers


def _header(wrapper: Node, klass: Node, bodies: list[Node]) -> bytes:
    """The text of a class outside its bodies and comments: decorators, name, bases."""
    parts: list[bytes] = []
    holders = [wrapper] if wrapper == klass else [wrapper, klass]
    for holder in holders:
        for child in holder.children:
            if child == klass or child.type == "comment" or any(child == b for b in bodies):
                continue
            parts.append(child.text or b"")
    return b" ".join(parts)


# Facts of module and class bodies: a change of the outline can change them all.
_OUTLINE_FACTS = frozenset({"definition", "guards", "members", "member-definitions"})

_METHODS = {
    "python": frozenset({"function_definition", "decorated_definition"}),
    "javascript": frozenset({"method_definition"}),
}


def _changed_entries(
    old: dict[str, tuple[str, str | None]], new: dict[str, tuple[str, str | None]]
) -> set[str]:
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


# ---------------------------------------------------------------------- tree helpers
def _decompose(root: Node, region: tuple[int, int] | None) -> tuple[list[Node], list[Node]]:
    """Chunks (in document order) and spine nodes of the tree, or of the part of it that
    touches `region`."""
    chunks: list[Node] = []
    spines: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if region is not None and (node.end_byte < region[0] or node.start_byte > region[1]):
            continue
        if node.end_byte - node.start_byte > CHUNK_BYTES and node.child_count:
            spines.append(node)
            stack.extend(reversed(node.children))
        else:
            chunks.append(node)
    return chunks, spines


def _match_key(raw: RawSink) -> tuple[object, ...]:
    """A match by its pattern and the positions of its nodes."""
    base = raw.part.start

    def at(key: RelativeKey | None) -> NodeKey | None:
        return None if key is None else (base + key[0], base + key[1], key[2])

    return (raw.origin, raw.pattern, at(raw.call), tuple(map(at, raw.arguments)), at(raw.receiver))


def _transferable(parts: Iterable[Part], region: Region) -> dict[tuple[object, ...], RawSink]:
    """The decided matches of `parts` whose nodes the edit did not touch, by their key
    after the edit: a part replaced because of an edit elsewhere in it keeps them."""
    found: dict[tuple[object, ...], RawSink] = {}
    for part in parts:
        base = part.start
        for raw in part.raw_sinks:
            if not raw.decided:
                continue
            keys = [k for k in (raw.call, raw.receiver, *raw.arguments) if k is not None]
            if any(region.touches_old(base + k[0], base + k[1]) for k in keys):
                continue

            found[
                (
                    raw.origin,
                    raw.pattern,
                    _moved(raw.call, base, region),
                    tuple(_moved(key, base, region) for key in raw.arguments),
                    _moved(raw.receiver, base, region),
                )
            ] = raw
    return found


def _moved(key: RelativeKey | None, base: int, region: Region) -> NodeKey | None:
    if key is None:
        return None
    return (region.shift(base + key[0]), region.shift(base + key[1]), key[2])


def _near(start: int, end: int, low: int, high: int, region_start: int, region_end: int) -> bool:
    """Whether [start, end] overlaps [low, high] or touches the changed region."""
    return (end > low and start < high) or (start <= region_end and end >= region_start)


def _old_part_at(
    start: int,
    end: int,
    kind: int,
    chunks: list[Part],
    starts: list[int],
    ends: list[int],
    spines: dict[tuple[int, int, int], Part],
) -> Part | None:
    """The old part of the node at [start, end) of this kind (old positions)."""
    spine = spines.get((start, end, kind))
    if spine is not None:
        return spine
    index = bisect_left(starts, start)
    while index < len(chunks) and starts[index] == start:
        chunk = chunks[index]
        if ends[index] == end and chunk.kind == kind:
            return chunk
        index += 1
    return None


def _children_between(node: Node, low: int, high: int) -> list[Node]:
    """The children of `node` that end at or after `low` and start at or before `high`,
    found without making the others: a spine such as a module can have hundreds."""
    cursor = node.walk()
    if low > 0:
        if cursor.goto_first_child_for_byte(low - 1) is None:  # the first that ends >= low
            return []
    elif not cursor.goto_first_child():
        return []
    found = []
    while True:
        child = cursor.node
        assert child is not None
        if child.start_byte > high:
            break
        found.append(child)
        if not cursor.goto_next_sibling():
            break
    return found


def _same_subtree(old_root: Node, part: Part, node: Node) -> bool:
    """Whether `node` has the structure of the old subtree of `part` (their text is the
    same). Where tree-sitter reports a change of structure, most subtrees are only
    wrapped anew: typing `(` turns the rest of a function into an error around them."""
    old = _node_of(old_root, part.start, part.end, part.kind)
    # The S-expression names every named node and field; the text fixes the rest. The
    # count of nodes, kept by tree-sitter, tells most different subtrees apart first.
    return (
        old is not None and old.descendant_count == node.descendant_count and str(old) == str(node)
    )


def _node_of(root: Node, start: int, end: int, kind: int) -> Node | None:
    """The outermost node of `kind` at [start, end), as the tree is cut into parts."""
    found = None
    node = root.descendant_for_byte_range(start, end)
    while node is not None and node.start_byte == start and node.end_byte == end:
        if node.kind_id == kind:
            found = node
        node = node.parent
    return found


def _identifier_positions(data: bytes, name: bytes) -> Iterator[int]:
    """Where `name` occurs in `data` as a whole identifier."""
    position = data.find(name)
    while position >= 0:
        end = position + len(name)
        before = data[position - 1 : position] if position else b""
        after = data[end : end + 1]
        if not (before.isalnum() or before == b"_") and not (after.isalnum() or after == b"_"):
            yield position
        position = data.find(name, end)


def _part_start(part: Part) -> int:
    return part.start


def _part_end(part: Part) -> int:
    return part.end


def _relative(part: Part, node: Node) -> RelativeKey:
    return (node.start_byte - part.start, node.end_byte - part.start, node.kind_id)


def _find(root: Node, start: int, end: int, kind: int) -> Node:
    """The node of the tree at [start, end) of that kind."""
    node = root.descendant_for_byte_range(start, end)
    while node is not None and node.start_byte == start and node.end_byte == end:
        if node.kind_id == kind:
            return node
        node = node.parent
    if start == end:
        found = _empty_node_at(root, start, kind)
        if found is not None:
            return found
    raise StaleCache(f"no node of kind {kind} at {start}-{end}")


def _empty_node_at(root: Node, offset: int, kind: int) -> Node | None:
    """A zero-width node of `kind` at `offset`: one tree-sitter inserted for text that is
    missing (`el.innerHTML = ;` gets a MISSING identifier). The lookup by range finds
    the token that starts there instead, so the nodes around the offset are searched."""
    stack = [root]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.start_byte <= offset <= child.end_byte:
                if child.start_byte == child.end_byte == offset and child.kind_id == kind:
                    return child
                stack.append(child)
    return None


def _changed_region(previous: Document, document: Document) -> Region | None:
    """The region the edits between two versions changed: where the text differs, and
    where the new tree's structure differs from the old one's (tree-sitter's changed
    ranges, e.g. a string left open that turns later code into an error)."""
    old, new = previous.data, document.data
    prefix = common_prefix(old, new)
    suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
    old_end, new_end = len(old) - suffix, len(new) - suffix
    edited = previous.tree.copy()
    if old_end != prefix or new_end != prefix:
        edited.edit(
            start_byte=prefix,
            old_end_byte=old_end,
            new_end_byte=new_end,
            start_point=_ts_point(previous, prefix),
            old_end_point=_ts_point(previous, old_end),
            new_end_point=_ts_point(document, new_end),
        )
    start, end = prefix, new_end
    structure = []
    for changed_range in edited.changed_ranges(document.tree):
        structure.append((changed_range.start_byte, changed_range.end_byte))
        start = min(start, changed_range.start_byte)
        end = max(end, changed_range.end_byte)
    if not structure and old == new:
        return None
    delta = new_end - old_end
    return Region(start, end - delta, end, prefix, old_end, new_end, tuple(sorted(structure)))


def _ts_point(document: Document, offset: int) -> tuple[int, int]:
    """tree-sitter's point of a byte offset: rows end at "\\n" only, columns count bytes."""
    data = document.data
    if b"\r" not in data:
        lines: LineIndex = document.lines
        row = lines.line_of(offset)
        return row, offset - lines.line_starts[row]
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, line_start), offset - line_start


def _reshapes(region: Region, document: Document) -> bool:
    """Whether the edit left a syntax error whose recovery changed the structure of much
    of the file beyond the edited text."""
    reshaped = 0
    for start, end in region.structure:
        reshaped += (
            end - start - max(0, min(end, region.text_new_end) - max(start, region.text_start))
        )
    return reshaped > RESHAPE_BYTES and document.tree.root_node.has_error


def _moved_findings(findings: list[Finding], region: Region, document: Document) -> list[Finding]:
    moved = (_moved_finding(finding, region, document) for finding in findings)
    return [finding for finding in moved if finding is not None]


def _moved_finding(finding: Finding, region: Region, document: Document) -> Finding | None:
    """The finding after the edit: its spans moved by the edit, or None if one of them
    touches the changed region."""

    def move(span: Span) -> Span | None:
        if region.touches_old(span.start_byte, span.end_byte):
            return None
        if span.start_byte <= region.old_end:
            return span  # before the edit: nothing moves
        start, end = region.shift(span.start_byte), region.shift(span.end_byte)
        return Span(start, end, _ts_point(document, start), _ts_point(document, end))

    span = move(finding.span)
    argument = move(finding.argument)
    if span is None or argument is None:
        return None
    origin: Step | None = None
    if finding.origin is not None:
        moved = move(finding.origin.span)
        if moved is None:
            return None
        origin = Step(moved, finding.origin.label)
    path = []
    for step in finding.path:
        moved = move(step.span)
        if moved is None:
            return None
        path.append(Step(moved, step.label))
    message = finding.message
    if (
        origin is not None
        and finding.origin is not None
        and origin.span.start[0] != finding.origin.span.start[0]
    ):
        # The message names the origin's line.
        message = message.replace(
            f"(line {finding.origin.span.start[0] + 1})", f"(line {origin.span.start[0] + 1})"
        )
    return dataclasses.replace(
        finding, span=span, argument=argument, origin=origin, path=tuple(path), message=message
    )


__all__ = ["CHUNK_BYTES", "DocumentAnalysis"]
