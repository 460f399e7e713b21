"""Giving the memory an analysis freed back to the system."""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # glibc only
    except (AttributeError, OSError):
        return None
    return trim


def return_freed_memory() -> None:
    """Give the memory a whole-file analysis allocated and freed back to the system. The
    C allocator keeps freed blocks for reuse: after the full analyses of many opened files
    the server's resident memory stayed about 60 MiB above what it holds (200 files).
    About 4 ms, on the analysis thread after publishing (ctypes releases the GIL)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
