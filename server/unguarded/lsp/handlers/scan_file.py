"""`unguarded.scanFile URI`: both engines on one file now, as a save would (an open
document: its current text; another file: its content on disk). Answers when semgrep is
done, with what happened: `{"uri", "diagnostics", "semgrep"}` where semgrep is "ok",
"off", "unavailable", "ignored" (the workspace's .semgrepignore names the file),
"cancelled" (a save started a newer run) or the kind of failure."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from pygls.exceptions import JsonRpcInvalidParams
from pygls.uris import to_fs_path

from unguarded.documents import language_for_path
from unguarded.lsp.handlers.workspace_scan import WorkspaceFile, closed_result, semgrep_closed
from unguarded.lsp.semgrep_runs import CANCELLED, IGNORED, OFF
from unguarded.lsp.server import UnguardedServer

SCAN_FILE = "unguarded.scanFile"


def register(server: UnguardedServer) -> None:
    @server.command(SCAN_FILE)
    async def scan_file(ls: UnguardedServer, *arguments: Any) -> dict[str, Any]:
        if len(arguments) != 1 or not isinstance(arguments[0], str):
            raise JsonRpcInvalidParams(f"{SCAN_FILE} takes one argument: a document URI")
        uri: str = arguments[0]
        document = ls.documents.get(uri)
        if document is not None:
            ls.analyse(document)
            started = ls.semgrep.schedule(document)
            status = started if isinstance(started, str) else await _outcome(started)
            entry = ls.diagnostics.current(uri)
            count = len(entry.diagnostics) if entry is not None else 0
            return {"uri": uri, "diagnostics": count, "semgrep": status}
        return await _scan_closed(ls, uri)


async def _outcome(run: asyncio.Task[str]) -> str:
    """The run's status. Shielded: cancelling this request does not cancel the run (a
    save may rely on it); a newer save does, and then the answer says so."""
    try:
        return await asyncio.shield(run)
    except asyncio.CancelledError:
        if not run.cancelled():
            raise  # this request was cancelled, not the run
        return CANCELLED


async def _scan_closed(ls: UnguardedServer, uri: str) -> dict[str, Any]:
    path = Path(to_fs_path(uri) or "") if uri.startswith("file:") else None
    language = language_for_path(path) if path is not None else None
    if path is None or language is None or not path.is_file():
        raise JsonRpcInvalidParams(f"{uri} is not a file unguarded analyses")
    if not ls.settings.enable:
        return {"uri": uri, "diagnostics": 0, "semgrep": OFF}
    file = WorkspaceFile(path, uri, language)
    closed = await closed_result(ls, file, reuse=False)
    if closed is None:
        return {"uri": uri, "diagnostics": 0, "semgrep": OFF}
    status = OFF
    if ls.settings.semgrep.enable:
        status = IGNORED if ls.semgrep.ignored(uri) else await semgrep_closed(ls, [file])
    final = ls.diagnostics.closed.get(uri)
    return {"uri": uri, "diagnostics": len(final.diagnostics) if final else 0, "semgrep": status}
