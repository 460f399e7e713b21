"""Project configuration files: `[tool.unguarded]` in pyproject.toml, or .unguarded.toml.

A broken file never stops anything: TOML errors, unknown keys and bad values become
problems with the line they are on, which the CLI prints and the server publishes as
diagnostics on the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unguarded.config import Settings, parse_settings

CONFIG_FILE_NAMES = (".unguarded.toml", "pyproject.toml")


@dataclass(frozen=True)
class ConfigProblem:
    message: str
    line: int  # 0-based


@dataclass
class ConfigFile:
    path: Path
    raw: dict[str, Any] = field(default_factory=dict)
    problems: list[ConfigProblem] = field(default_factory=list)


def find_config(start: Path) -> Path | None:
    """The nearest .unguarded.toml, or pyproject.toml with a [tool.unguarded] table, in
    `start` or its parents."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    if "[tool.unguarded" not in candidate.read_text(
                        encoding="utf-8", errors="replace"
                    ):
                        continue
                except OSError:
                    continue
            return candidate
    return None


def load_config(path: Path) -> ConfigFile:
    config = ConfigFile(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        config.problems.append(ConfigProblem(f"cannot read {path.name}: {error}", 0))
        return config
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) - 1 if match else 0
        config.problems.append(ConfigProblem(f"{path.name} is not valid TOML: {error}", line))
        return config
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("unguarded", {})
    else:
        table = document
    if not isinstance(table, dict):
        config.problems.append(ConfigProblem("[tool.unguarded] must be a table", 0))
        return config
    config.raw = table
    _, problems = parse_settings(table)
    config.problems.extend(ConfigProblem(p, _line_of(text, p)) for p in problems)
    return config


def settings_for(config: ConfigFile | None, editor: object = None) -> tuple[Settings, list[str]]:
    """The project file's settings with the editor's on top (the editor's keys win)."""
    merged: dict[str, Any] = dict(config.raw) if config is not None else {}
    problems: list[str] = []
    if isinstance(editor, dict):
        if isinstance(editor.get("unguarded"), dict):
            editor = editor["unguarded"]
        if isinstance(editor, dict):
            merged.update(editor)
            _, problems = parse_settings(editor)
    elif editor is not None:
        _, problems = parse_settings(editor)
    settings, _ = parse_settings(merged)
    return settings, problems


def _line_of(text: str, problem: str) -> int:
    """The line a problem is about: where its first quoted key appears."""
    match = re.search(r"'([^']+)'", problem)
    if match is not None:
        key = match.group(1)
        for number, line in enumerate(text.splitlines()):
            if re.search(rf"(^|[\s.\[\"']){re.escape(key)}([\s\]\"'=.]|$)", line):
                return number
    for number, line in enumerate(text.splitlines()):
        if line.strip().startswith("[tool.unguarded"):
            return number
    return 0
