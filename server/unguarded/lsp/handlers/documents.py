"""Document sync: keep our own bytes and incremental tree, and schedule analysis."""

from __future__ import annotations

from lsprotocol import types

from unguarded.documents import Document, TextChange, language_for_path
from unguarded.lsp.handlers.project import reload_if_settings_file
from unguarded.lsp.server import UnguardedServer


def register(server: UnguardedServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: UnguardedServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        language = language_for_path(item.uri.split("?", 1)[0], item.language_id)
        if language is None:
            return  # not a language we analyse
        # Parsed by `analyse` when it is to be analysed (not when too large, for example).
        document = Document.from_text(item.uri, language, item.text, item.version, parse=False)
        ls.documents[item.uri] = document
        ls.analyse(document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: UnguardedServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return
        changes = []
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                changes.append(
                    TextChange(
                        change.text,
                        (change.range.start.line, change.range.start.character),
                        (change.range.end.line, change.range.end.character),
                    )
                )
            else:
                changes.append(TextChange(change.text))
        document.apply_changes(changes, params.text_document.version, ls.encoding)
        if ls.settings.run == "onType":
            ls.analyse(document, ls.settings.debounce_ms)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: UnguardedServer, params: types.DidSaveTextDocumentParams) -> None:
        if reload_if_settings_file(ls, params.text_document.uri):
            return
        document = ls.documents.get(params.text_document.uri)
        if document is not None:
            ls.analyse(document)
            # semgrep on the saved text, in the background; merged when it is done.
            ls.semgrep.schedule(document)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: UnguardedServer, params: types.DidCloseTextDocumentParams) -> None:
        if ls.forget(params.text_document.uri) is not None:
            ls.clear(params.text_document.uri)
