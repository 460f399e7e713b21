"""A parsed buffer. Edits update the bytes and the tree in place; one reparse follows a batch."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from unguarded.documents.languages import Language
from unguarded.documents.positions import LineIndex, PositionEncoding


@dataclass(frozen=True)
class TextChange:
    """An LSP content change: a range in the client's encoding, or None for the whole text."""

    text: str
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None


class Document:
    __slots__ = ("_lines", "_parser", "data", "language", "tree", "uri", "version")

    def __init__(self, uri: str, language: Language, data: bytes, version: int = 0) -> None:
        self.uri = uri
        self.language = language
        self.version = version
        self.data = data
        self._parser = language.parser()
        self.tree: tree_sitter.Tree = self._parser.parse(data)
        self._lines: LineIndex | None = None

    @classmethod
    def from_text(cls, uri: str, language: Language, text: str, version: int = 0) -> Document:
        return cls(uri, language, text.encode("utf-8", errors="surrogatepass"), version)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.data)
        return self._lines

    def snapshot(self) -> Document:
        """An immutable copy for analysis on another thread while edits continue here."""
        copy = Document.__new__(Document)
        copy.uri = self.uri
        copy.language = self.language
        copy.version = self.version
        copy.data = self.data
        copy._parser = self._parser
        copy.tree = self.tree.copy()
        copy._lines = self._lines
        return copy

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")

    def apply_changes(
        self, changes: list[TextChange], version: int, encoding: PositionEncoding
    ) -> None:
        """Apply LSP content changes in order, then reparse once using the edited old tree."""
        edited = False
        for change in changes:
            if change.start is None or change.end is None:
                self.data = change.text.encode("utf-8", errors="surrogatepass")
                self._lines = None
                self.tree = self._parser.parse(self.data)
                edited = False
                continue
            self._apply_range_change(change, encoding)
            edited = True
        if edited:
            self.tree = self._parser.parse(self.data, self.tree)
        self.version = version

    def _apply_range_change(self, change: TextChange, encoding: PositionEncoding) -> None:
        assert change.start is not None and change.end is not None
        lines = self.lines
        start = lines.offset(change.start[0], change.start[1], encoding)
        end = lines.offset(change.end[0], change.end[1], encoding)
        if end < start:
            start, end = end, start
        inserted = change.text.encode("utf-8", errors="surrogatepass")
        new_end = start + len(inserted)
        start_point = _point(lines, start)
        old_end_point = _point(lines, end)
        self.data = self.data[:start] + inserted + self.data[end:]
        self._lines = None
        new_end_point = _point(self.lines, new_end)
        self.tree.edit(
            start_byte=start,
            old_end_byte=end,
            new_end_byte=new_end,
            start_point=start_point,
            old_end_point=old_end_point,
            new_end_point=new_end_point,
        )


def _point(lines: LineIndex, offset: int) -> tuple[int, int]:
    line = lines.line_of(offset)
    return line, offset - lines.line_starts[line]
