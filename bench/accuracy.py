"""Measured accuracy: unguarded, bandit and semgrep (our rules/) on the labelled corpus.

    python bench/accuracy.py                   # every tool, one table side by side
    python bench/accuracy.py --tool unguarded  # only the engine (fast, in-process)
    python bench/accuracy.py --failures        # also list the engine's misses and false alarms
    python bench/accuracy.py --json            # machine-readable results on stdout
    python bench/accuracy.py --markdown        # write docs/accuracy.md
    python bench/accuracy.py --update-baseline # record the engine's figures as the new floor

The corpus (`bench/corpus/`) labels sinks in the files themselves, like `tests/fixtures/`:
a `ruleid: <rule>` or `ok: <rule>` comment on the line before the sink. Every tool's
findings are mapped to a rule through its CWE, then matched to the annotated cases:

- a finding of the case's rule on the sink (the statement that starts on the line after the
  annotation, to its last line) counts for that case;
- a `ruleid` case with at least one such finding is a true positive, without one a false
  negative; an `ok` case with one is a false positive;
- a finding of one of the file's rules on a line that belongs to no case is a false positive
  (once per line). Findings of rules the file has no annotation for are not scored.

Each tool is scored only on the languages it analyses (bandit: Python).

Adding a tool, for example unguarded with its semgrep rules merged in: write a function that
returns a `ToolRun` (see `run_unguarded` and `merge_runs`) and register it in `TOOLS`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tree_sitter

from unguarded.analysis import analyze
from unguarded.catalog import CATALOG
from unguarded.documents import Document, language_for_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
BASELINE = ROOT / "bench" / "accuracy_baseline.json"
MARKDOWN = ROOT / "docs" / "accuracy.md"
SEMGREP_RULES = ROOT / "rules"

RULE_CWE: dict[str, int] = {rule.id: rule.cwe for rule in CATALOG.values()}
CWE_RULE: dict[int, str] = {cwe: rule for rule, cwe in RULE_CWE.items()}
# Weaknesses reported under a more specific CWE that belong to one of our rules.
CWE_ALIASES: dict[int, int] = {80: 79}  # CWE-80 basic XSS -> CWE-79
FAMILIES = ("python", "javascript")
FAMILY_TITLES = {"python": "Python", "javascript": "JavaScript / TypeScript"}
# The issue's goal for the engine on this corpus: precision and recall per rule.
GOAL = 0.95

# Bandit tests whose `issue_cwe` does not name the weakness they look for. B310 audits
# urllib.request.urlopen() on URLs that are not constants (bandit files it under CWE-22
# because of file:// URLs): it is bandit's only check of outgoing requests, so it is scored
# as SSRF. B701 flags Jinja2 environments without autoescaping (filed under CWE-94): XSS.
BANDIT_CWE_OVERRIDES: dict[str, int] = {"B310": 918, "B701": 79}

_ANNOTATION = re.compile(
    r"^\s*(?:#|//|/\*|\{/\*)\s*(ruleid|ok):\s*([\w, -]+?)\s*(?:\*/\s*\}?)?\s*$"
)
_COMMENT = re.compile(r"^\s*(?:#|//|\{?/\*)\s?(.*?)\s*(?:\*/\s*\}?)?$")

# Statements with a body: a case's span stops at their header.
_COMPOUND = {
    "block",
    "statement_block",
    "class_body",
    "with_statement",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "if_statement",
    "try_statement",
    "function_definition",
    "decorated_definition",
    "class_definition",
    "function_declaration",
    "class_declaration",
    "method_definition",
}


# ---------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Case:
    """One annotated sink."""

    path: str  # relative to the corpus, POSIX separators
    line: int  # 1-based sink line
    end_line: int  # last line of the sink statement
    rule: str
    vulnerable: bool  # ruleid (True) or ok (False)
    scope: str  # enclosing function / route / test, for stable keys
    note: str  # the comment above the annotation
    key: str = ""

    @property
    def label(self) -> str:
        return "ruleid" if self.vulnerable else "ok"


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    rel: str
    family: str  # "python" or "javascript" (TypeScript and TSX included)
    language: str
    rules: frozenset[str]
    cases: tuple[Case, ...]
    tree: tree_sitter.Tree
    parse_errors: tuple[int, ...]  # 1-based lines with ERROR or missing nodes


@dataclass(frozen=True)
class Corpus:
    root: Path
    files: tuple[CorpusFile, ...]

    @property
    def cases(self) -> list[Case]:
        return [case for f in self.files for case in f.cases]

    def file(self, rel: str) -> CorpusFile | None:
        for f in self.files:
            if f.rel == rel:
                return f
        return None


class CorpusError(Exception):
    pass


def load_corpus(root: Path = CORPUS) -> Corpus:
    files = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        language = language_for_path(path)
        if language is None:
            continue
        files.append(_load_file(root, path, language.name, language.family))
    return Corpus(root, tuple(files))


def _load_file(root: Path, path: Path, language: str, family: str) -> CorpusFile:
    rel = path.relative_to(root).as_posix()
    data = path.read_bytes()
    lang = language_for_path(path)
    assert lang is not None
    tree = Document(path.as_uri(), lang, data).tree
    lines = data.decode("utf-8").splitlines()
    raw: list[tuple[int, str, bool, str]] = []  # (sink line, rule, vulnerable, note)
    for number, text in enumerate(lines, start=1):
        match = _ANNOTATION.match(text)
        if not match:
            continue
        target = number + 1
        while target <= len(lines) and _ANNOTATION.match(lines[target - 1]):
            target += 1
        if target > len(lines) or not lines[target - 1].strip():
            raise CorpusError(f"{rel}:{number}: annotation without a sink line after it")
        note = ""
        for first_row in _scope_starts(tree.root_node, target - 1, lines):
            note = _note_above(lines, number, first_row)
            if note:
                break
        for rule in (r.strip() for r in match.group(2).split(",")):
            if rule not in CATALOG:
                raise CorpusError(f"{rel}:{number}: unknown rule id {rule!r}")
            raw.append((target, rule, match.group(1) == "ruleid", note))
    cases = []
    seen: Counter[str] = Counter()
    for line, rule, vulnerable, note in raw:
        scope = _scope_name(tree.root_node, line - 1, lines)
        base = f"{rel}::{scope}"
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base}#{seen[base]}"
        end = _sink_end_line(tree.root_node, line - 1) + 1
        cases.append(Case(rel, line, end, rule, vulnerable, scope, note, key))
    return CorpusFile(
        path=path,
        rel=rel,
        family=family,
        language=language,
        rules=frozenset(c.rule for c in cases),
        cases=tuple(cases),
        tree=tree,
        parse_errors=tuple(sorted(_error_lines(tree.root_node))),
    )


def _note_above(lines: Sequence[str], annotation_line: int, first_row: int) -> str:
    """The nearest comment block above an annotation (1-based), not above row `first_row`."""
    notes: list[str] = []
    index = annotation_line - 2
    while index >= max(first_row, 0):
        text = lines[index]
        comment = None if _ANNOTATION.match(text) else _COMMENT.match(text)
        if comment and text.strip():
            notes.append(comment.group(1))
        elif notes:
            break
        index -= 1
    return " ".join(reversed(notes)).strip()


def _scope_starts(root: tree_sitter.Node, row: int, lines: Sequence[str]) -> list[int]:
    """First rows of the functions, methods, classes and routes around `row`, innermost first."""
    text = lines[row]
    column = len(text.encode("utf-8")) - len(text.lstrip().encode("utf-8"))
    node: tree_sitter.Node | None = root.descendant_for_point_range((row, column), (row, column))
    starts = []
    while node is not None:
        if _scope_part(node):
            starts.append(node.start_point.row)
        node = node.parent
    return [*starts, 0]


def _error_lines(node: tree_sitter.Node) -> set[int]:
    found: set[int] = set()
    if node.type == "ERROR" or node.is_missing:
        found.add(node.start_point.row + 1)
    if node.has_error:
        for child in node.children:
            found |= _error_lines(child)
    return found


def _nodes_starting_on(node: tree_sitter.Node, row: int) -> Iterable[tree_sitter.Node]:
    if node.start_point.row > row or node.end_point.row < row:
        return
    if node.start_point.row == row:
        yield node
    for child in node.children:
        yield from _nodes_starting_on(child, row)


def _sink_end_line(root: tree_sitter.Node, row: int) -> int:
    """Last row of the sink statement that starts on `row` (compound statements: header)."""
    end = row
    for node in _nodes_starting_on(root, row):
        if node.type in _COMPOUND or node.parent is None:
            continue
        end = max(end, node.end_point.row)
    return end


def _scope_name(root: tree_sitter.Node, row: int, lines: Sequence[str]) -> str:
    text = lines[row]
    column = len(text.encode("utf-8")) - len(text.lstrip().encode("utf-8"))
    node: tree_sitter.Node | None = root.descendant_for_point_range((row, column), (row, column))
    names: list[str] = []
    while node is not None:
        name = _scope_part(node)
        if name:
            names.append(name)
        node = node.parent
    return ".".join(reversed(names)) or "<module>"


def _text(node: tree_sitter.Node | None) -> str:
    return node.text.decode("utf-8") if node is not None and node.text is not None else ""


def _scope_part(node: tree_sitter.Node) -> str:
    kind = node.type
    if kind in {
        "function_definition",
        "class_definition",
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "method_definition",
    }:
        return _text(node.child_by_field_name("name"))
    if kind == "variable_declarator":
        value = node.child_by_field_name("value")
        if value is not None and value.type in {"arrow_function", "function_expression"}:
            return _text(node.child_by_field_name("name"))
    if kind == "call_expression":
        # app.get("/route", handler), test("name", fn), addEventListener("message", fn)
        arguments = node.child_by_field_name("arguments")
        callee = node.child_by_field_name("function")
        if arguments is None or callee is None or arguments.named_child_count < 2:
            return ""
        first = arguments.named_children[0]
        if first.type != "string" or not any(
            a.type in {"arrow_function", "function_expression"} for a in arguments.named_children
        ):
            return ""
        method = (
            callee.child_by_field_name("property") if callee.type == "member_expression" else callee
        )
        return f"{_text(method)}({_text(first)})"
    return ""


# ---------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class ToolFinding:
    path: str  # relative to the corpus
    line: int  # 1-based
    end_line: int
    rule: str
    detail: str  # the tool's own rule or test id
    message: str = ""


@dataclass
class ToolRun:
    name: str
    title: str
    families: frozenset[str]
    version: str = ""
    findings: list[ToolFinding] = field(default_factory=list)
    # Findings that map to none of our rules (e.g. bandit's assert_used), by the tool's id.
    unmapped: Counter[str] = field(default_factory=Counter)
    error: str = ""
    # Problems that did not stop the run (e.g. the engine failing on one file).
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def available(self) -> bool:
        return not self.error


def run_unguarded(corpus: Corpus) -> ToolRun:
    """The tree-sitter engine alone, in-process, default settings."""
    from unguarded import __version__

    run = ToolRun("unguarded", "unguarded", frozenset(FAMILIES), version=__version__)
    started = time.perf_counter()
    for f in corpus.files:
        lang = language_for_path(f.path)
        assert lang is not None
        document = Document(f.path.as_uri(), lang, f.path.read_bytes())
        try:
            findings = analyze(document)
        except Exception as error:  # an engine crash scores the file's sinks as missed
            run.warnings.append(f"{f.rel}: engine error: {type(error).__name__}: {error}")
            continue
        for finding in findings:
            run.findings.append(
                ToolFinding(
                    path=f.rel,
                    line=finding.span.start[0] + 1,
                    end_line=finding.span.end[0] + 1,
                    rule=finding.rule_id,
                    detail=f"{finding.rule_id}/{finding.severity.value}",
                    message=finding.message,
                )
            )
    run.seconds = time.perf_counter() - started
    return run


def _executable(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def _version(command: list[str], env: dict[str, str] | None = None) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0].strip() if first else ""


def bandit_cwe(test_id: str, issue_cwe: int | None) -> int | None:
    cwe = BANDIT_CWE_OVERRIDES.get(test_id, issue_cwe)
    if cwe is None:
        return None
    return CWE_ALIASES.get(cwe, cwe)


def run_bandit(corpus: Corpus) -> ToolRun:
    """bandit -r -f json over the Python part of the corpus; findings mapped by CWE."""
    run = ToolRun("bandit", "bandit", frozenset({"python"}))
    exe = _executable("bandit")
    if exe is None:
        run.error = "bandit is not installed (pip install bandit)"
        return run
    run.version = _version([exe, "--version"]).replace("bandit ", "")
    targets = sorted({str(f.path.parent) for f in corpus.files if f.family == "python"})
    started = time.perf_counter()
    proc = subprocess.run(
        [exe, "-r", "-f", "json", "-q", *targets], capture_output=True, text=True, check=False
    )
    run.seconds = time.perf_counter() - started
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        run.error = f"bandit failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}"
        return run
    for result in report.get("results", []):
        test_id = str(result.get("test_id", ""))
        detail = f"{test_id} {result.get('test_name', '')}".strip()
        cwe = bandit_cwe(test_id, (result.get("issue_cwe") or {}).get("id"))
        rule = CWE_RULE.get(cwe) if cwe is not None else None
        if rule is None:
            run.unmapped[detail] += 1
            continue
        line = int(result["line_number"])
        line_range = [int(n) for n in result.get("line_range") or [line]]
        run.findings.append(
            ToolFinding(
                path=_corpus_relative(corpus, result["filename"]),
                line=line,
                end_line=max([line, *line_range]),
                rule=rule,
                detail=detail,
                message=str(result.get("issue_text", "")),
            )
        )
    return run


def semgrep_rule(metadata: dict[str, Any]) -> str | None:
    """Our rule for a semgrep result: `metadata.unguarded-rule`, else its CWE."""
    declared = metadata.get("unguarded-rule")
    if isinstance(declared, str) and declared in CATALOG:
        return declared
    cwes = metadata.get("cwe") or []
    if isinstance(cwes, str):
        cwes = [cwes]
    for text in cwes:
        match = re.search(r"CWE-(\d+)", str(text))
        if match:
            cwe = int(match.group(1))
            rule = CWE_RULE.get(CWE_ALIASES.get(cwe, cwe))
            if rule:
                return rule
    return None


def run_semgrep(corpus: Corpus) -> ToolRun:
    """semgrep with the rules in rules/ (never the registry), offline."""
    run = ToolRun("semgrep", "semgrep (rules/)", frozenset(FAMILIES))
    exe = _executable("semgrep")
    if exe is None:
        run.error = "semgrep is not installed (pip install semgrep)"
        return run
    env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
    run.version = _version([exe, "--version", "--disable-version-check"], env)
    command = [
        exe,
        "scan",
        "--config",
        str(SEMGREP_RULES),
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-git-ignore",
        "--quiet",
        str(corpus.root),
    ]
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    run.seconds = time.perf_counter() - started
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        run.error = f"semgrep failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}"
        return run
    for error in report.get("errors", []):
        if str(error.get("level", "")).lower() == "error":
            run.error = f"semgrep reported an error: {str(error.get('message', ''))[:300]}"
            return run
    for result in report.get("results", []):
        extra = result.get("extra", {})
        check_id = str(result.get("check_id", "")).rsplit(".", 1)[-1]
        rule = semgrep_rule(extra.get("metadata") or {})
        if rule is None:
            run.unmapped[check_id] += 1
            continue
        run.findings.append(
            ToolFinding(
                path=_corpus_relative(corpus, result["path"]),
                line=int(result["start"]["line"]),
                end_line=int(result["end"]["line"]),
                rule=rule,
                detail=check_id,
                message=str(extra.get("message", "")),
            )
        )
    return run


def merge_runs(name: str, title: str, runs: Sequence[ToolRun]) -> ToolRun:
    """Union of several tools' findings, e.g. the engine plus its semgrep rules."""
    merged = ToolRun(name, title, frozenset().union(*(r.families for r in runs)))
    merged.version = " + ".join(f"{r.name} {r.version}".strip() for r in runs)
    merged.error = "; ".join(r.error for r in runs if r.error)
    merged.warnings = [w for r in runs for w in r.warnings]
    for r in runs:
        merged.findings.extend(r.findings)
        merged.unmapped.update(r.unmapped)
        merged.seconds += r.seconds
    return merged


