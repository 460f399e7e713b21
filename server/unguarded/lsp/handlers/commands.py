"""workspace/executeCommand handlers."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from unguarded.documents import Document, compare_trees
from unguarded.lsp.server import UnguardedServer

DOCUMENT_STATE = "unguarded.debug.documentState"


def register(server: UnguardedServer) -> None:
    @server.command(DOCUMENT_STATE)
    async def document_state(ls: UnguardedServer, uri: str) -> dict[str, Any] | None:
        """The server's view of a document, for tests and bug reports: its text, and whether
        the incrementally edited tree equals a fresh parse of that text (node by node:
        types, byte ranges and points). The comparison runs off the event loop and stops
        when the client cancels the request."""
        document = ls.documents.get(uri)
        if document is None:
            return None
        snapshot = document.snapshot()
        cancelled = threading.Event()
        try:
            difference = await asyncio.get_running_loop().run_in_executor(
                None, _difference, snapshot, cancelled
            )
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return {
            "version": snapshot.version,
            "text": snapshot.text,
            "parsed": snapshot.parsed,
            "treeMatchesFreshParse": difference is None,
            "treeDifference": difference,
            "hasErrors": snapshot.parsed and snapshot.tree.root_node.has_error,
        }


def _difference(snapshot: Document, cancelled: threading.Event) -> str | None:
    if not snapshot.parsed:
        return None
    fresh = Document(snapshot.uri, snapshot.language, snapshot.data)
    return compare_trees(snapshot.tree, fresh.tree, cancelled.is_set)
