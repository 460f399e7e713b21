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


def common_prefix(a: bytes, b: bytes) -> int:
    """The length of the common start of `a` and `b`, by bisection on slice equality
    (memcmp, not a Python loop over bytes; each step compares only the undecided half)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """The length of the common end of `a` and `b`, at most `limit` (pass what is left
    after the common prefix, so that the two do not overlap)."""
    low, high = 0, limit
    size_a, size_b = len(a), len(b)
    while low < high:
        middle = (low + high + 1) // 2
        if a[size_a - middle : size_a - low] == b[size_b - middle : size_b - low]:
            low = middle
        else:
            high = middle - 1
    return low
