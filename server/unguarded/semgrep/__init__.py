"""semgrep as a second engine: run it offline on files, turn its results into findings, and
merge them with the tree-sitter engine's. No LSP here: the server and the CLI both use it.

API (everything below is importable from `unguarded.semgrep`):

    find_semgrep() -> str | None
        $UNGUARDED_SEMGREP if set (tests, wrappers: the person starting unguarded chooses
        it, never a workspace), else `semgrep` beside sys.executable (the venv of the
        `unguarded[semgrep]` extra, also when it is not activated), else PATH.

    run_semgrep(targets: Sequence[Path], *, configs: Sequence[str] = (),
                timeout: float = 30.0, cancel: threading.Event | None = None,
                executable: str | None = None) -> SemgrepRun
        Blocking; call it from a worker thread. Always our shipped rules (those of the
        targets' languages, from unguarded.resources.rules_dir(), joined into one cached
        file because semgrep pays ~0.1 s per config file) plus `configs`, which must be
        local files or folders (relative ones from the working directory; `auto`, `p/...`,
        `r/...`, URLs raise SemgrepConfigError before anything starts). Always
        `scan --metrics=off --disable-version-check --json --quiet --no-rewrite-rule-ids`
        with SEMGREP_ENABLE_VERSION_CHECK=0; the process runs in its own process group,
        killed on `cancel.set()` or after `timeout` seconds.
        Errors (all SemgrepError, with `.message` for the user, `.details` for the log and
        `.kind`): SemgrepUnavailable, SemgrepTimeout, SemgrepCancelled, SemgrepFailed
        (signal, exit code other than 0/1, or output that is not semgrep's JSON;
        `.reason` is "exit" or "output"), SemgrepConfigError.

    SemgrepRun.findings_for(path: Path, data: bytes, *, settings: AnalysisSettings | None
                            = None, uri: str | None = None) -> list[Finding]
        The results for `path` as findings on `data` (the bytes semgrep read), from
        semgrep's byte offsets. Rule id: the rule's `unguarded-rule` metadata, else
        semgrep's check id; for a catalog rule the severity, message and missing control
        come from the catalog. `settings` drops disabled rules and applies severity
        overrides; `# unguarded: ignore[rule]` comments apply. Findings carry
        `engines=("semgrep",)` and `facts["semgrepRule"]` (and "cwe", "url" when known).
        Also: `.results`, `.errors` (non-fatal problems, for the log), `.scanned`,
        `.duration`, `.version`, `.results_for(path)`.

    merge_findings(engine: Sequence[Finding], semgrep: Sequence[Finding]) -> list[Finding]
        One finding per sink both engines report (same rule id, overlapping range or the
        same first line): the engine's, with engines=("unguarded", "semgrep").

    remap_findings(findings, old: bytes, new: bytes) -> list[Finding]
        Findings made on `old` moved onto `new` where the text around them is unchanged
        (common prefix/suffix); the others are dropped.

    check_configs(configs, base: Path | None = None) -> list[Path]
        The validation run_semgrep applies, for callers that want to report problems
        early (settings).
"""

from unguarded.semgrep.merge import merge_findings, remap_findings
from unguarded.semgrep.results import ENGINE, SemgrepResult, SemgrepRun
from unguarded.semgrep.runner import (
    EXECUTABLE_ENV,
    SemgrepCancelled,
    SemgrepConfigError,
    SemgrepError,
    SemgrepFailed,
    SemgrepTimeout,
    SemgrepUnavailable,
    check_configs,
    find_semgrep,
    run_semgrep,
)

__all__ = [
    "ENGINE",
    "EXECUTABLE_ENV",
    "SemgrepCancelled",
    "SemgrepConfigError",
    "SemgrepError",
    "SemgrepFailed",
    "SemgrepResult",
    "SemgrepRun",
    "SemgrepTimeout",
    "SemgrepUnavailable",
    "check_configs",
    "find_semgrep",
    "merge_findings",
    "remap_findings",
    "run_semgrep",
]
