"""Byte offsets (tree-sitter) <-> LSP positions in UTF-8, UTF-16 or UTF-32 code units.

Lines end where the LSP says they do: at "\\n", "\\r\\n" or a lone "\\r". (tree-sitter's rows
count "\\n" only; `Document` computes tree-sitter points itself.)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from enum import StrEnum

_BREAK = re.compile(rb"\r\n?|\n")
_BREAK_BYTE = re.compile(rb"[\r\n]")


class PositionEncoding(StrEnum):
    UTF8 = "utf-8"
    UTF16 = "utf-16"
    UTF32 = "utf-32"


class LineIndex:
    """Start offsets of every line of a byte string, for O(log n) conversions.

    An index is immutable: `edited` returns a new one, so a snapshot being analysed on
    another thread keeps a consistent view while edits continue."""

    __slots__ = ("_data", "line_starts")

    def __init__(self, data: bytes, line_starts: list[int] | None = None) -> None:
        self._data = data
        self.line_starts = _line_starts(data) if line_starts is None else line_starts

    def edited(self, start: int, end: int, inserted: int, data: bytes) -> LineIndex:
        """The index of `data`, which is this index's bytes with [start, end) replaced by
        `inserted` bytes. Costs O(inserted bytes + lines after the edit), not O(bytes)."""
        old = self.line_starts
        new_end = start + inserted
        delta = new_end - end
        # Whether q starts a line depends on the bytes at q-1 and q only. Starts before
        # the edit stay, starts after it shift, and those in [start, new_end] are found
        # again (an edit can join or split a "\r\n").
        starts = old[: bisect_left(old, start)] or [0]
        first = max(start, 1)
        for match in _BREAK_BYTE.finditer(data, first - 1, new_end):
            position = match.start() + 1
            if _is_line_start(data, position):
                starts.append(position)
        starts.extend([p + delta for p in old[bisect_left(old, end + 1) :]])
        return LineIndex(data, starts)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset of the end of `line`, before its line break."""
        if line + 1 < len(self.line_starts):
            end = self.line_starts[line + 1] - 1
            if self._data[end : end + 1] == b"\n" and self._data[end - 1 : end] == b"\r":
                end -= 1
            return max(end, self.line_starts[line])
        return len(self._data)

    def position(self, offset: int, encoding: PositionEncoding) -> tuple[int, int]:
        """(line, character) of a byte offset."""
        offset = max(0, min(offset, len(self._data)))
        line = self.line_of(offset)
        start = self.line_starts[line]
        if encoding is PositionEncoding.UTF8:
            return line, offset - start
        prefix = self._data[start:offset]
        if prefix.isascii():
            return line, len(prefix)
        return line, _units(_decode(prefix), encoding)

    def offset(self, line: int, character: int, encoding: PositionEncoding) -> int:
        """Byte offset of an LSP position; out-of-range values are clamped as LSP requires."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self._data)
        start = self.line_starts[line]
        end = self.line_end(line)
        character = max(character, 0)
        if encoding is PositionEncoding.UTF8:
            offset = min(start + character, end)
            # Inside a multi-byte character: round down to its first byte.
            while start < offset < end and self._data[offset] & 0xC0 == 0x80:
                offset -= 1
            return offset
        raw = self._data[start:end]
        if raw.isascii():
            return min(start + character, end)
        text, errors = _decode_with(raw)
        if encoding is PositionEncoding.UTF32:
            prefix = text[:character]
        else:
            # A position inside a surrogate pair rounds down to the character's start.
            units = text.encode("utf-16-le", "surrogatepass")[: 2 * character]
            prefix = units.decode("utf-16-le", "ignore")
            if errors == "surrogateescape":
                prefix = text[: len(prefix)]
        return min(start + len(prefix.encode("utf-8", errors)), end)


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    if b"\r" not in data:
        find = data.find
        position = find(b"\n")
        while position != -1:
            starts.append(position + 1)
            position = find(b"\n", position + 1)
        return starts
    starts.extend(match.end() for match in _BREAK.finditer(data))
    return starts


def _is_line_start(data: bytes, position: int) -> bool:
    before = data[position - 1]
    if before == 0x0A:
        return True
    return before == 0x0D and (position >= len(data) or data[position] != 0x0A)


def _decode_with(raw: bytes) -> tuple[str, str]:
    """Text of a byte string and the error handler that round-trips it to the same bytes.

    Documents from an editor are valid UTF-8, except that a lone surrogate a client sent is
    kept as its surrogatepass encoding; files on disk may hold any bytes."""
    try:
        return raw.decode("utf-8", "surrogatepass"), "surrogatepass"
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape"), "surrogateescape"


def _decode(raw: bytes) -> str:
    return _decode_with(raw)[0]


def _units(text: str, encoding: PositionEncoding) -> int:
    if encoding is PositionEncoding.UTF32:
        return len(text)
    # UTF-16: characters outside the BMP take two code units.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
