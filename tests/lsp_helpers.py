"""Shared pieces for tests that drive `unguarded serve` over stdio with pytest-lsp."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER_COMMAND = [sys.executable, "-m", "unguarded", "serve"]
CONFIG = ClientServerConfig(server_command=SERVER_COMMAND)


async def wait_for_diagnostics(
    client: LanguageClient,
    uri: str,
    predicate: Callable[[Sequence[types.Diagnostic]], bool],
    timeout: float = 15.0,
) -> Sequence[types.Diagnostic]:
    """Poll the client's received diagnostics until `predicate` holds for `uri`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        current = client.diagnostics.get(uri)
        if current is not None and predicate(current):
            return current
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for diagnostics on {uri}; last: {current}")
        await asyncio.sleep(0.02)


def open_document(
    client: LanguageClient, uri: str, text: str, language_id: str = "python", version: int = 1
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language_id, version=version, text=text
            )
        )
    )


def change_document(
    client: LanguageClient,
    uri: str,
    version: int,
    start: tuple[int, int],
    end: tuple[int, int],
    text: str,
) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start[0], character=start[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    text=text,
                )
            ],
        )
    )


async def document_state(client: LanguageClient, uri: str) -> dict[str, Any]:
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="unguarded.debug.documentState", arguments=[uri])
    )
    assert isinstance(result, dict), result
    return result


def initialize_params(
    capabilities: types.ClientCapabilities, options: dict[str, Any] | None = None
) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=capabilities,
        initialization_options={"debounceMs": 0, **(options or {})},
    )
