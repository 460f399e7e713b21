"""Text, JSON and SARIF writers for `unguarded scan`."""

from unguarded.report.json_report import to_json
from unguarded.report.sarif import to_sarif
from unguarded.report.text import to_text

__all__ = ["to_json", "to_sarif", "to_text"]
