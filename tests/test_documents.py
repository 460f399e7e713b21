"""Positions and incremental edits, without a server."""

from __future__ import annotations

import pytest

from unguarded.documents import (
    LANGUAGES,
    Document,
    LineIndex,
    PositionEncoding,
    TextChange,
    looks_minified,
)
from unguarded.documents.languages import language_for_path

TEXT = 'a = "😀中"\r\nb = 1\n'


@pytest.mark.parametrize(
    ("encoding", "column"),
    [(PositionEncoding.UTF8, 12), (PositionEncoding.UTF16, 8), (PositionEncoding.UTF32, 7)],
)
def test_line_index_round_trips_each_encoding(encoding: PositionEncoding, column: int) -> None:
    data = TEXT.encode()
    index = LineIndex(data)
    offset = data.index("中".encode()) + len("中".encode())
    assert index.position(offset, encoding) == (0, column)
    assert index.offset(0, column, encoding) == offset


def test_positions_past_the_line_end_clamp_before_the_line_break() -> None:
    data = TEXT.encode()
    index = LineIndex(data)
    assert index.offset(0, 999, PositionEncoding.UTF16) == data.index(b"\r\n")
    assert index.offset(99, 0, PositionEncoding.UTF16) == len(data)
    assert index.line_count == 3


def test_incremental_edits_match_a_fresh_parse() -> None:
    document = Document.from_text("file:///a.py", LANGUAGES["python"], "def f():\n    pass\n")
    document.apply_changes(
        [
            TextChange("x = '😀'\n    ", (1, 4), (1, 4)),
            TextChange("return x", (2, 4), (2, 8)),
        ],
        version=2,
        encoding=PositionEncoding.UTF16,
    )
    assert document.text == "def f():\n    x = '😀'\n    return x\n"
    fresh = Document.from_text("file:///a.py", LANGUAGES["python"], document.text)
    assert str(document.tree.root_node) == str(fresh.tree.root_node)
    assert document.version == 2


def test_whole_document_replacement_then_range_edit() -> None:
    document = Document.from_text("file:///a.js", LANGUAGES["javascript"], "let a = 1;\n")
    document.apply_changes(
        [TextChange("const b = 2;\n"), TextChange("c", (0, 6), (0, 7))],
        version=3,
        encoding=PositionEncoding.UTF8,
    )
    assert document.text == "const c = 2;\n"


def test_snapshot_is_independent_of_later_edits() -> None:
    document = Document.from_text("file:///a.py", LANGUAGES["python"], "x = 1\n")
    snapshot = document.snapshot()
    document.apply_changes([TextChange("y", (0, 0), (0, 1))], 2, PositionEncoding.UTF8)
    assert snapshot.text == "x = 1\n"
    assert snapshot.tree.root_node.text == b"x = 1\n"


def test_a_copy_without_tree_keeps_text_and_positions_only() -> None:
    document = Document.from_text("file:///a.py", LANGUAGES["python"], "s = '日本'\nx = 1\n", 3)
    light = document.without_tree()
    assert (light.uri, light.version, light.text) == (document.uri, 3, document.text)
    assert not light.parsed
    assert light.tree.root_node.end_byte == 0
    assert light.lines.position(len("s = '日本'\n".encode()), PositionEncoding.UTF16) == (1, 0)
    assert document.parsed and document.tree.root_node.end_byte == len(document.data)


@pytest.mark.parametrize(
    ("path", "language_id", "expected"),
    [
        ("a.py", None, "python"),
        ("a.jsx", None, "javascript"),
        ("a.mjs", None, "javascript"),
        ("a.ts", None, "typescript"),
        ("a.tsx", None, "tsx"),
        ("untitled:Untitled-1", "typescriptreact", "tsx"),
        ("vscode-notebook-cell:/x.ipynb#W0", "python", "python"),
        ("README.md", None, None),
    ],
)
def test_language_detection(path: str, language_id: str | None, expected: str | None) -> None:
    language = language_for_path(path, language_id)
    assert (language.name if language else None) == expected


def test_an_inline_source_map_line_does_not_make_a_built_file_minified() -> None:
    # tsc/babel output: short lines, then the source map as one long base64 comment.
    code = b"".join(b"exports.f%d = (x) => x + %d;\n" % (i, i) for i in range(40))
    source_map = b"A" * 5000
    built = code + b"//# sourceMappingURL=data:application/json;base64," + source_map + b"\n"
    assert not looks_minified(built)
    assert not looks_minified(built.rstrip(b"\n"))  # no final newline
    # ... even when the head (64 KiB) cuts the comment off.
    assert not looks_minified(code + b"//# sourceMappingURL=data:;base64," + b"A" * 70000)
    assert not looks_minified(code + b"//@ sourceMappingURL=data:;base64," + source_map)
    # A long line of code is still a bundle, source map or not.
    bundle = b"var a=1;" * 200 + b"\n" + b"//# sourceMappingURL=bundle.js.map\n"
    assert looks_minified(bundle)
    assert looks_minified(code + b"var s = '//# sourceMappingURL=" + source_map + b"';\n")
