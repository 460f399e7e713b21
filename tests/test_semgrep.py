"""unguarded.semgrep: running semgrep (for real, once per module, and fake executables for
the failures), its results as findings, the merge with the tree-sitter engine's findings,
and findings moved across edits."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import stat
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from unguarded.analysis import AnalysisSettings, Finding, OriginKind, Span, analyze
from unguarded.catalog import CATALOG, Severity
from unguarded.documents import Document, LineIndex, PositionEncoding, language_for_path
from unguarded.semgrep import (
    EXECUTABLE_ENV,
    SemgrepCancelled,
    SemgrepConfigError,
    SemgrepFailed,
    SemgrepRun,
    SemgrepTimeout,
    SemgrepUnavailable,
    check_configs,
    find_semgrep,
    merge_findings,
    remap_findings,
    run_semgrep,
)
from unguarded.semgrep.runner import FIXED_ARGUMENTS, shipped_configs

# The sink lines carry emoji and CJK text before the reported range: semgrep's offsets
# are bytes, LSP positions (UTF-16 here) are not.
APP = """\
import os

import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/proxy")
def proxy():
    url = request.args.get("url")
    label = "😀 日本語"; return requests.get(url, timeout=5).text


@app.route("/exec")
def run():
    note = "中文 🎉"; os.execl("/bin/sh", "sh", "-c", "echo " + request.args["msg"])


@app.route("/quiet")
def quiet():
    # unguarded: ignore[command-injection] the proxy in front allows two fixed messages
    os.execl("/bin/sh", "sh", "-c", "echo " + request.args["msg"])
"""
WEB = """\
const express = require("express");
const app = express();
app.get("/page", (req, res) => {
  const name = req.query.name; // 名前 🙂
  res.send("<p>こんにちは 👋 " + name + "</p>");
});
"""
CUSTOM_RULE = """\
rules:
  - id: no-debug-print
    languages: [python]
    severity: INFO
    message: >-
      A debug print was
      left in the code.
    pattern: print("debug", ...)
    metadata:
      cwe: ["CWE-489: Active Debug Code"]
      references: ["https://example.com/rules/no-debug-print"]
"""


@dataclasses.dataclass(frozen=True)
class Scanned:
    folder: Path
    run: SemgrepRun
    seconds: float

    def findings(self, name: str, settings: AnalysisSettings | None = None) -> list[Finding]:
        path = self.folder / name
        return self.run.findings_for(path, path.read_bytes(), settings=settings)


needs_semgrep = pytest.mark.skipif(find_semgrep() is None, reason="semgrep is not installed")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Scanned:
    """One real semgrep run over a Python file, a JavaScript file and a file only the
    user's own rule matches."""
    if find_semgrep() is None:
        pytest.skip("semgrep is not installed")
    folder = tmp_path_factory.mktemp("semgrep")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    (folder / "web.js").write_text(WEB, encoding="utf-8")
    (folder / "debug.py").write_text('print("debug", 1)\n', encoding="utf-8")
    (folder / "custom.yaml").write_text(CUSTOM_RULE, encoding="utf-8")
    targets = [folder / "app.py", folder / "web.js", folder / "debug.py"]
    started = time.monotonic()
    run = run_semgrep(targets, configs=[str(folder / "custom.yaml")], timeout=120)
    return Scanned(folder, run, time.monotonic() - started)


def _text(finding: Finding, data: bytes) -> str:
    return data[finding.span.start_byte : finding.span.end_byte].decode("utf-8")


# ---------------------------------------------------------------------- real runs
@needs_semgrep
def test_results_are_placed_by_byte_offsets_on_emoji_and_cjk_lines(scanned: Scanned) -> None:
    data = APP.encode("utf-8")
    findings = scanned.findings("app.py")
    by_rule = {f.rule_id: f for f in findings}
    assert set(by_rule) == {"ssrf", "command-injection"}, findings  # /quiet is suppressed
    assert _text(by_rule["ssrf"], data) == "url"
    assert _text(by_rule["command-injection"], data) == '"echo " + request.args["msg"]'
    lines = LineIndex(data)
    line = APP.splitlines()[16]
    before = line[: line.index('"echo ')]
    start = by_rule["command-injection"].span.start_byte
    # The span's point is (row, byte column); LSP positions count UTF-16 units (or bytes).
    assert by_rule["command-injection"].span.start == (16, len(before.encode()))
    utf16 = len(before.encode("utf-16-le")) // 2
    assert utf16 != len(before.encode()) and utf16 != len(before)  # 🎉 is two units
    assert lines.position(start, PositionEncoding.UTF16) == (16, utf16)
    assert lines.position(start, PositionEncoding.UTF8) == (16, len(before.encode()))


