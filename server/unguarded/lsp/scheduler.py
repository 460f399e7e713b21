"""Per-document debounce: the latest edit wins; analysis runs off the event loop on a
snapshot of the document, and results are published only if still current."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from unguarded.analysis import AnalysisSettings, Finding, analyze
from unguarded.documents import Document

logger = logging.getLogger(__name__)

Publisher = Callable[[Document, list[Finding]], Awaitable[None] | None]


class AnalysisScheduler:
    def __init__(
        self,
        publish: Callable[[Document, list[Finding]], None],
        report_error: Callable[[str], None],
    ) -> None:
        self._publish = publish
        self._report_error = report_error
        self._pending: dict[str, asyncio.Task[None]] = {}
        # One analysis at a time keeps the server's CPU use bounded; the event loop stays free.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unguarded-analysis")

    def schedule(self, document: Document, settings: AnalysisSettings, delay_ms: int) -> None:
        self.cancel(document.uri)
        snapshot = document.snapshot()
        task = asyncio.get_running_loop().create_task(self._run(snapshot, settings, delay_ms))
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

    async def _run(self, snapshot: Document, settings: AnalysisSettings, delay_ms: int) -> None:
        if delay_ms > 0:
            await asyncio.sleep(delay_ms / 1000)
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(self._executor, analyze, snapshot, settings)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the server must survive any analysis bug
            logger.exception("analysis of %s failed", snapshot.uri)
            self._report_error(
                f"analysis of {snapshot.uri} failed: {type(error).__name__}: {error}"
            )
            return
        self._publish(snapshot, findings)

    def shutdown(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)
