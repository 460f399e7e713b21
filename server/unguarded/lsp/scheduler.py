"""Per-document debounce: the latest edit wins; analysis runs off the event loop on a
snapshot of the document, and results are published only if still current."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from unguarded.analysis import AnalysisSettings, Finding
from unguarded.analysis.incremental import DocumentAnalysis
from unguarded.documents import Document
from unguarded.lsp.allocator import return_freed_memory

logger = logging.getLogger(__name__)

_T = TypeVar("_T")
# An analysis running longer than this is an engine bug: it is stopped.
TIME_LIMIT_S = 20.0
# Documents whose analysis is kept to analyse their next version incrementally, the ones
# analysed last (each keeps its previous tree and the cached results of its parts).
MAX_INCREMENTAL_DOCUMENTS = 16
# After a provisional result, the exact analysis waits this long for the next edit of a
# burst (a macro, multi-cursor or format-on-type edits, a client replaying changes: edits
# a few milliseconds apart). An edit that comes meanwhile is compared with the last exact
# version instead, so a burst pays for one exact analysis, not one per broken version.
# Keystrokes come tens of milliseconds apart or more: after each the exact result follows.
EXACT_AFTER_PROVISIONAL_S = 0.015


class AnalysisTimeout(Exception):
    """Raised inside the analysis thread when an analysis exceeds the time limit."""


class _Running:
    """One call on the analysis thread, which a timer may interrupt.

    Python cannot kill a thread, but CPython can raise an exception in one
    (PyThreadState_SetAsyncExc): the engine is Python code, so the exception arrives
    within a few bytecodes. The time counts from when the call starts on the thread (not
    while it waits behind another), and the lock makes sure the exception is raised only
    while this call runs, never in the next one."""

    def __init__(self, limit: float) -> None:
        self._lock = threading.Lock()
        self._limit = limit
        self._thread: int | None = None
        self._started: float | None = None
        self.finished = False

    def call(self, function: Callable[..., _T], arguments: tuple[object, ...]) -> _T:
        with self._lock:
            self._thread = threading.get_ident()
            self._started = time.monotonic()
        try:
            return function(*arguments)
        finally:
            with self._lock:
                self.finished = True
                # Withdraw an interruption that was requested but not yet delivered.
                _set_async_exception(self._thread, None)

    def watch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Check now and then until the call finishes; interrupt it past the limit."""
        with self._lock:
            if self.finished:
                return
            if self._started is None:  # still queued
                delay = self._limit
            else:
                elapsed = time.monotonic() - self._started
                if elapsed >= self._limit:
                    _set_async_exception(self._thread, AnalysisTimeout)
                    return
                delay = self._limit - elapsed
        loop.call_later(delay, self.watch, loop)


def _set_async_exception(thread: int | None, exception: type[BaseException] | None) -> None:
    if thread is None:
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception is not None else None
    )


Publisher = Callable[[Document, list[Finding]], Awaitable[None] | None]


# The analyses of the scheduler whose analysis thread this is (see `analyze`).
_thread_state = threading.local()


def analyze(
    document: Document, settings: AnalysisSettings, provisional: bool = False
) -> list[Finding]:
    """The findings of a new version of a document, on the analysis thread: computed from
    the analysis of its version before (analysis/incremental.py), which is kept for the
    documents analysed last. With `provisional`, an edit that reshaped much of the file
    gets the findings of the version before, moved, and the analysis kept for the
    document says so (`DocumentAnalysis.provisional`). (A module
    function, so that tests can wrap it.)"""
    analyses: dict[str, DocumentAnalysis] | None = getattr(_thread_state, "analyses", None)
    if analyses is None:
        return DocumentAnalysis(settings).analyze(document)
    analysis = analyses.pop(document.uri, None) or DocumentAnalysis(settings)
    # Kept only when it completes: an interrupted one may be half updated.
    findings = analysis.analyze(document, settings, provisional=provisional)
    analyses[document.uri] = analysis
    while len(analyses) > MAX_INCREMENTAL_DOCUMENTS:
        del analyses[next(iter(analyses))]
    return findings