def _corpus_relative(corpus: Corpus, reported: str) -> str:
    path = Path(reported)
    if not path.is_absolute():
        path = ROOT / path
    try:
        return path.resolve().relative_to(corpus.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# Tool name -> runner. A later step adds "unguarded+semgrep" (the engine with its semgrep
# rules merged in): register a runner here and it shows up in every table.
TOOLS: dict[str, Callable[[Corpus], ToolRun]] = {
    "unguarded": run_unguarded,
    "bandit": run_bandit,
    "semgrep": run_semgrep,
}


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _floor(value: float | None) -> float | None:
    """Rounded down to 4 places, so that a floor recorded today holds today."""
    return None if value is None else math.floor(value * 10_000) / 10_000


@dataclass(frozen=True)
class Outcome:
    """A case or an unannotated line with the tool's verdict."""

    kind: str  # "TP", "FN", "FP", "TN"
    path: str
    line: int
    rule: str
    family: str
    key: str
    label: str  # "ruleid", "ok" or "none" (unannotated line)
    note: str
    details: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()


@dataclass
class Score:
    tool: ToolRun
    outcomes: list[Outcome]

    def counts(self, rule: str | None = None, family: str | None = None) -> Counts:
        tally: Counter[str] = Counter(
            o.kind
            for o in self.outcomes
            if (rule is None or o.rule == rule) and (family is None or o.family == family)
        )
        return Counts(tally["TP"], tally["FP"], tally["FN"])

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind in {"FN", "FP"}]


