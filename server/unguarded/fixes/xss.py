"""XSS: text where text is meant (textContent, insertAdjacentText, jQuery .text()), sanitized
HTML where HTML is meant (DOMPurify.sanitize), templates with the value passed as context
(render_template_string), and Markup.format() / format_html() that escape their arguments."""

from __future__ import annotations

import re

from unguarded.analysis.model import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.redirect import web_link_fixes
from unguarded.fixes.source import Node, Source, binding_of, text_of, value_name
from unguarded.fixes.strings import (
    Lit,
    Pieces,
    Unsupported,
    Val,
    js_pieces,
    python_pieces,
    python_string,
)

_MARKUP_NAME = re.compile(r"html|markup|template|svg", re.IGNORECASE)
_DOMPURIFY_MODULES = ("dompurify", "isomorphic-dompurify")
# Names Jinja or Flask already define in a template's context.
_TEMPLATE_RESERVED = frozenset(
    {
        "request",
        "session",
        "g",
        "config",
        "url_for",
        "get_flashed_messages",
        "self",
        "loop",
        "super",
        "varargs",
        "kwargs",
        "caller",
        "true",
        "false",
        "none",
        "True",
        "False",
        "None",
    }
)


def is_text(source: Source, node: Node) -> bool:
    """Whether the assigned value reads as text rather than markup."""
    try:
        pieces = python_pieces(node) if source.python else js_pieces(node)
    except Unsupported:
        return False
    if any(isinstance(p, Lit) and ("<" in p.value or "&" in p.value) for p in pieces):
        return False
    for piece in pieces:
        if isinstance(piece, Val) and _MARKUP_NAME.search(value_name(source, piece.node, "")):
            return False
    return True


def xss_fixes(source: Source, finding: Finding) -> list[Fix]:
    try:
        if source.python:
            return _python(source, finding)
        return _javascript(source, finding)
    except Unsupported:
        return []


# ---------------------------------------------------------------------- JavaScript
def _sanitize(source: Source, finding: Finding, argument: Node, preferred: bool) -> Fix:
    builder = FixBuilder(source, finding.rule_id)
    purify = builder.require("js-default-or-global", "DOMPurify", *_DOMPURIFY_MODULES)
    builder.replace(argument, f"{purify}.sanitize({text_of(argument)})")
    return builder.build("Sanitize the HTML with DOMPurify.sanitize()", preferred=preferred)


def _rename(source: Source, finding: Finding, node: Node, name: str, title: str) -> Fix:
    builder = FixBuilder(source, finding.rule_id)
    builder.replace(node, name)
    return builder.build(title, preferred=True)


def _jsx_web_link(source: Source, finding: Finding, argument: Node) -> list[Fix]:
    """`<a href={url}>`, `<iframe src={url}>`: the attribute gets the URL only when it is
    an http(s) URL, and is left out otherwise (a JSX attribute set to `undefined` is not
    rendered). Only for a name or a field path, which reading twice does not change."""
    bare = argument
    while bare.type == "member_expression":
        inner = bare.child_by_field_name("object")
        prop = bare.child_by_field_name("property")
        if inner is None or prop is None or prop.type != "property_identifier":
            return []
        bare = inner
    if bare.type != "identifier" or argument.parent is None:
        return []
    if argument.parent.type != "jsx_expression":
        return []
    value = text_of(argument)
    builder = FixBuilder(source, finding.rule_id)
    builder.replace(
        argument,
        f'typeof {value} === "string" && /^https?:\\/\\//i.test({value}) ? {value} : undefined',
    )
    return [builder.build("Allow only http(s) URLs in the attribute", preferred=True)]


def _javascript(source: Source, finding: Finding) -> list[Fix]:
    argument = source.node_at(finding.argument)
    sink = source.node_at(
        finding.span,
        (
            "assignment_expression",
            "augmented_assignment_expression",
            "call_expression",
            "pair",
            "jsx_opening_element",
            "jsx_self_closing_element",
            "jsx_attribute",
        ),
    )
    if argument is None or sink is None:
        return []
    if finding.sink_name == "URL attribute":
        # A URL set from script (setAttribute("href", url), frame.src = url): only web
        # links.
        if sink.type not in ("call_expression", "assignment_expression"):
            return _jsx_web_link(source, finding, argument)
        return web_link_fixes(source, finding, argument, "Allow only http(s) links")
    if sink.type == "call_expression" and finding.sink_name == 'setAttribute("on...")':
        return []  # an event handler from data: no rewrite keeps the behaviour
    text = is_text(source, argument)
    fixes: list[Fix] = []
    if sink.type in ("assignment_expression", "augmented_assignment_expression"):
        left = sink.child_by_field_name("left")
        prop = left.child_by_field_name("property") if left is not None else None
        if prop is None:
            return []
        if text and text_of(prop) == "innerHTML" and sink.type == "assignment_expression":
            fixes.append(
                _rename(
                    source,
                    finding,
                    prop,
                    "textContent",
                    "Set textContent instead of innerHTML (the value is text)",
                )
            )
    elif sink.type == "call_expression":
        function = sink.child_by_field_name("function")
        prop = function.child_by_field_name("property") if function is not None else None
        method = text_of(prop) if prop is not None else ""
        if prop is not None and text and method == "insertAdjacentHTML":
            fixes.append(
                _rename(
                    source,
                    finding,
                    prop,
                    "insertAdjacentText",
                    "Insert a text node with insertAdjacentText() (the value is text)",
                )
            )
        elif prop is not None and text and method == "html":
            fixes.append(
                _rename(
                    source, finding, prop, "text", "Set the text with .text() instead of .html()"
                )
            )
    fixes.append(_sanitize(source, finding, argument, preferred=not fixes))
    return fixes


