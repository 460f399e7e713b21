"""`unguarded.scanWorkspace`: analyse every file of the workspace that is not open, then
(when semgrep is on) run semgrep over them in batches, and deliver their diagnostics:
pushed, or kept for `workspace/diagnostic` when the client pulls those.

Each file is analysed by its own call on the analysis thread, so edits to open documents
are analysed between two files rather than after the whole scan. Progress is reported with
`$/progress` (the command's workDoneToken, else a token the server creates when the
client supports `window.workDoneProgress`); cancelling the progress stops the scan.

The helpers here (`workspace_files`, `closed_result`, `semgrep_closed`) are also what
`workspace/diagnostic` and `unguarded.scanFile` use."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path

from unguarded.analysis import AnalysisSettings, Finding, analyze
from unguarded.documents import Document, Language, language_for_path
from unguarded.lsp.diagnostics import Closed
from unguarded.lsp.scheduler import AnalysisTimeout
from unguarded.lsp.semgrep_runs import CANCELLED, OFF, OK, UNAVAILABLE
from unguarded.lsp.server import COMMAND_WORK_DONE_TOKEN, UnguardedServer
from unguarded.scan import discover, skip_reason
from unguarded.semgrep import (
    SemgrepCancelled,
    SemgrepError,
    SemgrepUnavailable,
    find_semgrep,
    run_semgrep,
)

SCAN_WORKSPACE = "unguarded.scanWorkspace"
# Files per semgrep process: semgrep pays its start-up (a few seconds) once per batch.
SEMGREP_BATCH = 50
# A batch may take `semgrep.timeout` plus a tenth of it per file.
_BATCH_TIMEOUT_PER_FILE = 0.1
# How long to wait for the client to accept a progress token.
_CREATE_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class WorkspaceFile:
    path: Path
    uri: str
    language: Language


def register(server: UnguardedServer) -> None:
    @server.command(SCAN_WORKSPACE)
    async def scan_workspace(ls: UnguardedServer, *arguments: Any) -> dict[str, Any]:
        """Arguments: none, or `{"semgrep": bool}` (default: the `semgrep.enable`
        setting)."""
        options = arguments[0] if arguments and isinstance(arguments[0], dict) else {}
        with_semgrep = bool(options.get("semgrep", ls.settings.semgrep.enable))
        progress = await Progress.start(ls, "unguarded: scanning the workspace")
        try:
            with ls.cancellable():
                return await _scan(ls, progress, with_semgrep)
        finally:
            progress.end()


async def _scan(ls: UnguardedServer, progress: Progress, with_semgrep: bool) -> dict[str, Any]:
    files = await workspace_files(ls)
    semgrep_on = with_semgrep and ls.settings.enable and bool(files)
    batches = -(-len(files) // SEMGREP_BATCH) if semgrep_on else 0
    # Units of work for the percentage: one per file, and a file's worth per batch file.
    total = len(files) * (2 if batches else 1) or 1
    findings = scanned = 0
    for index, file in enumerate(files):
        if progress.cancelled:
            break
        closed = await closed_result(ls, file, reuse=False)
        if closed is not None:
            scanned += 1
            findings += len(closed.diagnostics)
        progress.report(index + 1, total, f"{index + 1}/{len(files)} files")
    status = OFF
    if semgrep_on and not progress.cancelled:
        # Open documents: each on its own text, merged with its live diagnostics.
        for document in list(ls.documents.values()):
            ls.semgrep.schedule(document)
        status = await semgrep_closed(ls, files, progress, done=len(files), total=total)
        findings = sum(len(c.diagnostics) for f in files if (c := ls.diagnostics.closed.get(f.uri)))
    summary = f"{findings} diagnostics in {scanned} files" + (
        "" if status in (OFF, OK) else f" (semgrep: {status})"
    )
    ls.log_info(f"workspace scan: {summary}" + (" (cancelled)" if progress.cancelled else ""))
    progress.message = summary
    return {
        "files": scanned,
        "findings": findings,
        "semgrep": status,
        "cancelled": progress.cancelled,
    }


# ---------------------------------------------------------------------- shared helpers
async def workspace_files(ls: UnguardedServer) -> list[WorkspaceFile]:
    """The workspace's files unguarded analyses, except open documents (those are
    analysed as they are edited). Walks the disk on a worker thread."""
    roots = _roots(ls)
    open_uris = set(ls.documents)
    return await asyncio.get_running_loop().run_in_executor(None, _discover, roots, open_uris)


def _discover(roots: list[Path], open_uris: set[str]) -> list[WorkspaceFile]:
    files: list[WorkspaceFile] = []
    for path, reason in discover(roots):
        uri = path.resolve().as_uri()
        language = language_for_path(path)
        if reason is not None or language is None or uri in open_uris:
            continue
        files.append(WorkspaceFile(path, uri, language))
    return files


def _roots(ls: UnguardedServer) -> list[Path]:
    folders = list(ls.workspace.folders.values()) if ls.workspace.folders else []
    paths = [Path(to_fs_path(folder.uri) or "") for folder in folders]
    if not paths and ls.workspace.root_path:
        paths = [Path(ls.workspace.root_path)]
    return [path for path in paths if str(path) and path.is_dir()]


def stamp_of(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


async def closed_result(
    ls: UnguardedServer, file: WorkspaceFile, *, reuse: bool = True, deliver: bool = True
) -> Closed | None:
    """The diagnostics of a file that is not open: from the cache while the file is
    unchanged (`reuse`), else analysed on the analysis thread. None if it cannot be read
    or is skipped (too large, minified, generated)."""
    store = ls.diagnostics
    cached = store.closed.get(file.uri)
    if reuse and cached is not None and cached.stamp == stamp_of(file.path):
        return cached
    settings = ls.settings.analysis
    try:
        outcome = await ls.scheduler.run_limited(_analyse_file, file, settings)
    except AnalysisTimeout:
        ls.log_error(f"analysis of {file.path} took more than {ls.scheduler.time_limit:g} s")
        return None
    except Exception as error:  # one bad file must not end a workspace scan
        ls.log_error(f"analysis of {file.path} failed: {type(error).__name__}: {error}")
        return None
    if outcome is None:
        return None
    document, stamp, findings = outcome
    return store.closed_result(file.uri, document, stamp, findings, deliver=deliver)


def _analyse_file(
    file: WorkspaceFile, settings: AnalysisSettings
) -> tuple[Document, tuple[int, int], list[Finding]] | None:
    stamp = stamp_of(file.path)
    try:
        data = file.path.read_bytes()
    except OSError:
        return None
    if stamp is None or skip_reason(data, settings.max_file_bytes) is not None:
        return None
    document = Document(file.uri, file.language, data)
    findings = analyze(document, settings)
    document.drop_tree()  # only its bytes and lines are needed from here on
    return document, stamp, findings


async def semgrep_closed(
    ls: UnguardedServer,
    files: Sequence[WorkspaceFile],
    progress: Progress | None = None,
    *,
    done: int = 0,
    total: int = 1,
) -> str:
    """semgrep over files that are not open, in batches; each file's semgrep findings
    are merged into its cached diagnostics (those must exist: `closed_result` first)."""
    if find_semgrep() is None:
        ls.semgrep.report(SemgrepUnavailable("semgrep is not installed"))
        return UNAVAILABLE
    settings = ls.settings
    configs = ls.semgrep.configs()
    wanted = [
        file
        for file in files
        if file.uri in ls.diagnostics.closed and not ls.semgrep.ignored(file.uri)
    ]
    for start in range(0, len(wanted), SEMGREP_BATCH):
        if progress is not None and progress.cancelled:
            return CANCELLED
        batch = wanted[start : start + SEMGREP_BATCH]
        timeout = settings.semgrep.timeout * (1 + _BATCH_TIMEOUT_PER_FILE * len(batch))
        cancel = threading.Event()
        if progress is not None:
            progress.watch(cancel)
        try:
            results = await ls.semgrep.call(
                _semgrep_batch, batch, configs, timeout, settings.analysis, cancel=cancel
            )
        except SemgrepCancelled:
            return CANCELLED
        except SemgrepError as error:
            ls.semgrep.report(error)
            return error.kind
        for file, (document, stamp, findings) in results.items():
            closed = ls.diagnostics.closed.get(file.uri)
            if closed is None or closed.stamp != stamp:
                continue  # changed since it was analysed: the next scan sees both anew
            if findings or closed.semgrep:
                ls.diagnostics.closed_result(file.uri, document, stamp, closed.engine, findings)
        if progress is not None:
            finished = done + start + len(batch)
            progress.report(finished, total, f"semgrep: {start + len(batch)}/{len(wanted)} files")
    return OK


def _semgrep_batch(
    files: Sequence[WorkspaceFile],
    configs: Sequence[str],
    timeout: float,
    analysis: AnalysisSettings,
    cancel: threading.Event,
) -> dict[WorkspaceFile, tuple[Document, tuple[int, int], list[Finding]]]:
    before = {file: stamp_of(file.path) for file in files}
    run = run_semgrep(
        [file.path for file in files], configs=configs, timeout=timeout, cancel=cancel
    )
    results: dict[WorkspaceFile, tuple[Document, tuple[int, int], list[Finding]]] = {}
    for file in files:
        stamp = stamp_of(file.path)
        if stamp is None or stamp != before[file]:
            continue  # written while semgrep read it: its offsets may not fit
        try:
            data = file.path.read_bytes()
        except OSError:
            continue
        findings = run.findings_for(file.path, data, settings=analysis, uri=file.uri)
        results[file] = (Document(file.uri, file.language, data, parse=False), stamp, findings)
    return results


# ---------------------------------------------------------------------- progress
class Progress:
    """Work-done progress for one long operation; does nothing when the client has no
    way to show it."""

    def __init__(self, ls: UnguardedServer, token: int | str | None) -> None:
        self._ls = ls
        self.token = token
        self.message = ""
        self._percentage = -1
        self._cancels: list[threading.Event] = []

    @classmethod
    async def start(cls, ls: UnguardedServer, title: str) -> Progress:
        token = COMMAND_WORK_DONE_TOKEN.get()
        if token is None and ls.supports_work_done_progress:
            created = f"unguarded-{uuid.uuid4()}"
            try:
                await asyncio.wait_for(
                    ls.work_done_progress.create_async(created), _CREATE_TIMEOUT_S
                )
                token = created
            except (TimeoutError, Exception) as error:  # no progress is no reason to fail
                ls.log_warning(f"the client did not accept a progress token: {error!r}")
        progress = cls(ls, token)
        if token is not None:
            ls.work_done_progress.begin(
                token, types.WorkDoneProgressBegin(title=title, cancellable=True, percentage=0)
            )
        return progress

    @property
    def cancelled(self) -> bool:
        """The user cancelled it (window/workDoneProgress/cancel)."""
        if self.token is None:
            return False
        future: Future[Any] | None = self._ls.work_done_progress.tokens.get(self.token)
        if future is not None and future.cancelled():
            for cancel in self._cancels:
                cancel.set()
            return True
        return False

    def watch(self, cancel: threading.Event) -> None:
        """Set `cancel` too when the progress is cancelled."""
        self._cancels.append(cancel)
        if self.token is None:
            return
        future = self._ls.work_done_progress.tokens.get(self.token)
        if future is not None:
            future.add_done_callback(lambda _: cancel.set() if future.cancelled() else None)

    def report(self, done: int, total: int, message: str) -> None:
        percentage = min(100, int(100 * done / max(total, 1)))
        if self.token is None or percentage == self._percentage:
            return  # at most one notification per percent
        self._percentage = percentage
        self._ls.work_done_progress.report(
            self.token, types.WorkDoneProgressReport(message=message, percentage=percentage)
        )

    def end(self) -> None:
        if self.token is None:
            return
        with contextlib.suppress(Exception):  # the connection may be gone
            self._ls.work_done_progress.end(
                self.token, types.WorkDoneProgressEnd(message=self.message or None)
            )
        # pygls keeps a future per token; a client may use the same token again later.
        self._ls.work_done_progress.tokens.pop(self.token, None)
