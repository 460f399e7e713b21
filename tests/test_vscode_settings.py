"""The VS Code extension's contributed settings (clients/vscode/package.json) match the
server's settings model (unguarded.config.SETTINGS_SCHEMA): same names, types, defaults and
descriptions, plus the client-only settings. Settings that choose an executable must be
machine-scoped and restricted in untrusted workspaces, so that a cloned repository cannot make
the extension run a program of its choosing.

When the server gains a setting, run `python clients/vscode/scripts/sync_settings.py`: it
writes SETTINGS_SCHEMA into package.json (the extension forwards every contributed
`unguarded.*` setting that is not client-only).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from unguarded.config import RUN_MODES, SETTINGS_SCHEMA
from unguarded.documents import language_for_path

PACKAGE_JSON = Path(__file__).resolve().parent.parent / "clients" / "vscode" / "package.json"
PREFIX = "unguarded."

# Settings only the extension reads (the server would call them unknown).
CLIENT_ONLY = {"unguarded.path", "unguarded.interpreter", "unguarded.trace.server"}
# Settings that choose what the extension executes.
EXECUTABLE_SETTINGS = ["unguarded.path", "unguarded.interpreter"]

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "array": (list,),
    "object": (dict,),
}


@pytest.fixture(scope="module")
def package() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def properties(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    props: dict[str, dict[str, Any]] = package["contributes"]["configuration"]["properties"]
    return props


def test_every_contributed_setting_is_the_servers_or_client_only(
    properties: dict[str, dict[str, Any]],
) -> None:
    server = {PREFIX + name for name in SETTINGS_SCHEMA}
    contributed = {key for key in properties if key.startswith(PREFIX)}
    assert contributed - server - CLIENT_ONLY == set(), "settings the server does not know"
    assert server - contributed == set(), (
        "server settings missing from package.json: run clients/vscode/scripts/sync_settings.py"
    )
    assert CLIENT_ONLY - contributed == set(), "client-only settings missing from package.json"
    assert set(properties) == contributed, "settings outside the unguarded section"


@pytest.mark.parametrize("name", list(SETTINGS_SCHEMA))
def test_server_setting_matches_the_model(name: str, properties: dict[str, dict[str, Any]]) -> None:
    doc = SETTINGS_SCHEMA[name]
    prop = properties[PREFIX + name]
    assert prop["type"] == doc.type
    assert prop["default"] == doc.default
    default = prop["default"]
    assert isinstance(default, JSON_TYPES[doc.type])
    if doc.type == "integer":
        assert not isinstance(default, bool)
    description = prop.get("markdownDescription", prop.get("description"))
    assert description == doc.description
    # Server settings are not executables: a workspace may set them.
    assert prop.get("scope", "window") in {"window", "resource", "language-overridable"}


def test_run_offers_exactly_the_servers_modes(properties: dict[str, dict[str, Any]]) -> None:
    assert properties["unguarded.run"]["enum"] == list(RUN_MODES)


@pytest.mark.parametrize("key", EXECUTABLE_SETTINGS)
def test_executable_settings_are_machine_scoped_and_restricted(
    key: str, package: dict[str, Any], properties: dict[str, dict[str, Any]]
) -> None:
    prop = properties[key]
    assert prop["type"] == "string"
    assert prop["default"] == ""
    assert prop["scope"] == "machine", "a workspace's settings must not choose the executable"
    untrusted = package["capabilities"]["untrustedWorkspaces"]
    assert untrusted["supported"] == "limited"
    assert key in untrusted["restrictedConfigurations"]


def test_trace_setting(properties: dict[str, dict[str, Any]]) -> None:
    prop = properties["unguarded.trace.server"]
    assert prop["type"] == "string"
    assert prop["enum"] == ["off", "messages", "verbose"]
    assert prop["default"] == "off"


def test_activation_languages_are_the_servers(package: dict[str, Any]) -> None:
    languages = [event.removeprefix("onLanguage:") for event in package["activationEvents"]]
    assert sorted(languages) == sorted(
        ["python", "javascript", "javascriptreact", "typescript", "typescriptreact"]
    )
    for language_id in languages:
        assert language_for_path("untitled", language_id) is not None, language_id


def test_commands(package: dict[str, Any]) -> None:
    commands = {command["command"] for command in package["contributes"]["commands"]}
    assert commands == {
        "unguarded.scanWorkspace",
        "unguarded.scanFile",
        "unguarded.showOutput",
        "unguarded.restartServer",
    }
