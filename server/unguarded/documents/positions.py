"""Byte offsets (tree-sitter) <-> LSP positions in UTF-8, UTF-16 or UTF-32 code units."""

from __future__ import annotations

from bisect import bisect_right
from enum import Enum


class PositionEncoding(str, Enum):
    UTF8 = "utf-8"
    UTF16 = "utf-16"
    UTF32 = "utf-32"


class LineIndex:
    """Start offsets of every line of a byte string, for O(log n) conversions."""

    __slots__ = ("_data", "line_starts")

    def __init__(self, data: bytes) -> None:
        self._data = data
        starts = [0]
        find = data.find
        position = find(b"\n")
        while position != -1:
            starts.append(position + 1)
            position = find(b"\n", position + 1)
        self.line_starts = starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset of the end of `line`, before its line break."""
        if line + 1 < len(self.line_starts):
            end = self.line_starts[line + 1] - 1
            if end > self.line_starts[line] and self._data[end - 1 : end] == b"\r":
                end -= 1
            return end
        return len(self._data)

    def position(self, offset: int, encoding: PositionEncoding) -> tuple[int, int]:
        """(line, character) of a byte offset."""
        offset = max(0, min(offset, len(self._data)))
        line = self.line_of(offset)
        start = self.line_starts[line]
        if encoding is PositionEncoding.UTF8:
            return line, offset - start
        prefix = self._data[start:offset].decode("utf-8", errors="replace")
        return line, _units(prefix, encoding)

    def offset(self, line: int, character: int, encoding: PositionEncoding) -> int:
        """Byte offset of an LSP position; out-of-range values are clamped as LSP requires."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self._data)
        start = self.line_starts[line]
        end = self.line_end(line)
        if encoding is PositionEncoding.UTF8:
            return min(start + max(character, 0), end)
        text = self._data[start:end].decode("utf-8", errors="replace")
        consumed_units = 0
        byte_offset = start
        for char in text:
            if consumed_units >= character:
                break
            consumed_units += _units(char, encoding)
            byte_offset += len(char.encode("utf-8", errors="replace"))
        return min(byte_offset, end)


def _units(text: str, encoding: PositionEncoding) -> int:
    if encoding is PositionEncoding.UTF32:
        return len(text)
    # UTF-16: characters outside the BMP take two code units.
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
