"""SQL injection: a query string built from values -> placeholders plus bound parameters, in
the placeholder style of the driver in use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from unguarded.analysis.model import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.imports import js_bindings_for
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source, binding_of, text_of, value_name
from unguarded.fixes.strings import (
    Lit,
    Pieces,
    Unsupported,
    Val,
    expression_of,
    js_string,
    merge_literals,
    pieces_of,
    python_string,
)

QMARK = "qmark"  # ?
FORMAT = "format"  # %s
NUMERIC = "numeric"  # $1
NAMED = "named"  # :name
AT_NAMED = "at_named"  # @name (SQL Server: mssql's request.input(name, value))

# A value outside quotes is a value (not an identifier or SQL) after these.
# Where SQL takes a value (a placeholder may stand there): after a comparison, LIKE, or
# LIMIT / OFFSET (bound parameters work there in SQLite, PostgreSQL and MySQL).
_VALUE_BEFORE = re.compile(r"(?:=|<>|!=|<=|>=|<|>|\blike|\bilike|\blimit|\boffset)$", re.IGNORECASE)
_VALUES_LIST = re.compile(r"\bvalues\s*\((?:[^()']|'[^']*')*[(,]$", re.IGNORECASE)

_PY_FORMAT_DRIVERS = frozenset({"psycopg2", "psycopg", "MySQLdb", "pymysql", "mysql", "pgdb"})
_JS_DRIVERS = {
    "pg": NUMERIC,
    "mysql": QMARK,
    "mysql2": QMARK,
    "mysql2/promise": QMARK,
    "sqlite3": QMARK,
}


@dataclass
class Parameterized:
    sql: str
    # Per placeholder, in order: the new value's parts, or the index of an existing one.
    params: list[Pieces | int]
    names: list[str]


def parameterize(
    pieces: Pieces, style: str, existing: bool, name_of: dict[int, str] | None = None
) -> Parameterized:
    """Replace every value in the SQL text by a placeholder. A value inside a quoted SQL
    literal replaces the whole literal ('%{q}%' -> ? with "%{q}%" bound); a value outside
    quotes must stand where SQL expects a value (after =, <, LIKE, in VALUES (...)).
    `existing`: the call already binds parameters to placeholders in the text."""
    items: list[str | Val] = []
    for piece in pieces:
        if isinstance(piece, Lit):
            items.extend(piece.value)
        else:
            items.append(piece)
    out: list[str] = []
    params: list[Pieces | int] = []
    names: list[str] = []
    taken: set[str] = set()
    existing_count = 0
    index = 0
    count = len(items)

    def placeholder(value: Pieces) -> str:
        params.append(value)
        if style == QMARK:
            return "?"
        if style == FORMAT:
            return "%s"
        if style == NUMERIC:
            return f"${len(params)}"
        first = next((p for p in value if isinstance(p, Val)), None)
        base = value_name_of(first) if first is not None else "value"
        name = base
        suffix = 2
        while name in taken:
            name = f"{base}_{suffix}"
            suffix += 1
        taken.add(name)
        names.append(name)
        return ("@" if style == AT_NAMED else ":") + name

    def value_name_of(val: Val) -> str:
        if name_of is not None and id(val) in name_of:
            return name_of[id(val)]
        return val.text if val.node.type == "identifier" else "value"

    def literal(char: str) -> str:
        if style == FORMAT and char == "%":
            return "%%"
        return char

    while index < count:
        item = items[index]
        if isinstance(item, Val):
            before = "".join(out).rstrip()
            if not (_VALUE_BEFORE.search(before) or _VALUES_LIST.search(before)):
                raise Unsupported("a value outside quotes where SQL does not expect a value")
            following = items[index + 1] if index + 1 < count else None
            if following is not None and (
                isinstance(following, Val) or not (following.isspace() or following in "),;")
            ):
                raise Unsupported("a value glued to other SQL text")
            out.append(placeholder([item]))
            index += 1
            continue
        if item == "'":
            content: Pieces = []
            has_value = False
            cursor = index + 1
            closed = False
            while cursor < count:
                current = items[cursor]
                if isinstance(current, Val):
                    content.append(current)
                    has_value = True
                    cursor += 1
                    continue
                if current == "'":
                    if cursor + 1 < count and items[cursor + 1] == "'":
                        content.append(Lit("'"))
                        cursor += 2
                        continue
                    closed = True
                    break
                if current == "\\":
                    raise Unsupported("backslash in a SQL literal")
                content.append(Lit(current))
                cursor += 1
            if not closed:
                raise Unsupported("unterminated SQL literal")
            if has_value:
                out.append(placeholder(merge_literals(content)))
            else:
                text = "".join(p.value for p in content if isinstance(p, Lit))
                if style == QMARK and "?" in text:
                    raise Unsupported("? inside a SQL literal")
                out.append("'" + "".join(literal(c) for c in text.replace("'", "''")) + "'")
            index = cursor + 1
            continue
        if item in ('"', "`"):
            cursor = index + 1
            while cursor < count and items[cursor] != item:
                if isinstance(items[cursor], Val):
                    raise Unsupported("a value inside a quoted identifier")
                cursor += 1
            out.append("".join(str(c) for c in items[index : cursor + 1]))
            index = cursor + 1
            continue
        if style == QMARK and item == "?":
            if not existing:
                raise Unsupported("? in SQL text without parameters")
            params.append(existing_count)
            existing_count += 1
            out.append("?")
            index += 1
            continue
        if style == FORMAT and item == "%":
            following = items[index + 1] if index + 1 < count else None
            if existing and following == "%":
                out.append("%%")
                index += 2
                continue
            if existing and following == "s":
                params.append(existing_count)
                existing_count += 1
                out.append("%s")
                index += 2
                continue
            out.append("%%")
            index += 1
            continue
        if style in (NUMERIC, NAMED, AT_NAMED) and existing:
            raise Unsupported("existing parameters in numeric or named style")
        if style == AT_NAMED and item == "@":
            raise Unsupported("@ in SQL text: a parameter or variable already there")
        if style == NUMERIC and item == "$":
            following = items[index + 1] if index + 1 < count else None
            if isinstance(following, str) and following.isdigit():
                raise Unsupported("$n in SQL text without parameters")
        out.append(item)
        index += 1
    if not any(not isinstance(p, int) for p in params):
        raise Unsupported("no value to bind")
    return Parameterized("".join(out), params, names)


# ---------------------------------------------------------------------- shared
@dataclass
class _Target:
    """Where the SQL text is written: the sink argument or a variable's single assignment."""

    node: Node  # the string expression to replace
    pieces: Pieces
    triple: bool


