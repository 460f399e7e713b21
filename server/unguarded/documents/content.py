"""What a buffer's bytes say about it, before any parsing."""

from __future__ import annotations

# A line longer than this among the first lines marks a minified or generated bundle.
MINIFIED_LINE_LENGTH = 1000
_HEAD_BYTES = 65536
_HEAD_LINES = 200
# Compilers (tsc, babel, esbuild) end a built file with its source map inlined as one
# base64 comment line: `//# sourceMappingURL=data:application/json;base64,...` (`//@` is
# the old spelling; CSS uses `/*# ... */`). It is not code, so its length says nothing.
_SOURCE_MAP_PREFIXES = (
    b"//# sourceMappingURL=",
    b"//@ sourceMappingURL=",
    b"/*# sourceMappingURL=",
)


def looks_minified(data: bytes) -> bool:
    """True when one of the first 200 lines (in the first 64 KiB) is longer than 1,000 bytes:
    a bundle or generated file that no one edits by hand and that is slow to analyse. An
    inline source map comment line does not count."""
    head = data[:_HEAD_BYTES]
    start = 0
    for _ in range(_HEAD_LINES):
        end = head.find(b"\n", start)
        if head.startswith(_SOURCE_MAP_PREFIXES, start):
            if end == -1:
                return False
            start = end + 1
            continue
        if end == -1:
            # The last line of the head; a cut-off line counts only if already too long.
            return len(head) - start > MINIFIED_LINE_LENGTH
        if end - start > MINIFIED_LINE_LENGTH:
            return True
        start = end + 1
    return False
