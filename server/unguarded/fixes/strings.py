"""Strings built from parts (f-strings, template literals, `+`, `%`, `.format()`), read as
literal text and value expressions, and written back in the file's style."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from unguarded.fixes.source import Node, Source, text_of


@dataclass(frozen=True)
class Lit:
    """Literal characters (decoded: a newline is "\\n", not a backslash and an n)."""

    value: str


@dataclass(frozen=True)
class Val:
    """An expression whose value becomes text at this place."""

    node: Node
    # True when the text comes from an implicit conversion (f-string, %, .format, `${}`).
    implicit: bool = False

    @property
    def text(self) -> str:
        return text_of(self.node)


Piece = Lit | Val
Pieces = list[Piece]


class Unsupported(ValueError):
    """The expression is not a string built from parts this module understands."""


def merge_literals(pieces: Pieces) -> Pieces:
    merged: Pieces = []
    for piece in pieces:
        if isinstance(piece, Lit) and merged and isinstance(merged[-1], Lit):
            merged[-1] = Lit(merged[-1].value + piece.value)
        elif isinstance(piece, Lit) and not piece.value:
            continue
        else:
            merged.append(piece)
    return merged


def literal_text(pieces: Pieces) -> str | None:
    """The text of a string with no values, else None."""
    if any(isinstance(p, Val) for p in pieces):
        return None
    return "".join(p.value for p in pieces if isinstance(p, Lit))


def has_value(pieces: Pieces) -> bool:
    return any(isinstance(p, Val) for p in pieces)


# ---------------------------------------------------------------------- reading: Python
def python_pieces(node: Node) -> Pieces:
    """`node` as parts. Raises Unsupported for bytes, conversions (`!r`), format specs and
    formats this module does not read."""
    return merge_literals(_python(node, 0))


def _python(node: Node, depth: int) -> Pieces:
    if depth > 40:
        raise Unsupported("too deep")
    kind = node.type
    if kind == "string":
        return _python_string(node)
    if kind == "concatenated_string":
        return [p for child in node.named_children for p in _python(child, depth + 1)]
    if kind == "parenthesized_expression" and len(node.named_children) == 1:
        inner = node.named_children[0]
        if inner.type in ("string", "concatenated_string", "binary_operator", "call"):
            return _python(inner, depth + 1)
        return [Val(node)]
    if kind == "binary_operator":
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if operator is None or left is None or right is None:
            return [Val(node)]
        if operator.type == "+":
            left_pieces = _python(left, depth + 1)
            right_pieces = _python(right, depth + 1)
            if not any(isinstance(p, Lit) for p in left_pieces + right_pieces):
                return [Val(node)]  # a + b: maybe numbers
            return left_pieces + right_pieces
        if operator.type == "%":
            template = literal_text(_python(left, depth + 1))
            if template is None or left.type not in (
                "string",
                "concatenated_string",
                "parenthesized_expression",
            ):
                return [Val(node)]
            if right.type == "tuple":
                values = [c for c in right.named_children]
            elif right.type == "parenthesized_expression" and len(right.named_children) == 1:
                values = [right.named_children[0]]
            elif right.type in ("dictionary", "list_splat"):
                raise Unsupported("% with a mapping")
            else:
                values = [right]
            return _percent(template, values)
        return [Val(node)]
    if kind == "call":
        function = node.child_by_field_name("function")
        if function is not None and function.type == "attribute":
            attribute = function.child_by_field_name("attribute")
            receiver = function.child_by_field_name("object")
            if (
                attribute is not None
                and receiver is not None
                and text_of(attribute) == "format"
                and receiver.type in ("string", "concatenated_string", "parenthesized_expression")
            ):
                template = literal_text(_python(receiver, depth + 1))
                if template is None:
                    raise Unsupported(".format() on a built string")
                arguments = node.child_by_field_name("arguments")
                positional: list[Node] = []
                keywords: dict[str, Node] = {}
                for argument in arguments.named_children if arguments is not None else []:
                    if argument.type == "keyword_argument":
                        name = argument.child_by_field_name("name")
                        value = argument.child_by_field_name("value")
                        if name is None or value is None:
                            raise Unsupported("keyword")
                        keywords[text_of(name)] = value
                    elif argument.type in ("list_splat", "dictionary_splat"):
                        raise Unsupported("*args in .format()")
                    elif argument.type != "comment":
                        positional.append(argument)
                return _format(template, positional, keywords)
        return [Val(node)]
    return [Val(node)]


def _python_string(node: Node) -> Pieces:
    start = next((c for c in node.children if c.type == "string_start"), None)
    end = next((c for c in node.children if c.type == "string_end"), None)
    if start is None or end is None:
        raise Unsupported("string without delimiters")
    opener = text_of(start)
    prefix = opener.rstrip("'\"")
    quote = opener[len(prefix) :]
    lowered = prefix.lower()
    if "b" in lowered:
        raise Unsupported("bytes")
    formatted = "f" in lowered
    plain_prefix = "".join(c for c in prefix if c.lower() not in "f")
    pieces: Pieces = []
    for child in node.children:
        if child.type == "string_content":
            content = text_of(child)
            if formatted:
                content = content.replace("{{", "{").replace("}}", "}")
            pieces.append(Lit(_decode_python(plain_prefix, quote, content)))
        elif child.type == "interpolation":
            if any(c.type in ("type_conversion", "format_specifier") for c in child.children):
                raise Unsupported("conversion or format spec in an f-string")
            expression = child.child_by_field_name("expression")
            if expression is None:
                raise Unsupported("empty interpolation")
            pieces.append(Val(expression, implicit=True))
    return pieces


def _decode_python(prefix: str, quote: str, content: str) -> str:
    try:
        value = ast.literal_eval(prefix + quote + content + quote)
    except (SyntaxError, ValueError) as error:
        raise Unsupported(f"cannot read string: {error}") from error
    if not isinstance(value, str):
        raise Unsupported("not text")
    return value


_PERCENT = re.compile(r"%(?:%|[sdi])|%")


def _percent(template: str, values: list[Node]) -> Pieces:
    pieces: Pieces = []
    index = 0
    position = 0
    for match in _PERCENT.finditer(template):
        pieces.append(Lit(template[position : match.start()]))
        position = match.end()
        directive = match.group()
        if directive == "%%":
            pieces.append(Lit("%"))
        elif directive in ("%s", "%d", "%i"):
            if index >= len(values):
                raise Unsupported("more % directives than values")
            pieces.append(Val(values[index], implicit=True))
            index += 1
        else:
            raise Unsupported(f"% directive at {match.start()}")
    pieces.append(Lit(template[position:]))
    if index != len(values):
        raise Unsupported("% values left over")
    return pieces


_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def _format(template: str, positional: list[Node], keywords: dict[str, Node]) -> Pieces:
    pieces: Pieces = []
    automatic = 0
    position = 0
    for match in _FIELD.finditer(template):
        pieces.append(Lit(template[position : match.start()]))
        position = match.end()
        token = match.group()
        if token in ("{{", "}}"):
            pieces.append(Lit(token[0]))
            continue
        name = match.group(1)
        if name is None:
            raise Unsupported("unbalanced brace in a format string")
        if name == "":
            if automatic >= len(positional):
                raise Unsupported("missing .format() argument")
            pieces.append(Val(positional[automatic], implicit=True))
            automatic += 1
        elif name.isdigit() and int(name) < len(positional):
            pieces.append(Val(positional[int(name)], implicit=True))
        elif name in keywords:
            pieces.append(Val(keywords[name], implicit=True))
        else:
            raise Unsupported(f"format field {{{name}}}")
    pieces.append(Lit(template[position:]))
    return pieces


# ---------------------------------------------------------------------- reading: JavaScript
def js_pieces(node: Node) -> Pieces:
    return merge_literals(_js(node, 0))


def _js(node: Node, depth: int) -> Pieces:
    if depth > 40:
        raise Unsupported("too deep")
    kind = node.type
    if kind == "string":
        return [Lit(decode_js(text_of(node)[1:-1]))]
    if kind == "template_string":
        pieces: Pieces = []
        for child in node.named_children:
            if child.type in ("string_fragment", "escape_sequence"):
                pieces.append(Lit(decode_js(text_of(child))))
            elif child.type == "template_substitution":
                substituted = [c for c in child.named_children if c.type != "comment"]
                if len(substituted) != 1:
                    raise Unsupported("template substitution")
                pieces.append(Val(substituted[0], implicit=True))
            elif child.type != "comment":
                raise Unsupported(f"template part {child.type}")
        return pieces
    if kind == "parenthesized_expression" and len(node.named_children) == 1:
        inner = node.named_children[0]
        if inner.type in ("string", "template_string", "binary_expression"):
            return _js(inner, depth + 1)
        return [Val(node)]
    if kind == "binary_expression":
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if operator is not None and operator.type == "+" and left is not None and right:
            left_pieces = _js(left, depth + 1)
            if not any(isinstance(p, Lit) for p in left_pieces) and left.type not in (
                "string",
                "template_string",
            ):
                right_pieces = _js(right, depth + 1)
                if not any(isinstance(p, Lit) for p in right_pieces):
                    return [Val(node)]  # a + b: maybe numbers
                if len(left_pieces) > 1:
                    return [Val(node)]  # (a + b) + "x": a + b may be a sum
                return left_pieces + right_pieces
            return left_pieces + _js(right, depth + 1)
        return [Val(node)]
    return [Val(node)]


_JS_ESCAPES = {
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
}
_JS_ESCAPE = re.compile(
    r"\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]+)\}|u([0-9A-Fa-f]{4})|(\r\n|\n|\r)|(.))", re.DOTALL
)


def decode_js(raw: str) -> str:
    def replace(match: re.Match[str]) -> str:
        hex2, braced, hex4, newline, char = match.groups()
        if hex2:
            return chr(int(hex2, 16))
        if braced:
            return chr(int(braced, 16))
        if hex4:
            return chr(int(hex4, 16))
        if newline:
            return ""
        if char in _JS_ESCAPES:
            return _JS_ESCAPES[char]
        return str(char)

    return _JS_ESCAPE.sub(replace, raw)


# ---------------------------------------------------------------------- writing
_CONTROL = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


def _escape_body(value: str, quote: str, js: bool) -> str:
    out: list[str] = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + char)
        elif char in _CONTROL:
            out.append(_CONTROL[char] if not (char == "\0" and not js) else "\\x00")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


def python_string(source: Source, value: str, multiline: bool = False) -> str:
    quote = _pick_quote(source.quote, value)
    if multiline and "\n" in value and not value.endswith(quote) and quote * 3 not in value:
        body = value.replace("\\", "\\\\")
        if all(ord(c) >= 0x20 or c in "\n\t" for c in body):
            return quote * 3 + body + quote * 3
    return quote + _escape_body(value, quote, js=False) + quote


def js_string(source: Source, value: str) -> str:
    quote = _pick_quote(source.quote, value)
    return quote + _escape_body(value, quote, js=True) + quote


def _pick_quote(preferred: str, value: str) -> str:
    other = "'" if preferred == '"' else '"'
    if preferred in value and other not in value:
        return other
    return preferred


def _needs_parentheses(node: Node) -> bool:
    return node.type in (
        "lambda",
        "named_expression",
        "conditional_expression",
        "yield",
        "sequence_expression",
    )


def python_fstring(source: Source, pieces: Pieces) -> str:
    """An f-string for pieces. Raises Unsupported when an expression cannot sit inside one
    (a backslash, a newline or the quote character in it, before Python 3.12)."""
    expressions = [p.text for p in pieces if isinstance(p, Val)]
    for quote in (source.quote, "'" if source.quote == '"' else '"'):
        if any(quote in e or "\\" in e or "\n" in e for e in expressions):
            continue
        body: list[str] = []
        for piece in pieces:
            if isinstance(piece, Lit):
                escaped = _escape_body(piece.value, quote, js=False)
                body.append(escaped.replace("{", "{{").replace("}", "}}"))
            else:
                text = piece.text
                if _needs_parentheses(piece.node):
                    text = f"({text})"
                if text.startswith("{"):
                    text = " " + text
                body.append("{" + text + "}")
        return "f" + quote + "".join(body) + quote
    raise Unsupported("expression cannot go inside an f-string")


def python_expression(source: Source, pieces: Pieces) -> str:
    """One expression with the value of the joined pieces."""
    if len(pieces) == 1 and isinstance(pieces[0], Val):
        text = pieces[0].text
        return f"({text})" if _needs_parentheses(pieces[0].node) else text
    literal = literal_text(pieces)
    if literal is not None:
        return python_string(source, literal)
    return python_fstring(source, pieces)


def js_template(pieces: Pieces) -> str:
    body: list[str] = []
    for piece in pieces:
        if isinstance(piece, Lit):
            body.append(piece.value.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${"))
        else:
            body.append("${" + piece.text + "}")
    return "`" + "".join(body) + "`"


def js_expression(source: Source, pieces: Pieces) -> str:
    if len(pieces) == 1 and isinstance(pieces[0], Val):
        text = pieces[0].text
        return f"({text})" if _needs_parentheses(pieces[0].node) else text
    literal = literal_text(pieces)
    if literal is not None:
        return js_string(source, literal)
    return js_template(pieces)


def pieces_of(source: Source, node: Node) -> Pieces:
    return python_pieces(node) if source.python else js_pieces(node)


def expression_of(source: Source, pieces: Pieces) -> str:
    return python_expression(source, pieces) if source.python else js_expression(source, pieces)


def string_of(source: Source, value: str) -> str:
    return python_string(source, value) if source.python else js_string(source, value)