def score(corpus: Corpus, run: ToolRun) -> Score:
    outcomes: list[Outcome] = []
    by_file: dict[tuple[str, str], list[ToolFinding]] = defaultdict(list)
    for finding in run.findings:
        by_file[(finding.path, finding.rule)].append(finding)
    for f in corpus.files:
        if f.family not in run.families:
            continue
        for rule in sorted(f.rules):
            cases = [c for c in f.cases if c.rule == rule]
            hits: dict[Case, list[ToolFinding]] = defaultdict(list)
            stray: dict[int, list[ToolFinding]] = defaultdict(list)
            for finding in by_file.get((f.rel, rule), []):
                case = _case_for(cases, finding)
                if case is None:
                    stray[finding.line].append(finding)
                else:
                    hits[case].append(finding)
            for case in cases:
                found = hits.get(case, [])
                kind = {(True, True): "TP", (True, False): "FN", (False, True): "FP"}.get(
                    (case.vulnerable, bool(found)), "TN"
                )
                outcomes.append(
                    Outcome(
                        kind,
                        f.rel,
                        case.line,
                        rule,
                        f.family,
                        case.key,
                        case.label,
                        case.note,
                        tuple(sorted({x.detail for x in found})),
                        tuple(sorted({x.message for x in found})),
                    )
                )
            for line, found in sorted(stray.items()):
                scope = _scope_name(
                    f.tree.root_node, line - 1, f.path.read_text("utf-8").splitlines()
                )
                outcomes.append(
                    Outcome(
                        "FP",
                        f.rel,
                        line,
                        rule,
                        f.family,
                        f"{f.rel}::{scope}::unannotated",
                        "none",
                        "(no annotation: not a sink of this rule)",
                        tuple(sorted({x.detail for x in found})),
                        tuple(sorted({x.message for x in found})),
                    )
                )
    return Score(run, outcomes)


