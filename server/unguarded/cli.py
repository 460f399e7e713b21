"""Command line: `unguarded scan`, `unguarded serve`, `unguarded rules`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from unguarded import __version__
from unguarded.catalog import CATALOG, Severity

if TYPE_CHECKING:
    from unguarded.analysis import AnalysisSettings
    from unguarded.git import Base
    from unguarded.report.progress import ProgressBar
    from unguarded.scan import ScanResult
    from unguarded.scan_semgrep import SemgrepPass

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Per-file analysis time limit: scan.DEFAULT_FILE_TIMEOUT (not imported here: `unguarded
# rules` and `serve` should not load the scanner).
DEFAULT_FILE_TIMEOUT = 20.0
# For `--semgrep`: scan_semgrep.DEFAULT_TIMEOUT_S.
DEFAULT_SEMGREP_TIMEOUT = 600.0

_FAIL_LEVELS = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank, "never": 99}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unguarded",
        description="Find sinks that untrusted data reaches with no control in between.",
    )
    parser.add_argument("--version", action="version", version=f"unguarded {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = commands.add_parser("scan", help="analyse files and folders")
    scan.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files and folders (with --changed or --baseline, default: the current folder)",
    )
    scan.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    scan.add_argument(
        "--fail-on",
        choices=tuple(_FAIL_LEVELS),
        default="error",
        help="exit 1 when a finding at or above this severity is reported (default: error)",
    )
    scan.add_argument(
        "--jobs", "-j", type=int, default=None, help="processes to use (default: one per CPU)"
    )
    scan.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help="write the report to this file instead of stdout",
    )
    scan.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="do not report this rule (repeatable)",
    )
    scan.add_argument("--verbose", "-v", action="store_true", help="list skipped files")
    git_options = scan.add_argument_group("git (CI and pre-commit)")
    git_options.add_argument(
        "--changed",
        nargs="?",
        const="HEAD",
        default=None,
        metavar="REF",
        help="analyse only the files changed since REF (default HEAD): committed since its "
        "merge base with HEAD, staged, unstaged and untracked",
    )
    git_options.add_argument(
        "--baseline",
        default=None,
        metavar="REF",
        help="report only findings that were not there at REF (its merge base with HEAD), "
        "matched by fingerprint, so moved code is not new",
    )
    scan.add_argument(
        "--file-timeout",
        type=float,
        default=DEFAULT_FILE_TIMEOUT,
        metavar="SECONDS",
        help="stop analysing a file after this long and report it as an error "
        f"(default {DEFAULT_FILE_TIMEOUT:g}; 0: no limit)",
    )
    semgrep = scan.add_argument_group("semgrep")
    semgrep.add_argument(
        "--semgrep",
        action="store_true",
        help="also run semgrep (unguarded's rules plus semgrep.configs from the settings "
        "file and --semgrep-config) in one process over the same files, and merge its "
        "findings; exit 2 if semgrep is missing or fails",
    )
    semgrep.add_argument(
        "--semgrep-config",
        action="append",
        default=[],
        metavar="PATH",
        help="another local semgrep rule file or folder (repeatable; no registry or URL)",
    )
    semgrep.add_argument(
        "--semgrep-timeout",
        type=float,
        default=DEFAULT_SEMGREP_TIMEOUT,
        metavar="SECONDS",
        help=f"stop semgrep after this long (default {DEFAULT_SEMGREP_TIMEOUT:g})",
    )
    scan.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar on a terminal (there is none when stderr is not a terminal)",
    )
    changes = scan.add_mutually_exclusive_group()
    changes.add_argument(
        "--fix",
        action="store_true",
        help="apply every verified safe fix to the files, then report what is left",
    )
    changes.add_argument(
        "--diff",
        action="store_true",
        help="print the verified safe fixes as a unified diff without changing any file "
        "(exit 1 when there is one)",
    )
    scan.add_argument(
        "--list-suppressions",
        action="store_true",
        help="list the `unguarded: ignore[...]` comments and the problems with them",
    )
    scan.add_argument(
        "--config",
        type=Path,
        default=None,
        help="settings file (default: the nearest .unguarded.toml or pyproject.toml "
        "with [tool.unguarded])",
    )

    serve = commands.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument(
        "--tcp", metavar="HOST:PORT", default=None, help="listen on a TCP socket instead of stdio"
    )
    serve.add_argument("--stdio", action="store_true", help="use stdio (the default)")
    serve.add_argument("--log-file", type=Path, default=None, help="also log to this file")

    rules = commands.add_parser("rules", help="list the rule catalog")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "scan":
        return _scan(parser, arguments)
    if arguments.command == "serve":
        return _serve(parser, arguments)
    return _rules(arguments)


def _scan(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    from dataclasses import replace

    from unguarded.config_files import find_config, load_config, settings_for
    from unguarded.git import GitError
    from unguarded.report.progress import ProgressBar, wanted
    from unguarded.scan import scan
    from unguarded.semgrep import SemgrepError

    given = bool(arguments.paths)
    if not given:
        if arguments.changed is None and arguments.baseline is None:
            parser.error("the following arguments are required: PATH")
        arguments.paths = [Path(".")]
    missing = [str(path) for path in arguments.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")
    unknown = [rule for rule in arguments.disable if rule not in CATALOG]
    if unknown:
        parser.error(f"unknown rule id: {', '.join(unknown)} (see `unguarded rules`)")
    if arguments.jobs is not None and arguments.jobs < 1:
        parser.error("--jobs must be at least 1")
    if arguments.file_timeout < 0:
        parser.error("--file-timeout must be 0 (no limit) or more")
    if arguments.config is not None and not arguments.config.is_file():
        parser.error(f"no such settings file: {arguments.config}")
    if arguments.semgrep_timeout <= 0:
        parser.error("--semgrep-timeout must be more than 0")
    if arguments.semgrep_config and not arguments.semgrep:
        parser.error("--semgrep-config needs --semgrep")
    try:
        git = _GitScope.of(arguments, given)
    except GitError as error:
        return _fail(str(error))
    config_path = arguments.config or find_config(arguments.paths[0].resolve())
    config = load_config(config_path) if config_path is not None else None
    if config is not None:
        for problem in config.problems:
            sys.stderr.write(f"{config.path}:{problem.line + 1}: warning: {problem.message}\n")
    project, _ = settings_for(config)
    analysis = project.analysis
    settings = replace(
        analysis, disabled_rules=analysis.disabled_rules | frozenset(arguments.disable)
    )
    base = config.path.parent if config is not None else Path.cwd()
    timeout = arguments.file_timeout or None
    bar = ProgressBar() if wanted(sys.stderr) and not arguments.no_progress else None
    semgrep = None
    if arguments.semgrep:
        try:
            semgrep = _semgrep_pass(project.semgrep.configs, base, arguments)
        except SemgrepError as error:
            return _fail(f"--semgrep: {error.message}")

    def run_scan() -> ScanResult:
        try:
            return scan(
                arguments.paths,
                settings,
                arguments.jobs,
                include=project.include,
                exclude=project.exclude,
                base=base,
                only=git.changed if git is not None else None,
                file_timeout=timeout,
                progress=(lambda done, total: bar.update("scanning", done, total))
                if bar is not None
                else None,
                started=semgrep.start if semgrep is not None else None,
            )
        finally:
            if bar is not None:
                bar.close()

    def run_both() -> ScanResult:
        result = run_scan()
        if semgrep is not None:
            if bar is not None:
                bar.message("waiting for semgrep...")
            try:
                semgrep.merge_into(result, settings)
            finally:
                if bar is not None:
                    bar.close()
        return result

    result = run_both()
    if arguments.list_suppressions:
        return _list_suppressions(result)
    if arguments.fix or arguments.diff:
        changed = _fix(result, settings, write=arguments.fix)
        if arguments.diff:
            return EXIT_FINDINGS if changed else EXIT_CLEAN
        if changed:
            result = run_both()  # report what is left
    if git is not None and git.baseline is not None and not result.engine_errors:
        try:
            _apply_baseline(result, git, settings, arguments, timeout, bar, semgrep)
        except GitError as error:
            return _fail(str(error))
        except SemgrepError as error:
            result.engine_errors.append(f"semgrep (on the baseline): {error.message}")
    _warn_about_suppressions(result)
    _write_report(result, arguments, git.root if git is not None else None)
    for engine_error in result.engine_errors:
        sys.stderr.write(f"unguarded: error: {engine_error}\n")
    if result.engine_errors:
        # The report has the tree-sitter findings, but the scan asked for is incomplete.
        return EXIT_USAGE
    threshold = _FAIL_LEVELS[arguments.fail_on]
    failing = any(finding.severity.rank >= threshold for _, finding in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _semgrep_pass(
    configs: tuple[str, ...], base: Path, arguments: argparse.Namespace
) -> SemgrepPass:
    """semgrep ready to run, or SemgrepError now (missing, a bad config), before anything
    is analysed. Configs from the settings file are relative to it; --semgrep-config ones
    to the current folder."""
    from unguarded.scan_semgrep import SemgrepPass, check_available

    checked = check_available(configs, base) + check_available(arguments.semgrep_config, Path.cwd())
    return SemgrepPass(checked, arguments.semgrep_timeout)


def _fail(message: str) -> int:
    sys.stderr.write(f"unguarded: error: {message}\n")
    return EXIT_USAGE


class _GitScope:
    """The repository a `--changed` / `--baseline` scan compares with, and what it found."""

    def __init__(self, root: Path, changed: frozenset[Path] | None, baseline: Base | None):
        self.root = root
        self.changed = changed
        self.baseline = baseline

    @classmethod
    def of(cls, arguments: argparse.Namespace, paths_given: bool) -> _GitScope | None:
        from unguarded import git

        if arguments.changed is None and arguments.baseline is None:
            return None
        changed_ref = arguments.changed
        # `--changed src/` reads `src/` as the optional REF; like `git diff X`, a value that
        # is no commit but an existing path is a path (and REF is HEAD).
        maybe_path = changed_ref is not None and Path(changed_ref).exists()
        probe = Path(changed_ref) if maybe_path and not paths_given else arguments.paths[0]
        root = git.toplevel(probe)
        if maybe_path and not git.is_commit(root, changed_ref):
            arguments.paths = [Path(changed_ref), *(arguments.paths if paths_given else [])]
            changed_ref = "HEAD"
        changed = None
        if changed_ref is not None:
            changed = git.changed_files(root, git.base(root, changed_ref))
        baseline = git.base(root, arguments.baseline) if arguments.baseline else None
        return cls(root, changed, baseline)


def _apply_baseline(
    result: ScanResult,
    git: _GitScope,
    settings: AnalysisSettings,
    arguments: argparse.Namespace,
    timeout: float | None,
    bar: ProgressBar | None,
    semgrep: SemgrepPass | None,
) -> None:
    from unguarded.baseline import apply_baseline

    assert git.baseline is not None
    label = f"baseline {git.baseline.ref}"
    try:
        warnings = apply_baseline(
            result,
            git.root,
            git.baseline,
            settings,
            arguments.jobs,
            timeout,
            (lambda done, total: bar.update(label, done, total)) if bar is not None else None,
            semgrep,
        )
    finally:
        if bar is not None:
            bar.close()
    for warning in warnings:
        sys.stderr.write(f"{warning}\n")


def _write_report(result: ScanResult, arguments: argparse.Namespace, root: Path | None) -> None:
    from unguarded.report import to_json, to_sarif, to_text

    if arguments.format == "json":
        report = to_json(result)
    elif arguments.format == "sarif":
        report = to_sarif(
            result,
            source_root=root or _source_root(arguments.paths[0]),
            fix_time_limit=arguments.file_timeout or None,
        )
    else:
        report = to_text(result, verbose=arguments.verbose)
    if arguments.output is not None:
        arguments.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)


def _source_root(path: Path) -> Path:
    """Where SARIF paths are relative to: the repository's root (GitHub resolves them
    against its checkout), or the current folder outside a repository."""
    from unguarded import git

    try:
        return git.toplevel(path)
    except git.GitError:
        return Path.cwd()


def _files(result: ScanResult, with_findings: bool) -> Iterator[tuple[str, bytes]]:
    for file in result.files:
        if file.skipped or file.error or (with_findings and not file.findings):
            continue
        try:
            yield file.path, Path(file.path).read_bytes()
        except OSError:
            continue


def _fix(result: ScanResult, settings: AnalysisSettings, write: bool) -> int:
    """Apply (or, without `write`, print as a diff) every verified preferred fix in the
    files with findings. Returns the number of files that change."""
    from unguarded.fixes.batch import fix_file

    changed = 0
    for path, data in _files(result, with_findings=True):
        fixed = fix_file(path, data, settings)
        if fixed is None or not fixed.changed:
            continue
        changed += 1
        if write:
            Path(path).write_bytes(fixed.after)
            count = len(fixed.applied)
            sys.stderr.write(f"{path}: applied {count} fix{'es' if count != 1 else ''}\n")
        else:
            sys.stdout.write(fixed.diff)
    return changed


def _list_suppressions(result: ScanResult) -> int:
    from unguarded.fixes.batch import suppression_lines

    for path, data in _files(result, with_findings=False):
        for line in suppression_lines(path, data):
            sys.stdout.write(line + "\n")
    return EXIT_CLEAN


def _warn_about_suppressions(result: ScanResult) -> None:
    """Suppressions without a reason, for unknown rules, or malformed: warnings on stderr."""
    for path, data in _files(result, with_findings=False):
        if b"unguarded" not in data:
            continue
        from unguarded.fixes.batch import suppression_lines

        for line in suppression_lines(path, data):
            if ": warning [" in line:
                sys.stderr.write(line + "\n")


def _serve(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    from unguarded.lsp.server import run_server

    host = port = None
    if arguments.tcp is not None:
        host, _, port_text = arguments.tcp.rpartition(":")
        if not host or not port_text.isdigit():
            parser.error("--tcp expects HOST:PORT, for example 127.0.0.1:2087")
        port = int(port_text)
    run_server(host=host, port=port, log_file=arguments.log_file)
    return EXIT_CLEAN


def _rules(arguments: argparse.Namespace) -> int:
    rules = list(CATALOG.values())
    if arguments.format == "json":
        payload = [
            {
                "id": rule.id,
                "title": rule.title,
                "cwe": f"CWE-{rule.cwe}",
                "languages": list(rule.languages),
                "severity": rule.severity.value,
                "missingControl": rule.missing_control,
                "docs": rule.docs_url,
            }
            for rule in rules
        ]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return EXIT_CLEAN
    if arguments.format == "markdown":
        sys.stdout.write(rules_markdown())
        return EXIT_CLEAN
    width = max(len(rule.id) for rule in rules)
    for rule in rules:
        sys.stdout.write(
            f"{rule.id:<{width}}  CWE-{rule.cwe:<4} {rule.severity.value:<7} "
            f"{'/'.join(rule.languages):<29} {rule.title}\n"
            f"{'':<{width}}  {rule.docs_url}\n"
        )
    return EXIT_CLEAN


def rules_markdown() -> str:
    """The rule table of the README, made from the catalog so the two cannot drift."""
    lines = [
        "| rule | CWE | languages | reports | missing control |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in CATALOG.values():
        kind = "data flow" if rule.dataflow else "pattern"
        languages = ", ".join(rule.languages)
        lines.append(
            f"| [`{rule.id}`](docs/rules/{rule.id}.md) | [{rule.cwe}]({rule.cwe_url}) | "
            f"{languages} | {rule.title} ({kind}) | {rule.missing_control} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
