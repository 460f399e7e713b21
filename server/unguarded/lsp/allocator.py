"""Which memory allocator the server process runs with, and giving freed memory back.

CPython's own small-object allocator (pymalloc) takes memory from the system in 1 MiB
arenas and returns an arena only once every object in it is freed. py-tree-sitter
allocates tree nodes through it too, so the trees of opened files, freed when a file is
edited or its tree evicted, leave arenas that a few long-lived objects allocated meanwhile
keep alive. With 200 files open the server's resident memory was about 190-220 MiB, of
which about 95 MiB were pools with nothing in them. The C allocator gives back every free
page (glibc's malloc_trim, after each whole-file analysis): about 110 MiB for the same
files. So on glibc `unguarded serve` runs under PYTHONMALLOC=malloc, restarting itself
once at startup with it set."""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from collections.abc import Callable, Sequence

# Set by the user (any value, e.g. "pymalloc" to keep Python's allocator): left alone.
ALLOCATOR_VARIABLE = "PYTHONMALLOC"


def _glibc() -> bool:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (AttributeError, ValueError, OSError):
        return False


def restart_with_system_allocator(arguments: Sequence[str]) -> None:
    """Replace this process (same id, same standard streams) by `python -m unguarded
    ARGUMENTS` with the C allocator, unless the variable is set already or the C library is
    not glibc. Returns only when it does not restart. `-P`: the working directory (an
    editor starts the server in the user's project) is not put on the import path."""
    if ALLOCATOR_VARIABLE in os.environ or not sys.executable or not _glibc():
        return
    environment = {**os.environ, ALLOCATOR_VARIABLE: "malloc"}
    command = [sys.executable, "-P", "-m", "unguarded", *arguments]
    try:
        os.execve(sys.executable, command, environment)
    except OSError:
        return  # run with pymalloc: more memory, same results


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
