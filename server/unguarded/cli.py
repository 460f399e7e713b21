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
    from unguarded.scan import ScanResult

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_FAIL_LEVELS = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank, "never": 99}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unguarded",
        description="Find sinks that untrusted data reaches with no control in between.",
    )
    parser.add_argument("--version", action="version", version=f"unguarded {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = commands.add_parser("scan", help="analyse files and folders")
    scan.add_argument("paths", nargs="+", type=Path, metavar="PATH")
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
    from unguarded.report import to_json, to_sarif, to_text
    from unguarded.scan import scan

    missing = [str(path) for path in arguments.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")
    unknown = [rule for rule in arguments.disable if rule not in CATALOG]
    if unknown:
        parser.error(f"unknown rule id: {', '.join(unknown)} (see `unguarded rules`)")
    if arguments.jobs is not None and arguments.jobs < 1:
        parser.error("--jobs must be at least 1")
    if arguments.config is not None and not arguments.config.is_file():
        parser.error(f"no such settings file: {arguments.config}")
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

    def run_scan() -> ScanResult:
        return scan(
            arguments.paths,
            settings,
            arguments.jobs,
            include=project.include,
            exclude=project.exclude,
            base=base,
        )

    result = run_scan()
    if arguments.list_suppressions:
        return _list_suppressions(result)
    if arguments.fix or arguments.diff:
        changed = _fix(result, settings, write=arguments.fix)
        if arguments.diff:
            return EXIT_FINDINGS if changed else EXIT_CLEAN
        if changed:
            result = run_scan()  # report what is left
    _warn_about_suppressions(result)
    if arguments.format == "json":
        report = to_json(result)
    elif arguments.format == "sarif":
        report = to_sarif(result)
    else:
        report = to_text(result, verbose=arguments.verbose)
    if arguments.output is not None:
        arguments.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    threshold = _FAIL_LEVELS[arguments.fail_on]
    failing = any(finding.severity.rank >= threshold for _, finding in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


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
