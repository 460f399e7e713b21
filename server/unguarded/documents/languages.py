"""The languages unguarded parses, each with its tree-sitter grammar from the official wheels."""

from __future__ import annotations

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

    def parser(self) -> tree_sitter.Parser:
        return tree_sitter.Parser(self.grammar)


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
