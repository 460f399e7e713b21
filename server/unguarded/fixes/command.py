"""Command injection: a shell command string -> an argument list run without a shell. The
constant parts are split as the shell would split them; each value stays inside the one
argument it was part of. Commands that need the shell (pipes, redirects, `&&`, globs,
variables) are not rewritten. Bun's and Deno's process APIs: `["sh", "-c", command]` becomes
the command's own words; a program that comes from a value gets an allowlist guard."""

from __future__ import annotations

from unguarded.analysis.model import Finding
from unguarded.fixes.builder import FixBuilder, rejection
from unguarded.fixes.imports import js_bindings_for, js_member_entry, unused_after
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source, binding_of, text_of
from unguarded.fixes.ssrf import guard_subject
from unguarded.fixes.strings import (
    Lit,
    Pieces,
    Unsupported,
    Val,
    js_expression,
    js_pieces,
    merge_literals,
    python_expression,
    python_pieces,
)

_METACHARACTERS = frozenset("|&;<>()$`")
_GLOB = frozenset("*?[{~")
_CHILD_PROCESS = ("child_process", "node:child_process")
_SUBPROCESS_FUNCTIONS = frozenset({"run", "call", "check_call", "check_output", "Popen"})


def shell_words(pieces: Pieces) -> list[Pieces]:
    """The words /bin/sh would make of the constant text, each value kept inside its word.
    Raises Unsupported for anything beyond plain words and quotes."""
    items: list[str | Val] = []
    for piece in pieces:
        if isinstance(piece, Lit):
            items.extend(piece.value)
        else:
            items.append(piece)
    words: list[Pieces] = []
    current: Pieces | None = None
    state: str | None = None
    index = 0
    count = len(items)

    def add(piece: Lit | Val) -> None:
        nonlocal current
        if current is None:
            current = []
        current.append(piece)

    while index < count:
        item = items[index]
        if isinstance(item, Val):
            add(item)
            index += 1
            continue
        if state is None:
            if item in " \t":
                if current is not None:
                    words.append(merge_literals(current))
                    current = None
            elif item in "\n\r":
                raise Unsupported("several commands")
            elif item == "'" or item == '"':
                state = item
                if current is None:
                    current = []
            elif item == "\\":
                following = items[index + 1] if index + 1 < count else None
                if not isinstance(following, str):
                    raise Unsupported("backslash before a value")
                if following != "\n":
                    add(Lit(following))
                index += 1
            elif item in _METACHARACTERS or item in _GLOB:
                raise Unsupported(f"shell syntax {item!r}")
            elif item == "#" and current is None:
                raise Unsupported("shell comment")
            else:
                add(Lit(item))
        elif state == "'":
            if item == "'":
                state = None
            else:
                add(Lit(item))
        else:
            if item == '"':
                state = None
            elif item == "\\":
                following = items[index + 1] if index + 1 < count else None
                if isinstance(following, str) and following in '$`"\\':
                    add(Lit(following))
                    index += 1
                elif following == "\n":
                    index += 1
                else:
                    add(Lit("\\"))
            elif item in "$`":
                raise Unsupported("expansion inside double quotes")
            else:
                add(Lit(item))
        index += 1
    if state is not None:
        raise Unsupported("unterminated quote")
    if current is not None:
        words.append(merge_literals(current))
    if not words:
        raise Unsupported("empty command")
    program = words[0]
    if any(isinstance(p, Val) for p in program):
        raise Unsupported("the program itself comes from a value")
    if "=" in "".join(p.value for p in program if isinstance(p, Lit)):
        raise Unsupported("an environment assignment before the command")
    if not any(isinstance(p, Val) for word in words for p in word):
        raise Unsupported("nothing to separate")
    return [word if word else [Lit("")] for word in words]


