"""The project's settings file: found at start-up and re-read when it changes.

Clients report changes through workspace/didChangeWatchedFiles (the VS Code extension
watches pyproject.toml and .unguarded.toml) or a didSave of the file."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from unguarded.config_files import CONFIG_FILE_NAMES
from unguarded.lsp.server import UnguardedServer


def workspace_root(params: types.InitializeParams) -> Path | None:
    uri = None
    if params.workspace_folders:
        uri = params.workspace_folders[0].uri
    elif params.root_uri:
        uri = params.root_uri
    if uri is None:
        return Path(params.root_path) if params.root_path else None
    path = to_fs_path(uri)
    return Path(path) if path else None


def register(server: UnguardedServer) -> None:
    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: UnguardedServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        for change in params.changes:
            if reload_if_settings_file(ls, change.uri):
                return


def reload_if_settings_file(ls: UnguardedServer, uri: str) -> bool:
    """Re-read the settings when `uri` is a settings file; True if it was one."""
    path = to_fs_path(uri)
    if not path or Path(path).name not in CONFIG_FILE_NAMES:
        return False
    root = ls.config.path.parent if ls.config is not None else Path(path).parent
    ls.load_project_config(root)
    ls.analyse_all()
    return True
