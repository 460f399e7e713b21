"""Long incremental-sync fuzzing: the suite's hypothesis test with many more sequences.

tests/test_robustness.py::test_incremental_sync_fuzzing drives a real `unguarded serve`
session with random edit sequences (VS Code's UTF-16 and Neovim's UTF-8 positions) and
checks the server's text and tree after every message. CI runs 150 sequences per client;
this runs thousands.

    python bench/fuzz.py --long            # 2,500 sequences per client (5,000 in all)
    python bench/fuzz.py --examples 400    # any number per client
    python bench/fuzz.py --long -x -v      # extra arguments go to pytest

A failure prints the shrunk sequence and `@reproduce_failure` blob; hypothesis also keeps
it in .hypothesis/ so that the next plain `pytest tests/test_robustness.py` replays it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG = 2500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--long", action="store_true", help=f"{LONG} sequences per client")
    parser.add_argument("--examples", type=int, default=None, help="sequences per client")
    arguments, extra = parser.parse_known_args()
    examples = arguments.examples or (LONG if arguments.long else 500)
    environment = {**os.environ, "UNGUARDED_FUZZ_EXAMPLES": str(examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "tests/test_robustness.py",
        "-k",
        "incremental_sync_fuzzing or line_index_edits",
        "--hypothesis-show-statistics",
        "--durations=0",
        *extra,
    ]
    print(f"{examples} sequences per client: {' '.join(command)}", flush=True)
    started = time.monotonic()
    code = subprocess.call(command, cwd=ROOT, env=environment)
    print(f"done in {time.monotonic() - started:.0f} s, exit code {code}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