@needs_semgrep
def test_our_rules_map_to_the_catalog(scanned: Scanned) -> None:
    for finding in scanned.findings("app.py") + scanned.findings("web.js"):
        rule = CATALOG[finding.rule_id]
        assert finding.engines == ("semgrep",)
        assert finding.severity is rule.severity
        assert finding.missing_control == rule.missing_control
        assert finding.message.startswith(rule.title)
        assert finding.origin_kind is OriginKind.UNTRUSTED
        # semgrep's own id, unprefixed by the config's folder (--no-rewrite-rule-ids).
        assert finding.facts["semgrepRule"].startswith(("python-", "javascript-"))
        assert finding.facts["cwe"] == f"CWE-{rule.cwe}"
    (xss,) = scanned.findings("web.js")
    assert xss.rule_id == "xss"
    assert xss.span.start[0] == 4


@needs_semgrep
def test_a_users_own_rule_keeps_its_id_severity_and_message(scanned: Scanned) -> None:
    (finding,) = scanned.findings("debug.py")
    assert finding.rule_id == "no-debug-print"
    assert finding.severity is Severity.INFO
    assert finding.message == "A debug print was left in the code."
    assert finding.facts["url"] == "https://example.com/rules/no-debug-print"
    assert finding.facts["cwe"] == "CWE-489"


@needs_semgrep
def test_settings_disable_rules_and_override_severity(scanned: Scanned) -> None:
    settings = AnalysisSettings(
        disabled_rules=frozenset({"ssrf"}),
        severity_overrides={"command-injection": Severity.WARNING},
    )
    findings = scanned.findings("app.py", settings)
    assert [(f.rule_id, f.severity) for f in findings] == [("command-injection", Severity.WARNING)]


@needs_semgrep
def test_merged_with_the_engine_one_finding_per_sink(scanned: Scanned) -> None:
    data = APP.encode("utf-8")
    document = Document("file:///app.py", language_for_path("app.py"), data)  # type: ignore[arg-type]
    engine = analyze(document)
    assert [f.rule_id for f in engine] == ["ssrf"]
    merged = merge_findings(engine, scanned.findings("app.py"))
    assert [(f.rule_id, f.engines) for f in merged] == [
        ("ssrf", ("unguarded", "semgrep")),
        ("command-injection", ("semgrep",)),
    ]
    # The engine's finding is the one kept: its range (the call) and its message.
    assert merged[0].span == engine[0].span
    assert merged[0].message == engine[0].message
    assert merged[0].facts["semgrepRule"] == "python-ssrf-tainted-url"


@needs_semgrep
def test_a_run_takes_seconds_not_minutes(scanned: Scanned) -> None:
    # Without --metrics=off/--disable-version-check a run waits on the network for
    # minutes here; with them and the joined rules file, a few seconds.
    assert scanned.seconds < 30, scanned.seconds
    assert scanned.run.version


