"""The language server: state, error reporting, and start-up."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from unguarded import __version__
from unguarded.analysis import Finding
from unguarded.config import Settings, parse_settings
from unguarded.documents import Document, PositionEncoding
from unguarded.lsp.convert import encoding_of, to_diagnostic
from unguarded.lsp.scheduler import AnalysisScheduler

logger = logging.getLogger("unguarded")


class UnguardedProtocol(LanguageServerProtocol):
    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        # Prefer UTF-8 whenever the client offers it: tree-sitter counts bytes, so no
        # conversion is needed at all. pygls picks the client's first choice otherwise.
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = list(general.position_encodings)
            if types.PositionEncodingKind.Utf8 in offered:
                offered.remove(types.PositionEncodingKind.Utf8)
                general.position_encodings = [types.PositionEncodingKind.Utf8, *offered]
        result = yield from super().lsp_initialize(params)
        return result


class UnguardedServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "unguarded",
            __version__,
            protocol_cls=UnguardedProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.documents: dict[str, Document] = {}
        self.settings = Settings()
        self.scheduler = AnalysisScheduler(self.publish, self.log_error)
        self._notified: set[str] = set()

    # ------------------------------------------------------------------ state
    @property
    def encoding(self) -> PositionEncoding:
        try:
            return encoding_of(self.workspace.position_encoding)
        except RuntimeError:
            return PositionEncoding.UTF16

    def apply_settings(self, raw: object) -> None:
        settings, problems = parse_settings(raw)
        self.settings = settings
        for problem in problems:
            self.log_warning(f"settings: {problem}")
        if problems:
            self.notify_once(
                "settings:" + ";".join(problems),
                "unguarded: " + "; ".join(problems[:3]) + (" …" if len(problems) > 3 else ""),
                types.MessageType.Warning,
            )

    def analyse(self, document: Document, delay_ms: int = 0) -> None:
        if not self.settings.enable:
            self.clear(document.uri)
            return
        limit = self.settings.analysis.max_file_bytes
        if len(document.data) > limit:
            self.clear(document.uri)
            self.notify_once(
                "size:" + document.uri,
                f"unguarded: {Path(document.uri).name} is larger than {limit} bytes and is "
                "not analysed (setting unguarded.maxFileSize).",
                types.MessageType.Info,
            )
            return
        self.scheduler.schedule(document, self.settings.analysis, delay_ms)

    def analyse_all(self) -> None:
        for document in self.documents.values():
            self.analyse(document)

    def publish(self, snapshot: Document, findings: list[Finding]) -> None:
        current = self.documents.get(snapshot.uri)
        if current is None or current.version != snapshot.version:
            return  # closed or edited meanwhile: a newer run is scheduled
        encoding = self.encoding
        diagnostics = [to_diagnostic(snapshot, finding, encoding) for finding in findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=snapshot.uri, diagnostics=diagnostics, version=snapshot.version
            )
        )

    def clear(self, uri: str) -> None:
        self.scheduler.cancel(uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    # ------------------------------------------------------------------ messages
    def log_error(self, message: str) -> None:
        logger.error(message)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=message)
        )

    def log_warning(self, message: str) -> None:
        logger.warning(message)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Warning, message=message)
        )

    def log_info(self, message: str) -> None:
        logger.info(message)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Info, message=message)
        )

    def notify_once(self, key: str, message: str, kind: types.MessageType) -> None:
        """Show a message once per key, not once per keystroke or save."""
        if key in self._notified:
            return
        self._notified.add(key)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls would show every internal error as a popup; log them instead.
        self.log_error(f"internal error ({getattr(source, '__name__', source)}): {error}")


def create_server() -> UnguardedServer:
    from unguarded.lsp.handlers import commands, configuration, documents, lifecycle

    server = UnguardedServer()
    lifecycle.register(server)
    configuration.register(server)
    documents.register(server)
    commands.register(server)
    return server


def watch_parent(server: UnguardedServer, pid: int) -> None:
    """Exit when the editor that started us is gone (it may die without closing stdin)."""

    async def watch() -> None:
        while True:
            await asyncio.sleep(3)
            if not _alive(pid):
                logger.info("client process %s is gone; exiting", pid)
                server.scheduler.shutdown()
                os._exit(0)

    asyncio.get_running_loop().create_task(watch())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_server(
    host: str | None = None, port: int | None = None, log_file: Path | None = None
) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO,
        handlers=handlers,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("pygls").setLevel(logging.WARNING)
    server = create_server()
    if host is not None and port is not None:
        server.start_tcp(host, port)
    else:
        server.start_io()