# ---------------------------------------------------------------------- Python
def _template_source(source: Source, argument: Node) -> tuple[Node, Pieces]:
    """The string expression to rewrite (the argument, or the one assignment of the variable
    passed) and its parts."""
    node = argument
    if argument.type == "identifier":
        binding = binding_of(source, argument)
        if (
            not binding.single
            or binding.value is None
            or binding.reads != 1
            or binding.value.start_byte > argument.start_byte
        ):
            raise Unsupported("the template variable is assigned or used elsewhere")
        node = binding.value
    pieces = python_pieces(node)
    if not any(isinstance(p, Val) for p in pieces) or not any(isinstance(p, Lit) for p in pieces):
        raise Unsupported("the whole template comes from a value")
    return node, pieces


def _context_name(source: Source, node: Node, taken: set[str]) -> str:
    base = value_name(source, node)
    if base in _TEMPLATE_RESERVED or not base.isidentifier() or base.startswith("_"):
        base = f"{base.strip('_') or 'value'}_value"
    name = base
    index = 2
    while name in taken:
        name = f"{base}_{index}"
        index += 1
    taken.add(name)
    return name


def _python(source: Source, finding: Finding) -> list[Fix]:
    call = source.node_at(finding.span, ("call",))
    argument = source.node_at(finding.argument)
    if argument is not None:
        rendered = _rendered_template(source, finding, argument)
        if rendered is not None:
            return [rendered]
    if call is None and argument is not None:
        # A body that is no call's argument: a view's `return f"<p>{x}</p>"`, a Lambda
        # proxy result's "body" declared text/html. Markup around values keeps its
        # markup, each value escaped.
        sink = source.node_at(finding.span, ("return_statement", "pair"))
        if sink is None:
            return []
        return [_html_escape(source, finding, argument)]
    if call is None or argument is None:
        return []
    function = call.child_by_field_name("function")
    callee = text_of(function).rsplit(".", 1)[-1] if function is not None else ""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    if callee == "render_template_string":
        return [_render_template_string(source, finding, call, arguments, argument)]
    if callee in ("Markup", "mark_safe"):
        return [_markup(source, finding, call, callee, argument)]
    if callee == "write" and function is not None and text_of(function).endswith(".wfile.write"):
        # http.server: self.wfile.write(markup.encode()): escape the values of the text.
        return [_html_escape(source, finding, _encoded_text(argument))]
    if (
        callee in ("write", "finish")
        and function is not None
        and text_of(function).startswith("self.")
    ):
        return [_tornado_escape(source, finding, argument)]
    if callee in ("Response", "HTMLResponse", "HttpResponse", "make_response"):
        return [_html_escape(source, finding, argument)]
    # Any other call that renders its argument as HTML (Streamlit's st.markdown/st.html,
    # Sanic's and BlackSheep's html(body), Dash's Markdown(dangerously_allow_html=True)):
    # markup around values keeps its markup, each value escaped.
    return [_html_escape(source, finding, argument)]


def _html_escape(source: Source, finding: Finding, argument: Node) -> Fix:
    """A response body of markup around values: escape each value with html.escape()."""
    return _escape_values(source, finding, argument, "html", "escape")


def _encoded_text(argument: Node) -> Node:
    """The text of `text.encode(...)` (in parentheses or not); bytes markup, where a
    str escaper does not fit, is not rewritten."""
    while argument.type == "parenthesized_expression" and argument.named_children:
        argument = argument.named_children[0]
    function = argument.child_by_field_name("function") if argument.type == "call" else None
    if function is None or function.type != "attribute":
        raise Unsupported("bytes built otherwise than by encoding text")
    attribute = function.child_by_field_name("attribute")
    text = function.child_by_field_name("object")
    if attribute is None or text is None or text_of(attribute) != "encode":
        raise Unsupported("bytes built otherwise than by encoding text")
    while text.type == "parenthesized_expression" and text.named_children:
        text = text.named_children[0]
    return text


