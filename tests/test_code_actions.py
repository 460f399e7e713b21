"""Quick fixes through a real language-server session over stdio: textDocument/codeAction,
apply the WorkspaceEdit in the client, send didChange, and the diagnostics clear. Run with
VS Code's capabilities (UTF-16 positions, versioned document changes) and Neovim's (UTF-8).

The server is started with the code action handler registered explicitly, so the test
does not depend on create_server() registering it (registering twice is harmless)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp_helpers import initialize_params, open_document, wait_for_diagnostics
from unguarded.catalog import CATALOG

PAIRS_ROOT = Path(__file__).parent / "fixes"
PAIRS = sorted(PAIRS_ROOT.glob("*/*.before.*"))
LANGUAGE_IDS = {
    ".py": "python",
    ".js": "javascript",
    ".ts": "typescript",
    ".tsx": "typescriptreact",
}
FIX_ALL = "source.fixAll.unguarded"

SERVER = [
    sys.executable,
    "-c",
    "from unguarded.lsp.server import create_server\n"
    "from unguarded.lsp.handlers import code_actions\n"
    "server = create_server()\n"
    "code_actions.register(server)\n"
    "server.start_io()\n",
]


def read_code_actions_per_spec(client: LanguageClient) -> None:
    """lsprotocol's client-side converter reads every object with a "command" key as a
    Command, so a CodeAction that runs a command (our "open the docs" action) comes back as
    a Command with a garbled name. The spec tells them apart by the type of "command" (a
    string in a Command, an object in a CodeAction), as VS Code and Neovim do."""
    converter = client.protocol._converter

    def structure(value: Any, _: Any) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            command: types.Command = converter.structure(value, types.Command)
            return command
        action: types.CodeAction = converter.structure(value, types.CodeAction)
        return action

    converter.register_structure_hook(Union[types.Command, types.CodeAction], structure)  # noqa: UP007


@pytest_lsp.fixture(  # type: ignore[untyped-decorator,unused-ignore]
    config=ClientServerConfig(server_command=SERVER), params=["visual-studio-code", "neovim"]
)
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    read_code_actions_per_spec(lsp_client)
    result = await lsp_client.initialize_session(
        initialize_params(client_capabilities(request.param))
    )
    lsp_client.negotiated_encoding = result.capabilities.position_encoding  # type: ignore[attr-defined]
    lsp_client.code_action_provider = result.capabilities.code_action_provider  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


# ---------------------------------------------------------------------- client-side editing
def _offset(text: str, position: types.Position, encoding: str | None) -> int:
    """The string index of an LSP position in the negotiated encoding."""
    lines = text.split("\n")
    index = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for column, char in enumerate(line):
        if units >= position.character:
            return index + column
        if encoding == "utf-8":
            units += len(char.encode("utf-8"))
        elif encoding == "utf-32":
            units += 1
        else:
            units += len(char.encode("utf-16-le")) // 2
    return index + len(line)


def _edits(edit: types.WorkspaceEdit | None, uri: str) -> list[types.TextEdit]:
    assert edit is not None
    if edit.document_changes:
        found: list[types.TextEdit] = []
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            found.extend(e for e in change.edits if isinstance(e, types.TextEdit))
        return found
    assert edit.changes is not None
    return list(edit.changes[uri])


def apply_edit(
    client: LanguageClient,
    uri: str,
    text: str,
    version: int,
    edit: types.WorkspaceEdit | None,
) -> str:
    """Apply the edit to the client's copy, the way an editor does, and send the change as
    incremental content changes (last first, so each range is still valid)."""
    encoding = client.negotiated_encoding  # type: ignore[attr-defined]
    edits = sorted(
        _edits(edit, uri),
        key=lambda e: (e.range.start.line, e.range.start.character),
        reverse=True,
    )
    changes: list[types.TextDocumentContentChangeEvent] = []
    for item in edits:
        start = _offset(text, item.range.start, encoding)
        end = _offset(text, item.range.end, encoding)
        text = text[:start] + item.new_text + text[end:]
        changes.append(types.TextDocumentContentChangePartial(range=item.range, text=item.new_text))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )
    return text


async def request_actions(
    client: LanguageClient,
    uri: str,
    diagnostics: Sequence[types.Diagnostic],
    range_: types.Range,
    only: list[str] | None = None,
    trigger: types.CodeActionTriggerKind | None = None,
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=range_,
            context=types.CodeActionContext(
                diagnostics=list(diagnostics),
                only=list(only) if only else None,
                trigger_kind=trigger,
            ),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def _at_version(version: int, count: int, fewer: int = 0):  # type: ignore[no-untyped-def]
    """`count` diagnostics of `version` (or up to `fewer` less)."""

    def predicate(diagnostics: Sequence[types.Diagnostic]) -> bool:
        return count - fewer <= len(diagnostics) <= count and all(
            isinstance(d.data, dict) and d.data.get("version") == version for d in diagnostics
        )

    return predicate


def _overlap(a: types.Range, b: types.Range) -> bool:
    start_a, end_a = (a.start.line, a.start.character), (a.end.line, a.end.character)
    start_b, end_b = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return start_a < end_b and start_b < end_a


def _ordered(diagnostics: Sequence[types.Diagnostic]) -> list[types.Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.range.start.line, d.range.start.character))


def _uri(path: Path, client: LanguageClient) -> str:
    flavour = client.negotiated_encoding  # type: ignore[attr-defined]
    return f"file:///project/{flavour}/{path.parent.name}/{path.name.replace('.before', '')}"


# ---------------------------------------------------------------------- the tests
async def test_server_offers_quickfix_and_fix_all_kinds(client: LanguageClient) -> None:
    provider = client.code_action_provider  # type: ignore[attr-defined]
    assert isinstance(provider, types.CodeActionOptions)
    kinds = {str(getattr(k, "value", k)) for k in provider.code_action_kinds or []}
    assert {"quickfix", FIX_ALL} <= kinds


async def fix_one_by_one(client: LanguageClient, before: Path) -> None:
    """Fix every diagnostic with its preferred action, first diagnostic first, as a person
    at the keyboard would: the text ends up as the checked-in after file, and only the
    diagnostics without a safe fix are left (each with the rule's docs)."""
    uri = _uri(before, client)
    text = before.read_text(encoding="utf-8")
    expected = before.with_name(before.name.replace(".before.", ".after.")).read_text("utf-8")
    open_document(client, uri, text, LANGUAGE_IDS[before.suffix])
    version = 1
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) > 0)
    while True:
        fixed = False
        for diagnostic in _ordered(diagnostics):
            actions = await request_actions(client, uri, [diagnostic], diagnostic.range)
            titles = [a.title for a in actions]
            assert any(a.kind == "quickfix" for a in actions), titles
            suppress = [a for a in actions if "Suppress" in a.title]
            assert len(suppress) == 1, titles
            preferred = [a for a in actions if a.is_preferred]
            assert len(preferred) <= 1, titles
            if not preferred:
                docs = [a for a in actions if a.command is not None]
                assert docs and docs[0].command is not None, titles
                arguments = list(docs[0].command.arguments or [])
                assert arguments == [CATALOG[str(diagnostic.code)].docs_url]
                continue
            assert list(preferred[0].diagnostics or []) == [diagnostic]
            # A diagnostic of another rule whose range the fix edits may go with it (a
            # template source built from input is SSTI and XSS: one fix ends both).
            ranges = [e.range for e in _edits(preferred[0].edit, uri)]
            edited = sum(
                1
                for other in diagnostics
                if other.code != diagnostic.code and any(_overlap(other.range, r) for r in ranges)
            )
            version += 1
            text = apply_edit(client, uri, text, version, preferred[0].edit)
            diagnostics = await wait_for_diagnostics(
                client, uri, _at_version(version, len(diagnostics) - 1, edited)
            )
            fixed = True
            break
        if not fixed:
            break
    assert text == expected, f"{before.name}: the edited text is not {before.name}'s after file"
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


