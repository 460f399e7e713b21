"""Checks of the Semgrep rules under rules/: their metadata (offline, always) and their
annotated test files (`semgrep test`, when the semgrep executable is installed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"

# engine rule id -> CWE number
ENGINE_RULES = {
    "ssrf": 918,
    "sql-injection": 89,
    "xss": 79,
    "command-injection": 78,
    "path-traversal": 22,
}
LANGUAGES = {
    "python": (["python"], (".py",)),
    "javascript": (["javascript", "typescript"], (".js", ".jsx", ".ts", ".tsx")),
}
COMMENT = {"python": "#", "javascript": "//"}
OWASP = {
    "ssrf": "A10:2021 - Server-Side Request Forgery",
    "sql-injection": "A03:2021 - Injection",
    "xss": "A03:2021 - Injection",
    "command-injection": "A03:2021 - Injection",
    "path-traversal": "A01:2021 - Broken Access Control",
}
LEVELS = {"HIGH", "MEDIUM", "LOW"}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

RULE_FILES = sorted(RULES_DIR.rglob("*.yaml")) + sorted(RULES_DIR.rglob("*.yml"))


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _id(path: Path) -> str:
    return str(path.relative_to(RULES_DIR))


def test_rules_exist() -> None:
    assert RULE_FILES, f"no rules found under {RULES_DIR}"
    for language in LANGUAGES:
        for engine_rule in ENGINE_RULES:
            folder = RULES_DIR / language / engine_rule
            assert list(folder.glob("*.yaml")), f"no {language} rule for {engine_rule}"


def test_rule_ids_are_unique() -> None:
    seen: dict[str, Path] = {}
    for path in RULE_FILES:
        for rule in _load(path).get("rules", []):
            rule_id = rule.get("id")
            assert rule_id not in seen, f"{rule_id} in both {seen.get(rule_id)} and {path}"
            seen[rule_id] = path


@pytest.mark.parametrize("path", RULE_FILES, ids=_id)
def test_rule_file(path: Path) -> None:
    relative = path.relative_to(RULES_DIR)
    assert len(relative.parts) == 3, f"expected rules/<language>/<class>/<id>.yaml, got {relative}"
    language, engine_rule, _ = relative.parts
    assert language in LANGUAGES, f"unknown language folder {language!r}"
    assert engine_rule in ENGINE_RULES, f"unknown class folder {engine_rule!r}"

    document = _load(path)
    assert isinstance(document, dict) and isinstance(document.get("rules"), list)
    assert len(document["rules"]) == 1, "exactly one rule per file"
    rule = document["rules"][0]

    rule_id = rule.get("id")
    assert isinstance(rule_id, str) and KEBAB.match(rule_id), f"id {rule_id!r} is not kebab-case"
    assert rule_id.startswith(language + "-"), f"id {rule_id!r} must start with {language}-"
    assert path.stem == rule_id, "file name must be the rule id"

    expected_languages, test_suffixes = LANGUAGES[language]
    assert sorted(rule.get("languages", [])) == sorted(expected_languages)

    message = rule.get("message")
    assert isinstance(message, str) and message.strip(), "message must not be empty"
    assert rule.get("severity") in {"ERROR", "WARNING"}

    metadata = rule.get("metadata")
    assert isinstance(metadata, dict), "metadata missing"
    assert metadata.get("category") == "security"
    assert metadata.get("unguarded-rule") == engine_rule, (
        f"unguarded-rule {metadata.get('unguarded-rule')!r} does not match folder {engine_rule!r}"
    )
    for key in ("confidence", "likelihood", "impact"):
        assert metadata.get(key) in LEVELS, f"metadata.{key} must be one of {sorted(LEVELS)}"

    cwe = metadata.get("cwe")
    assert isinstance(cwe, list) and cwe, "metadata.cwe must be a non-empty list"
    cwe_numbers = set()
    for entry in cwe:
        match = re.match(r"^CWE-(\d+): \S", str(entry))
        assert match, f"cwe entry {entry!r} must look like 'CWE-<n>: <name>'"
        cwe_numbers.add(int(match.group(1)))
    assert ENGINE_RULES[engine_rule] in cwe_numbers, (
        f"{engine_rule} is CWE-{ENGINE_RULES[engine_rule]}, rule says {sorted(cwe_numbers)}"
    )

    owasp = metadata.get("owasp")
    assert isinstance(owasp, list) and owasp, "metadata.owasp must be a non-empty list"
    for entry in owasp:
        assert re.match(r"^A\d{2}:20\d{2} - \S", str(entry)), f"owasp entry {entry!r} malformed"
    assert OWASP[engine_rule] in owasp

    references = metadata.get("references")
    assert isinstance(references, list) and references, "metadata.references must be a list"
    for url in references:
        assert re.match(r"^https://\S+$", str(url)), f"reference {url!r} is not an https URL"
    cwe_page = f"https://cwe.mitre.org/data/definitions/{ENGINE_RULES[engine_rule]}.html"
    assert cwe_page in references

    if rule.get("mode") == "taint":
        for key in ("pattern-sources", "pattern-sinks"):
            assert rule.get(key), f"taint rule without {key}"

    # annotated test files beside the rule
    tests = [
        candidate
        for candidate in path.parent.glob(rule_id + ".*")
        if candidate.suffix in test_suffixes and not candidate.name.startswith(rule_id + ".fixed.")
    ]
    assert tests, f"no test file {rule_id}{test_suffixes[0]} beside the rule"
    text = "\n".join(candidate.read_text(encoding="utf-8") for candidate in tests)
    comment = re.escape(COMMENT[language])
    assert re.search(rf"{comment} ruleid: {re.escape(rule_id)}\b", text), "no `ruleid:` case"
    assert re.search(rf"{comment} ok: {re.escape(rule_id)}\b", text), "no `ok:` case"
    annotated = set(re.findall(rf"{comment} (?:todo)?(?:ruleid|ok): ([\w-]+)", text))
    assert annotated <= {rule_id}, f"annotations for other rules: {sorted(annotated - {rule_id})}"

    if "fix" in rule or "fix-regex" in rule:
        fixed = [p for p in path.parent.glob(rule_id + ".fixed.*") if p.suffix in test_suffixes]
        assert fixed, f"rule has a fix but no {rule_id}.fixed{test_suffixes[0]}"


def _semgrep_executable() -> str | None:
    beside_python = Path(sys.executable).parent / "semgrep"
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return str(beside_python)
    return shutil.which("semgrep")


def test_semgrep_test_passes() -> None:
    semgrep = _semgrep_executable()
    if semgrep is None:
        pytest.skip("semgrep executable not found (pip install 'unguarded[semgrep]')")
    env = {
        **os.environ,
        "SEMGREP_ENABLE_VERSION_CHECK": "0",
        "SEMGREP_SEND_METRICS": "off",
    }
    # `semgrep test` is offline and takes no --metrics / --disable-version-check flags;
    # `semgrep scan --test` would try to fetch the config from the registry.
    result = subprocess.run(
        [semgrep, "test", str(RULES_DIR)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "All tests passed" in output, output
    assert "did not pass" not in output, output
