"""User settings: one typed model with defaults and docs, read from editor settings
(LSP initializationOptions / workspace/didChangeConfiguration) and from the command line.

Unknown keys and bad values never raise: they are collected as problems the caller reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from unguarded.analysis.settings import ALL_RULES, AnalysisSettings
from unguarded.catalog import CATALOG, Severity
from unguarded.semgrep.runner import network_config_problem

RUN_MODES = ("onType", "onSave")


@dataclass(frozen=True)
class SettingDoc:
    type: str
    default: Any
    description: str


# Every setting the server understands, in the editor's camelCase, with its docs.
SETTINGS_SCHEMA: dict[str, SettingDoc] = {
    "enable": SettingDoc("boolean", True, "Analyse open Python, JavaScript and TypeScript files."),
    "run": SettingDoc(
        "string", "onType", "When to analyse: as you type (`onType`) or only on save (`onSave`)."
    ),
    "debounceMs": SettingDoc(
        "integer", 150, "Milliseconds to wait after the last keystroke before analysing."
    ),
    "disabledRules": SettingDoc("array", [], "Rule ids that are not reported."),
    "severity": SettingDoc(
        "object",
        {},
        "Severity per rule id: `error`, `warning` or `info` (overrides the origin-based default).",
    ),
    "validators": SettingDoc(
        "object",
        {},
        "Your own validator functions per rule id (or `*` for all rules): a call to one of "
        "them that guards the sink counts as a control. Names match by last dotted component.",
    ),
    "sanitizers": SettingDoc(
        "object",
        {},
        "Your own sanitizer functions per rule id (or `*`): their result is safe for that rule.",
    ),
    "maxFileSize": SettingDoc(
        "integer", 2_000_000, "Files larger than this many bytes are not analysed."
    ),
    "sources": SettingDoc(
        "array",
        [],
        "Your own functions whose result is untrusted input (e.g. `myapp.http.query_param`).",
    ),
    "sinks": SettingDoc(
        "object",
        {},
        "Your own sinks per rule id: functions whose first argument must be controlled "
        '(e.g. `{"command-injection": ["myapp.shell.run"]}`).',
    ),
    "include": SettingDoc(
        "array", [], "Glob patterns of files to analyse (`unguarded scan`); empty means all."
    ),
    "exclude": SettingDoc("array", [], "Glob patterns of files never analysed."),
    "semgrep.enable": SettingDoc(
        "boolean",
        True,
        "Also run semgrep (unguarded's rules plus `semgrep.configs`) on each saved file, in "
        "the background, and merge its findings with unguarded's. When semgrep is not "
        "installed you get one notice per session; set this to `false` to turn it off.",
    ),
    "semgrep.timeout": SettingDoc(
        "number", 30, "Seconds one semgrep run may take before it is stopped."
    ),
    "semgrep.configs": SettingDoc(
        "array",
        [],
        "Your own semgrep rule files or folders, run with unguarded's rules: local paths "
        "only (relative to the workspace). Registry rulesets, `auto` and URLs are refused.",
    ),
}

# Config files may spell keys in snake_case.
_ALIASES = {
    "disabled_rules": "disabledRules",
    "debounce_ms": "debounceMs",
    "max_file_size": "maxFileSize",
}


@dataclass(frozen=True)
class SemgrepSettings:
    enable: bool = True
    timeout: float = 30.0
    configs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    enable: bool = True
    run: str = "onType"
    debounce_ms: int = 150
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    semgrep: SemgrepSettings = field(default_factory=SemgrepSettings)


_SEVERITIES = {severity.value: severity for severity in Severity}


def parse_settings(raw: object) -> tuple[Settings, list[str]]:
    """Build settings from an editor's JSON; return them with a list of problems found."""
    problems: list[str] = []
    if isinstance(raw, dict) and isinstance(raw.get("unguarded"), dict):
        raw = raw["unguarded"]
    if raw is None:
        return Settings(), problems
    if not isinstance(raw, dict):
        return Settings(), [f"settings must be an object, got {type(raw).__name__}"]
    raw = {_ALIASES.get(key, key): value for key, value in _flattened(raw).items()}

    for key in raw:
        if key not in SETTINGS_SCHEMA:
            problems.append(f"unknown setting {key!r} (known: {', '.join(SETTINGS_SCHEMA)})")

    def typed(key: str, kind: type | tuple[type, ...]) -> Any:
        default = SETTINGS_SCHEMA[key].default
        value = raw.get(key, default)
        if kind in (int, (int, float)) and isinstance(value, bool):
            problems.append(
                f"setting {key!r} must be {'an integer' if kind is int else 'a number'}"
            )
            return default
        if not isinstance(value, kind):
            problems.append(f"setting {key!r} must be {SETTINGS_SCHEMA[key].type}, got {value!r}")
            return default
        return value

    enable = typed("enable", bool)
    run = typed("run", str)
    if run not in RUN_MODES:
        problems.append(f"setting 'run' must be one of {', '.join(RUN_MODES)}, got {run!r}")
        run = "onType"
    debounce = typed("debounceMs", int)
    if debounce < 0:
        problems.append("setting 'debounceMs' must not be negative")
        debounce = 0
    disabled = [rule for rule in typed("disabledRules", list) if _known_rule(rule, problems)]
    severities: dict[str, Severity] = {}
    for rule_id, level in typed("severity", dict).items():
        if not _known_rule(rule_id, problems):
            continue
        if level not in _SEVERITIES:
            problems.append(
                f"severity for {rule_id!r} must be error, warning or info, got {level!r}"
            )
            continue
        severities[rule_id] = _SEVERITIES[level]
    validators = _name_table("validators", typed("validators", dict), problems)
    sanitizers = _name_table("sanitizers", typed("sanitizers", dict), problems)
    max_size = typed("maxFileSize", int)
    sources = _names("sources", typed("sources", list), problems)
    sinks = _name_table("sinks", typed("sinks", dict), problems)
    include = _names("include", typed("include", list), problems)
    exclude = _names("exclude", typed("exclude", list), problems)
    analysis = AnalysisSettings(
        disabled_rules=frozenset(disabled),
        severity_overrides=severities,
        validators=validators,
        sanitizers=sanitizers,
        max_file_bytes=max(max_size, 0),
        sources=sources,
        sinks=sinks,
    )
    semgrep = _semgrep_settings(typed, problems)
    return Settings(enable, run, debounce, analysis, include, exclude, semgrep), problems


