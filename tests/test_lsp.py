"""End to end: the real server over stdio, with VS Code's and Neovim's client capabilities."""

from __future__ import annotations

import copy
from collections.abc import Sequence

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from tests.lsp_helpers import (
    CONFIG,
    change_document,
    document_state,
    initialize_params,
    open_document,
    wait_for_diagnostics,
)
from tests.test_incremental import RESHAPED

VULNERABLE = """\
import requests
from flask import Flask, request, abort

app = Flask(__name__)


@app.route("/proxy")
def proxy():
    url = request.args.get("url")
    return requests.get(url, timeout=5).text
"""
SINK_LINE = 9


@pytest_lsp.fixture(config=CONFIG, params=["visual-studio-code", "neovim"])
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    result = await lsp_client.initialize_session(
        initialize_params(client_capabilities(request.param))
    )
    lsp_client.negotiated_encoding = result.capabilities.position_encoding  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_open_reports_the_sink_with_origin_and_docs(client: LanguageClient) -> None:
    uri = "file:///project/app.py"
    open_document(client, uri, VULNERABLE)
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    diagnostic = diagnostics[0]
    assert diagnostic.source == "unguarded"
    assert diagnostic.code == "ssrf"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.range.start == types.Position(line=SINK_LINE, character=11)
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("docs/rules/ssrf.md")
    assert "host allowlist" in diagnostic.message
    assert "request.args.get" in diagnostic.message
    related = diagnostic.related_information or []
    assert related and related[0].message.startswith("origin: ")
    assert related[0].location.uri == uri
    assert related[0].location.range.start.line == SINK_LINE - 1
    assert diagnostic.data["ruleId"] == "ssrf"
    assert diagnostic.data["cwe"] == "CWE-918"


async def test_guard_added_then_removed_then_closed(client: LanguageClient) -> None:
    uri = "file:///project/guard.py"
    open_document(client, uri, VULNERABLE)
    await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)

    guard = '    if urlparse(url).hostname not in {"api.example.com"}:\n        abort(400)\n'
    change_document(client, uri, 2, (SINK_LINE, 0), (SINK_LINE, 0), guard)
    await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)

    change_document(client, uri, 3, (SINK_LINE, 0), (SINK_LINE + 2, 0), "")
    await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)


async def test_a_suppression_typed_in_pieces_is_seen_and_one_broken_is_dropped(
    client: LanguageClient,
) -> None:
    # The server reads only the edited text for the word `unguarded` while the file had
    # none (diagnostics.py): a word completed across two edits must still be found.
    uri = "file:///project/typed_suppression.py"
    open_document(client, uri, "import os\nimport sys\n\nos.system(sys.argv[1])\n")
    await wait_for_diagnostics(client, uri, lambda d: [x.code for x in d] == ["command-injection"])
    change_document(client, uri, 2, (3, 0), (3, 0), "# ungu\n")
    await wait_for_diagnostics(client, uri, lambda d: [x.code for x in d] == ["command-injection"])
    change_document(client, uri, 3, (3, 6), (3, 6), "ARDED: ignore[command-injection]")

    def silenced_with_a_warning(diagnostics: Sequence[types.Diagnostic]) -> bool:
        return [x.code for x in diagnostics] == ["suppression-without-reason"]

    await wait_for_diagnostics(client, uri, silenced_with_a_warning)
    change_document(client, uri, 4, (3, 4), (3, 5), "")  # "# unuARDED: ...": no marker
    await wait_for_diagnostics(client, uri, lambda d: [x.code for x in d] == ["command-injection"])


async def test_typing_keeps_server_text_and_tree_in_sync(client: LanguageClient) -> None:
    uri = "file:///project/typing.py"
    open_document(client, uri, VULNERABLE)
    await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    text = VULNERABLE
    # Type a comment one character at a time, as an editor sends it.
    line = 3
    for index, char in enumerate("# ok 😀 中文"):
        encoding = client.negotiated_encoding  # type: ignore[attr-defined]
        position = column("# ok 😀 中文"[:index], encoding)
        change_document(client, uri, 2 + index, (line, position), (line, position), char)
    lines = text.split("\n")
    lines[line] = "# ok 😀 中文" + lines[line]
    state = await document_state(client, uri)
    assert state["text"] == "\n".join(lines)
    assert state["treeMatchesFreshParse"]
    await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)


