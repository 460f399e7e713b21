"""`unguarded scan` on what a real tree throws at it: symlinks, huge files, files the engine
is slow on or crashes on; and its progress bar, which only a terminal sees."""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from tests.test_robustness import deep_slow_sources
from unguarded import cli
from unguarded import scan as scan_module
from unguarded.analysis import AnalysisSettings
from unguarded.report import to_json, to_sarif, to_text
from unguarded.scan import DEFAULT_FILE_TIMEOUT, scan, scan_file

VULNERABLE = (
    "import os\nfrom flask import request\n\n\n"
    'def run():\n    os.system("ls " + request.args["d"])\n'
)
CLEAN = 'import os\n\n\ndef run():\n    os.system("ls /tmp")\n'


def run_cli(
    *arguments: str | Path, timeout: float = 120, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unguarded", "scan", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )


def names(result: scan_module.ScanResult, tree: Path) -> list[str]:
    return sorted(os.path.relpath(file.path, tree) for file in result.files for _ in file.findings)


# ---------------------------------------------------------------------- symlinks
def test_a_file_reached_by_symlinks_is_analysed_once_under_its_own_path(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "pkg").mkdir(parents=True)
    (tree / "pkg" / "app.py").write_text(VULNERABLE)
    # Both links sort before what they point to, so walk order alone would pick them.
    (tree / "pkg" / "alias.py").symlink_to("app.py")
    (tree / "aaa").symlink_to("pkg", target_is_directory=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "lib.py").write_text(VULNERABLE)
    (tree / "linked_a.py").symlink_to(outside / "lib.py")
    (tree / "linked_b.py").symlink_to(outside / "lib.py")
    (tree / "shared").symlink_to(outside, target_is_directory=True)

    result = scan([tree], AnalysisSettings(), jobs=1)
    # The real file under its own name; the file outside the tree once, under the first
    # link's name (the path in the user's tree, as a SARIF upload needs).
    assert names(result, tree) == ["linked_a.py", "pkg/app.py"]
    assert len(result.files) == 2

    # A link given on the command line is reported under the name given.
    result = scan([tree / "pkg" / "alias.py", tree / "pkg" / "app.py"], AnalysisSettings())
    assert names(result, tree) == ["pkg/alias.py"]


# ---------------------------------------------------------------------- huge files
def _bytes_read() -> int:
    with open("/proc/self/io") as counters:
        for line in counters:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/self/io")
def test_a_file_over_the_size_limit_is_skipped_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.py"
    with huge.open("wb") as handle:
        handle.truncate(20_000_000)  # sparse: 20 MB by stat, nothing on disk
    before = _bytes_read()
    result = scan_file(str(huge), AnalysisSettings())
    assert _bytes_read() - before < 100_000, "the file was read"
    assert result.skipped == "larger than 2000000 bytes"

    small = tmp_path / "small.py"
    small.write_text(VULNERABLE * 20)
    before = _bytes_read()
    limited = scan_file(str(small), AnalysisSettings(max_file_bytes=1000))
    assert _bytes_read() - before < 1000
    assert limited.skipped == "larger than 1000 bytes"

    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    assert scan_file(str(fifo), AnalysisSettings()).skipped == "not a regular file"


def test_max_file_size_setting_applies_to_scan(tmp_path: Path) -> None:
    (tmp_path / ".unguarded.toml").write_text("maxFileSize = 1000\n")
    (tmp_path / "big.py").write_text(VULNERABLE + "# padding\n" * 200)
    (tmp_path / "app.py").write_text(VULNERABLE)
    completed = run_cli("--format", "json", tmp_path, cwd=tmp_path)
    report = json.loads(completed.stdout)
    assert {Path(s["path"]).name: s["reason"] for s in report["skipped"]} == {
        "big.py": "larger than 1000 bytes"
    }
    assert [Path(f["path"]).name for f in report["findings"]] == ["app.py"]


# ---------------------------------------------------------------------- time limit
def test_cli_default_time_limit_is_the_scanners() -> None:
    from unguarded.scan_semgrep import DEFAULT_TIMEOUT_S

    assert cli.DEFAULT_FILE_TIMEOUT == DEFAULT_FILE_TIMEOUT
    assert cli.DEFAULT_SEMGREP_TIMEOUT == DEFAULT_TIMEOUT_S
    assert run_cli("--file-timeout", "-1", ".").returncode == 2


needs_fork = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork"
)