def _case_for(cases: Sequence[Case], finding: ToolFinding) -> Case | None:
    """The case whose sink statement the finding overlaps (the innermost one)."""
    overlapping = [c for c in cases if c.line <= finding.end_line and finding.line <= c.end_line]
    if not overlapping:
        return None
    before = [c for c in overlapping if c.line <= finding.line]
    if before:
        return max(before, key=lambda c: c.line)
    return min(overlapping, key=lambda c: c.line)


# ---------------------------------------------------------------------------- report


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _rule_title(rule: str) -> str:
    return f"{rule} (CWE-{RULE_CWE[rule]})"


def _rows(
    corpus: Corpus, scores: Sequence[Score], family: str | None
) -> list[tuple[str, list[Counts | None]]]:
    rows: list[tuple[str, list[Counts | None]]] = []
    present = {c.rule for f in corpus.files if family in (None, f.family) for c in f.cases}
    for rule in RULE_CWE:
        if rule not in present:
            continue
        row: list[Counts | None] = []
        for s in scores:
            covered = s.tool.available and (family is None or family in s.tool.families)
            row.append(s.counts(rule, family) if covered else None)
        rows.append((_rule_title(rule), row))
    total: list[Counts | None] = []
    for s in scores:
        covered = s.tool.available and (family is None or family in s.tool.families)
        total.append(s.counts(None, family) if covered else None)
    rows.append(("all rules", total))
    return rows