def _target(source: Source, argument: Node) -> _Target:
    node = argument
    if argument.type == "identifier":
        binding = binding_of(source, argument)
        if not binding.single or binding.value is None or binding.reads != 1:
            raise Unsupported("the query variable is assigned or used elsewhere")
        if binding.value.start_byte > argument.start_byte:
            raise Unsupported("assigned after use")
        node = binding.value
    pieces = pieces_of(source, node)
    triple = '"""' in text_of(node) or "'''" in text_of(node)
    return _Target(node, pieces, triple)


def _names(source: Source, pieces: Pieces) -> dict[int, str]:
    names: dict[int, str] = {}
    for piece in pieces:
        if isinstance(piece, Val):
            names[id(piece)] = value_name(source, piece.node)
    return names


def _param_expression(source: Source, value: Pieces | int, existing: list[Node]) -> str:
    if isinstance(value, int):
        if value >= len(existing):
            raise Unsupported("more placeholders than bound values")
        return text_of(existing[value])
    for piece in value:
        if isinstance(piece, Val) and _sql_fragment(source, piece.node):
            raise Unsupported("the value is itself a piece of SQL (several values joined)")
    return expression_of(source, value)


def _sql_fragment(source: Source, node: Node, depth: int = 0) -> bool:
    """A value built with SQL syntax in it (`"', '".join(values)`): binding it as one
    parameter would change what the statement means."""
    if depth > 3:
        return False
    if node.type == "identifier":
        binding = binding_of(source, node)
        if binding.value is None:
            return False
        return _sql_fragment(source, binding.value, depth + 1)
    if node.type in ("call", "call_expression"):
        function = node.child_by_field_name("function")
        name = text_of(function).rsplit(".", 1)[-1] if function is not None else ""
        return name == "join"
    try:
        pieces = pieces_of(source, node)
    except Unsupported:
        return False
    return any(isinstance(p, Lit) and ("'" in p.value or "," in p.value) for p in pieces)


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [a for a in arguments.named_children if a.type != "comment"]