def _tornado_escape(source: Source, finding: Finding, argument: Node) -> Fix:
    """Tornado's self.write(markup): escape each value with tornado.escape.xhtml_escape."""
    return _escape_values(source, finding, argument, "tornado.escape", "xhtml_escape")


def _escape_values(source: Source, finding: Finding, argument: Node, module: str, name: str) -> Fix:
    """Markup built around values: each value wrapped in `module.name(...)`."""
    if argument.type == "keyword_argument":  # web.Response(text=f"<p>{name}</p>")
        argument = argument.child_by_field_name("value") or argument
    pieces = python_pieces(argument)
    values = [p for p in pieces if isinstance(p, Val)]
    if not values or not any(isinstance(p, Lit) for p in pieces):
        raise Unsupported("the whole markup comes from a value")
    builder = FixBuilder(source, finding.rule_id)
    escape = builder.require("py-name", module, name)
    for value in values:
        builder.replace(value.node, f"{escape}({value.text})")
    return builder.build(f"Escape the values with {module}.{name}()", preferred=True)


def _render_template_string(
    source: Source, finding: Finding, call: Node, arguments: Node, argument: Node
) -> Fix:
    node, pieces = _template_source(source, argument)
    taken = {
        text_of(a.child_by_field_name("name") or a)
        for a in arguments.named_children
        if a.type == "keyword_argument"
    }
    if any(a.type == "dictionary_splat" for a in arguments.named_children):
        raise Unsupported("**context: names may collide")
    template: list[str] = []
    context: list[str] = []
    names: dict[str, str] = {}
    for piece in pieces:
        if isinstance(piece, Lit):
            template.append(piece.value)
            continue
        expression = piece.text
        if expression not in names:
            names[expression] = _context_name(source, piece.node, taken)
            context.append(f"{names[expression]}={expression}")
        template.append("{{ " + names[expression] + " }}")
    builder = FixBuilder(source, finding.rule_id)
    triple = '"""' in text_of(node) or "'''" in text_of(node)
    builder.replace(node, python_string(source, "".join(template), multiline=triple))
    closing = arguments.children[-1]
    if closing.type != ")":
        raise Unsupported("argument list")
    last = arguments.named_children[-1]
    between = source.data[last.end_byte : closing.start_byte].decode("utf-8")
    if "," in between:  # a trailing comma
        builder.insert(closing.start_byte, " ".join(c + "," for c in context))
    else:
        builder.insert(last.end_byte, ", " + ", ".join(context))
    return builder.build(
        "Pass the values to the template as variables (autoescaped)", preferred=True
    )


def _single_value(source: Source, node: Node) -> Node | None:
    """`node`, or the one value assigned to the name `node` is."""
    if node.type != "identifier":
        return node
    binding = binding_of(source, node)
    return binding.value if binding.single else None