def test_shipped_rules_are_joined_into_one_file_per_language_set(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    from unguarded.resources import rules_dir

    python_only = shipped_configs([tmp_path / "a.py"])
    both = shipped_configs([tmp_path / "a.py", tmp_path / "b.tsx"])
    assert len(python_only) == 1 and len(both) == 1
    for configs, folders in ((python_only, ["python"]), (both, ["javascript", "python"])):
        joined = yaml.safe_load(configs[0].read_text(encoding="utf-8"))["rules"]
        separate = [
            rule
            for folder in folders
            for path in sorted((rules_dir() / folder).rglob("*.yaml"))
            for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
        ]
        assert sorted(r["id"] for r in joined) == sorted(r["id"] for r in separate)
        assert {r["id"]: r for r in joined} == {r["id"]: r for r in separate}


# ---------------------------------------------------------------------- fake semgreps
def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text("print(1)\n")
    return path


def test_arguments_and_environment_keep_semgrep_offline(tmp_path: Path, target: Path) -> None:
    record = tmp_path / "record"
    fake = _script(
        tmp_path,
        "semgrep",
        f"""\
        printf '%s\\n' "$@" > {record}
        echo "VERSION_CHECK=$SEMGREP_ENABLE_VERSION_CHECK" >> {record}
        echo '{{"version": "0", "results": [], "errors": [], "paths": {{"scanned": []}}}}'
        """,
    )
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules: []\n")
    run = run_semgrep([target], configs=[str(rules)], executable=str(fake))
    assert run.results == ()
    lines = record.read_text().splitlines()
    assert lines[: len(FIXED_ARGUMENTS)] == list(FIXED_ARGUMENTS)
    assert "--metrics=off" in lines and "--disable-version-check" in lines
    assert "VERSION_CHECK=0" in lines
    configs = [lines[i + 1] for i, arg in enumerate(lines) if arg == "--config"]
    assert configs[-1] == str(rules.resolve())
    assert all(Path(c).is_absolute() and Path(c).is_file() for c in configs)
    assert lines[lines.index("--") + 1 :][:1] == [str(target.resolve())]


@pytest.mark.parametrize(
    "config", ["auto", "p/python", "r/python.lang.security", "https://example.com/r.yaml", "s/x"]
)
def test_registry_and_network_configs_are_refused_before_anything_runs(
    config: str, target: Path
) -> None:
    with pytest.raises(SemgrepConfigError) as error:
        run_semgrep([target], configs=[config], executable="/nonexistent/semgrep")
    assert "local" in error.value.message


def test_a_config_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SemgrepConfigError, match="does not exist"):
        check_configs(["rules/missing.yaml"], tmp_path)
    (tmp_path / "mine.yaml").write_text("rules: []\n")
    assert check_configs(["mine.yaml"], tmp_path) == [(tmp_path / "mine.yaml").resolve()]


def test_missing_executable(target: Path) -> None:
    with pytest.raises(SemgrepUnavailable):
        run_semgrep([target], executable="/nonexistent/semgrep")


def test_crash_is_a_failure_with_details(tmp_path: Path, target: Path) -> None:
    fake = _script(tmp_path, "semgrep", "echo 'Traceback: boom' >&2\nexit 2\n")
    with pytest.raises(SemgrepFailed) as error:
        run_semgrep([target], executable=str(fake))
    assert error.value.reason == "exit"
    assert "exit code 2" in error.value.message
    assert "Traceback: boom" in error.value.details


def test_a_semgrep_error_report_names_the_problem(tmp_path: Path, target: Path) -> None:
    report = {"results": [], "errors": [{"level": "error", "message": "Invalid rule schema"}]}
    fake = _script(tmp_path, "semgrep", f"echo '{json.dumps(report)}'\nexit 7\n")
    with pytest.raises(SemgrepFailed, match="Invalid rule schema"):
        run_semgrep([target], executable=str(fake))


@pytest.mark.parametrize("output", ["this is not json", "[1, 2]", '{"no": "results"}'])
def test_garbage_output_is_a_failure(tmp_path: Path, target: Path, output: str) -> None:
    fake = _script(tmp_path, "semgrep", f"echo '{output}'\n")
    with pytest.raises(SemgrepFailed) as error:
        run_semgrep([target], executable=str(fake))
    assert error.value.reason == "output"


@pytest.fixture
def sleeper(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A semgrep that starts a child (as semgrep starts semgrep-core) and hangs."""
    pids = tmp_path / "pids"
    fake = _script(tmp_path, "semgrep", f"sleep 60 &\necho $! > {pids}\nwait\n")
    yield fake, pids
    if pids.exists():  # never leave a sleeper behind, whatever the test did
        for pid in pids.read_text().split():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), 9)


def _gone(pid: int, within: float = 3.0) -> bool:
    """Killed: no such process, or a zombie (dead; its new parent has not reaped it)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        if status.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_timeout_kills_the_whole_process_group(sleeper: tuple[Path, Path], target: Path) -> None:
    fake, pids = sleeper
    started = time.monotonic()
    with pytest.raises(SemgrepTimeout, match=r"0\.5 s"):
        run_semgrep([target], executable=str(fake), timeout=0.5)
    assert time.monotonic() - started < 5
    assert _gone(int(pids.read_text()))


def test_cancel_kills_the_whole_process_group(sleeper: tuple[Path, Path], target: Path) -> None:
    fake, pids = sleeper
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(SemgrepCancelled):
        run_semgrep([target], executable=str(fake), timeout=60, cancel=cancel)
    assert time.monotonic() - started < 5
    assert _gone(int(pids.read_text()))


def test_executable_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EXECUTABLE_ENV, "/opt/semgrep-wrapper")
    assert find_semgrep() == "/opt/semgrep-wrapper"


