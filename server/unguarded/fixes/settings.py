"""Fixes for pattern rules: the insecure setting in the matched code becomes the safe one
(`verify=False` -> `verify=True`, `yaml.load` -> `yaml.safe_load`, `secure=False` ->
`secure=True`). Every rewrite is checked by verify() like any other fix, so one that does
not remove the finding is never offered."""

from __future__ import annotations

import re

from unguarded.analysis import Finding
from unguarded.fixes.model import Fix, TextEdit
from unguarded.fixes.source import Source

# Per rule: (pattern, replacement, title) applied to the text of the finding's range.
_REWRITES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "unsafe-yaml-load": (
        (
            r"\byaml\.load\(([^,()]+)(?:,\s*Loader\s*=\s*[\w.]+)?\)",
            r"yaml.safe_load(\1)",
            "Use yaml.safe_load()",
        ),
        (
            r"\byaml\.load_all\(([^,()]+)(?:,\s*Loader\s*=\s*[\w.]+)?\)",
            r"yaml.safe_load_all(\1)",
            "Use yaml.safe_load_all()",
        ),
    ),
    "tls-verification-disabled": (
        (r"\bverify\s*=\s*False\b", "verify=True", "Verify TLS certificates (verify=True)"),
        (
            r"\brejectUnauthorized\s*:\s*false\b",
            "rejectUnauthorized: true",
            "Verify TLS certificates (rejectUnauthorized: true)",
        ),
        (r"\bssl\.CERT_NONE\b", "ssl.CERT_REQUIRED", "Require certificates (CERT_REQUIRED)"),
        (r"\bcheck_hostname\s*=\s*False\b", "check_hostname = True", "Check the host name"),
        (
            r"\bssl\._create_unverified_context\(\)",
            "ssl.create_default_context()",
            "Use ssl.create_default_context()",
        ),
        # Electron: a certificate-error callback(true) -> callback(false) (refuse it);
        # setCertificateVerifyProc's callback(0) -> callback(-3) (Chromium's verdict).
        (r"^(\w+)\(\s*true\s*\)$", r"\1(false)", "Refuse the certificate (callback(false))"),
        (r"^(\w+)\(\s*0\s*\)$", r"\1(-3)", "Use Chromium's own verification (callback(-3))"),
    ),
    "debug-mode": (
        (r"\bdebug\s*=\s*True\b", "debug=False", "Turn debug mode off"),
        (r"^DEBUG\s*=\s*True\b", "DEBUG = False", "Turn DEBUG off"),
        (r"\buse_debugger\s*=\s*True\b", "use_debugger=False", "Turn the debugger off"),
        (r"\buse_evalex\s*=\s*True\b", "use_evalex=False", "Turn the debugger console off"),
    ),
    "insecure-cookie": (
        (r"\bsecure\s*=\s*False\b", "secure=True", "Send the cookie over HTTPS only"),
        (r"\bhttponly\s*=\s*False\b", "httponly=True", "Hide the cookie from scripts"),
        # Falcon's spelling of the same flag.
        (r"\bhttp_only\s*=\s*False\b", "http_only=True", "Hide the cookie from scripts"),
        (r"\bsecure\s*:\s*false\b", "secure: true", "Send the cookie over HTTPS only"),
        (r"\bhttpOnly\s*:\s*false\b", "httpOnly: true", "Hide the cookie from scripts"),
        # Hapi's names for the same flags (server.state, h.state, @hapi/cookie).
        (r"\bisSecure\s*:\s*false\b", "isSecure: true", "Send the cookie over HTTPS only"),
        (r"\bisHttpOnly\s*:\s*false\b", "isHttpOnly: true", "Hide the cookie from scripts"),
        (
            r"^(SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE)\s*=\s*False\b",
            r"\1 = True",
            "Send the cookie over HTTPS only",
        ),
    ),
    "jwt-not-verified": (
        (r"([\"']verify_signature[\"']\s*:\s*)False\b", r"\1True", "Verify the signature"),
    ),
}


def settings_fixes(source: Source, finding: Finding) -> list[Fix]:
    rewrites = _REWRITES.get(finding.rule_id)
    if not rewrites:
        return []
    data = source.document.data
    start, end = finding.span.start_byte, finding.span.end_byte
    text = data[start:end].decode("utf-8", errors="surrogatepass")
    # Every insecure setting in the range is made safe in one edit.
    rewritten = text
    titles: list[str] = []
    for pattern, replacement, title in rewrites:
        rewritten, count = re.subn(pattern, replacement, rewritten, flags=re.MULTILINE)
        if count:
            titles.append(title)
    if not titles or rewritten == text:
        return []
    return [
        Fix(
            title=f"unguarded: {titles[0]}",
            kind="quickfix",
            rule_id=finding.rule_id,
            edits=(TextEdit(start, end, rewritten),),
            preferred=True,
        )
    ]