def _append_argument(builder: FixBuilder, node: Node, text: str) -> None:
    """Add an argument after `node`: on a line of its own when `node` has one."""
    source = builder.source
    own_line = source.ends_line(node) or source.data[node.end_byte : node.end_byte + 1] == b","
    if source.starts_line(node) and own_line:
        indentation = source.indentation(node.start_byte)
        builder.insert(node.end_byte, "," + source.newline + indentation + text)
    else:
        builder.insert(node.end_byte, ", " + text)


def _title(style: str) -> str:
    return {
        QMARK: "Use ? placeholders and bound parameters",
        FORMAT: "Use %s placeholders and bound parameters",
        NUMERIC: "Use $1 placeholders and bound parameters",
        NAMED: "Use :name placeholders and bound parameters",
        AT_NAMED: "Use @name placeholders and request.input()",
    }[style]


# ---------------------------------------------------------------------- Python
def _python_style(source: Source) -> str | None:
    modules: set[str] = set()
    for node in source.root.named_children:
        if node.type in ("import_statement", "import_from_statement"):
            words = source.text(node).replace(",", " ").split()
            if len(words) > 1:
                modules.add(words[1].split(".")[0])
    styles = set()
    if "sqlite3" in modules:
        styles.add(QMARK)
    if modules & _PY_FORMAT_DRIVERS:
        styles.add(FORMAT)
    if "django" in modules and any(
        "django.db" in source.text(n) and "connection" in source.text(n)
        for n in source.root.named_children
        if n.type == "import_from_statement"
    ):
        styles.add(FORMAT)
    return styles.pop() if len(styles) == 1 else None


def _peewee_style(source: Source) -> str | None:
    """The placeholder style of the Peewee database the file builds: `?` for SQLite,
    `%s` for PostgreSQL and MySQL; None without Peewee or with several kinds."""
    if not any(
        node.type in ("import_statement", "import_from_statement") and "peewee" in source.text(node)
        for node in source.root.named_children
    ):
        return None
    text = source.text(source.root)
    styles = set()
    if re.search(r"\bSqliteDatabase\(", text):
        styles.add(QMARK)
    if re.search(r"\b(?:Pooled)?(?:Postgresql|MySQL)Database\(", text):
        styles.add(FORMAT)
    return styles.pop() if len(styles) == 1 else None


