"""The analysis engine: pure functions from a parsed document to findings. No LSP here."""

from unguarded.analysis.engine import analyze
from unguarded.analysis.model import Finding, OriginKind, Span, Step
from unguarded.analysis.settings import AnalysisSettings

__all__ = ["AnalysisSettings", "Finding", "OriginKind", "Span", "Step", "analyze"]
