"""Human-readable scan output: one line per finding, its origin and path indented below."""

from __future__ import annotations

from unguarded.report.rule_info import engines, rule_info
from unguarded.scan import ScanResult


def to_text(result: ScanResult, verbose: bool = False) -> str:
    lines: list[str] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    for file, finding in result.findings:
        region = file.regions[finding.span]
        rule = rule_info(finding)
        counts[finding.severity.value] += 1
        labels = ", ".join(label for label in (finding.rule_id, rule.cwe) if label)
        lines.append(
            f"{file.path}:{region.start_line}:{region.start_char}: {finding.severity.value} "
            f"[{labels}] {finding.message}"
        )
        for index, step in enumerate(finding.path):
            step_region = file.regions[step.span]
            role = "origin" if index == 0 else "via"
            lines.append(f"    {role}: {file.path}:{step_region.start_line}: {step.label}")
        found_by = engines(finding)
        if found_by is not None:
            lines.append(f"    found by: {found_by}")
        if rule.docs is not None:
            lines.append(f"    docs: {rule.docs}")
    for file in result.files:
        if file.error:
            lines.append(f"{file.path}: error: {file.error}")
        elif file.skipped and verbose:
            lines.append(f"{file.path}: skipped: {file.skipped}")
    analysed = sum(1 for f in result.files if not f.skipped and not f.error)
    skipped = sum(1 for f in result.files if f.skipped)
    total = sum(counts.values())
    summary = (
        f"{total} finding{'s' if total != 1 else ''} ({counts['error']} errors, "
        f"{counts['warning']} warnings) in {analysed} files"
    )
    if skipped:
        summary += f", {skipped} skipped"
    for error in result.engine_errors:
        lines.append(f"error: {error}")
    if result.baseline is not None:
        unchanged = result.baseline.unchanged
        summary += (
            f"; {unchanged} more present at {result.baseline.ref} "
            f"({result.baseline.commit[:12]}) not shown"
        )
    lines.append(summary)
    return "\n".join(lines) + "\n"