async def test_quick_fixes_one_by_one(client: LanguageClient) -> None:
    # One session for every pair: a server per pair would make this test slow.
    for before in PAIRS:
        await fix_one_by_one(client, before)


async def test_fix_all(client: LanguageClient) -> None:
    for before in PAIRS:
        uri = _uri(before, client).replace("/project/", "/project/all/")
        text = before.read_text(encoding="utf-8")
        after = before.with_name(before.name.replace(".before.", ".after."))
        open_document(client, uri, text, LANGUAGE_IDS[before.suffix])
        diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) > 0)
        whole = types.Range(
            start=types.Position(line=0, character=0), end=diagnostics[-1].range.end
        )
        # A lightbulb request (no `only`) does not compute the whole-file fix.
        lightbulb = await request_actions(client, uri, [], whole)
        assert not [a for a in lightbulb if a.kind == FIX_ALL]
        actions = await request_actions(client, uri, [], whole, only=[FIX_ALL])
        assert [a.kind for a in actions] == [FIX_ALL], before.name
        text = apply_edit(client, uri, text, 2, actions[0].edit)
        assert text == after.read_text(encoding="utf-8"), before.name
        before_count = len(diagnostics)
        await wait_for_diagnostics(
            client,
            uri,
            lambda d, n=before_count: len(d) < n and all(x.data["version"] == 2 for x in d),  # type: ignore[misc]
        )
        # Asking again offers nothing: every safe fix is in.
        assert await request_actions(client, uri, [], whole, only=["source"]) == []


