"""End to end over stdio: semgrep at save time (real semgrep; fake executables only for
the failures), the merge with the tree-sitter diagnostics, cancellation by a newer save,
pull diagnostics, `unguarded.scanFile`, and work-done progress for workspace scans."""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import sys
import textwrap
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from tests.lsp_helpers import (
    SERVER_COMMAND,
    document_state,
    initialize_params,
    open_document,
    wait_for_diagnostics,
)
from unguarded.semgrep import EXECUTABLE_ENV, find_semgrep

SEMGREP = find_semgrep()
needs_semgrep = pytest.mark.skipif(SEMGREP is None, reason="semgrep is not installed")
SEMGREP_TIMEOUT = 60.0

# The SSRF sink is seen by both engines; the `sh -c` one only by semgrep. Emoji and CJK
# text sit before both on their lines.
APP = """\
import os

import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/proxy")
def proxy():
    url = request.args.get("url")
    label = "😀 日本語"; return requests.get(url, timeout=5).text


@app.route("/exec")
def run():
    note = "中文 🎉"; os.execl("/bin/sh", "sh", "-c", "echo " + request.args["msg"])
"""
SSRF_LINE, SHELL_LINE = 11, 16


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@contextlib.asynccontextmanager
async def session(
    root: Path,
    options: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    capabilities: types.ClientCapabilities | None = None,
) -> AsyncIterator[LanguageClient]:
    client = make_test_lsp_client()
    await client.start_io(*SERVER_COMMAND, env={**os.environ, **(env or {})})
    try:
        params = initialize_params(
            capabilities or client_capabilities("visual-studio-code"), options
        )
        params.root_uri = root.as_uri()
        params.workspace_folders = [types.WorkspaceFolder(uri=root.as_uri(), name="root")]
        result = await client.initialize_session(params)
        client.server_capabilities = result.capabilities  # type: ignore[attr-defined]
        yield client
    finally:
        # Also after a failed assertion: stop() waits for a server that was never told to exit.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.shutdown_session(), 10)
        await client.stop()


def save(client: LanguageClient, uri: str) -> None:
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def logged(client: LanguageClient, text: str) -> list[str]:
    return [m.message for m in client.log_messages if text in m.message]


def shown(client: LanguageClient, text: str = "") -> list[str]:
    return [m.message for m in client.messages if text in m.message]


def by_source(diagnostics: Sequence[types.Diagnostic], source: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.source == source]


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


# ---------------------------------------------------------------------- save time
@needs_semgrep
async def test_save_runs_semgrep_and_merges_with_the_tree_sitter_diagnostics(
    tmp_path: Path,
) -> None:
    path = tmp_path / "app.py"
    path.write_text(APP, encoding="utf-8")
    uri = path.as_uri()
    async with session(tmp_path) as client:
        open_document(client, uri, APP)
        before = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        assert [(d.code, d.source) for d in before] == [("ssrf", "unguarded")]

        save(client, uri)
        after = await wait_for_diagnostics(
            client, uri, lambda d: bool(by_source(d, "semgrep")), timeout=SEMGREP_TIMEOUT
        )
        # One diagnostic for the sink both engines report, tagged with both; the
        # engine's range and message (it names the origin).
        (ssrf,) = [d for d in after if d.code == "ssrf"]
        assert ssrf.source == "unguarded+semgrep"
        assert ssrf.range == before[0].range
        assert ssrf.message == before[0].message
        assert ssrf.data["engines"] == ["unguarded", "semgrep"]
        assert ssrf.data["semgrepRule"] == "python-ssrf-tainted-url"
        # The sink only semgrep sees, at the right UTF-16 columns after 🎉 and 中文.
        (shell,) = by_source(after, "semgrep")
        assert shell.code == "command-injection"
        line = APP.splitlines()[SHELL_LINE]
        start = line.index('"echo ')
        assert shell.range == types.Range(
            start=types.Position(line=SHELL_LINE, character=_utf16(line[:start])),
            end=types.Position(line=SHELL_LINE, character=_utf16(line[:-1])),
        )
        assert shell.code_description is not None
        assert shell.code_description.href.endswith("docs/rules/command-injection.md")
        assert shell.data["engines"] == ["semgrep"]
        assert len(after) == 2
        assert shown(client) == []
        assert logged(client, "semgrep ")  # the run, with its duration, is in the log


