"""`unguarded.scanWorkspace`: analyse every file of the workspace, open or not, and
publish their diagnostics. Runs on the analysis thread so typing never waits on it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types

from unguarded.analysis import AnalysisSettings, analyze
from unguarded.documents import Document, language_for_path
from unguarded.lsp.convert import to_diagnostic
from unguarded.lsp.server import UnguardedServer
from unguarded.scan import discover, skip_reason

SCAN_WORKSPACE = "unguarded.scanWorkspace"


def register(server: UnguardedServer) -> None:
    @server.command(SCAN_WORKSPACE)
    async def scan_workspace(ls: UnguardedServer, *arguments: Any) -> dict[str, int]:
        roots = _roots(ls)
        settings = ls.settings.analysis
        open_uris = set(ls.documents)
        loop = asyncio.get_running_loop()
        results = await loop.run_in_executor(
            ls.scheduler.executor, _scan, roots, settings, open_uris
        )
        encoding = ls.encoding
        files = findings = 0
        for document, found in results:
            files += 1
            findings += len(found)
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=document.uri,
                    diagnostics=[to_diagnostic(document, f, encoding) for f in found],
                )
            )
        ls.log_info(f"workspace scan: {findings} findings in {files} files")
        return {"files": files, "findings": findings}


def _roots(ls: UnguardedServer) -> list[Path]:
    folders = list(ls.workspace.folders.values()) if ls.workspace.folders else []
    paths = [Path(folder.uri.removeprefix("file://")) for folder in folders]
    if not paths and ls.workspace.root_path:
        paths = [Path(ls.workspace.root_path)]
    return [path for path in paths if path.is_dir()]


def _scan(
    roots: list[Path], settings: AnalysisSettings, open_uris: set[str]
) -> list[tuple[Document, list[Any]]]:
    results: list[tuple[Document, list[Any]]] = []
    for path, reason in discover(roots):
        uri = path.resolve().as_uri()
        language = language_for_path(path)
        if reason is not None or language is None or uri in open_uris:
            continue  # open documents are analysed as they are edited
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if skip_reason(data, settings.max_file_bytes) is not None:
            continue
        document = Document(uri, language, data)
        results.append((document, analyze(document, settings)))
    return results
