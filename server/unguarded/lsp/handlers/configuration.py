"""workspace/didChangeConfiguration: new settings apply to every open document at once."""

from __future__ import annotations

from lsprotocol import types

from unguarded.lsp.server import UnguardedServer


def register(server: UnguardedServer) -> None:
    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: UnguardedServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if params.settings is None:
            return
        ls.apply_settings(params.settings)
        ls.analyse_all()
