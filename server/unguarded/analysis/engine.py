"""Document + settings -> findings. Sinks come from the rule queries; each sink's argument is
walked back to its origins by the flow analyzer of the document's language."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import tree_sitter

from unguarded.analysis.flow import (
    Captures,
    FlowAnalyzer,
    Node,
    NodeKey,
    Trace,
    merge,
    node_key,
    node_text,
)
from unguarded.analysis.js_flow import JavaScriptFlow
from unguarded.analysis.model import Finding, OriginKind, Span, Step
from unguarded.analysis.python_flow import PythonFlow
from unguarded.analysis.queries import CompiledQuery, queries_for
from unguarded.analysis.settings import AnalysisSettings
from unguarded.catalog import CATALOG, Rule, Severity
from unguarded.documents import Document

_HTTP_CLIENT_NAME = re.compile(r"session|client|http|^s$|^sess$|^api$", re.IGNORECASE)
# A URL whose scheme and host are fixed: user data after the first "/" cannot change the host.
_FIXED_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#@\s{}]+[/?#]", re.IGNORECASE)


@dataclass(frozen=True)
class SinkMatch:
    rule_id: str
    call: Node
    arguments: tuple[Node, ...]
    name: str


def analyze(document: Document, settings: AnalysisSettings | None = None) -> list[Finding]:
    settings = settings or AnalysisSettings()
    if len(document.data) > settings.max_file_bytes:
        return []
    return _Analysis(document, settings).run()


class _Analysis:
    def __init__(self, document: Document, settings: AnalysisSettings) -> None:
        self.document = document
        self.settings = settings
        self.root = document.tree.root_node
        self.queries = queries_for(document.language.name)
        self.captures = self._shared_captures()
        self._module_bindings: dict[str, tuple[str, str | None]] | None = None
        flow_class: type[FlowAnalyzer] = (
            PythonFlow if document.language.family == "python" else JavaScriptFlow
        )
        self.flow = flow_class(self.root, self.captures, settings, set())

    def run(self) -> list[Finding]:
        sinks = self._sinks()
        flow = self.flow
        # A sink's result (a response, a cursor) is not its input: calls stop the walk.
        flow.sink_calls.update(node_key(s.call) for s in sinks)
        findings: dict[tuple[str, int, int], Finding] = {}
        for sink in sinks:
            key = (sink.rule_id, sink.call.start_byte, sink.call.end_byte)
            if key in findings:
                continue
            finding = self._check_sink(flow, sink)
            if finding is not None:
                findings[key] = finding
        return sorted(findings.values(), key=lambda f: (f.span.start_byte, f.rule_id))

    # ------------------------------------------------------------------ captures
    def _shared_captures(self) -> Captures:
        captures = Captures()
        if self.queries.sources is not None:
            for _, nodes in _matches(self.queries.sources, self.root):
                for node in nodes.get("source", []):
                    captures.sources.add(node_key(node))
        if self.queries.controls is not None:
            query = self.queries.controls
            for pattern, nodes in _matches(query, self.root):
                settings = query.settings(pattern)
                for node in nodes.get("control.coerce", []):
                    captures.coercions.add(node_key(node))
                for node in nodes.get("control.validate", []):
                    captures.validators.add(node_key(node))
                rules = frozenset(
                    r.strip() for r in settings.get("unguarded.rules", "*").split(",")
                )
                for node in nodes.get("control.sanitize", []):
                    key = node_key(node)
                    captures.sanitizers[key] = captures.sanitizers.get(key, frozenset()) | rules
        return captures

    def _sinks(self) -> list[SinkMatch]:
        found: list[SinkMatch] = []
        for query in self.queries.sinks:
            for pattern, nodes in _matches(query, self.root):
                settings = query.settings(pattern)
                rule_id = settings.get("unguarded.rule", query.name)
                if not self.settings.rule_enabled(rule_id):
                    continue
                calls = nodes.get("sink.call", [])
                arguments = tuple(nodes.get("sink.arg", []))
                if not calls or not arguments:
                    continue
                call = calls[0]
                module = settings.get("unguarded.module")
                if module and not self._bound_to_module(call, module.split(",")):
                    continue
                receiver_names = settings.get("unguarded.receiver")
                receivers = nodes.get("sink.receiver", [])
                if receiver_names and receivers and not self._receiver_is(
                    receivers[0], receiver_names.split(",")
                ):
                    continue
                safe_key = settings.get("unguarded.safe_key")
                if safe_key and _has_option(call, safe_key):
                    continue
                name = settings.get("unguarded.sink") or _sink_name(call)
                found.append(SinkMatch(rule_id, call, arguments, name))
        return found

    # ------------------------------------------------------------------ one sink
    def _check_sink(self, flow: FlowAnalyzer, sink: SinkMatch) -> Finding | None:
        if flow.is_dead_branch(sink.call):
            return None
        policy = ARGUMENT_POLICIES: dict[str, Callable[[FlowAnalyzer, Node], bool]] = {
    "ssrf": _fixed_host,
}

__all__ = ["NodeKey", "analyze"]
