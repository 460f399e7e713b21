"""What the engine reports: findings with their origin and the path to the sink."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import tree_sitter

from unguarded.catalog import Severity


@dataclass(frozen=True)
class Span:
    """A source range in bytes and tree-sitter points (row, byte column)."""

    start_byte: int
    end_byte: int
    start: tuple[int, int]
    end: tuple[int, int]

    @classmethod
    def of(cls, node: tree_sitter.Node) -> Span:
        return cls(
            node.start_byte,
            node.end_byte,
            (node.start_point.row, node.start_point.column),
            (node.end_point.row, node.end_point.column),
        )


class OriginKind(StrEnum):
    UNTRUSTED = "untrusted input"
    PARAMETER = "function parameter"


@dataclass(frozen=True)
class Step:
    """One place on the way from the origin to the sink."""

    span: Span
    label: str


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    span: Span
    # The dangerous value at the sink.
    argument: Span
    sink_name: str
    message: str
    missing_control: str
    origin_kind: OriginKind | None
    origin: Step | None
    path: tuple[Step, ...] = ()
    # Free-form facts code actions may use (e.g. driver placeholder style).
    facts: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Which engines reported it: "unguarded" (tree-sitter), "semgrep", or both after
    # unguarded.semgrep.merge_findings. Not part of equality: it is where, not what.
    engines: tuple[str, ...] = field(default=("unguarded",), compare=False)

    @property
    def line(self) -> int:
        return self.span.start[0]