async def test_suppression_action(client: LanguageClient) -> None:
    uri = "file:///project/suppress.py"
    text = (
        "import os\nimport sys\n\n\ndef main():\n"
        "    if True:\n"
        '        os.system("tar czf out.tgz " + sys.argv[1])\n'
    )
    open_document(client, uri, text)
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    actions = await request_actions(client, uri, diagnostics, diagnostics[0].range)
    suppress = next(a for a in actions if "Suppress" in a.title)
    assert not suppress.is_preferred
    text = apply_edit(client, uri, text, 2, suppress.edit)
    comment = "# unguarded: ignore[command-injection] <why this is safe>"
    assert f"    if True:\n        {comment}\n        os.system" in text


async def test_asking_without_diagnostics(client: LanguageClient) -> None:
    """A client that sends no diagnostics gets the fixes in the range when the user asks
    (Invoked), and nothing while the editor polls on cursor moves (Automatic)."""
    uri = "file:///project/invoked.py"
    text = 'import os\nimport sys\n\nos.system("ls " + sys.argv[1])\n'
    open_document(client, uri, text)
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    line = diagnostics[0].range
    automatic = types.CodeActionTriggerKind.Automatic
    assert await request_actions(client, uri, [], line, trigger=automatic) == []
    invoked = types.CodeActionTriggerKind.Invoked
    actions = await request_actions(client, uri, [], line, trigger=invoked)
    assert [a.is_preferred for a in actions] == [True, None]
    assert all(a.diagnostics is None for a in actions)


async def test_no_actions_for_stale_or_foreign_diagnostics(client: LanguageClient) -> None:
    uri = "file:///project/stale.py"
    text = "import os\nimport sys\n\nos.system(sys.argv[1])\n"
    open_document(client, uri, text)
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
    foreign = types.Diagnostic(
        range=diagnostics[0].range, message="unused import", source="pyflakes", code="F401"
    )
    assert await request_actions(client, uri, [foreign], diagnostics[0].range) == []
    moved = types.Diagnostic(
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=3)
        ),
        message=diagnostics[0].message,
        source=diagnostics[0].source,
        code=diagnostics[0].code,
        data=diagnostics[0].data,
    )
    assert await request_actions(client, uri, [moved], moved.range) == []
    assert await request_actions(client, "file:///project/unknown.py", [], moved.range) == []


async def test_unguarded_serve_offers_fixes_and_reports_suppression_problems() -> None:
    from pytest_lsp.client import make_test_lsp_client

    from tests.lsp_helpers import CONFIG

    plain = make_test_lsp_client()
    read_code_actions_per_spec(plain)
    await plain.start_io(*CONFIG.server_command)
    try:
        result = await plain.initialize_session(
            initialize_params(client_capabilities("visual-studio-code"))
        )
        assert result.capabilities.code_action_provider is not None
        uri = "file:///project/hooked.py"
        text = (
            "import os\nimport sys\n\n"
            "# unguarded: ignore[command-injection]\nos.system(sys.argv[1])\n"
            'os.system("ls " + sys.argv[2])\n'
        )
        open_document(plain, uri, text)
        diagnostics = await wait_for_diagnostics(plain, uri, lambda d: len(d) == 2)
        codes = sorted(str(d.code) for d in diagnostics)
        assert codes == ["command-injection", "suppression-without-reason"]
        finding = next(d for d in diagnostics if d.code == "command-injection")
        assert finding.range.start.line == 5
        actions = await request_actions(plain, uri, [finding], finding.range)
        assert any(a.is_preferred for a in actions)
    finally:
        await plain.shutdown_session()
        await plain.stop()  # type: ignore[no-untyped-call]
