"""Pull diagnostics: `textDocument/diagnostic` and `workspace/diagnostic`, declared in the
initialize result (static registration: no client/registerCapability).

A document the client pulls is no longer pushed (see lsp/diagnostics.py); clients that
never pull keep getting `textDocument/publishDiagnostics` exactly as before. A workspace
pull returns the open documents and every other file of the workspace (analysed once and
cached while unchanged on disk); when nothing changed since the client's previous pull,
the request is held open for a while, because clients send the next one as soon as this
one is answered."""

from __future__ import annotations

import time
import weakref

from lsprotocol import types

from unguarded.lsp.handlers.workspace_scan import WorkspaceFile, closed_result, workspace_files
from unguarded.lsp.server import UnguardedServer

IDENTIFIER = "unguarded"
# How long a workspace pull with nothing new is held open before it is answered.
HOLD_S = 30.0
# How often a workspace pull looks at the disk again for files that are not open.
RECHECK_S = 5.0

# Per server: when the disk was last looked at, under which settings, and what was found.
_Checked = tuple[float, int, list[WorkspaceFile]]
_recently_checked: weakref.WeakKeyDictionary[UnguardedServer, _Checked] = (
    weakref.WeakKeyDictionary()
)


def register(server: UnguardedServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier=IDENTIFIER, inter_file_dependencies=False, workspace_diagnostics=True
        ),
    )
    async def document_diagnostic(
        ls: UnguardedServer, params: types.DocumentDiagnosticParams
    ) -> types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport:
        with ls.cancellable():
            return await document_report(ls, params)

    @server.feature(types.WORKSPACE_DIAGNOSTIC)
    async def workspace_diagnostic(
        ls: UnguardedServer, params: types.WorkspaceDiagnosticParams
    ) -> types.WorkspaceDiagnosticReport:
        with ls.cancellable():
            return await workspace_report(ls, params, HOLD_S)


async def document_report(
    ls: UnguardedServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport:
    uri = params.text_document.uri
    store = ls.diagnostics
    document = ls.documents.get(uri)
    if document is None:
        # Not open (or not ours): what the last workspace scan found, if anything.
        closed = store.closed.get(uri)
        if closed is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        return _document_report(closed.diagnostics, closed.result_id, params.previous_result_id)
    entry = store.pulled(uri)
    if ls.settings.enable and ls.skip_reason(document) is None:
        # Wait for the analysis of this version (it was scheduled by the change); with
        # `run: onSave` the last save's diagnostics stand until the next save.
        stale = entry.version is None or (
            ls.settings.run == "onType" and entry.version < document.version
        )
        if stale:
            timeout = ls.scheduler.time_limit + ls.settings.debounce_ms / 1000 + 1
            await store.wait_for(uri, document.version, timeout)
    entry.answered = entry.version
    return _document_report(entry.diagnostics, entry.result_id, params.previous_result_id)


def _document_report(
    items: list[types.Diagnostic], result_id: str, previous: str | None
) -> types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport:
    if result_id and previous == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id or None)


async def _closed_files(ls: UnguardedServer) -> list[WorkspaceFile]:
    """The workspace's other files, each analysed if new or changed on disk. Walking the
    workspace again is skipped for a few seconds: clients pull again right after each
    answer, and while someone types every keystroke answers a held pull."""
    generation = ls.diagnostics.settings_generation  # new settings: analyse again
    recent = _recently_checked.get(ls)
    fresh = recent is not None and time.monotonic() - recent[0] < RECHECK_S
    if recent is not None and fresh and recent[1] == generation:
        return recent[2]
    files = await workspace_files(ls)
    for file in files:
        await closed_result(ls, file, deliver=False)
    _recently_checked[ls] = (time.monotonic(), generation, files)
    return files


WorkspaceItem = (
    types.WorkspaceFullDocumentDiagnosticReport | types.WorkspaceUnchangedDocumentDiagnosticReport
)


async def workspace_report(
    ls: UnguardedServer, params: types.WorkspaceDiagnosticParams, hold: float
) -> types.WorkspaceDiagnosticReport:
    store = ls.diagnostics
    store.workspace_pulled = True
    previous = {entry.uri: entry.value for entry in params.previous_result_ids}
    items, changed = await _workspace_items(ls, previous)
    if not changed and ls.settings.enable:
        await store.changed(hold)
        items, _ = await _workspace_items(ls, previous)
    return types.WorkspaceDiagnosticReport(items=items)


async def _workspace_items(
    ls: UnguardedServer, previous: dict[str, str]
) -> tuple[list[WorkspaceItem], bool]:
    store = ls.diagnostics
    items: list[WorkspaceItem] = []
    changed = False

    def add(
        uri: str, version: int | None, diagnostics: list[types.Diagnostic], result_id: str
    ) -> None:
        nonlocal changed
        if previous.get(uri) == result_id:
            items.append(
                types.WorkspaceUnchangedDocumentDiagnosticReport(
                    uri=uri, version=version, result_id=result_id
                )
            )
            return
        changed = True
        items.append(
            types.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, version=version, items=diagnostics, result_id=result_id
            )
        )

    seen: set[str] = set()
    if ls.settings.enable:
        for uri in list(ls.documents):
            entry = store.current(uri)
            if entry is not None and entry.version is not None:
                seen.add(uri)
                add(uri, entry.version, entry.diagnostics, entry.result_id)
        for file in await _closed_files(ls):
            closed = store.closed.get(file.uri)
            if closed is not None and file.uri not in seen:  # opened since: reported above
                seen.add(file.uri)
                add(file.uri, None, closed.diagnostics, closed.result_id)
    # Files the client has diagnostics for that are gone (deleted, now ignored,
    # unguarded disabled): an empty report removes them.
    for uri in previous.keys() - seen:
        store.closed.pop(uri, None)
        changed = True
        items.append(types.WorkspaceFullDocumentDiagnosticReport(uri=uri, version=None, items=[]))
    return items, changed
