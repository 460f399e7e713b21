"""The languages unguarded parses, each with its tree-sitter grammar from the official wheels."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

import tree_sitter
import tree_sitter_javascript
import tree_sitter_python
import tree_sitter_typescript


@dataclass(frozen=True)
class Language:
    # Name used for queries/<family>/ and in the catalog: "python" or "javascript".
    name: str
    family: str
    jsx: bool
    comment_prefix: str

    @cached_property
    def grammar(self) -> tree_sitter.Language:
        return tree_sitter.Language(_GRAMMARS[self.name]())

    @cached_property
    def empty_tree(self) -> tree_sitter.Tree:
        """The tree every document without one holds (never edited: see Document). Each
        its own empty tree, allocated where the evicted tree's memory was freed, kept
        Python's allocator from returning that memory: with 200 documents open, about
        90 MiB more."""
        return tree_sitter.Parser(self.grammar).parse(b"")

    def parser(self) -> tree_sitter.Parser:
        """This thread's parser for the language (a parser is not thread-safe). One per
        thread, not one per document: a parser keeps memory of the size of the last tree
        it built (about 0.7 MiB after a 40 KB file), which 200 open documents each with
        their own parser held for as long as they stayed open."""
        parsers: dict[str, tree_sitter.Parser] | None = getattr(_thread_parsers, "by_name", None)
        if parsers is None:
            parsers = _thread_parsers.by_name = {}
        parser = parsers.get(self.name)
        if parser is None:
            parser = parsers[self.name] = tree_sitter.Parser(self.grammar)
        return parser


_thread_parsers = threading.local()


_GRAMMARS = {
    "python": tree_sitter_python.language,
    "javascript": tree_sitter_javascript.language,
    "typescript": tree_sitter_typescript.language_typescript,
    "tsx": tree_sitter_typescript.language_tsx,
}

LANGUAGES: dict[str, Language] = {
    "python": Language("python", "python", jsx=False, comment_prefix="#"),
    # The JavaScript grammar parses JSX too.
    "javascript": Language("javascript", "javascript", jsx=True, comment_prefix="//"),
    "typescript": Language("typescript", "javascript", jsx=False, comment_prefix="//"),
    "tsx": Language("tsx", "javascript", jsx=True, comment_prefix="//"),
}

_EXTENSIONS = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}

# LSP languageId values editors send.
_LANGUAGE_IDS = {
    "python": "python",
    "javascript": "javascript",
    "javascriptreact": "javascript",
    "typescript": "typescript",
    "typescriptreact": "tsx",
}


def language_for_path(path: str | PurePath, language_id: str | None = None) -> Language | None:
    suffix = PurePath(str(path)).suffix.lower()
    by_suffix = _EXTENSIONS.get(suffix)
    if by_suffix is not None:
        return LANGUAGES[by_suffix]
    if language_id is not None and language_id in _LANGUAGE_IDS:
        return LANGUAGES[_LANGUAGE_IDS[language_id]]
    return None
