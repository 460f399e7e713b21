"""workspace/executeCommand handlers."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from pygls.exceptions import JsonRpcInvalidParams

from unguarded.documents import Document, compare_trees, tree_digest
from unguarded.lsp.server import UnguardedServer

DOCUMENT_STATE = "unguarded.debug.documentState"


def register(server: UnguardedServer) -> None:
    @server.command(DOCUMENT_STATE)
    async def document_state(ls: UnguardedServer, *arguments: Any) -> dict[str, Any] | None:
        """The server's view of a document, for tests and bug reports: its text, and whether
        the incrementally edited tree equals a fresh parse of that text (node by node:
        types, byte ranges and points). The comparison runs off the event loop and stops
        when the client cancels the request.

        tree-sitter's error recovery depends on the edit history: for text with syntax
        errors an incremental parse may place ERROR nodes differently than a fresh parse
        (`freshHasErrors` tells the caller whether that can be the reason)."""
        if len(arguments) != 1 or not isinstance(arguments[0], str):
            raise JsonRpcInvalidParams(f"{DOCUMENT_STATE} takes one argument: a document URI")
        document = ls.documents.get(arguments[0])
        if document is None:
            return None
        snapshot = document.snapshot()
        cancelled = threading.Event()
        try:
            with ls.cancellable():
                difference, fresh_errors, digest = await asyncio.get_running_loop().run_in_executor(
                    None, _compare, snapshot, cancelled
                )
        except asyncio.CancelledError:
            cancelled.set()  # stops the comparison thread early
            raise
        return {
            "version": snapshot.version,
            "text": snapshot.text,
            "parsed": snapshot.parsed,
            "treeMatchesFreshParse": difference is None,
            "treeDifference": difference,
            "hasErrors": snapshot.parsed and snapshot.tree.root_node.has_error,
            # Equal for equal trees: a client replaying the same edits can compare.
            "treeDigest": digest,
            "freshHasErrors": fresh_errors,
        }


def _compare(snapshot: Document, cancelled: threading.Event) -> tuple[str | None, bool, str | None]:
    if not snapshot.parsed:
        return None, False, None
    fresh = Document(snapshot.uri, snapshot.language, snapshot.data)
    difference = compare_trees(snapshot.tree, fresh.tree, cancelled.is_set)
    digest = None if cancelled.is_set() else tree_digest(snapshot.tree)
    return difference, fresh.tree.root_node.has_error, digest