def _python_fix(source: Source, finding: Finding) -> Fix:
    call = source.node_at(finding.span, ("call",))
    argument = source.node_at(finding.argument)
    if call is None or argument is None:
        raise Unsupported("sink not found")
    function = call.child_by_field_name("function")
    method = ""
    if function is not None:
        method = text_of(function).rsplit(".", 1)[-1]
    builder = FixBuilder(source, finding.rule_id)
    arguments = _arguments(call)
    peewee = _peewee_style(source)
    if method == "raw" and peewee is not None:
        # Peewee's Model.raw(sql, *params) takes the values one by one.
        if arguments != [argument]:
            raise Unsupported("raw() that already binds values")
        target = _target(source, argument)
        result = parameterize(target.pieces, peewee, False)
        values = [_param_expression(source, p, []) for p in result.params]
        builder.replace(target.node, python_string(source, result.sql, target.triple))
        _append_argument(builder, argument, ", ".join(values))
        return builder.build(_title(peewee), preferred=True)
    if method in ("execute", "raw", "execute_sql"):
        if method == "execute_sql":
            style = peewee
        else:
            style = FORMAT if method == "raw" else _python_style(source)
        if style is None:
            raise Unsupported("unknown driver: no placeholder style")
        if not arguments or arguments[0] != argument:
            raise Unsupported("the query is not the first argument")
        existing_node = arguments[1] if len(arguments) > 1 else None
        if any(a.type == "keyword_argument" for a in arguments) or len(arguments) > 2:
            raise Unsupported("unexpected arguments")
        existing: list[Node] = []
        if existing_node is not None:
            if existing_node.type not in ("tuple", "list"):
                raise Unsupported("parameters that are not a literal tuple or list")
            existing = list(existing_node.named_children)
        target = _target(source, argument)
        result = parameterize(target.pieces, style, existing_node is not None)
        values = [_param_expression(source, p, existing) for p in result.params]
        builder.replace(target.node, python_string(source, result.sql, target.triple))
        container = _python_container(values, "list" if method == "raw" else "tuple")
        if existing_node is not None:
            builder.replace(existing_node, container)
        else:
            _append_argument(builder, argument, container)
        return builder.build(_title(style), preferred=True)
    if method == "extra":
        keyword = argument.parent
        if (
            keyword is None
            or keyword.type != "keyword_argument"
            or argument.type != "list"
            or len(argument.named_children) != 1
        ):
            raise Unsupported("extra(where=...) with one clause only")
        if any(
            a.type == "keyword_argument" and text_of(a.child_by_field_name("name") or a) == "params"
            for a in arguments
        ):
            raise Unsupported("extra() already has params")
        target = _Target(
            argument.named_children[0], pieces_of(source, argument.named_children[0]), False
        )
        result = parameterize(target.pieces, FORMAT, False)
        values = [_param_expression(source, p, []) for p in result.params]
        builder.replace(target.node, python_string(source, result.sql))
        builder.insert(keyword.end_byte, ", params=" + _python_container(values, "list"))
        return builder.build(_title(FORMAT), preferred=True)
    if method == "text" or (function is not None and text_of(function) == "text"):
        outer = call.parent.parent if call.parent is not None else None
        if (
            outer is None
            or outer.type != "call"
            or call.parent is None
            or call.parent.type != "argument_list"
            or _arguments(outer) != [call]
        ):
            raise Unsupported("text() that is not passed straight to execute()")
        outer_function = outer.child_by_field_name("function")
        if outer_function is None or text_of(outer_function).rsplit(".", 1)[-1] not in (
            "execute",
            "scalar",
            "scalars",
            "exec",
        ):
            raise Unsupported("text() outside execute()")
        target = _target(source, argument)
        result = parameterize(target.pieces, NAMED, False, _names(source, target.pieces))
        values = [_param_expression(source, p, []) for p in result.params]
        builder.replace(target.node, python_string(source, result.sql, target.triple))
        pairs = ", ".join(
            f"{python_string(source, name)}: {value}"
            for name, value in zip(result.names, values, strict=True)
        )
        _append_argument(builder, call, "{" + pairs + "}")
        return builder.build(_title(NAMED), preferred=True)
    raise Unsupported(f"no placeholder fix for {method}()")


def _python_container(values: list[str], kind: str) -> str:
    if kind == "list":
        return "[" + ", ".join(values) + "]"
    if len(values) == 1:
        return f"({values[0]},)"
    return "(" + ", ".join(values) + ")"


# ---------------------------------------------------------------------- JavaScript
_REDBEAN_METHODS = frozenset({"getAll", "getRow", "getCell", "getCol", "getAssoc", "exec"})


