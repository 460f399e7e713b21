"""Settings the engine understands. The LSP and the CLI build one from their own inputs."""

from __future__ import annotations

from dataclasses import dataclass, field

from unguarded.catalog import Severity

# The key in `validators`/`sanitizers` that applies to every rule.
ALL_RULES = "*"


@dataclass(frozen=True)
class AnalysisSettings:
    disabled_rules: frozenset[str] = frozenset()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    # Rule id (or "*") -> callee names that validate a value when used as a guard.
    validators: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Rule id (or "*") -> callee names whose result is safe for that rule.
    sanitizers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Files larger than this are not analysed (minified bundles, generated code).
    max_file_bytes: int = 2_000_000
    # Callee names whose result is untrusted input.
    sources: tuple[str, ...] = ()
    # Rule id -> callee names whose first argument is a sink of that rule.
    sinks: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def names_for(self, table: dict[str, tuple[str, ...]], rule_id: str) -> frozenset[str]:
        return frozenset(table.get(rule_id, ()) + table.get(ALL_RULES, ()))

    def rule_enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled_rules
