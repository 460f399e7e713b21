"""workspace/executeCommand handlers."""

from __future__ import annotations

from typing import Any

from unguarded.documents import Document
from unguarded.lsp.server import UnguardedServer

DOCUMENT_STATE = "unguarded.debug.documentState"


def register(server: UnguardedServer) -> None:
    @server.command(DOCUMENT_STATE)
    def document_state(ls: UnguardedServer, uri: str) -> dict[str, Any] | None:
        """The server's view of a document, for tests and bug reports: its text, and whether
        the incrementally edited tree equals a fresh parse of that text."""
        document = ls.documents.get(uri)
        if document is None:
            return None
        fresh = Document(document.uri, document.language, document.data)
        return {
            "version": document.version,
            "text": document.text,
            "treeMatchesFreshParse": str(document.tree.root_node) == str(fresh.tree.root_node),
            "hasErrors": document.tree.root_node.has_error,
        }
