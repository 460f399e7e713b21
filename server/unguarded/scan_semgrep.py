"""`unguarded scan --semgrep`: one semgrep process over all the scanned files, run while
the tree-sitter engine analyses them, and its findings merged into the scan's (one
finding per sink both engines see, tagged with both)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from unguarded.analysis import AnalysisSettings
from unguarded.scan import FileResult, ScanResult, add_findings
from unguarded.semgrep import (
    SemgrepError,
    SemgrepRun,
    SemgrepUnavailable,
    check_configs,
    find_semgrep,
    merge_findings,
    run_semgrep,
)

# A whole-repository semgrep run is slow (a minute or more on a large codebase); the
# editor's `semgrep.timeout` setting is for one saved file.
DEFAULT_TIMEOUT_S = 600.0


def check_available(configs: Sequence[str], base: Path) -> list[str]:
    """The configs as absolute paths; SemgrepError (for the user) when semgrep is missing
    or a config is not a local file or folder."""
    program = find_semgrep()
    runnable = program is not None and (
        (os.path.isfile(program) and os.access(program, os.X_OK)) or shutil.which(program)
    )
    if not runnable:
        named = f" ({program})" if program else ""
        raise SemgrepUnavailable(
            f"semgrep is not installed{named}: pip install 'unguarded[semgrep]'"
        )
    return [str(path) for path in check_configs(configs, base)]


class SemgrepPass:
    """semgrep on a scan's files, in a thread beside the analysis."""

    def __init__(self, configs: Sequence[str], timeout: float) -> None:
        self._configs = tuple(configs)
        self._timeout = timeout
        self._thread: threading.Thread | None = None
        self._run: SemgrepRun | None = None
        self._error: SemgrepError | None = None
        self._targets: frozenset[str] = frozenset()

    def start(self, targets: list[str]) -> None:
        """Run semgrep on `targets` in the background (again, after `scan --fix`)."""
        self._targets = frozenset(targets)
        self._run, self._error = None, None
        self._thread = threading.Thread(
            target=self._work, args=(targets,), name="unguarded-semgrep", daemon=True
        )
        self._thread.start()

    def _work(self, targets: list[str]) -> None:
        try:
            self._run = self.run([Path(target) for target in targets])
        except SemgrepError as error:
            self._error = error

    def run(self, targets: Sequence[Path]) -> SemgrepRun:
        return run_semgrep(targets, configs=self._configs, timeout=self._timeout)

    def merge_into(self, result: ScanResult, settings: AnalysisSettings) -> None:
        """Wait for semgrep and merge its findings; a failure becomes an engine error."""
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            result.engine_errors.append(f"semgrep: {self._error.message}")
            return
        if self._run is None:
            return
        for file in result.files:
            if file.path in self._targets and not file.skipped:
                merge_file(file, self._run, settings)


def merge_file(
    file: FileResult,
    run: SemgrepRun,
    settings: AnalysisSettings,
    data: bytes | None = None,
    scanned: Path | None = None,
) -> None:
    """Merge semgrep's results for `scanned` (default: the file itself), whose content is
    `data` (default: read now)."""
    if data is None:
        try:
            data = Path(file.path).read_bytes()
        except OSError:
            return
    found = run.findings_for(scanned or Path(file.path), data, settings=settings)
    if not found:
        return
    merged = merge_findings(file.findings, found)
    known = set(file.findings)
    # Tagged engine findings compare equal to the originals: regions and fingerprints stay.
    file.findings = [finding for finding in merged if finding in known]
    add_findings(file, data, [finding for finding in merged if finding not in known])


def merge_old_versions(
    semgrep: SemgrepPass,
    old: dict[str, tuple[FileResult, bytes]],
    settings: AnalysisSettings,
) -> None:
    """semgrep on files' versions at a baseline (path in the repository -> the old
    version's result and bytes): written to a temporary folder under their repository
    paths (semgrep picks rules by suffix) and scanned in one run."""
    if not old:
        return
    with tempfile.TemporaryDirectory(prefix="unguarded-baseline-") as folder:
        root = Path(folder)
        places: dict[str, Path] = {}
        for relative, (_, data) in old.items():
            place = root / relative
            place.parent.mkdir(parents=True, exist_ok=True)
            place.write_bytes(data)
            places[relative] = place
        run = semgrep.run(list(places.values()))
        for relative, (result, data) in old.items():
            merge_file(result, run, settings, data=data, scanned=places[relative])
