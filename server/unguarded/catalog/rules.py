"""The rule catalog. A rule's tree-sitter patterns live in `queries/<language>/<id>.scm`,
its docs in `docs/rules/<id>.md`, its fixtures in `tests/fixtures/<id>/`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DOCS_BASE_URL = "https://github.com/unguarded/unguarded/blob/main/docs/rules/"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    cwe: int
    languages: tuple[str, ...]
    # What the sink does with the value, e.g. "fetches a URL built from".
    action: str
    # The control whose absence the finding reports.
    missing_control: str
    # Controls that silence the rule, shown in docs and hovers.
    controls: tuple[str, ...]
    # Injection rules follow data from an origin; their severity depends on it. Other
    # rules (insecure defaults, weak crypto) report the matched pattern itself.
    dataflow: bool = True
    # For pattern rules: the message, with {sink} for the matched call or setting.
    pattern_message: str = ""
    # Default severity when the value comes from untrusted input.
    severity: Severity = Severity.ERROR
    owasp: str = ""

    @property
    def docs_url(self) -> str:
        return f"{DOCS_BASE_URL}{self.id}.md"

    @property
    def cwe_tag(self) -> str:
        return f"external/cwe/cwe-{self.cwe}"

    @property
    def cwe_url(self) -> str:
        return f"https://cwe.mitre.org/data/definitions/{self.cwe}.html"


_ALL_LANGUAGES = ("python", "javascript", "typescript")

CATALOG: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="ssrf",
            title="Server-side request forgery",
            cwe=918,
            languages=_ALL_LANGUAGES,
            action="fetches a URL built from",
            missing_control="host allowlist or URL validator",
            controls=(
                "urlparse(url).hostname / new URL(url).hostname checked against an allowlist",
                "a validator call that guards the request",
                "a constant scheme and host with user data only in the path or query",
            ),
            owasp="A10:2021 Server-Side Request Forgery",
        ),
        Rule(
            id="sql-injection",
            title="SQL injection",
            cwe=89,
            languages=_ALL_LANGUAGES,
            action="runs SQL built from",
            missing_control="parameterization (placeholders with bound parameters)",
            controls=(
                "a constant SQL string with placeholders and a parameter tuple/array",
                "int()/Number() coercion of the value",
                "an allowlist check of identifiers",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="xss",
            title="Cross-site scripting",
            cwe=79,
            languages=_ALL_LANGUAGES,
            action="renders HTML built from",
            missing_control="HTML escaping or sanitizer",
            controls=(
                "textContent / innerText instead of innerHTML",
                "DOMPurify.sanitize(), html.escape(), markupsafe.escape()",
                "templates with autoescaping and the value passed as context",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="command-injection",
            title="OS command injection",
            cwe=78,
            languages=_ALL_LANGUAGES,
            action="runs a shell command built from",
            missing_control="shell-free argument list or quoting of the value",
            controls=(
                "an argument list without shell=True / execFile(file, args)",
                "shlex.quote() on each user-supplied part",
                "an allowlist of permitted values",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="path-traversal",
            title="Path traversal",
            cwe=22,
            languages=_ALL_LANGUAGES,
            action="opens a path built from",
            missing_control=(
                "containment check (resolved path verified to stay inside the base directory)"
            ),
            controls=(
                "realpath()/resolve() followed by startswith(base)/is_relative_to(base)/commonpath",
                "secure_filename() or os.path.basename() on the name",
                "send_from_directory() / res.sendFile(name, { root })",
            ),
            owasp="A01:2021 Broken Access Control",
        ),
    )
}


def get_rule(rule_id: str) -> Rule | None:
    return CATALOG.get(rule_id)
