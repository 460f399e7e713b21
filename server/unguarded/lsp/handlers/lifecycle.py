"""initialize / initialized / shutdown."""

from __future__ import annotations

from lsprotocol import types

from unguarded import __version__
from unguarded.lsp.handlers.project import workspace_root
from unguarded.lsp.server import UnguardedServer, watch_parent


def register(server: UnguardedServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: UnguardedServer, params: types.InitializeParams) -> None:
        ls.editor_settings = params.initialization_options
        ls.load_project_config(workspace_root(params))

    @server.feature(types.INITIALIZED)
    def initialized(ls: UnguardedServer, params: types.InitializedParams) -> None:
        ls.log_info(
            f"unguarded {__version__} ready (positions: {ls.encoding.value}, "
            f"run: {ls.settings.run})"
        )
        if ls.process_id:
            watch_parent(ls, ls.process_id)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: UnguardedServer, params: None) -> None:
        ls.scheduler.shutdown()
        ls.semgrep.shutdown()
