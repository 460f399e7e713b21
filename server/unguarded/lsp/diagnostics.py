"""What the client is shown for each file, from both engines, pushed or pulled.

Per open document the store keeps the latest tree-sitter result (a snapshot and its
findings) and the latest semgrep result (the bytes semgrep read and its findings). Either
one arriving merges the two (semgrep's findings moved onto the snapshot's text, see
remap_findings) and delivers the diagnostics once.

Delivery: a document the client has asked for with `textDocument/diagnostic` is
served by pull from then on, never pushed (clients that do both keep pushed and pulled
diagnostics apart, so pushing too would show everything twice). Every other document
gets `textDocument/publishDiagnostics`, as before. Files that are not open (workspace
scans) work the same way with `workspace/diagnostic`."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from unguarded.analysis import AnalysisSettings, Finding
from unguarded.analysis.suppressions import mentions_marker, mentions_marker_after_edit
from unguarded.catalog import CATALOG
from unguarded.documents import Document
from unguarded.lsp.convert import to_diagnostic
from unguarded.semgrep import merge_findings, remap_findings

if TYPE_CHECKING:
    from unguarded.lsp.server import UnguardedServer

_REFRESH_DELAY_S = 0.1


@dataclass
class _Open:
    """An open document's state."""

    # The analysed text without its tree (kept until the next result; see engine_result).
    engine: tuple[Document, list[Finding]] | None = None
    # Warnings about malformed suppression comments in that text, and whether it holds
    # the word `unguarded` at all (the next version's text is then read near the edit).
    suppressions: list[types.Diagnostic] = field(default_factory=list)
    mentions_marker: bool = False
    semgrep: tuple[bytes, list[Finding]] | None = None
    version: int | None = None
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    result_id: str = ""
    pulled: bool = False
    pushed: bool = False  # non-empty diagnostics were pushed (to clear on the first pull)
    answered: int | None = None  # the version the client last pulled


@dataclass
class Closed:
    """A file that is not open, as a workspace scan or a workspace pull last saw it."""

    stamp: tuple[int, int]  # (mtime_ns, size) of the bytes analysed
    engine: list[Finding]
    semgrep: list[Finding] | None
    diagnostics: list[types.Diagnostic]
    result_id: str