@needs_semgrep
async def test_a_newer_save_cancels_the_older_run(tmp_path: Path) -> None:
    """Two saves in quick succession: the first run is killed, only the second's result
    is merged. The first version's sink would still be shown (moved onto the new text)
    had its result been delivered."""
    runs = tmp_path / "runs.log"
    slow = _script(
        tmp_path / "slow-semgrep",
        f"""\
        echo "start $$" >> {runs}
        sleep 2
        {SEMGREP} "$@"
        code=$?
        echo "done $$" >> {runs}
        exit $code
        """,
    )
    first = textwrap.dedent(
        """\
        import os

        from flask import Flask, request

        app = Flask(__name__)


        @app.route("/run")
        def run():
            msg = request.args["msg"]
            os.execl("/bin/sh", "sh", "-c", "echo " + msg)
        """
    )
    # The first sink no longer gets untrusted input; a new one above it does.
    second = first.replace(
        '@app.route("/run")',
        '@app.route("/other")\ndef other():\n'
        '    os.execl("/bin/sh", "sh", "-c", "echo " + request.args["other"])\n\n\n'
        '@app.route("/run")',
    ).replace('msg = request.args["msg"]', 'msg = "hello"')
    path = tmp_path / "run.py"
    path.write_text(first, encoding="utf-8")
    uri = path.as_uri()
    async with session(tmp_path, env={EXECUTABLE_ENV: str(slow)}) as client:
        open_document(client, uri, first)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)
        save(client, uri)
        await wait_until(lambda: runs.exists(), 10, "the first run to start")
        replace_text(client, uri, 2, second)
        path.write_text(second, encoding="utf-8")
        save(client, uri)
        diagnostics = await wait_for_diagnostics(
            client, uri, lambda d: bool(by_source(d, "semgrep")), timeout=SEMGREP_TIMEOUT
        )
        (shell,) = by_source(diagnostics, "semgrep")
        assert shell.range.start.line == second.splitlines().index("def other():") + 1
        await document_state(client, uri)  # every message before this one is handled
        assert len(logged(client, "results in run.py")) == 1
        lines = runs.read_text().split("\n")
        assert sum(line.startswith("start") for line in lines) == 2
        assert sum(line.startswith("done") for line in lines) == 1, lines
        assert shown(client) == []


# ---------------------------------------------------------------------- failures
VULNERABLE = """\
import requests
from flask import request


def proxy():
    url = request.args.get("url")
    return requests.get(url).text
"""


async def test_semgrep_failures_are_shown_once_and_tree_sitter_goes_on(tmp_path: Path) -> None:
    mode = tmp_path / "mode"
    fake = _script(
        tmp_path / "semgrep",
        f"""\
        case "$(cat {mode})" in
          crash) echo "Traceback (most recent call last): boom" >&2; exit 2 ;;
          garbage) echo "<html>Service Unavailable</html>" ;;
          hang) sleep 30 ;;
        esac
        """,
    )
    uri = (tmp_path / "app.py").as_uri()
    options = {"semgrep.timeout": 0.5}
    async with session(tmp_path, options, env={EXECUTABLE_ENV: str(fake)}) as client:
        open_document(client, uri, VULNERABLE)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        expected = [
            ("crash", "exit code 2"),
            ("garbage", "not its JSON report"),
            ("hang", "did not finish within 0.5 s"),
        ]
        for index, (behaviour, problem) in enumerate(expected):
            mode.write_text(behaviour)
            for attempt in (1, 2):
                save(client, uri)
                await wait_until(
                    lambda n=attempt, p=problem: len(logged(client, p)) == n, 10, problem
                )
            assert len(shown(client, problem)) == 1, client.messages
            assert len(client.messages) == index + 1
            assert client.messages[-1].type == types.MessageType.Warning
            # The details (semgrep's stderr or output) are in the log, not the message.
            if behaviour != "hang":
                detail = "Traceback" if behaviour == "crash" else "Service Unavailable"
                assert logged(client, detail) and not shown(client, detail)
            # Tree-sitter's diagnostic is still there and the server still answers.
            assert [d.code for d in client.diagnostics[uri]] == ["ssrf"]
            assert (await document_state(client, uri))["version"] == 1

        # A save while `unguarded.scanFile` waits for its run: the run is cancelled (the
        # save's own run replaces it) and the command says so.
        scan = asyncio.ensure_future(
            client.workspace_execute_command_async(
                types.ExecuteCommandParams(command="unguarded.scanFile", arguments=[uri])
            )
        )
        await asyncio.sleep(0.2)  # the request is on its way before the save
        save(client, uri)
        result = await asyncio.wait_for(scan, 10)
        assert result == {"uri": uri, "diagnostics": 1, "semgrep": "cancelled"}
        await wait_until(lambda: len(logged(client, "did not finish")) == 3, 10, "a timeout")
        assert len(client.messages) == len(expected)


