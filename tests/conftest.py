"""Shared test setup."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.sarif_check import check_sarif


@pytest.fixture(autouse=True)
def _every_sarif_is_checked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every SARIF log made in a test process goes through the schema and GitHub checks
    (tests that run `unguarded scan --format sarif` as a process check theirs)."""
    import unguarded.report
    import unguarded.report.sarif

    original: Callable[..., str] = unguarded.report.sarif.to_sarif

    def checked(*arguments: Any, **keywords: Any) -> str:
        log = original(*arguments, **keywords)
        check_sarif(log)
        return log

    monkeypatch.setattr(unguarded.report.sarif, "to_sarif", checked)
    monkeypatch.setattr(unguarded.report, "to_sarif", checked)
    yield


_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without interpreter teardown once pytest has reported everything.

    Thousands of tree-sitter trees, nodes and queries are alive at the end of the run;
    py-tree-sitter freeing them during finalization, after the modules they need are gone,
    crashed the test process at exit now and then (a segfault that turned a green run
    red). The server and the scan workers leave the same way."""
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
