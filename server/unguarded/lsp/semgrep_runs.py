"""semgrep in the background for the server: one run per document at a time, on its own
threads (never the event loop, never the tree-sitter analysis thread).

A save starts a run on the saved text; a newer save of the same document cancels the
older run (its process group is killed) before starting its own, so only the newest
result is ever merged. A failed run leaves unguarded's own diagnostics alone: the user is
told once per kind of problem and per session, and the details go to the log."""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

import pathspec
from lsprotocol import types
from pygls.uris import to_fs_path

from unguarded.analysis import AnalysisSettings, Finding
from unguarded.documents import Document, Language
from unguarded.semgrep import (
    SemgrepCancelled,
    SemgrepConfigError,
    SemgrepError,
    SemgrepFailed,
    SemgrepRun,
    SemgrepUnavailable,
    check_configs,
    find_semgrep,
    run_semgrep,
)

if TYPE_CHECKING:
    from unguarded.lsp.server import UnguardedServer

_T = TypeVar("_T")

# What a run ended with (returned by `unguarded.scanFile`), besides SemgrepError.kind.
OK = "ok"
OFF = "off"
CANCELLED = "cancelled"
UNAVAILABLE = "unavailable"
# The workspace's .semgrepignore names the file.
IGNORED = "ignored"

# Two runs at once: a save in one file does not wait for a long run in another, and
# semgrep (itself multi-core) cannot take every core from the editor.
WORKERS = 2
# On shutdown, how long to wait for running semgrep processes to be killed.
_SHUTDOWN_WAIT_S = 2.0

_SUFFIXES = {"python": ".py", "javascript": ".js", "typescript": ".ts", "tsx": ".tsx"}


class SemgrepRuns:
    def __init__(self, server: UnguardedServer) -> None:
        self._server = server
        self._executor = ThreadPoolExecutor(
            max_workers=WORKERS, thread_name_prefix="unguarded-semgrep"
        )
        self._running: dict[str, tuple[asyncio.Task[str], threading.Event]] = {}
        self._active: set[concurrent.futures.Future[Any]] = set()
        self._cancels: set[threading.Event] = set()
        self._closed = False

    # ------------------------------------------------------------------ documents
    def schedule(self, document: Document) -> asyncio.Task[str] | str:
        """Run semgrep on the document's current text (after a save: the saved text):
        the task, whose result is OK or why not; or, when no run starts, why (OFF: the
        settings or a skipped file; UNAVAILABLE: not installed)."""
        server = self._server
        settings = server.settings
        if self._closed or not settings.enable or not settings.semgrep.enable:
            return OFF
        if server.skip_reason(document) is not None:
            return OFF
        if self.ignored(document.uri):
            return IGNORED
        if find_semgrep() is None:
            self.report(
                SemgrepUnavailable(
                    "semgrep is not installed", "no semgrep beside the interpreter or on PATH"
                )
            )
            return UNAVAILABLE
        self.cancel(document.uri)
        cancel = threading.Event()
        task = asyncio.get_running_loop().create_task(
            self._run(document.uri, document.language, document.data, cancel)
        )
        self._running[document.uri] = (task, cancel)
        uri = document.uri
        task.add_done_callback(lambda done: self._forget(uri, done))
        return task

    def cancel(self, uri: str) -> None:
        running = self._running.pop(uri, None)
        if running is not None:
            task, cancel = running
            cancel.set()  # kills the process now, not at the task's next step
            task.cancel()

    def _forget(self, uri: str, task: asyncio.Task[str]) -> None:
        running = self._running.get(uri)
        if running is not None and running[0] is task:
            del self._running[uri]

    async def _run(self, uri: str, language: Language, data: bytes, cancel: threading.Event) -> str:
        server = self._server
        settings = server.settings
        name = _copy_name(uri, language, self._base())
        configs = self.configs()
        try:
            run, findings = await self.call(
                _scan_text,
                uri,
                name,
                data,
                configs,
                settings.semgrep.timeout,
                settings.analysis,
                cancel=cancel,
            )
        except SemgrepCancelled:
            return CANCELLED
        except SemgrepError as error:
            self.report(error)
            if not cancel.is_set():
                server.diagnostics.semgrep_result(uri, data, None)
            return error.kind
        if cancel.is_set():
            return CANCELLED  # a newer save won while the result was on its way
        self.log_run(run, _display(uri))
        server.diagnostics.semgrep_result(uri, data, findings)
        return OK

    # ------------------------------------------------------------------ shared
    async def call(
        self, function: Callable[..., _T], *arguments: object, cancel: threading.Event
    ) -> _T:
        """`function(*arguments, cancel)` on a semgrep thread; cancelling the awaiting
        task sets `cancel`, which kills the semgrep process."""
        if self._closed:
            raise SemgrepCancelled("the server is shutting down")
        self._cancels.add(cancel)
        future = self._executor.submit(function, *arguments, cancel)
        self._active.add(future)
        future.add_done_callback(self._active.discard)
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            cancel.set()
            raise
        finally:
            self._cancels.discard(cancel)

    def configs(self) -> list[str]:
        """The user's configs as absolute paths; each bad one is reported (once) and left
        out, so unguarded's own rules still run."""
        base = self._base()
        good: list[str] = []
        for config in self._server.settings.semgrep.configs:
            try:
                good.extend(str(path) for path in check_configs([config], base))
            except SemgrepConfigError as error:
                self.report(error)
        return good

    def ignored(self, uri: str) -> bool:
        """Whether the workspace's `.semgrepignore` names the file. semgrep itself would
        not see it: save-time runs scan a copy in a temporary folder."""
        base, path = self._base(), _local_path(uri)
        if base is None or path is None:
            return False
        try:
            relative = path.relative_to(base)
        except ValueError:
            return False
        spec = _ignore_spec(base / ".semgrepignore")
        return spec is not None and spec.match_file(relative.as_posix())

    def _base(self) -> Path | None:
        server = self._server
        if server.config is not None:
            return server.config.path.parent
        try:
            root = server.workspace.root_path
        except RuntimeError:
            return None
        return Path(root) if root else None

    def report(self, error: SemgrepError) -> None:
        server = self._server
        detail = f"semgrep: {error.message}" + (f"\n{error.details}" if error.details else "")
        if isinstance(error, SemgrepUnavailable):
            server.log_info(detail)
            server.notify_once(
                "semgrep:unavailable",
                f"unguarded: {error.message}, so saved files are checked by unguarded's own "
                "analysis only. Install it with `pip install 'unguarded[semgrep]'`, or set "
                "unguarded.semgrep.enable to false.",
                types.MessageType.Info,
            )
            return
        server.log_warning(detail)
        if isinstance(error, SemgrepConfigError):
            key, text = f"semgrep:config:{error.message}", f"unguarded: {error.message}."
        else:
            reason = error.reason if isinstance(error, SemgrepFailed) else ""
            key = f"semgrep:{error.kind}:{reason}"
            text = (
                f"unguarded: {error.message}. unguarded's own diagnostics are not affected; "
                "details are in the log."
            )
        server.notify_once(key, text, types.MessageType.Warning)

    def log_run(self, run: SemgrepRun, what: str) -> None:
        self._server.log_info(
            f"semgrep {run.version}: {len(run.results)} results in {what} ({run.duration:.1f} s)"
        )
        for problem in run.errors[:5]:
            self._server.log_warning(f"semgrep ({what}): {problem}")

    def shutdown(self) -> None:
        """Stop every run and kill its processes (they run in their own sessions and
        would outlive the server otherwise)."""
        self._closed = True
        for task, cancel in self._running.values():
            cancel.set()
            task.cancel()
        self._running.clear()
        for cancel in list(self._cancels):
            cancel.set()
        concurrent.futures.wait(list(self._active), timeout=_SHUTDOWN_WAIT_S)
        self._executor.shutdown(wait=False, cancel_futures=True)