def _join_pieces(source: Source, node: Node) -> Pieces | None:
    """`" ".join([...])` as the shell text it builds, or None."""
    if node.type != "call":
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or function.type != "attribute" or arguments is None:
        return None
    receiver = function.child_by_field_name("object")
    attribute = function.child_by_field_name("attribute")
    if receiver is None or attribute is None or text_of(attribute) != "join":
        return None
    if receiver.type != "string" or text_of(receiver)[1:-1] != " ":
        return None
    values = [a for a in arguments.named_children if a.type != "comment"]
    if len(values) != 1 or values[0].type not in ("list", "tuple"):
        return None
    pieces: Pieces = []
    for position, element in enumerate(values[0].named_children):
        if position:
            pieces.append(Lit(" "))
        if element.type in ("string", "concatenated_string", "binary_operator", "call"):
            pieces.extend(python_pieces(element))
        else:
            pieces.append(Val(element))
    return merge_literals(pieces)


def _command(source: Source, argument: Node) -> tuple[Node, list[Pieces], Node | None]:
    """(the node holding the command text, its words, the variable's declaration if the
    command was assigned to a variable first)."""
    node = argument
    declaration: Node | None = None
    if argument.type == "identifier":
        binding = binding_of(source, argument)
        if (
            not binding.single
            or binding.value is None
            or binding.reads != 1
            or binding.value.start_byte > argument.start_byte
        ):
            raise Unsupported("the command variable is assigned or used elsewhere")
        node = binding.value
        declaration = binding.definition
    if source.python:
        joined = _join_pieces(source, node)
        pieces = joined if joined is not None else python_pieces(node)
    else:
        pieces = js_pieces(node)
    return node, shell_words(pieces), declaration


def _python_list(source: Source, words: list[Pieces]) -> str:
    return "[" + ", ".join(python_expression(source, word) for word in words) + "]"


def _js_array(source: Source, words: list[Pieces]) -> str:
    return "[" + ", ".join(js_expression(source, word) for word in words) + "]"


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [a for a in arguments.named_children if a.type != "comment"]


def command_fixes(source: Source, finding: Finding) -> list[Fix]:
    try:
        if source.python:
            return [_python(source, finding)]
        runtime = _runtime(source, finding)
        if runtime is not None:
            return [runtime]
        return [_javascript(source, finding)]
    except Unsupported:
        return []


# ---------------------------------------------------------------------- Bun and Deno
_ALLOWED_PROGRAMS = "ALLOWED_PROGRAMS"
_PROGRAMS_COMMENT = "Programs this code may run: list the ones it needs."


def _runtime(source: Source, finding: Finding) -> Fix | None:
    """`Bun.spawn([...])`, `Bun.spawnSync`, `new Deno.Command(...)`; None for other calls."""
    call = source.node_at(finding.span, ("call_expression", "new_expression"))
    argument = source.node_at(finding.argument)
    if call is None or argument is None:
        return None
    callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    if callee is None or text_of(callee) not in ("Bun.spawn", "Bun.spawnSync", "Deno.Command"):
        return None
    arguments = _arguments(call)
    parent = argument.parent
    if parent is not None and parent.type == "array":
        elements = [e for e in parent.named_children if e.type != "comment"]
        if elements and elements[0] == argument:
            return _program_guard(source, finding, argument)
        if len(elements) >= 2 and elements[-1] == argument and elements[-2].type == "string":
            # ["sh", "-c", command] (Bun) / args: ["-c", command] (Deno)
            _, words, declaration = _command(source, argument)
            if declaration is not None or len(elements) not in (2, 3):
                raise Unsupported("shell form")
            builder = FixBuilder(source, finding.rule_id)
            if len(elements) == 3:
                builder.replace(parent, _js_array(source, words))
            elif arguments and arguments[0].type == "string":
                builder.replace(arguments[0], js_expression(source, words[0]))
                builder.replace(parent, _js_array(source, words[1:]))
            else:
                raise Unsupported("shell form")
            return builder.build("Run the command's words without a shell", preferred=True)
        raise Unsupported("argument position")
    if arguments and arguments[0] == argument:
        return _program_guard(source, finding, argument)
    raise Unsupported("argument position")