async def test_missing_semgrep_is_one_notice(tmp_path: Path) -> None:
    uri = (tmp_path / "app.py").as_uri()
    missing = tmp_path / "no-such-semgrep"
    async with session(tmp_path, env={EXECUTABLE_ENV: str(missing)}) as client:
        open_document(client, uri, VULNERABLE)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        for attempt in (1, 2, 3):
            save(client, uri)
            await wait_until(
                lambda n=attempt: len(logged(client, "cannot be started")) == n, 10, "a failure"
            )
        (notice,) = client.messages
        assert notice.type == types.MessageType.Info
        assert "semgrep cannot be started" in notice.message
        assert "unguarded.semgrep.enable" in notice.message
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="unguarded.scanFile", arguments=[uri])
        )
        assert result["semgrep"] == "unavailable"
        assert len(client.messages) == 1
        assert [d.code for d in client.diagnostics[uri]] == ["ssrf"]


@needs_semgrep
async def test_files_the_workspace_semgrepignore_names_get_no_semgrep_run(
    tmp_path: Path,
) -> None:
    """Save-time runs scan a copy, where semgrep would not see the workspace's ignore
    file: the server applies it (with `:include`, as semgrep does)."""
    (tmp_path / ".semgrepignore").write_text("generated/\n:include .gitignore\n")
    (tmp_path / ".gitignore").write_text("vendor/*.py\n")
    for folder in ("generated", "vendor", "src"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "app.py").write_text(APP, encoding="utf-8")
    async with session(tmp_path) as client:
        for folder in ("generated", "src"):
            uri = (tmp_path / folder / "app.py").as_uri()
            open_document(client, uri, APP)
            await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
            result = await asyncio.wait_for(
                client.workspace_execute_command_async(
                    types.ExecuteCommandParams(command="unguarded.scanFile", arguments=[uri])
                ),
                SEMGREP_TIMEOUT,
            )
            assert result["semgrep"] == ("ignored" if folder == "generated" else "ok")
            sources = {d.source for d in client.diagnostics[uri]}
            assert ("semgrep" in sources) == (folder == "src"), (folder, sources)
        # A file that is not open, named through the included .gitignore.
        vendor = (tmp_path / "vendor" / "app.py").as_uri()
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="unguarded.scanFile", arguments=[vendor])
        )
        assert result == {"uri": vendor, "diagnostics": 1, "semgrep": "ignored"}
        assert shown(client) == []


# ---------------------------------------------------------------------- pull
def pull_capabilities() -> types.ClientCapabilities:
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.text_document is not None and capabilities.workspace is not None
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities(
        dynamic_registration=False
    )
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    return capabilities


async def pull(
    client: LanguageClient, uri: str, previous: str | None = None
) -> types.DocumentDiagnosticReport:
    return await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous
        )
    )


async def test_pull_diagnostics_for_documents_and_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "closed.py").write_text(VULNERABLE, encoding="utf-8")
    (tmp_path / "fine.py").write_text("print('hi')\n", encoding="utf-8")
    uri = (tmp_path / "app.py").as_uri()
    closed_uri = (tmp_path / "closed.py").resolve().as_uri()
    options = {"semgrep.enable": False}
    async with session(tmp_path, options, capabilities=pull_capabilities()) as client:
        provider = client.server_capabilities.diagnostic_provider  # type: ignore[attr-defined]
        assert isinstance(provider, types.DiagnosticOptions) and provider.workspace_diagnostics

        open_document(client, uri, VULNERABLE)
        report = await pull(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [d.code for d in report.items] == ["ssrf"]
        assert report.result_id
        again = await pull(client, uri, report.result_id)
        assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)

        # A pulled document is not pushed as well (that would show it twice).
        replace_text(client, uri, 2, VULNERABLE.replace("requests.get(url)", "len(url)"))
        fixed = await pull(client, uri, report.result_id)
        assert isinstance(fixed, types.RelatedFullDocumentDiagnosticReport)
        assert list(fixed.items) == []
        await document_state(client, uri)
        assert not client.diagnostics.get(uri)

        # The workspace: files that are not open too.
        workspace = await client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])
        )
        items = {item.uri: item for item in workspace.items}
        assert set(items) == {uri, closed_uri, (tmp_path / "fine.py").resolve().as_uri()}
        closed = items[closed_uri]
        assert isinstance(closed, types.WorkspaceFullDocumentDiagnosticReport)
        assert [d.code for d in closed.items] == ["ssrf"]
        assert items[uri].version == 2
        assert closed_uri not in client.diagnostics  # pulled, not pushed

        # Nothing changed: the next workspace pull is held open until something does.
        previous = [
            types.PreviousResultId(uri=item.uri, value=item.result_id)
            for item in workspace.items
            if item.result_id
        ]
        held = asyncio.ensure_future(
            client.workspace_diagnostic_async(
                types.WorkspaceDiagnosticParams(previous_result_ids=previous)
            )
        )
        await asyncio.sleep(0.5)
        assert not held.done()
        replace_text(client, uri, 3, VULNERABLE)
        answer = await asyncio.wait_for(held, 10)
        changed = {item.uri: item for item in answer.items}
        assert isinstance(changed[uri], types.WorkspaceFullDocumentDiagnosticReport)
        assert isinstance(changed[closed_uri], types.WorkspaceUnchangedDocumentDiagnosticReport)


