"""`scan --baseline REF`: keep only the findings that were not there at REF.

The files with findings now are read as they were at the base (`git cat-file`, following
renames) and analysed in this run with the same settings; a finding whose fingerprint
(fingerprints.py: rule, enclosing scopes, normalised sink text, occurrence) is among the
old version's is left out. The work tree is only read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from unguarded import git
from unguarded.analysis import AnalysisSettings
from unguarded.scan import BaselineSummary, Progress, ScanResult, analyse_all

if TYPE_CHECKING:
    from unguarded.scan_semgrep import SemgrepPass


def apply_baseline(
    result: ScanResult,
    root: Path,
    against: git.Base,
    settings: AnalysisSettings,
    jobs: int | None,
    file_timeout: float | None,
    progress: Progress | None = None,
    semgrep: SemgrepPass | None = None,
) -> list[str]:
    """Drop the findings present at the base from `result`; return warnings (files whose
    old version could not be analysed keep all their findings). With `semgrep`, the old
    versions get semgrep's findings too (a SemgrepError if it fails), so that a finding
    semgrep alone reports is new only if it is."""
    files = [file for file in result.files if file.findings]
    renames = git.renamed_from(root, against)
    old_paths: dict[str, str] = {}  # path at the base -> the scanned file's path
    for file in files:
        relative = _relative(root, file.path)
        if relative is not None:
            old_paths[renames.get(relative, relative)] = file.path
    contents = git.read_files(root, against, sorted(old_paths))
    tasks = [(old_paths[old], False, data) for old, data in contents.items() if data is not None]
    old_results = {
        old.path: old for old in analyse_all(tasks, settings, jobs, file_timeout, progress)
    }
    if semgrep is not None:
        from unguarded.scan_semgrep import merge_old_versions

        analysed = {
            old: (old_results[path], data)
            for old, path in old_paths.items()
            if (data := contents.get(old)) is not None
            and path in old_results
            and not old_results[path].error
            and not old_results[path].skipped
        }
        merge_old_versions(semgrep, analysed, settings)
    warnings: list[str] = []
    unchanged = 0
    for file in files:
        old = old_results.get(file.path)
        if old is None:
            continue  # new file (or outside the repository): every finding is new
        if old.error is not None or old.skipped is not None:
            reason = old.error or f"skipped: {old.skipped}"
            warnings.append(
                f"{file.path}: its version at {against.ref} was not analysed "
                f"({reason}); all its findings are reported"
            )
            continue
        before = set(old.fingerprints.values())
        kept = [f for f in file.findings if file.fingerprints.get(f) not in before]
        unchanged += len(file.findings) - len(kept)
        file.findings = kept
    result.baseline = BaselineSummary(against.ref, against.tree_ish, unchanged)
    return warnings


def _relative(root: Path, path: str) -> str | None:
    """The scanned file's path in the repository: the real file behind a symlink."""
    try:
        return Path(os.path.realpath(path)).relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