async def test_an_edit_that_reshapes_the_file_is_answered_at_once_then_exactly(
    client: LanguageClient,
) -> None:
    """`\'\'\'` typed mid-file turns the rest into a broken string, which tree-sitter
    re-parses: published at once, the findings of the version before (moved a line);
    right after, the exact ones."""
    uri = "file:///project/reshaped.py"
    published: list[list[int]] = []

    class Recording(dict):  # type: ignore[type-arg]
        def __setitem__(self, key: str, value: Sequence[types.Diagnostic]) -> None:
            if key == uri:
                published.append([d.range.start.line for d in value])
            super().__setitem__(key, value)

    client.diagnostics = Recording(client.diagnostics)
    open_document(client, uri, RESHAPED)
    lines = lambda d: [x.range.start.line for x in d]  # noqa: E731
    await wait_for_diagnostics(client, uri, lambda d: lines(d) == [5, 429])
    at = RESHAPED.split("\n").index("    total = 0")
    change_document(client, uri, 2, (at, 12), (at, 12), "'''\n")
    await wait_for_diagnostics(client, uri, lambda d: lines(d) == [5])
    assert published[-2:] == [[5, 430], [5]]


async def test_javascript_and_tsx(client: LanguageClient) -> None:
    js_uri = "file:///project/server.js"
    open_document(
        client,
        js_uri,
        'const { exec } = require("child_process");\n'
        'app.get("/run", (req, res) => {\n'
        "  exec(`ls ${req.query.dir}`);\n"
        "});\n",
        language_id="javascript",
    )
    tsx_uri = "file:///project/Comment.tsx"
    open_document(
        client,
        tsx_uri,
        "export function Comment({ body }: { body: string }) {\n"
        "  return <div dangerouslySetInnerHTML={{ __html: body }} />;\n"
        "}\n",
        language_id="typescriptreact",
    )
    js = await wait_for_diagnostics(client, js_uri, lambda d: len(d) == 1)
    assert js[0].code == "command-injection"
    assert js[0].range.start.line == 2
    tsx = await wait_for_diagnostics(client, tsx_uri, lambda d: len(d) == 1)
    assert tsx[0].code == "xss"
    # A component prop: the caller is unknown, so a warning rather than an error.
    assert tsx[0].severity == types.DiagnosticSeverity.Warning


def column(prefix: str, encoding: str | None) -> int:
    """The length of `prefix` in the code units of an LSP position encoding."""
    if encoding == "utf-8":
        return len(prefix.encode("utf-8"))
    if encoding == "utf-32":
        return len(prefix)
    return len(prefix.encode("utf-16-le")) // 2


def _with_encodings(name: str, encodings: list[str]) -> types.ClientCapabilities:
    capabilities = copy.deepcopy(client_capabilities(name))
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind(e) for e in encodings]
    )
    return capabilities


WIDE = 'import requests\nx = "😀中文"; requests.get(input())\n'


