"""`unguarded scan` / `rules` as a user runs them: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sarif_check import check_sarif
from unguarded.catalog import CATALOG

VULNERABLE = (
    "import os\nfrom flask import request\n\n\n"
    'def run():\n    os.system("ls " + request.args["d"])\n'
)
WARNING_ONLY = "import os\n\n\ndef run(command):\n    os.system(command)\n"
CLEAN = 'import os\n\n\ndef run():\n    os.system("ls /tmp")\n'


def unguarded(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unguarded", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(VULNERABLE)
    (tmp_path / "lib.py").write_text(WARNING_ONLY)
    (tmp_path / "clean.py").write_text(CLEAN)
    return tmp_path


def test_exit_codes_follow_fail_on(project: Path) -> None:
    assert unguarded("scan", str(project)).returncode == 1
    assert unguarded("scan", str(project / "clean.py")).returncode == 0
    assert unguarded("scan", str(project / "lib.py")).returncode == 0  # warnings only
    assert unguarded("scan", "--fail-on", "warning", str(project / "lib.py")).returncode == 1
    assert unguarded("scan", "--fail-on", "never", str(project)).returncode == 0


def test_usage_errors_exit_2(project: Path) -> None:
    missing = unguarded("scan", str(project / "nope.py"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    assert unguarded("scan", "--format", "xml", str(project)).returncode == 2
    assert unguarded("scan", "--disable", "not-a-rule", str(project)).returncode == 2
    assert unguarded("frobnicate").returncode == 2


def test_text_output_names_rule_origin_and_docs(project: Path) -> None:
    result = unguarded("scan", str(project / "app.py"))
    assert "app.py:6:5: error [command-injection, CWE-78]" in result.stdout
    assert "origin:" in result.stdout and 'request.args["d"]' in result.stdout
    assert "docs/rules/command-injection.md" in result.stdout
    assert result.stdout.rstrip().endswith("1 finding (1 errors, 0 warnings) in 1 files")


def test_json_output(project: Path) -> None:
    result = unguarded("scan", "--format", "json", str(project))
    report = json.loads(result.stdout)
    by_file = {Path(f["path"]).name: f for f in report["findings"]}
    assert set(by_file) == {"app.py", "lib.py"}
    app = by_file["app.py"]
    assert app["ruleId"] == "command-injection"
    assert app["cwe"] == "CWE-78"
    assert app["severity"] == "error"
    assert app["region"] == {"startLine": 6, "startColumn": 5, "endLine": 6, "endColumn": 41}
    assert app["path_steps"][0]["label"] == 'request.args["d"]'
    assert by_file["lib.py"]["severity"] == "warning"
    assert report["filesAnalysed"] == 3


def test_sarif_output(project: Path) -> None:
    result = unguarded("scan", "--format", "sarif", str(project))
    sarif = check_sarif(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "security" in rules["ssrf"]["properties"]["tags"]
    assert "external/cwe/cwe-918" in rules["ssrf"]["properties"]["tags"]
    results = {
        Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name: r
        for r in run["results"]
    }
    app = results["app.py"]
    assert app["ruleId"] == "command-injection"
    assert app["level"] == "error"
    assert app["message"]["text"]
    region = app["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 6, "startColumn": 5, "endLine": 6, "endColumn": 41}
    origin = app["relatedLocations"][0]
    assert origin["message"]["text"].startswith("origin: ")
    assert origin["physicalLocation"]["region"]["startLine"] == 6
    assert results["lib.py"]["level"] == "warning"


def test_gitignore_vendored_minified_binary_and_bad_utf8(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("ignored/\n*.gen.py\n")
    for relative in ("ignored/a.py", "node_modules/pkg/index.py", "x.gen.py", "venv/lib/b.py"):
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(VULNERABLE)
    (tmp_path / "bundle.min.js").write_text("eval(location.hash)")
    (tmp_path / "long.js").write_text("var a=1;" * 500 + "\n")
    (tmp_path / "blob.py").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.py").write_bytes(VULNERABLE.encode() + b"# caf\xe9\n")
    # Half-typed code below a complete function: the complete part is still analysed.
    (tmp_path / "half.py").write_text(VULNERABLE + "\n\ndef typing_now(x, \n    if x ==\n")
    result = unguarded("scan", "--format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    reported = {Path(f["path"]).name for f in report["findings"]}
    assert reported == {"latin1.py", "half.py"}, report
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert skipped["bundle.min.js"] == "minified file"
    assert "long lines" in skipped["long.js"]
    assert skipped["blob.py"] == "binary file"


def test_parallel_scan_matches_serial(tmp_path: Path) -> None:
    for index in range(40):
        (tmp_path / f"m{index}.py").write_text(VULNERABLE if index % 2 else CLEAN)
    serial = json.loads(unguarded("scan", "-j", "1", "--format", "json", str(tmp_path)).stdout)
    parallel = json.loads(unguarded("scan", "-j", "2", "--format", "json", str(tmp_path)).stdout)
    assert serial["findings"] == parallel["findings"]
    assert len(serial["findings"]) == 20


def test_rules_listing() -> None:
    text = unguarded("rules")
    assert text.returncode == 0
    assert "ssrf" in text.stdout and "CWE-918" in text.stdout
    listing = json.loads(unguarded("rules", "--format", "json").stdout)
    ids = [rule["id"] for rule in listing]
    assert ids == list(CATALOG)
    assert {"ssrf", "sql-injection", "xss", "command-injection", "path-traversal"} <= set(ids)
    for rule in listing:
        assert rule["docs"].endswith(f"docs/rules/{rule['id']}.md")
        assert rule["cwe"] == f"CWE-{CATALOG[rule['id']].cwe}"
        assert set(rule["languages"]) <= {"python", "javascript", "typescript"}
    markdown = unguarded("rules", "--format", "markdown").stdout
    assert markdown.count("\n") == len(CATALOG) + 2


def test_serve_over_tcp() -> None:
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "unguarded", "serve", "--tcp", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stderr.read().decode()) from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with connection:
            body = json.dumps(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": None, "capabilities": {}},
                }
            ).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            received = b""
            while b'"id": 1' not in received and b'"id":1' not in received:
                chunk = connection.recv(65536)
                assert chunk, "connection closed before the initialize response"
                received += chunk
            assert b'"capabilities"' in received
            assert b'"unguarded"' in received
    finally:
        server.kill()
        server.wait(timeout=10)


def test_serve_rejects_a_bad_tcp_address() -> None:
    result = unguarded("serve", "--tcp", "nonsense")
    assert result.returncode == 2
    assert "HOST:PORT" in result.stderr


def test_project_settings_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'demo'\n\n[tool.unguarded]\n"
        'disabled_rules = ["ssrf"]\nexclude = ["generated/**"]\ncolour = "blue"\n'
        "\n[tool.unguarded.validators]\n"
        '"command-injection" = ["acme.vet"]\n'
    )
    (tmp_path / "app.py").write_text(
        "import os, requests\nfrom flask import request\n\n\ndef a():\n"
        '    requests.get(request.args["u"])\n'
        '    name = request.args["n"]\n    vet(name)\n    os.system("ls " + name)\n'
        '    os.system("ls " + request.args["m"])\n'
    )
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "x.py").write_text(VULNERABLE)
    result = unguarded("scan", "--format", "json", str(tmp_path), cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [(Path(f["path"]).name, f["region"]["startLine"]) for f in report["findings"]] == [
        ("app.py", 10)
    ]
    assert "pyproject.toml:7: warning: unknown setting 'colour'" in result.stderr


def test_broken_settings_file_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / ".unguarded.toml").write_text('disabled_rules = ["ssrf"\n')
    (tmp_path / "app.py").write_text(VULNERABLE)
    result = unguarded("scan", str(tmp_path / "app.py"))
    assert result.returncode == 1
    assert ".unguarded.toml:" in result.stderr and "not valid TOML" in result.stderr


def test_every_rule_has_a_ranking_for_code_scanning() -> None:
    from unguarded.report.sarif import RANKINGS

    assert set(RANKINGS) == set(CATALOG), "choose a security-severity and precision"
    for ranking in RANKINGS.values():
        assert 0 < float(ranking.security_severity) <= 10
        assert ranking.precision in {"very-high", "high", "medium", "low"}