# ---------------------------------------------------------------------- conversion
def _payload(path: Path, data: bytes, needle: bytes, **extra: object) -> dict[str, object]:
    start = data.index(needle)
    line = data.count(b"\n", 0, start)
    column = start - (data.rfind(b"\n", 0, start) + 1)
    result = {
        "check_id": "python-ssrf-tainted-url",
        "path": str(path),
        "start": {"line": line + 1, "col": column + 1, "offset": start},
        "end": {"line": line + 1, "col": column + 1 + len(needle), "offset": start + len(needle)},
        "extra": {"message": "m", "severity": "ERROR", "metadata": {"unguarded-rule": "ssrf"}},
    }
    result.update(extra)
    return {"version": "1", "results": [result], "errors": [], "paths": {"scanned": [str(path)]}}


def test_conversion_uses_bytes_on_cjk_and_emoji_lines(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    data = 'x = "\U0001d518\U0001d52b 和 😀"; requests.get(url)\n'.encode()  # 4-byte letters
    run = SemgrepRun.from_json(_payload(path, data, b"url)"))
    (finding,) = run.findings_for(path, data)
    assert data[finding.span.start_byte : finding.span.end_byte] == b"url)"
    # 4-byte characters count two UTF-16 units, CJK one: the LSP column differs from
    # both the byte column and the code point column.
    text = data.decode()
    assert LineIndex(data).position(finding.span.start_byte, PositionEncoding.UTF16) == (
        0,
        len(text[: text.index("url)")].encode("utf-16-le")) // 2,
    )
    assert finding.span.start == (0, data.index(b"url)"))


def test_results_outside_the_text_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    data = b"requests.get(url)\n"
    payload = _payload(path, data, b"url")
    payload["results"][0]["end"]["offset"] = len(data) + 10  # type: ignore[index]
    assert SemgrepRun.from_json(payload).findings_for(path, data) == []


def test_malformed_results_are_skipped() -> None:
    run = SemgrepRun.from_json({"results": [{"check_id": 3}, "x", {"start": {}}], "errors": ["e"]})
    assert run.results == ()
    assert run.errors == ("e",)


# ---------------------------------------------------------------------- merge and remap
def _span(start: int, end: int, line: int = 0) -> Span:
    return Span(start, end, (line, start), (line, end))


def _finding(rule: str, span: Span, engine: str = "unguarded") -> Finding:
    return Finding(
        rule_id=rule,
        severity=Severity.ERROR,
        span=span,
        argument=span,
        sink_name="sink",
        message=f"{engine} {rule}",
        missing_control="",
        origin_kind=None,
        origin=None,
        facts={"semgrepRule": f"{rule}-rule"} if engine == "semgrep" else {},
        engines=(engine,),
    )


def test_merge_overlapping_and_same_line_sinks_of_the_same_rule() -> None:
    engine = [_finding("ssrf", _span(10, 40)), _finding("xss", _span(100, 120, line=3))]
    semgrep = [
        _finding("ssrf", _span(23, 26), "semgrep"),  # the argument inside the call
        _finding("xss", _span(130, 140, line=3), "semgrep"),  # same line, no overlap
        _finding("ssrf", _span(200, 210, line=5), "semgrep"),  # only semgrep
        _finding("sql-injection", _span(12, 20), "semgrep"),  # other rule, same place
    ]
    merged = merge_findings(engine, semgrep)
    assert [(f.rule_id, f.span.start_byte, f.engines) for f in merged] == [
        ("ssrf", 10, ("unguarded", "semgrep")),
        ("sql-injection", 12, ("semgrep",)),
        ("xss", 100, ("unguarded", "semgrep")),
        ("ssrf", 200, ("semgrep",)),
    ]
    assert merged[0].message == "unguarded ssrf"


def test_merge_two_semgrep_rules_on_one_sink_and_idempotence() -> None:
    first = _finding("ssrf", _span(5, 9), "semgrep")
    second = dataclasses.replace(first, facts={"semgrepRule": "other-ssrf"})
    merged = merge_findings([], [first, second])
    assert len(merged) == 1
    assert merged[0].facts["semgrepRule"] == "ssrf-rule, other-ssrf"
    engine = [_finding("ssrf", _span(0, 20))]
    once = merge_findings(engine, [first])
    assert merge_findings(once, [first]) == once
    assert merge_findings(once, [first])[0].engines == ("unguarded", "semgrep")


def test_merge_without_semgrep_changes_nothing() -> None:
    engine = [_finding("ssrf", _span(0, 20))]
    assert merge_findings(engine, []) == engine
    assert merge_findings(engine, [])[0].engines == ("unguarded",)


def _span_of(data: bytes, needle: bytes, last: bool = False) -> Span:
    start = data.rindex(needle) if last else data.index(needle)
    lines = LineIndex(data)

    def point(offset: int) -> tuple[int, int]:
        line = lines.line_of(offset)
        return line, offset - lines.line_starts[line]

    return Span(start, start + len(needle), point(start), point(start + len(needle)))


def test_remap_keeps_findings_outside_the_edit_and_drops_those_in_it() -> None:
    old = "a = 1\nb = sink(😀)\nc = 2\nd = sink(日本)\n".encode()
    before = _finding("ssrf", _span_of(old, b"sink"))
    after = _finding("xss", _span_of(old, b"sink", last=True))
    middle = _finding("sql-injection", _span_of(old, b"c = 2"))
    # An edit in line 3 that changes `c = 2` and adds a line with emoji.
    new = old.replace(b"c = 2\n", "c = 3 + 3\n# 🎉 new\n".encode())
    moved = remap_findings([before, after, middle], old, new)
    assert [f.rule_id for f in moved] == ["ssrf", "xss"]
    assert moved[0].span == before.span
    assert moved[1].span == _span_of(new, b"sink", last=True)
    assert moved[1].span.start == (4, 4)
    assert remap_findings([before], old, old) == [before]


def test_remap_when_the_edit_is_at_either_end() -> None:
    old = b"x = sink(a)\n"
    finding = _finding("ssrf", _span_of(old, b"sink(a)"))
    assert remap_findings([finding], old, old + b"# appended\n")[0].span == finding.span
    moved = remap_findings([finding], old, b"# header\n" + old)
    assert moved[0].span == _span_of(b"# header\n" + old, b"sink(a)")
    assert moved[0].span.start == (1, 4)
    assert remap_findings([finding], old, b"") == []


# ---------------------------------------------------------------------- settings
def test_semgrep_settings_flat_nested_and_from_a_toml_table(tmp_path: Path) -> None:
    from unguarded.config import parse_settings
    from unguarded.config_files import load_config, settings_for

    flat, problems = parse_settings(
        {"semgrep.enable": False, "semgrep.timeout": 5, "semgrep.configs": ["rules.yaml"]}
    )
    assert problems == []
    assert (flat.semgrep.enable, flat.semgrep.timeout, flat.semgrep.configs) == (
        False,
        5.0,
        ("rules.yaml",),
    )
    nested, problems = parse_settings({"unguarded": {"semgrep": {"timeout": 2.5}}})
    assert problems == [] and nested.semgrep.timeout == 2.5 and nested.semgrep.enable
    (tmp_path / ".unguarded.toml").write_text('[semgrep]\nconfigs = ["ours/"]\ntimeout = 9\n')
    settings, problems = settings_for(load_config(tmp_path / ".unguarded.toml"))
    assert problems == [] and settings.semgrep.configs == ("ours/",)
    assert settings.semgrep.timeout == 9.0


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"semgrep.configs": ["auto", "mine.yaml"]}, "registry"),
        ({"semgrep.configs": ["https://example.com/x.yaml"]}, "URL"),
        ({"semgrep.timeout": 0}, "positive"),
        ({"semgrep.timeout": True}, "must be a number"),
        ({"semgrep.enable": "yes"}, "must be boolean"),
    ],
)
def test_bad_semgrep_settings_are_problems(raw: dict[str, object], problem: str) -> None:
    from unguarded.config import SETTINGS_SCHEMA, parse_settings

    settings, problems = parse_settings(raw)
    assert len(problems) == 1 and problem in problems[0], problems
    # The bad value is left out; the rest applies.
    assert settings.semgrep.timeout == SETTINGS_SCHEMA["semgrep.timeout"].default
    assert "auto" not in settings.semgrep.configs
