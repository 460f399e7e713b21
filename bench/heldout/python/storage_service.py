"""Storage helpers shared by the web app and the importers."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Iterator

BASE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = BASE_DIR / "email_templates"
LOCALES_DIR = BASE_DIR / "locales"
AVATARS_DIR = Path(os.environ.get("AVATARS_DIR", "/srv/app/avatars"))
SNIPPETS_DIR = "/srv/app/snippets"
SUPPORTED_LANGS = {"en", "de", "fr", "es"}


class LocalStorage:
    """Blob storage on the local disk, keyed by relative paths."""

    def __init__(self) -> None:
        self.root = Path(os.environ.get("STORAGE_ROOT", "/srv/app/blobs")).resolve()

    def _safe_path(self, key: str) -> Path:
        candidate = (self.root / key).resolve()
        if not candidate.is_relative_to(self.root):
            raise PermissionError(f"key escapes storage root: {key!r}")
        return candidate

    def read(self, key: str) -> bytes:
        # Goes through _safe_path(), which resolves and raises outside the root.
        # ok: path-traversal
        return self._safe_path(key).read_bytes()

    def open_stream(self, key: str):
        # ok: path-traversal
        return open(self._safe_path(key), "rb")

    def write(self, key: str, data: bytes) -> None:
        # Key joined to the root without the containment helper (reported as a warning).
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        # ruleid: path-traversal
        target.write_bytes(data)

    def append_log(self, key: str, line: str) -> None:
        # Only checks that the key is a non-empty str.
        if not isinstance(key, str) or not key:
            raise TypeError("key must be a non-empty string")
        # ruleid: path-traversal
        with open(os.path.join(self.root, key), "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def load_email_template(name: str) -> str:
    # Constant directory prefix and suffix around the argument.
    # ruleid: path-traversal
    return (TEMPLATES_DIR / f"{name}.html").read_text(encoding="utf-8")


def load_locale(lang: str) -> dict:
    # Falls back to "en" when the language is not in the allowlist.
    if lang not in SUPPORTED_LANGS:
        lang = "en"
    # ok: path-traversal
    return json.loads((LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def save_avatar(user_id, image_bytes: bytes) -> Path:
    # user_id coerced with int().
    dest = AVATARS_DIR / f"{int(user_id)}.png"
    # ok: path-traversal
    with open(dest, "wb") as fh:
        fh.write(image_bytes)
    return dest


def iter_csv_rows(path: str) -> Iterator[dict]:
    # Generic importer helper: opens whatever path it is given (reported as a warning).
    # ruleid: path-traversal
    with open(path, newline="", encoding="utf-8-sig") as fh:
        yield from csv.DictReader(fh)


def read_snippet(name: str) -> str:
    # Single-pass removal of "../": "....//" becomes "../".
    cleaned = name.replace("../", "")
    # ruleid: path-traversal
    with open(os.path.join(SNIPPETS_DIR, cleaned), encoding="utf-8") as fh:
        return fh.read()


def read_snippet_basename(name: str) -> str:
    # basename() keeps only the last component.
    # ok: path-traversal
    with open(os.path.join(SNIPPETS_DIR, os.path.basename(name)), encoding="utf-8") as fh:
        return fh.read()


def read_shared(rel: str) -> str:
    # commonpath() containment check against a constant base, with a raise.
    base_real = os.path.realpath(SNIPPETS_DIR)
    full = os.path.realpath(os.path.join(base_real, rel))
    if os.path.commonpath([base_real, full]) != base_real:
        raise PermissionError(rel)
    # ok: path-traversal
    with open(full, encoding="utf-8") as fh:
        return fh.read()


def write_report(filename: str, rows: list[dict]) -> None:
    # Filename argument under a constant directory; only the suffix is checked.
    if not filename.endswith(".csv"):
        raise ValueError("reports must be CSV")
    # ruleid: path-traversal
    with open(os.path.join("/srv/app/reports", filename), "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