def _scan_text(
    uri: str,
    name: PurePath,
    data: bytes,
    configs: Sequence[str],
    timeout: float,
    analysis: AnalysisSettings,
    cancel: threading.Event,
) -> tuple[SemgrepRun, list[Finding]]:
    """On a semgrep thread: scan `data` as a copy in a temporary folder, under `name`
    (the file's path in the workspace, so that rules' `paths:` filters see the same
    folders). A copy rather than the file: semgrep then reads exactly the text the
    findings are placed on (not a file changed since, nor one never saved), and the
    server itself reads nothing from the workspace."""
    folder = tempfile.mkdtemp(prefix="unguarded-semgrep-")
    try:
        target = Path(folder, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        run = run_semgrep([target], configs=configs, timeout=timeout, cancel=cancel)
        return run, run.findings_for(target, data, settings=analysis, uri=uri)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy_name(uri: str, language: Language, root: Path | None) -> PurePath:
    """The relative path a document's copy gets: its path in the workspace, else its file
    name, else `untitled` with its language's suffix."""
    path = _local_path(uri)
    if path is None or not path.name:
        return PurePath("untitled" + _SUFFIXES.get(language.name, ""))
    if root is not None:
        try:
            relative: PurePath | None = path.relative_to(root)
        except ValueError:
            relative = None
        if relative is not None and relative.parts and ".." not in relative.parts:
            return relative
    return PurePath(path.name)


def _ignore_spec(ignore_file: Path) -> pathspec.PathSpec[Any] | None:
    """The patterns of a `.semgrepignore` (gitignore syntax; `:include FILE` reads another
    file's, as semgrep does), read again when the file changes."""
    try:
        stat = ignore_file.stat()
    except OSError:
        return None
    key = (str(ignore_file), stat.st_mtime_ns, stat.st_size)
    cached = _ignore_specs.get(key)
    if cached is None:
        lines: list[str] = []
        for line in _read_lines(ignore_file):
            if line.startswith(":include "):
                lines.extend(
                    _read_lines(ignore_file.parent / line.removeprefix(":include ").strip())
                )
            else:
                lines.append(line)
        cached = _ignore_specs[key] = pathspec.PathSpec.from_lines("gitwildmatch", lines)
    return cached


_ignore_specs: dict[tuple[str, int, int], pathspec.PathSpec[Any]] = {}


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _local_path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _display(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1] or uri