def _js_style(source: Source, call: Node) -> tuple[str, str]:
    """(placeholder style, how values are passed: "array" or "replacements")."""
    function = call.child_by_field_name("function")
    receiver = function.child_by_field_name("object") if function is not None else None
    method_node = function.child_by_field_name("property") if function is not None else None
    method = text_of(method_node) if method_node is not None else ""
    receiver_text = text_of(receiver).lower() if receiver is not None else ""
    if method in _KNEX_RAW_FRAGMENTS and js_bindings_for(source, ("knex", *_ADONIS_DATABASE)):
        return QMARK, "array"  # knex (and Lucid, built on it): whereRaw(sql, [values])
    if "knex" in receiver_text or (js_bindings_for(source, ("knex",)) and method == "raw"):
        if method != "raw":
            raise Unsupported("knex method")
        return QMARK, "array"
    if "sequelize" in receiver_text:
        if method != "query":
            raise Unsupported("sequelize method")
        return QMARK, "replacements"
    if method == "rawQuery" and js_bindings_for(source, _ADONIS_DATABASE):
        return QMARK, "array"  # AdonisJS Lucid: db.rawQuery(sql, [values])
    if js_bindings_for(source, ("redbean-node",)) and method in _REDBEAN_METHODS:
        return QMARK, "array"  # R.getAll(sql, [values])
    if method in ("queryObject", "queryArray"):
        return NUMERIC, "array"  # deno-postgres: queryObject("... $1", [values])
    styles = {
        style
        for module, style in _JS_DRIVERS.items()
        if js_bindings_for(source, (module, "node:" + module))
    }
    if len(styles) != 1:
        raise Unsupported("unknown or ambiguous driver")
    if method not in ("query", "execute", "run", "all", "get", "each"):
        raise Unsupported(f"no placeholder fix for {method}()")
    return styles.pop(), "array"


def _js_fix(source: Source, finding: Finding) -> Fix:
    call = source.node_at(finding.span, ("call_expression",))
    argument = source.node_at(finding.argument)
    if call is None or argument is None:
        raise Unsupported("sink not found")
    function = call.child_by_field_name("function")
    prop = function.child_by_field_name("property") if function is not None else None
    if prop is not None and text_of(prop) == "lit" and js_bindings_for(source, ("kysely",)):
        # Kysely: sql.lit(value) writes the value into the SQL; sql.val(value) binds it.
        builder = FixBuilder(source, finding.rule_id)
        builder.replace(prop, "val")
        return builder.build("Bind the value with sql.val()", preferred=True)
    if prop is not None and text_of(prop) in _TYPEORM_CONDITIONS:
        return _typeorm_fix(source, finding, call, argument)
    if (
        prop is not None
        and text_of(prop) in ("query", "batch")
        and js_bindings_for(source, _MSSQL_MODULES)
    ):
        return _mssql_fix(source, finding, call, argument)
    style, passing = _js_style(source, call)
    arguments = _arguments(call)
    if not arguments or arguments[0] != argument:
        raise Unsupported("the query is not the first argument")
    rest = arguments[1:]
    builder = FixBuilder(source, finding.rule_id)
    target = _target(source, argument)
    if passing == "replacements":
        options = rest[0] if rest else None
        if options is not None and options.type != "object":
            raise Unsupported("sequelize options that are not an object literal")
        if options is not None and "replacements" in text_of(options):
            raise Unsupported("replacements already given")
        result = parameterize(target.pieces, style, False)
        values = [_param_expression(source, p, []) for p in result.params]
        builder.replace(target.node, js_string(source, result.sql))
        entry = "replacements: [" + ", ".join(values) + "]"
        if options is None:
            _append_argument(builder, argument, "{ " + entry + " }")
        else:
            pairs = [c for c in options.named_children if c.type != "comment"]
            if not pairs:
                builder.replace(options, "{ " + entry + " }")
            elif pairs[0].start_point.row != options.start_point.row:
                indentation = source.indentation(pairs[0].start_byte)
                builder.insert(pairs[0].start_byte, entry + "," + source.newline + indentation)
            else:
                builder.insert(pairs[0].start_byte, entry + ", ")
        return builder.build(_title(style), preferred=True)
    existing_node = rest[0] if rest and rest[0].type == "array" else None
    if rest and existing_node is None and rest[0].type not in ("arrow_function", "function"):
        raise Unsupported("values that are not an array literal")
    existing = list(existing_node.named_children) if existing_node is not None else []
    result = parameterize(target.pieces, style, existing_node is not None)
    values = [_param_expression(source, p, existing) for p in result.params]
    builder.replace(target.node, js_string(source, result.sql))
    array = "[" + ", ".join(values) + "]"
    if existing_node is not None:
        builder.replace(existing_node, array)
    else:
        _append_argument(builder, argument, array)
    return builder.build(_title(style), preferred=True)