def _program_guard(source: Source, finding: Finding, argument: Node) -> Fix:
    """The program itself comes from a value: run it only if it is in ALLOWED_PROGRAMS."""
    if source.insertion_statement(argument) is None:
        raise Unsupported("no statement to guard")
    builder = FixBuilder(source, finding.rule_id)
    subject, before = guard_subject(builder, argument)
    constant = "new Set<string>([])" if source.typescript else "new Set([])"
    allowed = builder.require(
        "js-constant",
        _ALLOWED_PROGRAMS,
        f"// {_PROGRAMS_COMMENT}\nconst {_ALLOWED_PROGRAMS} = {constant}{source.semicolon}",
    )
    refuse = rejection(builder, argument, "program not allowed")
    lines = [
        *((0, line) for line in before),
        *builder.block(f"if (!{allowed}.has({subject}))", refuse),
    ]
    if not builder.place_before(argument, lines):
        raise Unsupported("placement")
    return builder.build(f"Run only programs in {_ALLOWED_PROGRAMS}", preferred=True)


# ---------------------------------------------------------------------- Python
def _python(source: Source, finding: Finding) -> Fix:
    call = source.node_at(finding.span, ("call",))
    argument = source.node_at(finding.argument)
    if call is None or argument is None:
        raise Unsupported("sink not found")
    function = call.child_by_field_name("function")
    if function is None:
        raise Unsupported("callee")
    name = text_of(function)
    arguments = _arguments(call)
    if not arguments or arguments[0] != argument:
        raise Unsupported("the command is not the first argument")
    node, words, _ = _command(source, argument)
    builder = FixBuilder(source, finding.rule_id)
    listed = _python_list(source, words)
    last = name.rsplit(".", 1)[-1]
    if last in _SUBPROCESS_FUNCTIONS:
        shell = next(
            (
                a
                for a in arguments
                if a.type == "keyword_argument"
                and text_of(a.child_by_field_name("name") or a) == "shell"
            ),
            None,
        )
        if shell is None:
            raise Unsupported("no shell=True to remove")
        position = arguments.index(shell)
        builder.replace(node, listed)
        builder.replace_range(arguments[position - 1].end_byte, shell.end_byte, "")
        return builder.build("Run the command as an argument list, without a shell", preferred=True)
    if name in ("os.system", "system") and len(arguments) == 1:
        subprocess = builder.require("py-module", "subprocess")
        command = listed if node == argument else text_of(argument)
        if node != argument:
            builder.replace(node, listed)
        _drop_callee_module(builder, function)
        parent = call.parent
        if parent is not None and parent.type == "expression_statement":
            builder.replace(call, f"{subprocess}.run({command}, check=True)")
        else:
            builder.replace(call, f"{subprocess}.run({command}).returncode")
        return builder.build(
            "Replace os.system() with subprocess.run([...], check=True)", preferred=True
        )
    if name in ("os.popen", "popen") and len(arguments) == 1:
        attribute = call.parent
        reader = attribute.parent if attribute is not None else None
        if (
            attribute is None
            or reader is None
            or attribute.type != "attribute"
            or reader.type != "call"
            or text_of(attribute.child_by_field_name("attribute") or attribute) != "read"
            or _arguments(reader)
        ):
            raise Unsupported("os.popen() not read at once")
        subprocess = builder.require("py-module", "subprocess")
        command = listed if node == argument else text_of(argument)
        if node != argument:
            builder.replace(node, listed)
        _drop_callee_module(builder, function)
        builder.replace(
            reader, f"{subprocess}.run({command}, capture_output=True, text=True).stdout"
        )
        return builder.build(
            "Replace os.popen() with subprocess.run([...]) and its output", preferred=True
        )
    raise Unsupported(f"no argument-list fix for {name}()")


def _drop_callee_module(builder: FixBuilder, function: Node) -> None:
    """`os.system(...)` replaced: `import os` goes if nothing else uses it."""
    root = function
    while root.type == "attribute":
        inner = root.child_by_field_name("object")
        if inner is None:
            return
        root = inner
    if root.type == "identifier":
        builder.drop_unused(text_of(root), [root])


