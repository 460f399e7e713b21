"""The latency floor: a minimal pygls server that only keeps an incremental tree-sitter tree.

It does what any tree-sitter language server must do on a keystroke (pygls' message
handling, one UTF-16 -> byte conversion per range, `tree.edit`, an incremental reparse)
and publishes an empty diagnostics list with the document's version, so a client can time
it exactly as it times `unguarded serve`. It imports nothing from unguarded, so a change to
unguarded cannot move the floor.

    python bench/floor_server.py        # serves LSP on stdio
"""

from __future__ import annotations

import logging
import sys
from bisect import bisect_right
from collections.abc import Generator
from typing import Any

import tree_sitter
import tree_sitter_javascript
import tree_sitter_python
import tree_sitter_typescript
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

_GRAMMARS = {
    ".py": tree_sitter_python.language,
    ".js": tree_sitter_javascript.language,
    ".mjs": tree_sitter_javascript.language,
    ".cjs": tree_sitter_javascript.language,
    ".jsx": tree_sitter_javascript.language,
    ".ts": tree_sitter_typescript.language_typescript,
    ".tsx": tree_sitter_typescript.language_tsx,
}
_PARSERS: dict[str, tree_sitter.Parser] = {}


def _parser(uri: str) -> tree_sitter.Parser:
    suffix = "." + uri.rsplit(".", 1)[-1].lower()
    factory = _GRAMMARS.get(suffix, tree_sitter_python.language)
    if suffix not in _PARSERS:
        _PARSERS[suffix] = tree_sitter.Parser(tree_sitter.Language(factory()))
    return _PARSERS[suffix]


class FloorDocument:
    def __init__(self, uri: str, text: str) -> None:
        self.parser = _parser(uri)
        self.data = text.encode("utf-8", errors="surrogatepass")
        self.tree = self.parser.parse(self.data)
        self.starts = _line_starts(self.data)

    def offset(self, line: int, character: int) -> int:
        """Byte offset of a UTF-16 position."""
        if line >= len(self.starts):
            return len(self.data)
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.data)
        text = self.data[start:end].decode("utf-8", errors="replace")
        prefix = text.encode("utf-16-le", errors="surrogatepass")[: 2 * character]
        return start + len(prefix.decode("utf-16-le", errors="ignore").encode("utf-8"))

    def point(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self.starts, offset) - 1
        return row, offset - self.starts[row]

    def apply(self, change: types.TextDocumentContentChangeEvent) -> None:
        if not isinstance(change, types.TextDocumentContentChangePartial):
            self.data = change.text.encode("utf-8", errors="surrogatepass")
            self.tree = self.parser.parse(self.data)
            self.starts = _line_starts(self.data)
            return
        start = self.offset(change.range.start.line, change.range.start.character)
        end = self.offset(change.range.end.line, change.range.end.character)
        inserted = change.text.encode("utf-8", errors="surrogatepass")
        start_point, old_end_point = self.point(start), self.point(end)
        self.data = self.data[:start] + inserted + self.data[end:]
        self.starts = _line_starts(self.data)
        self.tree.edit(
            start_byte=start,
            old_end_byte=end,
            new_end_byte=start + len(inserted),
            start_point=start_point,
            old_end_point=old_end_point,
            new_end_point=self.point(start + len(inserted)),
        )
        self.tree = self.parser.parse(self.data, self.tree)


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    position = data.find(b"\n")
    while position != -1:
        starts.append(position + 1)
        position = data.find(b"\n", position + 1)
    return starts


class FloorProtocol(LanguageServerProtocol):
    """Like unguarded's protocol, it skips pygls' own copy of each document's text: the
    server keeps bytes and a tree, which is all a tree-sitter server needs."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: Any) -> Generator[Any, Any, None]:
        yield self.fm.features[types.TEXT_DOCUMENT_DID_OPEN], (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: Any) -> Generator[Any, Any, None]:
        yield self.fm.features[types.TEXT_DOCUMENT_DID_CHANGE], (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: Any) -> Generator[Any, Any, None]:
        yield self.fm.features[types.TEXT_DOCUMENT_DID_CLOSE], (params,), None


server = LanguageServer(
    "unguarded-floor",
    "0",
    protocol_cls=FloorProtocol,
    text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
)
documents: dict[str, FloorDocument] = {}


def _publish(uri: str, version: int) -> None:
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=version)
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    documents[item.uri] = FloorDocument(item.uri, item.text)
    _publish(item.uri, item.version)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    document = documents[params.text_document.uri]
    for change in params.content_changes:
        document.apply(change)
    _publish(params.text_document.uri, params.text_document.version)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    documents.pop(params.text_document.uri, None)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    server.start_io()