def _patch_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the analysis of some files hang: `loop.py` in Python code (the watchdog's
    signal interrupts it), `native.py` with the signal blocked, as inside a native call
    that never returns to the interpreter (only killing the worker stops it); `crash.py`
    ends the worker as a segfault would."""
    original = scan_module.analyze

    def analyze(document: Any, settings: AnalysisSettings) -> Any:
        name = document.uri.rsplit("/", 1)[-1]
        if name == "loop.py":
            while True:
                pass
        if name == "native.py":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(600)
        if name == "crash.py":
            os._exit(3)
        return original(document, settings)

    monkeypatch.setattr(scan_module, "analyze", analyze)


@needs_fork
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_an_error_and_the_scan_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _patch_analysis(monkeypatch)
    for name in ("loop.py", "native.py"):
        (tmp_path / name).write_text(VULNERABLE)
    for index in range(6):
        (tmp_path / f"app{index}.py").write_text(VULNERABLE)
    started = time.monotonic()
    result = scan([tmp_path], AnalysisSettings(), jobs=jobs, file_timeout=1)
    elapsed = time.monotonic() - started
    # 1 s for the loop; 1 s and the 2 s grace before the stuck worker is killed.
    assert elapsed < 15, f"took {elapsed:.1f} s"
    by_name = {Path(file.path).name: file for file in result.files}
    assert by_name["loop.py"].error == "analysis timed out after 1 s"
    assert by_name["native.py"].error == "analysis timed out after 1 s"
    assert all(len(by_name[f"app{index}.py"].findings) == 1 for index in range(6))

    # The reports list them.
    text = to_text(result)
    assert f"{tmp_path / 'native.py'}: error: analysis timed out after 1 s" in text
    errors = json.loads(to_json(result))["errors"]
    assert {Path(error["path"]).name for error in errors} == {"loop.py", "native.py"}
    sarif = json.loads(to_sarif(result, source_root=tmp_path))
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert sorted(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notifications
    ) == ["loop.py", "native.py"]


def test_fix_verification_in_sarif_has_the_same_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SARIF carries verified fixes, and verifying one analyses the file again (in this
    process): a file slow to analyse must not hold up the report either."""
    import unguarded.fixes.batch

    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(VULNERABLE + VULNERABLE.replace("def run", "def again"))
    result = scan([tmp_path], AnalysisSettings(), jobs=1)
    assert len(result.findings) == 4
    assert all("fixes" in r for r in json.loads(to_sarif(result))["runs"][0]["results"])

    def endless(*arguments: Any, **keywords: Any) -> None:
        while True:
            pass

    monkeypatch.setattr(unguarded.fixes.batch, "sarif_fix", endless)
    started = time.monotonic()
    sarif = json.loads(to_sarif(result, fix_time_limit=0.5))
    assert time.monotonic() - started < 5  # 0.5 s per file, then no more tries
    results = sarif["runs"][0]["results"]
    assert len(results) == 4 and not any("fixes" in r for r in results)


def test_files_the_engine_is_slow_on_do_not_hold_up_the_scan(tmp_path: Path) -> None:
    """The real thing: 10,000-deep input that took the engine minutes (some of it inside a
    native tree-sitter query). Each file either finishes or is stopped at the limit."""
    slow = deep_slow_sources()
    for name in ("chain.py", "calls.py", "objects.ts"):
        (tmp_path / name).write_text(slow[name])
    for index in range(3):
        (tmp_path / f"app{index}.py").write_text(VULNERABLE)
    started = time.monotonic()
    completed = run_cli("--file-timeout", "2", "-j", "2", "--format", "json", tmp_path)
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"took {elapsed:.1f} s"
    report = json.loads(completed.stdout)
    assert all(e["error"] == "analysis timed out after 2 s" for e in report["errors"]), report
    found = {Path(finding["path"]).name for finding in report["findings"]}
    assert {f"app{index}.py" for index in range(3)} <= found