# ---------------------------------------------------------------------- JavaScript
_REPLACEMENTS = {
    "exec": "execFile",
    "execSync": "execFileSync",
    "spawn": "spawn",
    "spawnSync": "spawnSync",
    # execa with { shell: true }: the same call, given the words, without the shell.
    "execa": "execa",
    "execaSync": "execaSync",
    "$": "$",
}
_SHELL_OPTION_REQUIRED = frozenset({"spawn", "spawnSync", "execa", "execaSync", "$"})


def _javascript(source: Source, finding: Finding) -> Fix:
    call = source.node_at(finding.span, ("call_expression",))
    argument = source.node_at(finding.argument)
    if call is None or argument is None:
        raise Unsupported("sink not found")
    function = call.child_by_field_name("function")
    arguments = _arguments(call)
    if function is None or not arguments or arguments[0] != argument:
        raise Unsupported("the command is not the first argument")
    if function.type == "member_expression":
        prop = function.child_by_field_name("property")
        callee = text_of(prop) if prop is not None else ""
        name_node = prop
    elif function.type == "identifier":
        callee = text_of(function)
        name_node = function
    else:
        raise Unsupported("callee")
    if callee not in _REPLACEMENTS or name_node is None:
        raise Unsupported(f"no argument-array fix for {callee}()")
    _, words, declaration = _command(source, argument)
    builder = FixBuilder(source, finding.rule_id)
    program = js_expression(source, words[0])
    rest = _js_array(source, words[1:])
    replacement = _REPLACEMENTS[callee]
    if replacement != callee:
        if function.type == "identifier":
            entry = js_member_entry(source, callee, _CHILD_PROCESS)
            already = any(b.member == replacement for b in js_bindings_for(source, _CHILD_PROCESS))
            if entry is not None and not already and unused_after(source, callee, [name_node]):
                # `{ exec }` is used nowhere else: it becomes `{ execFile }`.
                builder.replace(entry, replacement)
                builder.replace(name_node, replacement)
            else:
                local = builder.require("js-member", replacement, callee, *_CHILD_PROCESS)
                builder.replace(name_node, local)
                builder.drop_unused(callee, [name_node])
        else:
            builder.replace(name_node, replacement)
    options = arguments[1] if len(arguments) > 1 and arguments[1].type == "object" else None
    if options is not None:
        pairs = [c for c in options.named_children if c.type != "comment"]
        shell = [p for p in pairs if text_of(p.child_by_field_name("key") or p) == "shell"]
        if callee in _SHELL_OPTION_REQUIRED:
            if len(shell) != 1 or text_of(shell[0].child_by_field_name("value") or shell[0]) != (
                "true"
            ):
                raise Unsupported(f"{callee} without shell: true")
            kept = [p for p in pairs if p not in shell]
            if kept:
                _remove_pair(builder, pairs, shell[0])
            else:
                builder.replace_range(argument.end_byte, options.end_byte, "")
        elif shell:
            raise Unsupported("a shell option")
    elif callee in _SHELL_OPTION_REQUIRED:
        raise Unsupported(f"{callee} without an options object")
    builder.replace(argument, f"{program}, {rest}")
    if declaration is not None:
        statement = declaration.parent
        if statement is None or statement.type not in (
            "lexical_declaration",
            "variable_declaration",
        ):
            raise Unsupported("declaration")
        if not (source.starts_line(statement) and source.ends_line(statement)):
            raise Unsupported("declaration shares its line")
        start = source.line_start(statement.start_byte)
        end = source.line_end(statement.end_byte)
        following = source.data[end : end + 2]
        end += 2 if following == b"\r\n" else 1 if following[:1] == b"\n" else 0
        builder.replace_range(start, end, "")
    title = (
        f"Use {replacement}() with an argument array (no shell)"
        if replacement != callee
        else f"Pass {callee}() an argument array, without shell: true"
    )
    return builder.build(title, preferred=True)


def _remove_pair(builder: FixBuilder, pairs: list[Node], pair: Node) -> None:
    """Remove `pair` from an object literal, with the comma that separates it."""
    index = pairs.index(pair)
    if index + 1 < len(pairs):
        builder.replace_range(pair.start_byte, pairs[index + 1].start_byte, "")
    else:
        builder.replace_range(pairs[index - 1].end_byte, pair.end_byte, "")
