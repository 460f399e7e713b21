"""What a buffer's bytes say about it, before any parsing."""

from __future__ import annotations

# A line longer than this among the first lines marks a minified or generated bundle.
MINIFIED_LINE_LENGTH = 1000
_HEAD_BYTES = 65536
_HEAD_LINES = 200


def looks_minified(data: bytes) -> bool:
    """True when one of the first 200 lines (in the first 64 KiB) is longer than 1,000 bytes:
    a bundle or generated file that no one edits by hand and that is slow to analyse."""
    head = data[:_HEAD_BYTES]
    start = 0
    for _ in range(_HEAD_LINES):
        end = head.find(b"\n", start)
        if end == -1:
            # The last line of the head; a cut-off line counts only if already too long.
            return len(head) - start > MINIFIED_LINE_LENGTH
        if end - start > MINIFIED_LINE_LENGTH:
            return True
        start = end + 1
    return False