class DiagnosticStore:
    def __init__(self, server: UnguardedServer) -> None:
        self._server = server
        self._open: dict[str, _Open] = {}
        self.closed: dict[str, Closed] = {}
        self._ids = itertools.count(1)
        self._waiters: dict[str, list[tuple[int, asyncio.Future[None]]]] = {}
        # Set when anything a pull could return changes (held workspace pulls wait on it).
        self._changed: asyncio.Event | None = None
        self._refresh_pending = False
        # The client has sent `workspace/diagnostic`: closed files go by pull too.
        self.workspace_pulled = False
        self.settings_generation = 0

    # ------------------------------------------------------------------ results in
    def engine_result(self, snapshot: Document, findings: list[Finding]) -> None:
        """A tree-sitter result for the document's current version."""
        from unguarded.lsp.handlers.code_actions import suppression_diagnostics

        entry = self._open.setdefault(snapshot.uri, _Open())
        previous = entry.engine
        entry.mentions_marker = (
            mentions_marker_after_edit(previous[0].data, entry.mentions_marker, snapshot.data)
            if previous is not None
            else mentions_marker(snapshot.data)
        )
        # Suppression comments need the tree; everything later needs only the text, and
        # keeping a tree per open document would hold every tree the server ever evicted.
        entry.suppressions = suppression_diagnostics(
            snapshot, self._server.encoding, entry.mentions_marker
        )
        entry.engine = (snapshot.without_tree(), findings)
        self._deliver_open(snapshot.uri, entry)

    def semgrep_result(self, uri: str, data: bytes, findings: list[Finding] | None) -> None:
        """semgrep's findings on `data` (None: the run failed, forget older results)."""
        document = self._server.documents.get(uri)
        if document is None:
            return
        entry = self._open.setdefault(uri, _Open())
        entry.semgrep = (data, findings) if findings is not None else None
        engine = entry.engine
        if engine is not None and engine[0].version == document.version:
            self._deliver_open(uri, entry)
        else:
            # The tree-sitter result is older than the text: analyse the text now; that
            # result merges these findings when it is published.
            self._server.analyse(document)

    def cleared(self, uri: str, version: int | None) -> None:
        """No diagnostics for an open document (disabled, skipped, or closing)."""
        entry = self._open.get(uri)
        if entry is None:
            self._push(uri, [], version)
            return
        entry.engine = None
        entry.semgrep = None
        had = bool(entry.diagnostics)
        self._set(uri, entry, version, [])
        self._push(uri, [], version)
        entry.pushed = False
        if entry.pulled and had:
            self.request_refresh()  # (turned off, for example) the client pulled some

    def forget(self, uri: str) -> None:
        self._open.pop(uri, None)
        self._resolve(uri, None)

    def settings_changed(self) -> None:
        self.settings_generation += 1
        self.closed.clear()
        self._notify_change()

    # ------------------------------------------------------------------ merging
    def merged(
        self,
        snapshot: Document,
        engine: list[Finding],
        semgrep: tuple[bytes, list[Finding]] | None,
    ) -> list[Finding]:
        settings = self._server.settings
        if semgrep is None or not settings.semgrep.enable:
            return list(engine)
        data, findings = semgrep
        # Made at the last save: the settings may have changed since (a rule disabled).
        current = [_with_settings(f, settings.analysis) for f in findings]
        kept = [f for f in current if settings.analysis.rule_enabled(f.rule_id)]
        return merge_findings(engine, remap_findings(kept, data, snapshot.data))

    def _deliver_open(self, uri: str, entry: _Open) -> None:
        assert entry.engine is not None
        snapshot, engine = entry.engine
        encoding = self._server.encoding
        findings = self.merged(snapshot, engine, entry.semgrep)
        diagnostics = [to_diagnostic(snapshot, finding, encoding) for finding in findings]
        # Suppressions without a reason, for unknown rules, or malformed: warnings.
        diagnostics += entry.suppressions
        self._set(uri, entry, snapshot.version, diagnostics)
        if entry.pulled:
            # The client asks after each change; tell it to ask again only when it
            # already has this version (semgrep finished, settings changed).
            if entry.answered == snapshot.version:
                self.request_refresh()
            return
        self._push(uri, diagnostics, snapshot.version)
        entry.pushed = bool(diagnostics)

    def _set(
        self, uri: str, entry: _Open, version: int | None, diagnostics: list[types.Diagnostic]
    ) -> None:
        entry.version = version
        entry.diagnostics = diagnostics
        entry.result_id = f"{version}.{next(self._ids)}"
        self._resolve(uri, version)
        self._notify_change()

    def closed_result(
        self,
        uri: str,
        document: Document,
        stamp: tuple[int, int],
        engine: list[Finding],
        semgrep: list[Finding] | None = None,
        *,
        deliver: bool = True,
    ) -> Closed:
        """A file that is not open, analysed from disk (`document`: its bytes, version 0)."""
        findings = merge_findings(engine, semgrep) if semgrep else list(engine)
        encoding = self._server.encoding
        diagnostics = [to_diagnostic(document, finding, encoding) for finding in findings]
        result_id = f"{self.settings_generation}.{stamp[0]}.{stamp[1]}.{next(self._ids)}"
        closed = Closed(stamp, engine, semgrep, diagnostics, result_id)
        self.closed[uri] = closed
        if deliver:
            if self.workspace_pulled:
                self.request_refresh()
            else:
                self._push(uri, diagnostics, None)
        self._notify_change()
        return closed

    # ------------------------------------------------------------------ pull
    def pulled(self, uri: str) -> _Open:
        """The client pulls `uri`: stop pushing it, and clear what was pushed before."""
        entry = self._open.setdefault(uri, _Open())
        if not entry.pulled:
            entry.pulled = True
            if entry.pushed:
                self._push(uri, [], entry.version)
                entry.pushed = False
        return entry

    def current(self, uri: str) -> _Open | None:
        return self._open.get(uri)

    async def wait_for(self, uri: str, version: int, timeout: float) -> None:
        """Until diagnostics for `version` (or later) of `uri` are delivered, the document
        is closed, or `timeout` seconds pass."""
        entry = self._open.get(uri)
        if entry is not None and entry.version is not None and entry.version >= version:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(uri, []).append((version, future))
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            pass
        finally:
            waiting = self._waiters.get(uri, [])
            if (version, future) in waiting:
                waiting.remove((version, future))

    def _resolve(self, uri: str, version: int | None) -> None:
        waiting = self._waiters.get(uri)
        if not waiting:
            return
        for wanted, future in list(waiting):
            if version is None or version >= wanted:
                waiting.remove((wanted, future))
                if not future.done():
                    future.set_result(None)

    async def changed(self, timeout: float) -> None:
        """Until something a pull returns changes, or `timeout` seconds."""
        if self._changed is None:
            self._changed = asyncio.Event()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout)

    def _notify_change(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    # ------------------------------------------------------------------ out
    def _push(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self._server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def request_refresh(self) -> None:
        """Ask the client to pull again, if it said it can: once for everything that
        changes within a tenth of a second."""
        if self._refresh_pending or not self._server.supports_diagnostic_refresh:
            return
        self._refresh_pending = True

        def send() -> None:
            self._refresh_pending = False
            self._server.workspace_diagnostic_refresh(None)

        # A little later: a scan delivers file after file, and one refresh covers them all.
        asyncio.get_running_loop().call_later(_REFRESH_DELAY_S, send)


def _with_settings(finding: Finding, settings: AnalysisSettings) -> Finding:
    rule = CATALOG.get(finding.rule_id)
    if rule is None:
        return finding
    severity = settings.severity_overrides.get(finding.rule_id, rule.severity)
    if severity is finding.severity:
        return finding
    return dataclasses.replace(finding, severity=severity)
