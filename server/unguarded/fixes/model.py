"""Fixes: titled sets of byte-offset text edits against a document's bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FixKind = Literal["quickfix", "suppress", "docs"]


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes [start, end) of the document with `text` (UTF-8 encoded on apply)."""

    start: int
    end: int
    text: str

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8", errors="surrogatepass")


@dataclass(frozen=True)
class Requirement:
    """Something a fix adds only when it is absent (an import, a module constant). After the
    fix, asking for it again must change nothing: that is part of idempotence."""

    kind: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Fix:
    title: str
    kind: FixKind
    rule_id: str
    edits: tuple[TextEdit, ...] = ()
    preferred: bool = False
    # For "docs" fixes: the page to open.
    docs_url: str | None = None
    requirements: tuple[Requirement, ...] = field(default=(), compare=False)


class OverlappingEdits(ValueError):
    pass


def normalized_edits(edits: tuple[TextEdit, ...] | list[TextEdit]) -> list[TextEdit]:
    """Sorted edits; insertions at one offset keep their order and are joined. Raises
    OverlappingEdits when two replacements overlap."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    merged: list[TextEdit] = []
    for _, edit in ordered:
        if edit.start > edit.end:
            raise OverlappingEdits(f"inverted edit {edit}")
        if merged:
            last = merged[-1]
            if edit.start < last.end:
                raise OverlappingEdits(f"{last} overlaps {edit}")
            if edit.start == last.start == last.end:
                # Two insertions (or an insertion then a replacement) at one offset.
                merged[-1] = TextEdit(last.start, edit.end, last.text + edit.text)
                continue
        merged.append(edit)
    return merged


def apply_edits(data: bytes, edits: tuple[TextEdit, ...] | list[TextEdit]) -> bytes:
    """The bytes after applying every edit (offsets refer to `data`)."""
    result: list[bytes] = []
    position = 0
    for edit in normalized_edits(edits):
        result.append(data[position : edit.start])
        result.append(edit.data)
        position = edit.end
    result.append(data[position:])
    return b"".join(result)


def map_offset(offset: int, edits: tuple[TextEdit, ...] | list[TextEdit], end: bool = False) -> int:
    """Where `offset` of the old bytes lands in the new bytes. An offset inside a replaced
    range maps to the start of the replacement (or its end, with `end`). Text inserted at
    `offset` comes before a start offset and after an end offset."""
    shift = 0
    for edit in normalized_edits(edits):
        size = len(edit.data)
        insertion = edit.start == edit.end
        if edit.end < offset or (edit.end == offset and not (insertion and end)):
            shift += size - (edit.end - edit.start)
            continue
        if edit.start < offset < edit.end:
            return edit.start + shift + (size if end else 0)
        break
    return offset + shift
