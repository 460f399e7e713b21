"""permissive-cors: credentialed requests only from the origins in a module-level
ALLOWED_ORIGINS list, created empty when absent (no other site is allowed until someone
lists the trusted ones). The permissive value (`"*"`, `origin: true`, a callback that
accepts every origin, a catch-all regex, no origins at all) is replaced by that list."""

from __future__ import annotations

import re

from unguarded.analysis import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Source

ALLOWED = "ALLOWED_ORIGINS"
_COMMENT = "Origins allowed to call this API with the user's cookies: list the trusted ones."

# (pattern, replacement with {allowed}) applied to the text of the finding's range.
_PYTHON = (
    (r"\borigins\s*=\s*[\"']\*[\"']", "origins={allowed}"),
    (r"([\"'])origins\1\s*:\s*[\"']\*[\"']", r"\1origins\1: {allowed}"),
    (r"\ballow_origins\s*=\s*\[\s*[\"']\*[\"']\s*\]", "allow_origins={allowed}"),
    (r"\ballow_origin_regex\s*=\s*[rR]?[\"'](\.\*|\.\+|\^\.\*\$?)[\"']", "allow_origins={allowed}"),
)
_PYTHON_NO_ORIGINS = re.compile(r"\bsupports_credentials\s*=\s*True\b")
_JS = (
    (
        r"\borigin\s*:\s*(?:true|([\"'`])\*\1|\(\s*\w+\s*,\s*(\w+)\s*\)\s*=>\s*\2\(\s*null\s*,"
        r"\s*true\s*\))",
        "origin: {allowed}",
    ),
    # A function that hands back the origin it was given: hono/cors `(origin) => origin`,
    # the cors package's `(origin, cb) => cb(null, origin)` (parameters may be typed).
    (
        r"\borigin\s*:\s*(?:async\s*)?\(\s*(\w+)\s*(?::\s*[\w|\s]+)?\)\s*=>\s*\1\b(?!\s*[.(\[?])",
        "origin: {allowed}",
    ),
    (
        r"\borigin\s*:\s*\(\s*(\w+)\s*(?::\s*[\w|\s]+)?,\s*(\w+)\s*(?::\s*[^)]+)?\)\s*=>\s*"
        r"\2\(\s*null\s*,\s*\1\s*\)",
        "origin: {allowed}",
    ),
)


def cors_fixes(source: Source, finding: Finding) -> list[Fix]:
    start, end = finding.span.start_byte, finding.span.end_byte
    text = source.data[start:end].decode("utf-8", errors="surrogatepass")
    builder = FixBuilder(source, finding.rule_id)
    if source.python:
        constant = f"{ALLOWED}: list[str] = []"
        allowed = builder.require("py-constant", ALLOWED, f"# {_COMMENT}\n{constant}\n")
        rewritten = _rewrite(text, _PYTHON, allowed)
        if rewritten == text and "origins" not in text and "allow_origin" not in text:
            rewritten = _PYTHON_NO_ORIGINS.sub(
                f"origins={allowed}, supports_credentials=True", text, count=1
            )
    else:
        annotation = ": string[]" if source.typescript else ""
        declaration = f"const {ALLOWED}{annotation} = []{source.semicolon}"
        allowed = builder.require("js-constant", ALLOWED, f"// {_COMMENT}\n{declaration}")
        rewritten = _rewrite(text, _JS, allowed)
    if rewritten == text:
        return []
    builder.replace_range(start, end, rewritten)
    return [builder.build(f"Allow only the origins in {ALLOWED}", preferred=True)]


def _rewrite(text: str, rewrites: tuple[tuple[str, str], ...], allowed: str) -> str:
    for pattern, replacement in rewrites:
        text = re.sub(pattern, replacement.replace("{allowed}", allowed), text)
    return text
