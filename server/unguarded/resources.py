"""Where the shipped data folders (queries/, rules/, docs/) live.

In a wheel they are force-included inside the package; in an editable install or a
source checkout they stay at the repository root, one level above `server/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    repository_root = _PACKAGE_DIR.parent.parent
    candidate = repository_root / name
    if candidate.is_dir():
        return candidate
    raise FileNotFoundError(f"unguarded data folder {name!r} not found in {inside} or {candidate}")


def queries_dir() -> Path:
    return data_dir("queries")


def rules_dir() -> Path:
    return data_dir("rules")