def _tool_heading(run: ToolRun, family: str | None) -> str:
    scope = ""
    if family is None and run.families != frozenset(FAMILIES):
        scope = " (" + ", ".join(sorted(run.families)) + " only)"
    return run.title + scope


def text_table(corpus: Corpus, scores: Sequence[Score], family: str | None = None) -> str:
    rows = _rows(corpus, scores, family)
    width = max(len(name) for name, _ in rows)
    cell = "{:>4} {:>4} {:>4} {:>5} {:>5} {:>5}"
    span = len(cell.format("", "", "", "", "", ""))
    head1 = " " * width
    head2 = "rule".ljust(width)
    for s in scores:
        title = _tool_heading(s.tool, family)
        head1 += " | " + title[:span].center(span)
        head2 += " | " + cell.format("TP", "FP", "FN", "P", "R", "F1")
    lines = [head1.rstrip(), head2, "-" * len(head2)]
    for name, counts in rows:
        line = name.ljust(width)
        for c in counts:
            if c is None:
                line += " | " + "n/a".center(span)
            else:
                line += " | " + cell.format(
                    c.tp, c.fp, c.fn, _fmt(c.precision), _fmt(c.recall), _fmt(c.f1)
                )
        lines.append(line)
    return "\n".join(lines)


def markdown_table(corpus: Corpus, scores: Sequence[Score], family: str | None = None) -> str:
    rows = _rows(corpus, scores, family)
    header = "| rule |"
    rule_line = "| --- |"
    for s in scores:
        title = _tool_heading(s.tool, family)
        header += f" {title} TP | FP | FN | P | R | F1 |"
        rule_line += " ---: | ---: | ---: | ---: | ---: | ---: |"
    lines = [header, rule_line]
    for name, counts in rows:
        cells = [f"**{name}**" if name == "all rules" else f"`{name}`"]
        for c in counts:
            if c is None:
                cells += ["n/a"] * 6
            else:
                cells += [
                    str(c.tp),
                    str(c.fp),
                    str(c.fn),
                    _fmt(c.precision),
                    _fmt(c.recall),
                    _fmt(c.f1),
                ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def composition(corpus: Corpus) -> dict[str, dict[str, dict[str, int]]]:
    """rule -> family -> {"ruleid": n, "ok": n}."""
    table: dict[str, dict[str, dict[str, int]]] = {}
    for rule in RULE_CWE:
        table[rule] = {}
        for family in FAMILIES:
            cases = [
                c for f in corpus.files if f.family == family for c in f.cases if c.rule == rule
            ]
            table[rule][family] = {
                "ruleid": sum(c.vulnerable for c in cases),
                "ok": sum(not c.vulnerable for c in cases),
            }
    return table


def composition_markdown(corpus: Corpus) -> str:
    comp = composition(corpus)
    lines = [
        "| rule | Python ruleid | Python ok | JS/TS ruleid | JS/TS ok | total |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals = Counter[str]()
    for rule, per_family in comp.items():
        py, js = per_family["python"], per_family["javascript"]
        total = py["ruleid"] + py["ok"] + js["ruleid"] + js["ok"]
        totals.update(
            {"pr": py["ruleid"], "po": py["ok"], "jr": js["ruleid"], "jo": js["ok"], "t": total}
        )
        lines.append(
            f"| `{_rule_title(rule)}` | {py['ruleid']} | {py['ok']} | {js['ruleid']} "
            f"| {js['ok']} | {total} |"
        )
    lines.append(
        f"| **all** | {totals['pr']} | {totals['po']} | {totals['jr']} | {totals['jo']} "
        f"| {totals['t']} |"
    )
    return "\n".join(lines)


def results_json(corpus: Corpus, scores: Sequence[Score]) -> dict[str, Any]:
    tools: dict[str, Any] = {}
    for s in scores:
        run = s.tool
        entry: dict[str, Any] = {
            "title": run.title,
            "version": run.version,
            "available": run.available,
            "error": run.error,
            "warnings": run.warnings,
            "languages": sorted(run.families),
            "seconds": round(run.seconds, 2),
        }
        if run.available:
            entry["all"] = s.counts().as_dict()
            entry["rules"] = {rule: s.counts(rule).as_dict() for rule in RULE_CWE}
            entry["cwes"] = {
                f"CWE-{cwe}": s.counts(rule).as_dict() for rule, cwe in RULE_CWE.items()
            }
            entry["languages_detail"] = {
                family: {rule: s.counts(rule, family).as_dict() for rule in RULE_CWE}
                for family in sorted(run.families)
            }
            entry["failures"] = [
                {
                    "kind": o.kind,
                    "path": o.path,
                    "line": o.line,
                    "rule": o.rule,
                    "label": o.label,
                    "key": o.key,
                    "note": o.note,
                    "details": list(o.details),
                }
                for o in s.failures()
            ]
            entry["unmapped_findings"] = dict(sorted(run.unmapped.items()))
        tools[run.name] = entry
    return {
        "corpus": {
            "files": len(corpus.files),
            "cases": len(corpus.cases),
            "composition": composition(corpus),
        },
        "tools": tools,
    }


# ---------------------------------------------------------------------------- baseline


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def write_baseline(engine: Score, path: Path = BASELINE) -> None:
    """Record the engine's figures; keep the diagnoses of failures that remain."""
    old = load_baseline(path)
    old_failures: dict[str, Any] = old.get("failures", {})
    failures: dict[str, Any] = {}
    for o in engine.failures():
        previous = old_failures.get(o.key, {})
        failures[o.key] = {
            "kind": o.kind,
            "rule": o.rule,
            "line": o.line,
            "cause": previous.get("cause", "undiagnosed"),
            "why": previous.get("why", ""),
        }
    data = {
        "about": (
            "Floor for tests/test_accuracy.py: the engine's per-rule precision and recall "
            "on bench/corpus may not drop below these figures. Regenerate with "
            "`python bench/accuracy.py --tool unguarded --update-baseline` after improving "
            "the engine; `failures` keeps the diagnosis of each remaining miss and false "
            "alarm (docs/accuracy.md is generated from it)."
        ),
        "epsilon": old.get("epsilon", 1e-9),
        "rules": {
            rule: {
                "precision": _floor(engine.counts(rule).precision),
                "recall": _floor(engine.counts(rule).recall),
                "tp": engine.counts(rule).tp,
                "fp": engine.counts(rule).fp,
                "fn": engine.counts(rule).fn,
            }
            for rule in RULE_CWE
        },
        "causes": old.get("causes", {}),
        "failures": failures,
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


# ---------------------------------------------------------------------------- markdown


def markdown_document(corpus: Corpus, scores: Sequence[Score], baseline: dict[str, Any]) -> str:
    by_name = {s.tool.name: s for s in scores}
    engine = by_name.get("unguarded")
    out: list[str] = []
    out.append("# Measured accuracy")
    out.append("")
    out.append(
        "<!-- Generated by `python bench/accuracy.py --markdown`; edit the script or "
        "bench/accuracy_baseline.json, not this file. -->"
    )
    out.append("")
    versions = ", ".join(
        f"{s.tool.title} {s.tool.version}".strip()
        if s.tool.available
        else f"{s.tool.title}: not run ({s.tool.error})"
        for s in scores
    )
    out.append(
        f"{len(corpus.cases)} annotated sinks in {len(corpus.files)} files of "
        f"[`bench/corpus/`](../bench/corpus/), written for this project. Tools: {versions}."
    )
    out.append("")
    out.append("## Results")
    out.append("")
    out.append(
        "Per rule (each rule is one CWE, so the rows are also the per-CWE figures). "
        "P = precision, R = recall, F1 = their harmonic mean; `-` = no findings to divide by; "
        "n/a = the tool does not analyse that language."
    )
    out.append("")
    for s in scores:
        for warning in s.tool.warnings:
            out.append(f"> **{s.tool.title}:** {warning}")
            out.append("")
    out.append("### All languages")
    out.append("")
    out.append(markdown_table(corpus, scores))
    out.append("")
    for family in FAMILIES:
        out.append(f"### {FAMILY_TITLES[family]}")
        out.append("")
        out.append(markdown_table(corpus, scores, family))
        out.append("")
    out.append(
        'bandit reads Python only, so its "all languages" row is its Python score; compare '
        "it with the others in the Python table."
    )
    out.append("")
    if engine is not None and engine.tool.available:
        out.extend(_goal_markdown(corpus, engine, [s for s in scores if s is not engine]))
    out.append("## Corpus")
    out.append("")
    out.append(composition_markdown(corpus))
    out.append("")
    out.extend(_METHOD.strip().splitlines())
    out.append("")
    if engine is not None and engine.tool.available:
        out.extend(_failures_markdown(engine, baseline))
    for s in scores:
        if s.tool.name != "unguarded" and s.tool.available:
            out.extend(_peer_markdown(s))
    return "\n".join(out).rstrip() + "\n"


def _goal_markdown(corpus: Corpus, engine: Score, peers: Sequence[Score]) -> list[str]:
    """The engine against the issue's goal: P and R >= 0.95 per rule, best F1 per CWE."""
    lines = ["### Against the goal", ""]
    short = []
    for rule in RULE_CWE:
        c = engine.counts(rule)
        if (c.precision or 0.0) < GOAL or (c.recall or 0.0) < GOAL:
            short.append(f"`{rule}` (P {_fmt(c.precision)}, R {_fmt(c.recall)})")
    if short:
        lines.append(
            f"- Precision and recall of at least {GOAL} for every rule: not yet; below it: "
            + ", ".join(short)
            + "."
        )
    else:
        lines.append(f"- Precision and recall of at least {GOAL} for every rule: met.")
    behind = []
    for peer in peers:
        if not peer.tool.available:
            continue
        for family in sorted(peer.tool.families):
            for rule in RULE_CWE:
                theirs = peer.counts(rule, family)
                if not theirs.tp:
                    continue  # the peer does not cover this CWE in this language
                ours = engine.counts(rule, family)
                if (ours.f1 or 0.0) <= (theirs.f1 or 0.0):
                    behind.append(
                        f"{peer.tool.name} on `{rule}` in {FAMILY_TITLES[family]} "
                        f"({_fmt(ours.f1)} vs {_fmt(theirs.f1)})"
                    )
    if behind:
        lines.append(
            "- F1 ahead of bandit and semgrep on every CWE they cover: not on "
            + "; ".join(behind)
            + "."
        )
    else:
        lines.append(
            "- F1 ahead of bandit and semgrep on every CWE they cover (per language): met."
        )
    lines.append("")
    return lines


def _failures_markdown(engine: Score, baseline: dict[str, Any]) -> list[str]:
    causes: dict[str, Any] = baseline.get("causes", {})
    known: dict[str, Any] = baseline.get("failures", {})
    grouped: dict[str, list[tuple[Outcome, str]]] = defaultdict(list)
    for o in engine.failures():
        entry = known.get(o.key, {})
        grouped[entry.get("cause", "undiagnosed")].append((o, entry.get("why", "")))
    total = len(engine.failures())
    lines = [
        "## Where unguarded is wrong",
        "",
        f"Every false negative (FN, a `ruleid` sink not reported) and false positive (FP, an "
        f"`ok` sink or another line reported) of the engine on the corpus: {total} in all, "
        "grouped by the missing dataflow or control feature. Each line gives the case "
        "(file, line, enclosing function or route), what it tests, and why the engine gets "
        "it wrong.",
        "",
    ]
    order = [c for c in causes if c in grouped] + sorted(c for c in grouped if c not in causes)
    for cause in order:
        items = grouped[cause]
        info = causes.get(cause, {})
        title = info.get("title", cause)
        fn = sum(o.kind == "FN" for o, _ in items)
        fp = sum(o.kind == "FP" for o, _ in items)
        lines.append(f"### {title} ({fn} FN, {fp} FP)")
        lines.append("")
        if info.get("summary"):
            lines.append(info["summary"])
            lines.append("")
        for o, why in sorted(items, key=lambda x: (x[0].path, x[0].line)):
            scope = o.key.split("::", 1)[1] if "::" in o.key else ""
            note = o.note.rstrip(".")
            text = f"- {o.kind} `{o.path}:{o.line}` `{scope}` ({o.rule}): {note}."
            if why:
                text += f" **Why:** {why}"
            lines.append(text)
        lines.append("")
    return lines


def _peer_markdown(s: Score) -> list[str]:
    fp_by_detail: Counter[str] = Counter()
    for o in s.failures():
        if o.kind == "FP":
            for d in o.details or ("?",):
                fp_by_detail[d] += 1
    fn_by_rule = Counter(o.rule for o in s.failures() if o.kind == "FN")
    lines = [f"## {s.tool.title}: where its errors come from", ""]
    if fp_by_detail:
        lines.append(
            "- False positives by the tool's own rule or test id: "
            + ", ".join(f"`{d}` {n}" for d, n in fp_by_detail.most_common())
            + "."
        )
    if fn_by_rule:
        lines.append(
            "- False negatives by rule: "
            + ", ".join(f"`{r}` {n}" for r, n in fn_by_rule.most_common())
            + "."
        )
    if s.tool.unmapped:
        lines.append(
            "- Findings not mapped to any of the five rules (not scored): "
            + ", ".join(f"`{d}` {n}" for d, n in s.tool.unmapped.most_common())
            + "."
        )
    lines.append("")
    return lines


_METHOD = """
## Method

- **Corpus.** Every case is one handler, view, component or function with one sink, written
  the way code assistants write them: request input passed through variables, helpers,
  f-strings and template literals, dict and object fields, early returns, validators
  defined elsewhere in the file, partly typed code. Files are organised by rule and
  framework (`python/flask_ssrf.py`, `javascript/express_sqli.js`, ...); each file holds
  sinks of one rule only. There are vulnerable and safe cases for each kind of control
  (validator, allowlist, coercion, sanitizer, parameterization, safe API), tricky negatives
  (constants built in steps, values overwritten before the sink, dead branches, sinks in
  tests, local helpers only called with constants) and harder positives (closures, `with`
  targets, walrus, destructuring, async/await, promise chains, callbacks, same-file
  helpers, class attributes, lambdas, comprehensions, loops, try/except, reassignment in
  branches, sinks that the engine does not model yet).
- **Labels.** `# ruleid: <rule>` / `// ruleid: <rule>` / `{/* ruleid: <rule> */}` on the line
  before a sink that is truly vulnerable, `ok:` before one that is not, following
  [`tests/fixtures/README.md`](../tests/fixtures/README.md) and [`docs/rules/`](rules/):
  untrusted input and plain parameters with unknown callers are `ruleid`; constants,
  configuration and constant-dict lookups are `ok`; for SSRF only the host counts; substring
  blocklists, scheme-only checks and trivial checks (truthiness, `is None`, length,
  `isinstance`/`typeof`) are not controls. Labels say what is vulnerable, not what any tool
  reports today.
- **Matching.** A finding counts for a case when the tool's rule maps to the case's rule and
  the finding overlaps the sink statement (from the sink line to the statement's last line,
  so a tool that reports the argument of a multi-line call still matches). `ruleid` case
  with a finding: TP; without: FN. `ok` case with a finding: FP. A finding of one of the
  file's rules on a line that is no case: FP (once per line). Findings of rules the file does
  not annotate are ignored.
- **Mapping to CWEs.** unguarded: the rule id. semgrep: the rule's `metadata.unguarded-rule`,
  else its `metadata.cwe`. bandit: `issue_cwe`, with CWE-80 counted as CWE-79, and two tests
  re-filed by what they look for: B310 (`urllib.request.urlopen` on a non-constant URL,
  filed by bandit under CWE-22) as SSRF, B701 (Jinja2 without autoescape, filed under CWE-94)
  as XSS. Every bandit finding with a mapped CWE counts, including module-import warnings
  such as B404.
- **Runs.** unguarded in-process with default settings; `bandit -r -f json` over the Python
  files; `semgrep scan --config rules/ --json --metrics=off --disable-version-check` (our own
  rules only, no registry). Reproduce with `python bench/accuracy.py` (add `--markdown` to
  rewrite this page). `tests/test_accuracy.py` holds the engine to the per-rule figures in
  [`bench/accuracy_baseline.json`](../bench/accuracy_baseline.json).
"""


# ---------------------------------------------------------------------------- main


def run_tools(corpus: Corpus, names: Sequence[str]) -> list[Score]:
    scores = []
    for name in names:
        run = TOOLS[name](corpus)
        scores.append(score(corpus, run))
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tool",
        action="append",
        choices=sorted(TOOLS),
        help="run only this tool (repeatable; default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument(
        "--markdown",
        nargs="?",
        const=str(MARKDOWN),
        metavar="PATH",
        help=f"write the report as Markdown (default {MARKDOWN.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--failures", action="store_true", help="list unguarded's false negatives and positives"
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="record unguarded's per-rule figures in bench/accuracy_baseline.json",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as error:
        print(f"corpus error: {error}", file=sys.stderr)
        return 2
    names = args.tool or list(TOOLS)
    if args.update_baseline and "unguarded" not in names:
        names = ["unguarded", *names]
    scores = run_tools(corpus, names)
    by_name = {s.tool.name: s for s in scores}

    if args.update_baseline:
        write_baseline(by_name["unguarded"])
        print(f"wrote {BASELINE.relative_to(ROOT)}", file=sys.stderr)
    if args.markdown:
        target = Path(args.markdown)
        target.write_text(markdown_document(corpus, scores, load_baseline()), "utf-8")
        print(f"wrote {target}", file=sys.stderr)
    if args.json:
        print(json.dumps(results_json(corpus, scores), indent=2))
        return 0

    for s in scores:
        if not s.tool.available:
            print(f"{s.tool.name}: not run: {s.tool.error}", file=sys.stderr)
        for warning in s.tool.warnings:
            print(f"{s.tool.name}: {warning}", file=sys.stderr)
    print(f"{len(corpus.cases)} cases in {len(corpus.files)} files\n")
    print("All languages")
    print(text_table(corpus, scores))
    for family in FAMILIES:
        print(f"\n{FAMILY_TITLES[family]}")
        print(text_table(corpus, scores, family))
    if args.failures and "unguarded" in by_name:
        print("\nunguarded failures")
        for o in by_name["unguarded"].failures():
            print(f"  {o.kind} {o.path}:{o.line} [{o.rule}, {o.label}] {o.key}: {o.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
