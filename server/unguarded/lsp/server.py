"""The language server: state, error reporting, and start-up."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import sys
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cattrs
from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcMethodNotFound,
    JsonRpcParseError,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from unguarded import __version__
from unguarded.analysis import Finding
from unguarded.config import Settings
from unguarded.config_files import ConfigFile, find_config, load_config, settings_for
from unguarded.documents import Document, PositionEncoding, looks_minified
from unguarded.lsp.convert import encoding_of
from unguarded.lsp.diagnostics import DiagnosticStore
from unguarded.lsp.scheduler import AnalysisScheduler
from unguarded.lsp.semgrep_runs import SemgrepRuns

logger = logging.getLogger("unguarded")


# Trees kept in memory; other open documents keep their text and are parsed on demand.
MAX_PARSED_DOCUMENTS = 48

# Errors that mean the client sent something wrong: answered, logged as warnings.
_CLIENT_ERRORS = (JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcMethodNotFound)

# The workDoneToken of the `workspace/executeCommand` being handled (pygls passes a
# command handler its arguments only). Each message is handled in its own context.
COMMAND_WORK_DONE_TOKEN: contextvars.ContextVar[int | str | None] = contextvars.ContextVar(
    "unguarded_command_work_done_token", default=None
)


@dataclass(frozen=True)
class _Malformed:
    """A message whose params do not have the shape its method requires."""

    method: str
    id: int | str | None
    problem: str


class UnguardedProtocol(LanguageServerProtocol):
    # ------------------------------------------------------------------ robustness
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            # pygls would log this and never answer: the client would wait forever.
            request_id = data.get("id") if "method" in data else None  # not for responses
            if not isinstance(request_id, (int, str)):
                request_id = None
            return _Malformed(str(data.get("method", "")), request_id, _problem(error))

    def handle_message(self, message: Any) -> None:
        server = self._server
        assert isinstance(server, UnguardedServer)
        if isinstance(message, _Malformed):
            if message.id is not None:
                error = JsonRpcInvalidParams(
                    f"Invalid params for {message.method}: {message.problem}"
                )
                self._send_response(message.id, error=error.to_response_error())
            server.log_warning(f"ignored a malformed {message.method!r} message: {message.problem}")
            return
        if not hasattr(message, "jsonrpc"):  # a JSON value that is no JSON-RPC message
            request_id = message.get("id") if isinstance(message, dict) else None
            self._send_error(
                request_id, JsonRpcInvalidRequest("Invalid Request: not a JSON-RPC 2.0 message")
            )
            server.log_warning("ignored a message that is not a JSON-RPC 2.0 message")
            return
        method = getattr(message, "method", None)
        if self._shutdown and method not in (None, types.EXIT) and hasattr(message, "id"):
            # pygls drops requests after shutdown silently; the spec asks for an error.
            self._send_error(
                message.id, JsonRpcInvalidRequest("Invalid Request: the server is shutting down")
            )
            return
        super().handle_message(message)

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        # pygls answers the request as cancelled; also stop the work if it is still running.
        super()._handle_cancel_notification(msg_id)
        server = self._server
        if isinstance(server, UnguardedServer):
            task = server.running_requests.pop(msg_id, None)
            if task is not None:
                task.cancel()

    def _send_error(self, request_id: Any, error: JsonRpcException) -> None:
        # A plain dict: JSON-RPC wants `"id": null` when the id is unknown, which the
        # lsprotocol converter would leave out.
        valid_id = request_id if isinstance(request_id, (int, str)) else None
        error_object = {"code": error.code, "message": error.message}
        self._send_data({"jsonrpc": "2.0", "id": valid_id, "error": error_object})

    @property
    def shutdown_received(self) -> bool:
        return self._shutdown

    @lsp_method(types.WORKSPACE_EXECUTE_COMMAND)
    def lsp_workspace__execute_command(
        self, params: types.ExecuteCommandParams
    ) -> Generator[Any, Any, Any]:
        COMMAND_WORK_DONE_TOKEN.set(params.work_done_token)
        result = yield from super().lsp_workspace__execute_command(params)
        return result

    # ------------------------------------------------------------------ text sync
    # The server keeps its own bytes and tree (documents/); pygls' copy of every open
    # document's text would double the memory and add a whole-text split per keystroke.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None

    # ------------------------------------------------------------------ lifecycle
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
        # Documents whose tree is kept, least recently analysed first (see _keep_tree).
        self._recent_trees: dict[str, Document] = {}
        self.settings = Settings()
        # The editor's own settings, kept to re-merge when the project file changes.
        self.editor_settings: object = None
        self.config: ConfigFile | None = None
        self.scheduler = AnalysisScheduler(self.publish, self.log_error, self._parsed_snapshot)
        # Merged diagnostics of both engines, pushed or pulled (lsp/diagnostics.py).
        self.diagnostics = DiagnosticStore(self)
        # Save-time semgrep runs, on their own threads (lsp/semgrep_runs.py).
        self.semgrep = SemgrepRuns(self)
        self._notified: set[str] = set()
        # Request id -> the task answering it, for `$/cancelRequest` (see `cancellable`).
        self.running_requests: dict[int | str, asyncio.Task[Any]] = {}

    @contextlib.contextmanager
    def cancellable(self) -> Iterator[None]:
        """Within an async request handler: let `$/cancelRequest` cancel this task."""
        request_id = self.protocol.msg_id
        task = asyncio.current_task()
        if request_id is None or task is None:
            yield
            return
        self.running_requests[request_id] = task
        try:
            yield
        finally:
            if self.running_requests.get(request_id) is task:
                del self.running_requests[request_id]

    # ------------------------------------------------------------------ state
    @property
    def encoding(self) -> PositionEncoding:
        try:
            return encoding_of(self.workspace.position_encoding)
        except RuntimeError:
            return PositionEncoding.UTF16

    def apply_settings(self, raw: object) -> None:
        """Editor settings on top of the project's settings file."""
        self.editor_settings = raw
        settings, problems = settings_for(self.config, raw)
        self.settings = settings
        self.diagnostics.settings_changed()
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
            self.clear(document.uri, document.version)
            return
        reason = self.skip_reason(document)
        if reason is not None:
            # No tree for a document we do not analyse: edits stay cheap, memory stays low.
            document.drop_tree()
            self.clear(document.uri, document.version)
            self.notify_once(
                f"skip:{document.uri}",
                f"unguarded: {_display_name(document.uri)} {reason}",
                types.MessageType.Info,
            )
            return
        self.scheduler.schedule(document, self.settings.analysis, delay_ms)

    def _parsed_snapshot(self, document: Document) -> Document:
        """The scheduler's snapshot when the analysis is about to run: the document is
        parsed then (not when opened, so that a file opened among many holds no tree while
        it waits), and counts as used last."""
        document.ensure_parsed()
        self._keep_tree(document)
        return document.snapshot()

    def _keep_tree(self, document: Document) -> None:
        """Trees take about 20 bytes per byte of source: keep them for the documents used
        last, and parse the others again when they are edited or asked about."""
        self._recent_trees.pop(document.uri, None)
        self._recent_trees[document.uri] = document
        while len(self._recent_trees) > MAX_PARSED_DOCUMENTS:
            oldest = next(iter(self._recent_trees))
            self._recent_trees.pop(oldest).evict_tree()

    def forget(self, uri: str) -> Document | None:
        """A closed document: drop it and its tree."""
        self._recent_trees.pop(uri, None)
        self.semgrep.cancel(uri)
        self.diagnostics.forget(uri)
        return self.documents.pop(uri, None)

    def skip_reason(self, document: Document) -> str | None:
        limit = self.settings.analysis.max_file_bytes
        if len(document.data) > limit:
            return (
                f"is larger than {limit} bytes and is not analysed (setting unguarded.maxFileSize)."
            )
        if looks_minified(document.data):
            return "looks minified (very long lines) and is not analysed."
        return None

    def load_project_config(self, root: Path | None) -> None:
        """Read the project's settings file (and report its problems on it)."""
        path = find_config(root) if root is not None else None
        previous = self.config
        self.config = load_config(path) if path is not None else None
        if previous is not None and (self.config is None or previous.path != self.config.path):
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=previous.path.as_uri(), diagnostics=[])
            )
        if self.config is not None:
            self.publish_config_problems(self.config)
        self.apply_settings(self.editor_settings)

    def publish_config_problems(self, config: ConfigFile) -> None:
        diagnostics = [
            types.Diagnostic(
                range=types.Range(
                    start=types.Position(line=problem.line, character=0),
                    end=types.Position(line=problem.line + 1, character=0),
                ),
                message=problem.message,
                severity=types.DiagnosticSeverity.Warning,
                source="unguarded",
                code="settings",
            )
            for problem in config.problems
        ]
        for problem in config.problems:
            self.log_warning(f"{config.path}:{problem.line + 1}: {problem.message}")
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=config.path.as_uri(), diagnostics=diagnostics)
        )

    def analyse_all(self) -> None:
        for document in self.documents.values():
            self.analyse(document)

    def publish(self, snapshot: Document, findings: list[Finding]) -> None:
        current = self.documents.get(snapshot.uri)
        if current is None or current.version != snapshot.version:
            return  # closed or edited meanwhile: a newer run is scheduled
        # Merged with the document's semgrep findings, then pushed or kept for a pull.
        self.diagnostics.engine_result(snapshot, findings)

    def clear(self, uri: str, version: int | None = None) -> None:
        """No diagnostics for `uri` (closed, disabled or skipped): with the document's
        version when it is open, so that a client can tell which text this is about."""
        self.scheduler.cancel(uri)
        self.semgrep.cancel(uri)
        self.diagnostics.cleared(uri, version)

    @property
    def supports_diagnostic_refresh(self) -> bool:
        """The client handles `workspace/diagnostic/refresh`."""
        try:
            workspace = self.client_capabilities.workspace
        except (AttributeError, RuntimeError):
            return False
        diagnostics = workspace.diagnostics if workspace is not None else None
        return bool(diagnostics is not None and diagnostics.refresh_support)

    @property
    def supports_work_done_progress(self) -> bool:
        try:
            window = self.client_capabilities.window
        except (AttributeError, RuntimeError):
            return False
        return bool(window is not None and window.work_done_progress)

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
        if isinstance(error, ValueError) and source is JsonRpcException:
            # The message loop could not decode a message (invalid JSON or UTF-8).
            assert isinstance(self.protocol, UnguardedProtocol)
            self.protocol._send_error(None, JsonRpcParseError(f"Parse error: {error}"))
            self.log_warning(f"ignored a message that is not valid JSON: {error}")
            return
        if isinstance(error, _CLIENT_ERRORS):
            self.log_warning(f"rejected a request: {error}")
            return
        # pygls would show every internal error as a popup; log them instead.
        self.log_error(f"internal error ({getattr(source, '__name__', source)}): {error}")


