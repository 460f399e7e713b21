"""Whole-file results as edits and as a unified diff (fix-all, `unguarded scan --diff`)."""

from __future__ import annotations

import difflib

from unguarded.fixes.model import TextEdit


def minimal_edits(old: bytes, new: bytes) -> list[TextEdit]:
    """Line-level edits that turn `old` into `new` (offsets in `old`)."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    edits: list[TextEdit] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        text = b"".join(new_lines[j1:j2]).decode("utf-8", errors="surrogatepass")
        edits.append(TextEdit(starts[i1], starts[i2], text))
    return edits


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A unified diff of the file before and after (empty when nothing changed)."""
    if old == new:
        return ""
    old_text = old.decode("utf-8", errors="replace").splitlines(keepends=True)
    new_text = new.decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old_text, new_text, fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