@needs_fork
def test_a_crashing_worker_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_analysis(monkeypatch)
    for index in range(6):
        (tmp_path / f"app{index}.py").write_text(VULNERABLE)
    (tmp_path / "crash.py").write_text(VULNERABLE)
    result = scan([tmp_path], AnalysisSettings(), jobs=1)
    by_name = {Path(file.path).name: file for file in result.files}
    assert by_name["crash.py"].error == "analysis crashed (worker exit code 3)"
    assert all(len(by_name[f"app{index}.py"].findings) == 1 for index in range(6))


# ---------------------------------------------------------------------- progress
@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("many")
    for index in range(40):
        (tree / f"m{index:02}.py").write_text(CLEAN)
    return tree


def _run_with_terminal_stderr(*arguments: str | Path, columns: int = 0) -> tuple[int, str, bytes]:
    """Run a scan with stderr on a pseudo-terminal (`columns` wide; 0: a terminal that
    reports no size); return its exit code, stdout and what the terminal received."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "unguarded", "scan", *map(str, arguments)],
        stdout=subprocess.PIPE,
        stderr=secondary,
        env={**os.environ, "TERM": "xterm"},
    )
    os.close(secondary)
    terminal = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            terminal += chunk
        elif process.poll() is not None:
            break
    os.close(main)
    assert process.stdout is not None
    stdout = process.stdout.read().decode()
    return process.wait(timeout=30), stdout, terminal


def test_progress_bar_on_a_terminal(many_files: Path) -> None:
    code, stdout, terminal = _run_with_terminal_stderr("-j", "2", many_files)
    assert code == 0
    assert stdout == "0 findings (0 errors, 0 warnings) in 40 files\n"  # the report is intact
    frames = terminal.split(b"\r")
    assert b"scanning [" in terminal and b"] 40/40 files" in terminal, terminal
    assert terminal.endswith(b"\r\x1b[K"), "the bar is cleared at the end"
    assert b"\n" not in terminal, "one line, redrawn in place"
    assert len(frames) >= 2

    _, _, terminal = _run_with_terminal_stderr("-j", "2", many_files, columns=30)
    frames = [frame.replace(b"\x1b[K", b"") for frame in terminal.split(b"\r")]
    assert max(len(frame) for frame in frames) <= 29, frames  # never wraps to a new line
    assert b"40/40" in terminal

    code, _, terminal = _run_with_terminal_stderr("--no-progress", many_files)
    assert code == 0 and terminal == b""


def test_no_progress_on_a_pipe(many_files: Path) -> None:
    completed = run_cli("-j", "2", many_files)
    assert completed.returncode == 0
    assert completed.stderr == ""
    assert completed.stdout == "0 findings (0 errors, 0 warnings) in 40 files\n"


def test_scan_analyses_built_files_that_end_with_an_inline_source_map(tmp_path: Path) -> None:
    # babel/tsc output (verdaccio's build/): short lines, then one long base64 comment.
    source_map = "//# sourceMappingURL=data:application/json;base64," + "A" * 4000 + "\n"
    (tmp_path / "built.js").write_text(
        "const cp = require('child_process');\n"
        "exports.run = (req) => cp.exec('ls ' + req.query.dir);\n" + source_map
    )
    assert scan_module.skip_reason((tmp_path / "built.js").read_bytes(), 1 << 20) is None
    result = scan([tmp_path], AnalysisSettings())
    assert [f.rule_id for _, f in result.findings] == ["command-injection"]
