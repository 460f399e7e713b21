"""Documents: bytes, a tree-sitter tree kept up to date incrementally, and position conversion."""

from unguarded.documents.document import Document, TextChange
from unguarded.documents.languages import LANGUAGES, Language, language_for_path
from unguarded.documents.positions import LineIndex, PositionEncoding

__all__ = [
    "LANGUAGES",
    "Document",
    "Language",
    "LineIndex",
    "PositionEncoding",
    "TextChange",
    "language_for_path",
]
