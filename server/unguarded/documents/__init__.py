"""Documents: bytes, a tree-sitter tree kept up to date incrementally, and position conversion."""

from unguarded.documents.content import MINIFIED_LINE_LENGTH, looks_minified
from unguarded.documents.document import Document, TextChange, compare_trees, tree_digest
from unguarded.documents.languages import LANGUAGES, Language, language_for_path
from unguarded.documents.positions import LineIndex, PositionEncoding

__all__ = [
    "LANGUAGES",
    "MINIFIED_LINE_LENGTH",
    "Document",
    "Language",
    "LineIndex",
    "PositionEncoding",
    "TextChange",
    "compare_trees",
    "language_for_path",
    "looks_minified",
    "tree_digest",
]
