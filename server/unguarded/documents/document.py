"""A parsed buffer. Edits update the bytes and the tree in place; one reparse follows a batch."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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
    """Bytes, positions and a tree-sitter tree kept up to date by incremental edits.

    A document created with `parse=False`, or whose tree was dropped (`drop_tree`: too
    large to analyse) or evicted (`evict_tree`: not used lately, to save memory), keeps its
    bytes and line index only: edits cost no parsing until `ensure_parsed`. A snapshot of
    an evicted document parses it again first."""

    __slots__ = (
        "_lines",
        "_on_demand",
        "_parsed",
        "data",
        "language",
        "tree",
        "uri",
        "version",
    )

    def __init__(
        self, uri: str, language: Language, data: bytes, version: int = 0, *, parse: bool = True
    ) -> None:
        self.uri = uri
        self.language = language
        self.version = version
        self.data = data
        self.tree: tree_sitter.Tree = (
            language.parser().parse(data) if parse else language.empty_tree
        )
        self._parsed = parse
        # Whether `snapshot` may parse an unparsed document (not when it is too large).
        self._on_demand = True
        self._lines: LineIndex | None = None

    @classmethod
    def from_text(
        cls, uri: str, language: Language, text: str, version: int = 0, *, parse: bool = True
    ) -> Document:
        data = text.encode("utf-8", errors="surrogatepass")
        return cls(uri, language, data, version, parse=parse)

    @property
    def parsed(self) -> bool:
        """False while the tree is not kept (see `drop_tree`)."""
        return self._parsed

    def ensure_parsed(self) -> None:
        if not self._parsed:
            self.tree = self.language.parser().parse(self.data)
            self._parsed = True
        self._on_demand = True

    def drop_tree(self) -> None:
        """Stop keeping a tree (for a document too large to analyse): frees its memory and
        makes edits cheap. Only `ensure_parsed` brings it back."""
        self.evict_tree()
        self._on_demand = False

    def evict_tree(self) -> None:
        """Free the tree of a document not used lately; the next snapshot (or
        `ensure_parsed`) parses the text again."""
        if self._parsed:
            self.tree = self.language.empty_tree
            self._parsed = False

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.data)
        return self._lines

    def snapshot(self) -> Document:
        """An immutable copy for analysis on another thread while edits continue here."""
        if not self._parsed and self._on_demand:
            self.ensure_parsed()
        copy = Document.__new__(Document)
        copy.uri = self.uri
        copy.language = self.language
        copy.version = self.version
        copy.data = self.data
        copy.tree = self.tree.copy()
        copy._parsed = self._parsed
        copy._on_demand = False
        copy._lines = self._lines
        return copy

    def without_tree(self) -> Document:
        """A copy that keeps the text and its line index but no tree: enough to turn
        offsets into positions, for results kept long after the analysis (a tree takes
        about 20 bytes per byte of source)."""
        copy = Document.__new__(Document)
        copy.uri = self.uri
        copy.language = self.language
        copy.version = self.version
        copy.data = self.data
        copy.tree = self.language.empty_tree
        copy._parsed = False
        copy._on_demand = False
        copy._lines = self._lines
        return copy

    @property
    def text(self) -> str:
        try:
            return self.data.decode("utf-8", errors="surrogatepass")
        except UnicodeDecodeError:
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
                if self._parsed:
                    self.tree = self.language.parser().parse(self.data)
                edited = False
                continue
            self._apply_range_change(change, encoding)
            edited = self._parsed
        if edited:
            self.tree = self.language.parser().parse(self.data, self.tree)
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
        old = self.data
        data = old[:start] + inserted + old[end:]
        if self._parsed:
            self.tree.edit(
                start_byte=start,
                old_end_byte=end,
                new_end_byte=new_end,
                start_point=_point(old, start),
                old_end_point=_point(old, end),
                new_end_point=_point(data, new_end),
            )
        self.data = data
        self._lines = lines.edited(start, end, len(inserted), data)


def _point(data: bytes, offset: int) -> tuple[int, int]:
    """tree-sitter's point of a byte offset: rows end at "\n" only, columns count bytes."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, line_start), offset - line_start


def compare_trees(
    edited: tree_sitter.Tree, fresh: tree_sitter.Tree, stop: Callable[[], bool] = lambda: False
) -> str | None:
    """None when two trees are equal node by node (type, field, byte range, points,
    missing), else a description of the first difference. Iterative: any depth is fine.
    `stop` is polled now and then; when it returns True the walk ends early (None)."""
    left, right = edited.walk(), fresh.walk()
    visited = 0
    while True:
        a, b = left.node, right.node
        assert a is not None and b is not None
        if _shape(a) != _shape(b) or left.field_name != right.field_name:
            return f"edited tree has {_describe(a, left.field_name)} where a fresh parse has " + (
                _describe(b, right.field_name)
            )
        visited += 1
        if visited % 4096 == 0 and stop():
            return None
        down_left, down_right = left.goto_first_child(), right.goto_first_child()
        if down_left != down_right:
            return f"{_describe(a, None)}: children differ from a fresh parse"
        if down_left:
            continue
        while True:
            next_left, next_right = left.goto_next_sibling(), right.goto_next_sibling()
            if next_left != next_right:
                parent = left.node if next_left else right.node
                return f"sibling count differs after {_describe(parent or a, None)}"
            if next_left:
                break
            up_left, up_right = left.goto_parent(), right.goto_parent()
            if not up_left or not up_right:
                return None


def _shape(node: tree_sitter.Node) -> tuple[object, ...]:
    return (
        node.type,
        node.start_byte,
        node.end_byte,
        tuple(node.start_point),
        tuple(node.end_point),
        node.is_missing,
    )


def _describe(node: tree_sitter.Node, field: str | None) -> str:
    label = f"{field}: " if field else ""
    missing = "MISSING " if node.is_missing else ""
    return (
        f"{label}{missing}{node.type} bytes {node.start_byte}-{node.end_byte} "
        f"points {tuple(node.start_point)}-{tuple(node.end_point)}"
    )


def tree_digest(tree: tree_sitter.Tree) -> str:
    """A hash of every node's type, field, byte range, points and missing flag, in tree
    order: equal digests mean equal trees. Iterative: any depth is fine."""
    digest = hashlib.blake2b(digest_size=16)
    cursor = tree.walk()
    while True:
        node = cursor.node
        assert node is not None
        digest.update(repr((_shape(node), cursor.field_name)).encode())
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return digest.hexdigest()
            digest.update(b")")
        digest.update(b",")