@pytest.mark.parametrize(
    ("encodings", "negotiated", "character"),
    [
        # VS Code offers only UTF-16: 😀 is two code units, each CJK character one.
        (None, "utf-16", len('x = "😀中文"; '.encode("utf-16-le")) // 2),
        # Neovim offers UTF-8 (and others): columns are bytes, what tree-sitter counts.
        (["utf-16", "utf-8"], "utf-8", len('x = "😀中文"; '.encode())),
        (["utf-32", "utf-16"], "utf-32", len('x = "😀中文"; ')),
    ],
)
async def test_position_encodings(
    encodings: list[str] | None, negotiated: str, character: int
) -> None:
    capabilities = (
        _with_encodings("neovim", encodings)
        if encodings
        else client_capabilities("visual-studio-code")
    )
    client = make_test_lsp_client()
    await client.start_io(*CONFIG.server_command)
    try:
        result = await client.initialize_session(initialize_params(capabilities))
        assert result.capabilities.position_encoding == negotiated
        uri = "file:///project/wide.py"
        open_document(client, uri, WIDE)
        diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        assert diagnostics[0].range.start == types.Position(line=1, character=character)
        # An edit addressed in the negotiated encoding lands where the client meant it.
        change_document(client, uri, 2, (1, character), (1, character), "_ = 1; ")
        state = await document_state(client, uri)
        assert state["text"] == 'import requests\nx = "😀中文"; _ = 1; requests.get(input())\n'
        await wait_for_diagnostics(
            client, uri, lambda d: len(d) == 1 and d[0].range.start.character == character + 7
        )
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_settings_validator_and_unknown_key() -> None:
    client = make_test_lsp_client()
    await client.start_io(*CONFIG.server_command)
    try:
        await client.initialize_session(
            initialize_params(
                client_capabilities("visual-studio-code"),
                {"validators": {"ssrf": ["myapp.net.vet_host"]}, "colour": "blue"},
            )
        )
        uri = "file:///project/validated.py"
        text = VULNERABLE.replace("    return requests", "    vet_host(url)\n    return requests")
        open_document(client, uri, text)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)
        warnings = [m.message for m in client.messages]
        assert any("unknown setting 'colour'" in m for m in warnings), warnings

        # Without the declared validator the same call is just a call: reported.
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"unguarded": {"debounceMs": 0}})
        )
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_project_settings_file_and_its_problems(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings_file = tmp_path / "pyproject.toml"
    settings_file.write_text(
        "[project]\nname = 'demo'\n\n[tool.unguarded]\nspeling = 1\n\n"
        '[tool.unguarded.validators]\nssrf = ["acme.vet_host"]\n'
    )
    client = make_test_lsp_client()
    await client.start_io(*CONFIG.server_command)
    try:
        params = initialize_params(client_capabilities("visual-studio-code"))
        params.root_uri = tmp_path.as_uri()
        await client.initialize_session(params)
        config_uri = settings_file.as_uri()
        problems = await wait_for_diagnostics(client, config_uri, lambda d: len(d) == 1)
        assert "unknown setting 'speling'" in problems[0].message
        assert problems[0].range.start.line == 4

        uri = (tmp_path / "app.py").as_uri()
        text = VULNERABLE.replace("    return requests", "    vet_host(url)\n    return requests")
        open_document(client, uri, text)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)

        # The file changes on disk: the validator is gone, the finding comes back.
        settings_file.write_text("[tool.unguarded]\n")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config_uri, type=types.FileChangeType.Changed)]
            )
        )
        await wait_for_diagnostics(client, config_uri, lambda d: len(d) == 0)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_scan_workspace_publishes_files_that_are_not_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "app.py").write_text(VULNERABLE)
    (tmp_path / "clean.py").write_text("print('hi')\n")
    client = make_test_lsp_client()
    await client.start_io(*CONFIG.server_command)
    try:
        params = initialize_params(client_capabilities("visual-studio-code"))
        params.root_uri = tmp_path.as_uri()
        params.workspace_folders = [types.WorkspaceFolder(uri=tmp_path.as_uri(), name="demo")]
        await client.initialize_session(params)
        # The tree-sitter engine only (semgrep in workspace scans: tests/test_lsp_semgrep.py).
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="unguarded.scanWorkspace", arguments=[{"semgrep": False}]
            )
        )
        assert result == {"files": 2, "findings": 1, "semgrep": "off", "cancelled": False}
        uri = (tmp_path / "app.py").resolve().as_uri()
        diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        assert diagnostics[0].code == "ssrf"
    finally:
        await client.shutdown_session()
        await client.stop()