_TYPEORM_CONDITIONS = frozenset({"where", "andWhere", "orWhere", "having", "andHaving", "orHaving"})


def _typeorm_fix(source: Source, finding: Finding, call: Node, argument: Node) -> Fix:
    """qb.where(`u.name = '${name}'`) -> qb.where("u.name = :name", { name: name }): a
    TypeORM condition with named parameters."""
    arguments = _arguments(call)
    if arguments != [argument]:
        raise Unsupported("a condition that already has parameters")
    target = _target(source, argument)
    result = parameterize(target.pieces, NAMED, False, _names(source, target.pieces))
    values = [_param_expression(source, p, []) for p in result.params]
    builder = FixBuilder(source, finding.rule_id)
    builder.replace(target.node, js_string(source, result.sql))
    pairs = ", ".join(
        name if name == value else f"{name}: {value}"
        for name, value in zip(result.names, values, strict=True)
    )
    _append_argument(builder, argument, "{ " + pairs + " }")
    return builder.build(_title(NAMED), preferred=True)


_KNEX_RAW_FRAGMENTS = frozenset(
    {"whereRaw", "orWhereRaw", "havingRaw", "orHavingRaw", "orderByRaw", "joinRaw", "selectRaw"}
)
_ADONIS_DATABASE = (
    "@adonisjs/lucid/services/db",
    "@ioc:Adonis/Lucid/Database",
    "@adonisjs/lucid/database",
)
_MSSQL_MODULES = ("mssql", "mssql/msnodesqlv8")


def _mssql_fix(source: Source, finding: Finding, call: Node, argument: Node) -> Fix:
    """pool.request().query(`... = '${v}'`) -> pool.request().input("v", v).query("... = @v"):
    mssql binds the values a Request was given with input() to @name placeholders."""
    function = call.child_by_field_name("function")
    receiver = function.child_by_field_name("object") if function is not None else None
    arguments = _arguments(call)
    if receiver is None or not arguments or arguments[0] != argument:
        raise Unsupported("the query is not the first argument")
    if len(arguments) > 1 and arguments[1].type not in (
        "arrow_function",
        "function",
        "function_expression",
    ):
        raise Unsupported("unexpected arguments")
    target = _target(source, argument)
    result = parameterize(target.pieces, AT_NAMED, False, _names(source, target.pieces))
    values = [_param_expression(source, p, []) for p in result.params]
    builder = FixBuilder(source, finding.rule_id)
    builder.replace(target.node, js_string(source, result.sql))
    inputs = "".join(
        f".input({js_string(source, name)}, {value})"
        for name, value in zip(result.names, values, strict=True)
    )
    builder.insert(receiver.end_byte, inputs)
    return builder.build(_title(AT_NAMED), preferred=True)


def sql_fixes(source: Source, finding: Finding) -> list[Fix]:
    try:
        fix = _python_fix(source, finding) if source.python else _js_fix(source, finding)
    except Unsupported:
        return []
    return [fix]