def _rendered_template(source: Source, finding: Finding, argument: Node) -> Fix | None:
    """HTML rendered from a template built from a string, `Template(src).render(ctx)`
    (directly or through names): the values spliced into the source become template
    variables, and where the engine does not escape its variables (jinja2.Template, Mako,
    Context(autoescape=False)) every variable of the call is wrapped in html.escape()."""
    render = _single_value(source, argument)
    function = render.child_by_field_name("function") if render is not None else None
    if render is None or function is None or function.type != "attribute":
        return None
    method = function.child_by_field_name("attribute")
    template = function.child_by_field_name("object")
    if method is None or template is None or text_of(method) != "render":
        return None
    template = _single_value(source, template)
    builder_function = template.child_by_field_name("function") if template is not None else None
    template_arguments = template.child_by_field_name("arguments") if template is not None else None
    if (
        builder_function is None
        or template_arguments is None
        or not template_arguments.named_children
        or text_of(builder_function).rsplit(".", 1)[-1] != "Template"
        or text_of(builder_function) == "string.Template"
    ):
        return None
    arguments = render.child_by_field_name("arguments")
    if arguments is None:
        return None
    django = text_of(builder_function).startswith("django.") or (
        builder_function.type == "identifier"
        and re.search(
            rb"from django\.template import [^\n]*\b"
            + re.escape(source.data[builder_function.start_byte : builder_function.end_byte])
            + rb"\b",
            source.data,
        )
        is not None
    )
    context = _context_dictionary(arguments)
    escaped = django and not re.search(r"autoescape\s*=\s*False", text_of(arguments))
    if django and context is None:
        raise Unsupported("a Context that is not built from a dict literal")
    node: Node = template_arguments.named_children[0]
    pieces: Pieces = []  # a constant template: only its variables
    if node.type != "string" or any(c.type == "interpolation" for c in node.named_children):
        node, pieces = _template_source(source, node)
    builder = FixBuilder(source, finding.rule_id)
    escape = "" if escaped else builder.require("py-name", "html", "escape")

    def wrapped(expression: str) -> str:
        return expression if escaped else f"{escape}({expression})"

    taken = {
        text_of(a.child_by_field_name("name") or a)
        for a in arguments.named_children
        if a.type == "keyword_argument"
    }
    if context is not None:
        taken |= {
            _string_key(pair)
            for pair in context.named_children
            if pair.type == "pair" and _string_key(pair)
        }
    template_text: list[str] = []
    added: list[tuple[str, str]] = []
    names: dict[str, str] = {}
    for piece in pieces:
        if isinstance(piece, Lit):
            template_text.append(piece.value)
            continue
        if piece.text not in names:
            names[piece.text] = _context_name(source, piece.node, taken)
            added.append((names[piece.text], piece.text))
        template_text.append("{{ " + names[piece.text] + " }}")
    if added:
        triple = '"""' in text_of(node) or "'''" in text_of(node)
        builder.replace(node, python_string(source, "".join(template_text), multiline=triple))
    if not escaped:
        # The variables already passed go out as they are: escape them too.
        for keyword in arguments.named_children:
            value = keyword.child_by_field_name("value")
            if keyword.type == "keyword_argument" and value is not None:
                builder.replace(value, wrapped(text_of(value)))
        for pair in context.named_children if context is not None else []:
            value = pair.child_by_field_name("value")
            if pair.type == "pair" and value is not None:
                builder.replace(value, wrapped(text_of(value)))
    if not added and escaped:
        raise Unsupported("nothing to move into the context")
    if added and context is not None:
        entries = ", ".join(
            f"{python_string(source, name)}: {wrapped(value)}" for name, value in added
        )
        pairs = [c for c in context.named_children if c.type != "comment"]
        _append_entries(builder, source, pairs, context.children[-1], entries)
    elif added:
        if any(a.type in ("dictionary_splat", "list_splat") for a in arguments.named_children):
            raise Unsupported("*args/**context: names may collide")
        entries = ", ".join(f"{name}={wrapped(value)}" for name, value in added)
        closing = arguments.children[-1]
        if closing.type != ")":
            raise Unsupported("argument list")
        _append_entries(builder, source, arguments.named_children, closing, entries)
    title = (
        "Pass the values to the template as variables (autoescaped)"
        if escaped
        else "Escape the template's values with html.escape()"
    )
    return builder.build(title, preferred=True)


def _append_entries(
    builder: FixBuilder, source: Source, items: list[Node], closing: Node, entries: str
) -> None:
    """Add `entries` after the last of `items` (a dict's pairs, a call's arguments), before
    `closing`, keeping a trailing comma where the code has one."""
    if not items:
        builder.insert(closing.start_byte, entries)
        return
    between = source.data[items[-1].end_byte : closing.start_byte].decode("utf-8")
    if "," in between:
        builder.insert(closing.start_byte, entries + ", ")
    else:
        builder.insert(items[-1].end_byte, ", " + entries)


def _context_dictionary(arguments: Node) -> Node | None:
    """The dict literal of `render(Context({...}))` or `render({...})`, or None."""
    first = arguments.named_children[0] if arguments.named_children else None
    if first is not None and first.type == "call":
        callee = first.child_by_field_name("function")
        inner = first.child_by_field_name("arguments")
        if callee is None or text_of(callee).rsplit(".", 1)[-1] != "Context" or inner is None:
            return None
        first = inner.named_children[0] if inner.named_children else None
    return first if first is not None and first.type == "dictionary" else None


def _string_key(pair: Node) -> str:
    key = pair.child_by_field_name("key")
    return text_of(key).strip("\"'") if key is not None and key.type == "string" else ""


def _markup(source: Source, finding: Finding, call: Node, callee: str, argument: Node) -> Fix:
    pieces = python_pieces(argument)
    if not any(isinstance(p, Val) for p in pieces) or not any(isinstance(p, Lit) for p in pieces):
        raise Unsupported("the whole markup comes from a value")
    template = "".join(
        p.value.replace("{", "{{").replace("}", "}}") if isinstance(p, Lit) else "{}"
        for p in pieces
    )
    values = ", ".join(p.text for p in pieces if isinstance(p, Val))
    literal = python_string(source, template)
    builder = FixBuilder(source, finding.rule_id)
    if callee == "Markup":
        function = call.child_by_field_name("function")
        name = text_of(function) if function is not None else "Markup"
        builder.replace(call, f"{name}({literal}).format({values})")
        return builder.build(
            "Build the markup with Markup.format(), which escapes values", preferred=True
        )
    format_html = builder.require("py-name", "django.utils.html", "format_html")
    builder.replace(call, f"{format_html}({literal}, {values})")
    return builder.build(
        "Build the markup with format_html(), which escapes values", preferred=True
    )
