"""`unguarded scan` against bandit and semgrep on the same real codebases.

The corpus is bench/latency.py's: Django's own source (Python) and webpack's lib/ (JavaScript),
downloaded once from PyPI and npm. Each repetition runs, in a rotating order,

  * unguarded scan   on Django                  vs  bandit -r            on Django
  * unguarded scan   on Django and webpack      vs  semgrep scan --config rules/ on both

and records wall time, CPU time (user + system of the tool and every process it waited
for) and peak RSS (the largest single process, from wait4), then prints medians, lines per
second and the ratios. Every tool runs with its defaults for parallelism: unguarded and
semgrep use every core, bandit one.

    python bench/scan.py                    # 3 repetitions
    python bench/scan.py --repeat 5 --json scan.json

semgrep always runs with --metrics=off --disable-version-check and
SEMGREP_ENABLE_VERSION_CHECK=0, on our own rules only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import DEFAULT_CORPUS, fetch_corpus, machine

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
BIN = Path(sys.executable).parent


@dataclass
class Run:
    tool: str
    target: str
    wall: float
    cpu: float
    peak_rss_mib: float
    exit_code: int
    findings: int


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    which = shutil.which(name)
    if which is None:
        raise SystemExit(f"{name} is not installed (pip install {name} into {BIN.parent})")
    return which


def measure(name: str, target: str, command: list[str], output: Path) -> Run:
    """Run a command; its time, CPU and peak RSS come from wait4, which counts the command
    and every descendant it waited for (worker processes, semgrep-core)."""
    environment = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        tool=name,
        target=target,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,
        exit_code=process.returncode,
        findings=count_findings(name, output),
    )


def count_findings(name: str, output: Path) -> int:
    try:
        report = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return -1
    if name == "unguarded":
        return len(report.get("findings", []))
    return len(report.get("results", []))


def source_lines(folder: Path, suffixes: tuple[str, ...]) -> tuple[int, int]:
    files = lines = 0
    for path in folder.rglob("*"):
        if path.suffix in suffixes and path.is_file():
            files += 1
            lines += path.read_bytes().count(b"\n")
    return files, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    arguments = parser.parse_args()

    corpus = fetch_corpus(arguments.corpus)
    django, webpack = corpus["django"], corpus["webpack"]
    py_files, py_lines = source_lines(django, (".py",))
    js_files, js_lines = source_lines(webpack, (".js", ".mjs", ".cjs", ".ts"))
    lines = {"python": py_lines, "both": py_lines + js_lines}
    out = Path(tempfile.mkdtemp(prefix="unguarded-scan-bench-"))
    unguarded = [tool("unguarded"), "scan", "--format", "json", "--fail-on", "never"]
    semgrep = [tool("semgrep"), "scan", "--config", str(RULES), "--metrics=off",
               "--disable-version-check", "--json", "--quiet"]  # fmt: skip
    jobs = {
        ("unguarded", "python"): [*unguarded, "-o", str(out / "u-py.json"), str(django)],
        ("bandit", "python"): [
            tool("bandit"),
            "-r",
            "-q",
            "-f",
            "json",
            "-o",
            str(out / "b-py.json"),
            str(django),
        ],
        ("unguarded", "both"): [
            *unguarded,
            "-o",
            str(out / "u-both.json"),
            str(django),
            str(webpack),
        ],
        ("semgrep", "both"): [
            *semgrep,
            "-o",
            str(out / "s-both.json"),
            str(django),
            str(webpack),
        ],
    }
    outputs = {
        ("unguarded", "python"): out / "u-py.json",
        ("bandit", "python"): out / "b-py.json",
        ("unguarded", "both"): out / "u-both.json",
        ("semgrep", "both"): out / "s-both.json",
    }
    order = list(jobs)
    runs: list[Run] = []
    for repetition in range(arguments.repeat):
        rotated = order[repetition % len(order) :] + order[: repetition % len(order)]
        for key in rotated:
            run = measure(key[0], key[1], jobs[key], outputs[key])
            runs.append(run)
            print(
                f"[{repetition + 1}/{arguments.repeat}] {run.tool:9} {run.target:6} "
                f"{run.wall:7.2f} s wall {run.cpu:7.2f} s CPU {run.peak_rss_mib:6.0f} MiB "
                f"exit {run.exit_code} findings {run.findings}",
                file=sys.stderr,
                flush=True,
            )

    def median(key: tuple[str, str], field: str) -> float:
        return statistics.median(getattr(r, field) for r in runs if (r.tool, r.target) == key)

    rows = {}
    for key in jobs:
        rows[key] = {
            "wall_s": median(key, "wall"),
            "cpu_s": median(key, "cpu"),
            "peak_rss_mib": median(key, "peak_rss_mib"),
            "lines_per_s": lines[key[1]] / median(key, "wall"),
            "findings": next(r.findings for r in runs if (r.tool, r.target) == key),
        }
    result: dict[str, Any] = {
        "machine": machine(),
        "repeat": arguments.repeat,
        "corpus": {
            "python": {"folder": str(django), "files": py_files, "lines": py_lines},
            "javascript": {"folder": str(webpack), "files": js_files, "lines": js_lines},
        },
        "medians": {f"{t} {target}": row for (t, target), row in rows.items()},
        "ratios": {
            "bandit/unguarded wall (python)": rows[("bandit", "python")]["wall_s"]
            / rows[("unguarded", "python")]["wall_s"],
            "bandit/unguarded CPU (python)": rows[("bandit", "python")]["cpu_s"]
            / rows[("unguarded", "python")]["cpu_s"],
            "semgrep/unguarded wall (both)": rows[("semgrep", "both")]["wall_s"]
            / rows[("unguarded", "both")]["wall_s"],
            "semgrep/unguarded CPU (both)": rows[("semgrep", "both")]["cpu_s"]
            / rows[("unguarded", "both")]["cpu_s"],
        },
        "runs": [asdict(r) for r in runs],
    }
    print(f"machine: {result['machine']}; {arguments.repeat} repetitions, medians")
    print(f"corpus: Django {py_files} .py files, {py_lines} lines; webpack lib/ {js_files} "
          f"JS files, {js_lines} lines")  # fmt: skip
    print(f"{'':22}{'wall s':>9}{'CPU s':>9}{'peak MiB':>10}{'lines/s':>10}{'findings':>10}")
    for (name, target), row in rows.items():
        print(
            f"{name + ' ' + target:22}{row['wall_s']:9.2f}{row['cpu_s']:9.2f}"
            f"{row['peak_rss_mib']:10.0f}{row['lines_per_s']:10.0f}{row['findings']:10d}"
        )
    for label, ratio in result["ratios"].items():
        print(f"{label}: {ratio:.1f}x")
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
