"""textDocument/codeAction: verified quick fixes for unguarded's diagnostics, a suppression
for each, the rule's docs where no fix is sound, and source.fixAll.unguarded.

The fixes are computed on a snapshot of the server's own document in a worker thread and
returned as WorkspaceEdits in the negotiated position encoding. No resolve step: every
action carries its edit."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from unguarded.analysis import AnalysisSettings, Finding
from unguarded.analysis.suppressions import suppression_problems
from unguarded.catalog import CATALOG
from unguarded.documents import Document, PositionEncoding
from unguarded.fixes import Fix, TextEdit, fix_document, verified_fixes
from unguarded.fixes.diff import minimal_edits
from unguarded.fixes.verify import raw_findings
from unguarded.lsp.convert import ENGINE_SOURCES, SOURCE, to_range
from unguarded.lsp.server import UnguardedServer

FIX_ALL = "source.fixAll.unguarded"
OPEN_DOCS = "unguarded.openDocs"
QUICKFIX = types.CodeActionKind.QuickFix.value

_registered: weakref.WeakSet[UnguardedServer] = weakref.WeakSet()


def register(server: UnguardedServer) -> None:
    """Add the code action feature and the docs command. Safe to call twice."""
    if server in _registered:
        return
    _registered.add(server)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False
        ),
    )
    async def code_action(
        ls: UnguardedServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        document = ls.documents.get(params.text_document.uri)
        if document is None or not ls.settings.enable:
            return None
        snapshot = document.snapshot()
        settings = ls.settings.analysis
        encoding = ls.encoding
        versioned = _supports_document_changes(ls)
        # On the analysis thread: tree-sitter objects must not be used by two threads at
        # once, and a code action often arrives while a just-opened file is analysed.
        return await asyncio.get_running_loop().run_in_executor(
            ls.scheduler.executor, code_actions, snapshot, params, settings, encoding, versioned
        )

    @server.command(OPEN_DOCS)
    def open_docs(ls: UnguardedServer, url: str) -> None:
        ls.window_show_document(types.ShowDocumentParams(uri=url, external=True))


def _supports_document_changes(ls: UnguardedServer) -> bool:
    try:
        workspace = ls.client_capabilities.workspace
    except (AttributeError, RuntimeError):
        return False
    edit = workspace.workspace_edit if workspace is not None else None
    return bool(edit is not None and edit.document_changes)


def wants(kind: str, only: Sequence[str] | None) -> bool:
    """LSP kinds are hierarchical: asking for "source" includes "source.fixAll.unguarded"."""
    if only is None:
        return kind == QUICKFIX
    return any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)


def code_actions(
    document: Document,
    params: types.CodeActionParams,
    settings: AnalysisSettings,
    encoding: PositionEncoding,
    versioned: bool = False,
) -> list[types.CodeAction]:
    only = [str(getattr(k, "value", k)) for k in params.context.only or []] or None
    actions: list[types.CodeAction] = []
    if wants(QUICKFIX, only) and (_ours(params) or _invoked(params)):
        actions.extend(quick_fixes(document, params, settings, encoding, versioned))
    if only is not None and wants(FIX_ALL, only):
        action = fix_all(document, settings, encoding, versioned)
        if action is not None:
            actions.append(action)
    return actions


def _ours(params: types.CodeActionParams) -> list[types.Diagnostic]:
    return [
        d for d in params.context.diagnostics if d.source in ENGINE_SOURCES and d.code in CATALOG
    ]


def _invoked(params: types.CodeActionParams) -> bool:
    """The user asked for actions (not the editor, on every cursor move)."""
    return params.context.trigger_kind == types.CodeActionTriggerKind.Invoked


def quick_fixes(
    document: Document,
    params: types.CodeActionParams,
    settings: AnalysisSettings,
    encoding: PositionEncoding,
    versioned: bool,
) -> list[types.CodeAction]:
    findings = raw_findings(document, settings)
    pairs = _matched(document, findings, params, encoding)
    actions: list[types.CodeAction] = []
    for finding, diagnostic in pairs:
        for fix in verified_fixes(document, finding, settings, findings):
            actions.append(_action(document, fix, diagnostic, encoding, versioned))
    return actions


def _matched(
    document: Document,
    findings: list[Finding],
    params: types.CodeActionParams,
    encoding: PositionEncoding,
) -> list[tuple[Finding, types.Diagnostic | None]]:
    """The findings behind the diagnostics the client sent back (their code and range), or,
    when it sent none and the user asked, the findings in the requested range."""
    ranges = {id(f): to_range(document, f.span, encoding) for f in findings}
    pairs: list[tuple[Finding, types.Diagnostic | None]] = []
    for diagnostic in _ours(params):
        data: Any = diagnostic.data
        rule = data.get("ruleId") if isinstance(data, dict) else diagnostic.code
        for finding in findings:
            if finding.rule_id == rule and ranges[id(finding)] == diagnostic.range:
                if all(finding is not f for f, _ in pairs):
                    pairs.append((finding, diagnostic))
                break
    if params.context.diagnostics:
        return pairs
    for finding in findings:
        found = ranges[id(finding)]
        if _intersects(found, params.range):
            pairs.append((finding, None))
    return pairs


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def _intersects(a: types.Range, b: types.Range) -> bool:
    return not (_before(a.end, b.start) or _before(b.end, a.start))


def _workspace_edit(
    document: Document, edits: Sequence[TextEdit], encoding: PositionEncoding, versioned: bool
) -> types.WorkspaceEdit:
    lsp_edits: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = []
    for edit in edits:
        start_line, start_character = document.lines.position(edit.start, encoding)
        end_line, end_character = document.lines.position(edit.end, encoding)
        lsp_edits.append(
            types.TextEdit(
                range=types.Range(
                    start=types.Position(line=start_line, character=start_character),
                    end=types.Position(line=end_line, character=end_character),
                ),
                new_text=edit.text,
            )
        )
    if versioned:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=document.uri, version=document.version
                    ),
                    edits=lsp_edits,
                )
            ]
        )
    plain = [e for e in lsp_edits if isinstance(e, types.TextEdit)]
    return types.WorkspaceEdit(changes={document.uri: plain})


def _action(
    document: Document,
    fix: Fix,
    diagnostic: types.Diagnostic | None,
    encoding: PositionEncoding,
    versioned: bool,
) -> types.CodeAction:
    diagnostics = [diagnostic] if diagnostic is not None else None
    if fix.kind == "docs":
        url = fix.docs_url or CATALOG[fix.rule_id].docs_url
        return types.CodeAction(
            title=fix.title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=diagnostics,
            command=types.Command(title=fix.title, command=OPEN_DOCS, arguments=[url]),
        )
    return types.CodeAction(
        title=f"unguarded: {fix.title}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=diagnostics,
        is_preferred=fix.preferred or None,
        edit=_workspace_edit(document, fix.edits, encoding, versioned),
    )


def fix_all(
    document: Document,
    settings: AnalysisSettings,
    encoding: PositionEncoding,
    versioned: bool,
) -> types.CodeAction | None:
    result = fix_document(document, settings)
    if not result.changed:
        return None
    edits = minimal_edits(document.data, result.data)
    count = len(result.applied)
    return types.CodeAction(
        title=f"unguarded: apply {count} safe fix{'es' if count != 1 else ''} in this file",
        kind=FIX_ALL,
        edit=_workspace_edit(document, edits, encoding, versioned),
    )


def suppression_diagnostics(
    document: Document, encoding: PositionEncoding, mentioned: bool | None = None
) -> list[types.Diagnostic]:
    """Warnings for suppression comments without a reason, for unknown rules, malformed.
    (`mentioned`: whether the text holds the word `unguarded`, when the caller knows.)"""
    return [
        types.Diagnostic(
            range=to_range(document, problem.span, encoding),
            message=problem.message,
            severity=types.DiagnosticSeverity.Warning,
            code=problem.code,
            source=SOURCE,
        )
        for problem in suppression_problems(document, mentioned)
    ]
