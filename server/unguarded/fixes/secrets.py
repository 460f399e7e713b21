"""hardcoded-secret: the literal becomes a lookup in the environment, named after what it
was assigned to (`app.secret_key = "..."` -> `os.environ["SECRET_KEY"]`). A missing
variable then fails loudly at start-up instead of running with a leaked secret.

Parameter defaults are left alone: a lookup there runs at import time."""

from __future__ import annotations

import re

from unguarded.analysis import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source, text_of

_NAME_FIELDS = {
    "assignment": "left",
    "assignment_expression": "left",
    "variable_declarator": "name",
    "keyword_argument": "name",
    "pair": "key",
    "public_field_definition": "name",
    "field_definition": "property",
}


# Names too generic to stand alone in an environment (`stripe.api_key`, a `password` key):
# they get the owner's name in front (STRIPE_API_KEY, SMTP_PASSWORD).
_GENERIC = frozenset(
    {
        "PASSWORD",
        "PASSWD",
        "PASS",
        "PWD",
        "SECRET",
        "TOKEN",
        "KEY",
        "API_KEY",
        "APIKEY",
        "ACCESS_KEY",
        "PRIVATE_KEY",
        "ACCESS_TOKEN",
        "AUTH_TOKEN",
        "API_TOKEN",
        "API_SECRET",
    }
)
# Owners that say nothing about what the secret is for.
_PLAIN_OWNERS = frozenset(
    {
        "SELF",
        "THIS",
        "CLS",
        "APP",
        "CONFIG",
        "SETTINGS",
        "OPTIONS",
        "OPTS",
        "CONF",
        "EXPORTS",
        "MODULE",
        "DEFAULTS",
        "ENV",
        "ENVIRON",
        "PROCESS",
        "OS",
        "DATA",
        "PARAMS",
        "KWARGS",
    }
)


def _snake(word: str) -> str:
    word = word.strip("_$")
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", word).upper()


def environment_name(target: str, owner: str | None = None) -> str | None:
    """`app.config["JWT_SECRET_KEY"]` -> JWT_SECRET_KEY, `self.apiKey` -> API_KEY,
    `stripe.api_key` -> STRIPE_API_KEY; `owner` names the object a key belongs to."""
    words = [_snake(w) for w in re.findall(r"[A-Za-z_$][\w$]*", target)]
    words = [w for w in words if w]
    if owner is not None:
        words.insert(0, _snake(owner))
    if not words:
        return None
    name = words[-1]
    owners = [w for w in words[:-1] if w not in _PLAIN_OWNERS]
    if name in _GENERIC and owners:
        name = f"{owners[-1]}_{name}"
    return name if re.fullmatch(r"[A-Z][A-Z0-9_]*", name) else None


def _owner_name(node: Node) -> str | None:
    """The variable an object or dictionary literal is assigned to (`SMTP = {...}`)."""
    container = node.parent
    if container is None or container.type not in ("dictionary", "object"):
        return None
    holder = container.parent
    if holder is None:
        return None
    field = {"assignment": "left", "variable_declarator": "name", "pair": "key"}.get(holder.type)
    target = holder.child_by_field_name(field) if field else None
    return text_of(target) if target is not None else None


def secret_fixes(source: Source, finding: Finding) -> list[Fix]:
    literal = source.node_at(finding.argument)
    sink = source.node_at(finding.span, tuple(_NAME_FIELDS))
    if literal is None or sink is None:
        return []
    target = sink.child_by_field_name(_NAME_FIELDS[sink.type])
    if target is None:
        return []
    target_text = text_of(target)
    if re.match(r"(process\.env|os\.environ)\b", target_text):
        return []  # setting the environment itself: nothing to read it from
    owner = _owner_name(sink) if sink.type == "pair" else None
    name = environment_name(target_text, owner)
    if name is None:
        return []
    builder = FixBuilder(source, finding.rule_id)
    if source.python:
        os_module = builder.require("py-module", "os")
        lookup = f'{os_module}.environ["{name}"]'
    else:
        lookup = f"process.env.{name}"
    builder.replace(literal, lookup)
    return [builder.build(f"Read the secret from the environment ({name})", preferred=True)]