@needs_semgrep
async def test_scan_file_with_a_pulling_client_asks_it_to_pull_again(tmp_path: Path) -> None:
    uri = (tmp_path / "app.py").as_uri()
    async with session(tmp_path, capabilities=pull_capabilities()) as client:
        open_document(client, uri, APP)
        first = await pull(client, uri)
        assert isinstance(first, types.RelatedFullDocumentDiagnosticReport)
        assert [d.source for d in first.items] == ["unguarded"]
        refreshes = client.diagnostic_refresh_count
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="unguarded.scanFile", arguments=[uri])
        )
        assert result == {"uri": uri, "diagnostics": 2, "semgrep": "ok"}
        await wait_until(lambda: client.diagnostic_refresh_count > refreshes, 5, "a refresh")
        second = await pull(client, uri, first.result_id)
        assert isinstance(second, types.RelatedFullDocumentDiagnosticReport)
        assert sorted(str(d.source) for d in second.items) == ["semgrep", "unguarded+semgrep"]
        assert not client.diagnostics.get(uri)


# ---------------------------------------------------------------------- progress
@needs_semgrep
async def test_workspace_scan_reports_progress_and_includes_semgrep(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "fine.py").write_text("print('hi')\n", encoding="utf-8")
    app_uri = (tmp_path / "app.py").resolve().as_uri()
    async with session(tmp_path) as client:
        client.progress_reports["scan-1"] = []  # the client's own token
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="unguarded.scanWorkspace",
                arguments=[{"semgrep": True}],
                work_done_token="scan-1",
            )
        )
        assert result == {"files": 2, "findings": 2, "semgrep": "ok", "cancelled": False}
        diagnostics = await wait_for_diagnostics(client, app_uri, lambda d: len(d) == 2)
        assert sorted(str(d.source) for d in diagnostics) == ["semgrep", "unguarded+semgrep"]
        reports = client.progress_reports["scan-1"]
        assert isinstance(reports[0], types.WorkDoneProgressBegin)
        assert reports[0].cancellable and "workspace" in reports[0].title
        assert isinstance(reports[-1], types.WorkDoneProgressEnd)
        middle = [r for r in reports[1:-1] if isinstance(r, types.WorkDoneProgressReport)]
        assert len(middle) == len(reports) - 2 and middle
        percentages = [r.percentage for r in middle]
        assert percentages == sorted(percentages) and percentages[-1] == 100
        assert any("semgrep" in (r.message or "") for r in middle)

        # No token from the client: the server creates one (window/workDoneProgress/create).
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="unguarded.scanWorkspace", arguments=[{"semgrep": False}]
            )
        )
        created = [token for token in client.progress_reports if token != "scan-1"]
        assert len(created) == 1
        own = client.progress_reports[created[0]]
        assert isinstance(own[0], types.WorkDoneProgressBegin)
        assert isinstance(own[-1], types.WorkDoneProgressEnd)


async def test_no_progress_without_client_support(tmp_path: Path) -> None:
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.window is not None
    capabilities.window.work_done_progress = False
    (tmp_path / "app.py").write_text(VULNERABLE, encoding="utf-8")
    async with session(tmp_path, capabilities=capabilities) as client:
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="unguarded.scanWorkspace", arguments=[{"semgrep": False}]
            )
        )
        assert result["files"] == 1
        assert client.progress_reports == {}


if sys.platform == "win32":  # the fake executables are shell scripts
    pytestmark = pytest.mark.skip(reason="POSIX only")
