"""xxe: the same call on defusedxml, which refuses entity declarations and external
references (`ET.fromstring(data)` -> `defusedxml.ElementTree.fromstring(data)`; the
functions keep their names and arguments). lxml's `etree.fromstring(data)` gets a parser
with entity resolution and network access turned off instead (defusedxml.lxml is
deprecated). defusedxml is a dependency to add to the project: the title says so."""

from __future__ import annotations

from unguarded.analysis import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Source, text_of

# Standard library module (its last name) -> defusedxml's module, and what defusedxml has.
_DEFUSED = {
    "ET": "defusedxml.ElementTree",
    "ElementTree": "defusedxml.ElementTree",
    "cElementTree": "defusedxml.ElementTree",
    "minidom": "defusedxml.minidom",
    "pulldom": "defusedxml.pulldom",
    "sax": "defusedxml.sax",
    "expatbuilder": "defusedxml.expatbuilder",
}
_FUNCTIONS = {
    "defusedxml.ElementTree": {"fromstring", "XML", "parse", "iterparse"},
    "defusedxml.minidom": {"parse", "parseString"},
    "defusedxml.pulldom": {"parse", "parseString"},
    "defusedxml.sax": {"parse", "parseString"},
    "defusedxml.expatbuilder": {"parse", "parseString"},
}


def xxe_fixes(source: Source, finding: Finding) -> list[Fix]:
    if not source.python:
        return []
    call = source.node_at(finding.span, ("call",))
    function = call.child_by_field_name("function") if call is not None else None
    if function is None or function.type != "attribute":
        return []
    receiver = function.child_by_field_name("object")
    name = function.child_by_field_name("attribute")
    if receiver is None or name is None:
        return []
    module = text_of(receiver).rpartition(".")[2]
    builder = FixBuilder(source, finding.rule_id)
    if module == "etree":
        arguments = call.child_by_field_name("arguments") if call is not None else None
        values = arguments.named_children if arguments is not None else []
        if len(values) != 1 or values[0].type in ("keyword_argument", "list_splat"):
            return []
        parser = f"{text_of(receiver)}.XMLParser(resolve_entities=False, no_network=True)"
        builder.insert(values[0].end_byte, f", {parser}")
        return [
            builder.build("Parse with entity resolution and network access off", preferred=True)
        ]
    defused = _DEFUSED.get(module)
    if defused is None or text_of(name) not in _FUNCTIONS[defused]:
        return []
    qualified = builder.require("py-module", defused)
    builder.replace(receiver, qualified)
    if receiver.type == "identifier":
        builder.drop_unused(text_of(receiver), [receiver])
    return [builder.build(f"Parse with {defused} (add defusedxml)", preferred=True)]