def _semgrep_settings(
    typed: Callable[[str, type | tuple[type, ...]], Any], problems: list[str]
) -> SemgrepSettings:
    enable = typed("semgrep.enable", bool)
    timeout = typed("semgrep.timeout", (int, float))
    if timeout <= 0:
        problems.append("setting 'semgrep.timeout' must be a positive number of seconds")
        timeout = SETTINGS_SCHEMA["semgrep.timeout"].default
    configs = []
    for config in _names("semgrep.configs", typed("semgrep.configs", list), problems):
        problem = network_config_problem(config)
        if problem is not None:
            problems.append(f"setting 'semgrep.configs': {problem}")
        else:
            configs.append(config)
    return SemgrepSettings(enable, float(timeout), tuple(configs))


def _flattened(raw: dict[str, Any]) -> dict[str, Any]:
    """`{"semgrep": {"enable": false}}` (a TOML table, a nested editor object) is
    `{"semgrep.enable": false}`, the name VS Code and the schema use."""
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        grouped = isinstance(value, dict) and key not in SETTINGS_SCHEMA
        if grouped and any(name.startswith(f"{key}.") for name in SETTINGS_SCHEMA):
            flat.update({f"{key}.{name}": item for name, item in value.items()})
        else:
            flat[key] = value
    return flat


def _names(key: str, value: list[Any], problems: list[str]) -> tuple[str, ...]:
    if not all(isinstance(item, str) for item in value):
        problems.append(f"setting {key!r} must be a list of strings")
        return ()
    return tuple(value)


def _known_rule(rule_id: object, problems: list[str]) -> bool:
    if isinstance(rule_id, str) and (rule_id in CATALOG or rule_id == ALL_RULES):
        return True
    problems.append(f"unknown rule id {rule_id!r} (known: {', '.join(CATALOG)})")
    return False


def _name_table(key: str, value: dict[str, Any], problems: list[str]) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for rule_id, names in value.items():
        if not _known_rule(rule_id, problems):
            continue
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(f"{key}[{rule_id!r}] must be a list of function names")
            continue
        table[rule_id] = tuple(names)
    return table


def settings_field_names() -> list[str]:
    return [f.name for f in fields(Settings)]
