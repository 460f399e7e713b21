"""A one-line progress bar on a terminal's stderr; nothing at all on a pipe or a file."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

# Redraw at most this often: a terminal is slow next to the analysis of a small file.
_INTERVAL_S = 0.1


def wanted(stream: TextIO) -> bool:
    """A progress bar only where a person watches: a terminal that can redraw a line."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class ProgressBar:
    """`label [=====>      ] 120/480 files` redrawn in place with a carriage return."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._shown = False
        self._last = 0.0

    def _width(self) -> int:
        try:
            columns = os.get_terminal_size(self._stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        return columns if columns > 0 else 80  # a pseudo-terminal may report no size

    def update(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if self._shown and done < total and now - self._last < _INTERVAL_S:
            return
        self._last = now
        counter = f" {done}/{total} files"
        room = max(10, min(40, self._width() - len(label) - len(counter) - 4))
        filled = room * done // total if total else room
        bar = "=" * filled + (">" if filled < room else "") + " " * (room - filled - 1)
        line = f"{label} [{bar[:room]}]{counter}"
        self._write("\r" + line[: self._width() - 1] + "\x1b[K")

    def message(self, text: str) -> None:
        """A phase without a count (semgrep running)."""
        self._write("\r" + text[: self._width() - 1] + "\x1b[K")

    def close(self) -> None:
        """Clear the line, so whatever is printed next starts on a clean line."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
        self._shown = True
