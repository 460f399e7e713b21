"""The language server: the only package that imports pygls or lsprotocol."""

import os
import sys


def _forget_the_working_directory() -> None:
    """Never import code from the workspace.

    `python -m unguarded serve`, started by an editor inside a project, puts the working
    directory first on sys.path: a project file named like a dependency (`pygls.py`,
    `tree_sitter.py`, `asyncio.py`) would then be imported and run. Everything this
    package imports comes after this point, so drop that entry. (The `unguarded` console
    script, or `python -P`, never adds it.)"""
    try:
        cwd = os.path.realpath(os.getcwd())
    except OSError:
        cwd = None
    sys.path[:] = [
        entry
        for entry in sys.path
        if entry not in ("", ".") and (cwd is None or os.path.realpath(entry) != cwd)
    ]


_forget_the_working_directory()
