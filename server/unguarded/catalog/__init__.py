"""Rule metadata: one source for the CLI, the language server, SARIF and the docs."""

from unguarded.catalog.rules import CATALOG, DOCS_BASE_URL, Rule, Severity, get_rule

__all__ = ["CATALOG", "DOCS_BASE_URL", "Rule", "Severity", "get_rule"]