def _problem(error: JsonRpcException) -> str:
    """What is wrong with a message's params, in a line: cattrs names the bad fields."""
    cause = error.__cause__
    if isinstance(cause, cattrs.BaseValidationError):
        details = cattrs.transform_error(cause)
        return "; ".join(details[:3]) + (" …" if len(details) > 3 else "")
    text = str(cause or error).strip()
    return text.splitlines()[0] if text else type(cause or error).__name__


def _display_name(uri: str) -> str:
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    return name or uri


def create_server() -> UnguardedServer:
    from unguarded.lsp.handlers import (
        code_actions,
        commands,
        configuration,
        documents,
        lifecycle,
        project,
        pull,
        scan_file,
        workspace_scan,
    )

    server = UnguardedServer()
    lifecycle.register(server)
    configuration.register(server)
    documents.register(server)
    commands.register(server)
    code_actions.register(server)
    project.register(server)
    workspace_scan.register(server)
    pull.register(server)
    scan_file.register(server)
    return server


def watch_parent(server: UnguardedServer, pid: int) -> None:
    """Exit when the editor that started us is gone (it may die without closing stdin)."""

    async def watch() -> None:
        while True:
            await asyncio.sleep(3)
            if not _alive(pid):
                logger.info("client process %s is gone; exiting", pid)
                server.scheduler.shutdown()
                server.semgrep.shutdown()
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
    # Clients show stderr as errors; window/logMessage already carries the informational
    # lines, so only warnings and errors go to stderr (everything to --log-file).
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    handlers: list[logging.Handler] = [stderr]
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
        return
    # Only protocol messages may reach stdout: keep the real stdout for pygls and point
    # file descriptor 1 (and sys.stdout) at stderr, so that a stray print() or a library
    # writing to fd 1 cannot corrupt the stream.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    # The client sent `exit` or closed stdin. pygls swallows the exit code; the spec asks
    # for 0 after a shutdown request and 1 otherwise. Exit now, without waiting for an
    # analysis still running on the worker thread.
    assert isinstance(server.protocol, UnguardedProtocol)
    code = 0 if server.protocol.shutdown_received else 1
    server.scheduler.shutdown()
    server.semgrep.shutdown()  # semgrep runs in its own process groups: kill them
    logging.shutdown()
    sys.stderr.flush()
    os._exit(code)
