"""missing-csrf for a Flask app with no protection at all: `CSRFProtect(app)` right after
the app is created. Flask-WTF then checks a token on every POST/PUT/PATCH/DELETE; forms
send it with `{{ csrf_token() }}` and JavaScript in the X-CSRFToken header.

The configuration findings (`WTF_CSRF_ENABLED = False`, `@csrf_exempt`) have no automatic
fix: turning a check back on that someone turned off needs a person to look at why."""

from __future__ import annotations

from unguarded.analysis import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Source, text_of


def csrf_fixes(source: Source, finding: Finding) -> list[Fix]:
    if not source.python:
        return []
    call = source.node_at(finding.span, ("call",))
    if call is None or call.parent is None or call.parent.type != "assignment":
        return []
    function = call.child_by_field_name("function")
    if function is None or text_of(function).rpartition(".")[2] != "Flask":
        return []
    target = call.parent.child_by_field_name("left")
    statement = source.statement(call)
    if target is None or target.type != "identifier" or not source.ends_line(statement):
        return []
    builder = FixBuilder(source, finding.rule_id)
    protect = builder.require("py-name", "flask_wtf.csrf", "CSRFProtect")
    end = source.line_end(statement.end_byte)
    indentation = source.indentation(statement.start_byte)
    builder.insert(end, f"{source.newline}{indentation}{protect}({text_of(target)})")
    return [builder.build("Protect every form with Flask-WTF's CSRFProtect(app)", preferred=True)]