class AnalysisScheduler:
    def __init__(
        self,
        publish: Callable[[Document, list[Finding]], None],
        report_error: Callable[[str], None],
        take_snapshot: Callable[[Document], Document] = Document.snapshot,
    ) -> None:
        self._publish = publish
        self._report_error = report_error
        self._take_snapshot = take_snapshot
        self._pending: dict[str, asyncio.Task[None]] = {}
        # Runs past their debounce that have taken their snapshot: the analysis thread's
        # current one and the next. The others wait without one: a snapshot holds a tree
        # (about 20 bytes per byte of source), and 200 files opened at once held all 200.
        self._snapshots = asyncio.Semaphore(2)
        self.time_limit = TIME_LIMIT_S
        self.exact_delay = EXACT_AFTER_PROVISIONAL_S
        # One analysis at a time keeps the server's CPU use bounded; the event loop stays free.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unguarded-analysis")
        # Per document, least recently analysed first; used on the analysis thread only.
        self._analyses: dict[str, DocumentAnalysis] = {}

    def schedule(self, document: Document, settings: AnalysisSettings, delay_ms: int) -> None:
        self.cancel(document.uri)
        task = asyncio.get_running_loop().create_task(self._run(document, settings, delay_ms))
        self._pending[document.uri] = task
        uri = document.uri
        task.add_done_callback(lambda done: self._forget(uri, done))

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The one thread all analysis runs on (scheduled runs, code actions, scans)."""
        return self._executor

    def cancel(self, uri: str) -> None:
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def _forget(self, uri: str, task: asyncio.Task[None]) -> None:
        if self._pending.get(uri) is task:
            del self._pending[uri]

    async def _run(self, document: Document, settings: AnalysisSettings, delay_ms: int) -> None:
        """Analyse the document as it is once the debounce and the runs before are over (an
        edit meanwhile schedules a new run and cancels this one)."""
        if delay_ms > 0:
            await asyncio.sleep(delay_ms / 1000)
        async with self._snapshots:
            await self._run_on(self._take_snapshot(document), settings)

    async def _run_on(self, snapshot: Document, settings: AnalysisSettings) -> None:
        if await self._analyse(snapshot, settings, True):
            # A provisional result (an edit whose syntax error reshaped much of the file,
            # see DocumentAnalysis.analyze) is published at once; the exact one follows on
            # the analysis thread unless the next edit comes first (this task is then
            # cancelled, see EXACT_AFTER_PROVISIONAL_S). Once started, an edit that comes
            # meanwhile waits for it, to be compared with that version.
            await asyncio.sleep(self.exact_delay)
            await self._analyse(snapshot, settings, False)

    async def _analyse(
        self, snapshot: Document, settings: AnalysisSettings, provisional: bool
    ) -> bool:
        """Analyse and publish; True when the result was provisional."""
        try:
            findings, provisional = await self.run_limited(
                self._analyse_on_thread, snapshot, settings, provisional
            )
        except asyncio.CancelledError:
            raise
        except AnalysisTimeout:
            logger.error("analysis of %s stopped after %s s", snapshot.uri, self.time_limit)
            self._report_error(
                f"analysis of {snapshot.uri} took more than {self.time_limit:g} s and was "
                "stopped; this is a bug in unguarded, please report it with the file"
            )
            return False
        except Exception as error:  # the server must survive any analysis bug
            logger.exception("analysis of %s failed", snapshot.uri)
            self._report_error(
                f"analysis of {snapshot.uri} failed: {type(error).__name__}: {error}"
            )
            return False
        self._publish(snapshot, findings)
        # Freeing the version before waits until the diagnostics are out (RuntimeError:
        # the executor was shut down meanwhile).
        with contextlib.suppress(RuntimeError):
            self._executor.submit(self._release, snapshot.uri)
        return provisional

    def _release(self, uri: str) -> None:
        analysis = self._analyses.get(uri)
        if analysis is not None:
            analyzed_all = bool(analysis.stats.get("full"))
            analysis.release()
            if analyzed_all:
                return_freed_memory()

    def _analyse_on_thread(
        self, snapshot: Document, settings: AnalysisSettings, provisional: bool = False
    ) -> tuple[list[Finding], bool]:
        _thread_state.analyses = self._analyses
        try:
            findings = analyze(snapshot, settings, provisional)
            kept = self._analyses.get(snapshot.uri)
            return findings, kept is not None and kept.provisional
        finally:
            _thread_state.analyses = None

    def forget(self, uri: str) -> None:
        """A closed document: drop what its incremental analysis keeps."""
        self._executor.submit(self._analyses.pop, uri, None)

    async def run_limited(self, function: Callable[..., _T], *arguments: object) -> _T:
        """Run `function` on the analysis thread; past `time_limit` seconds it is stopped
        with AnalysisTimeout, so that an engine bug (an endless loop) cannot take the
        analysis thread, and with it every later analysis, for good."""
        loop = asyncio.get_running_loop()
        running = _Running(self.time_limit)
        # The watch goes on if this coroutine is cancelled while the thread still runs.
        loop.call_later(self.time_limit, running.watch, loop)
        return await loop.run_in_executor(self._executor, running.call, function, arguments)

    def shutdown(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)
