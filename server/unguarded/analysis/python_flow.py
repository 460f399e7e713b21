"""Python syntax for the data-flow analysis (tree-sitter-python node types)."""

from __future__ import annotations

import ast
import itertools
import re
import string
from collections.abc import Callable, Iterator
from functools import partial
from urllib.parse import urlsplit

from unguarded.analysis.aliases import imported_module, imported_name, spellings
from unguarded.analysis.flow import (
    FIXED_HOST_PREFIX,
    FORMAT_ONLY_VALIDATORS,
    LOOKUP_METHODS,
    MAX_CONDITION_DEPTH,
    MAX_DEPTH,
    Check,
    Definition,
    FlowAnalyzer,
    Node,
    NodeKey,
    Parameter,
    Trace,
    chain_operands,
    contains,
    earlier_siblings,
    ends_with_anchor,
    merge,
    node_key,
    node_text,
    normalized,
    regex_alternatives,
    regex_site_check,
    short_label,
    strips_harmful_characters,
)
from unguarded.analysis.model import OriginKind, Span, Step

# Type hints that make a parameter a number, a flag or an identifier, not text.
_SAFE_ANNOTATIONS = re.compile(
    r"^(?:Optional\[)?(?:int|float|bool|complex|Decimal|UUID|uuid\.UUID|date|datetime|"
    r"datetime\.\w+|PositiveInt|NonNegativeInt|conint\(.*\)|confloat\(.*\)|Literal\[.*\]|"
    r"StrictInt|StrictBool|UUID4|EmailStr)\]?(?:\s*\|\s*None)?$"
)
# Parameters a framework fills with objects, not user text.
_FRAMEWORK_TYPES = frozenset(
    {
        "Request",
        "WebSocket",
        "Session",
        "BackgroundTasks",
        "Response",
        "HTTPConnection",
        "AsyncSession",
        "Connection",
        "Engine",
        "Settings",
        "HttpRequest",
        "SecurityScopes",
        "OAuth2PasswordRequestForm",
    }
)
_INJECTED_DEFAULT = re.compile(r"^(?:Depends|Security|fastapi\.Depends)\(")
_ROUTE_DECORATORS = frozenset(
    {
        "get",
        "post",
        "put",
        "delete",
        "patch",
        "head",
        "options",
        "route",
        "api_route",
        "websocket",
        "api_view",
    }
)
_EXIT_CALLS = frozenset(
    {
        "abort",
        "exit",
        "sys.exit",
        "os._exit",
        "quit",
        "flask.abort",
        "raise_error",
        "fail",
        "pytest.fail",
        "pytest.skip",
        "self.fail",
    }
)
_TRIVIAL_TESTS = frozenset(
    {
        "len",
        "isinstance",
        "issubclass",
        "type",
        "bool",
        "str",
        "hasattr",
        "callable",
        "print",
        "getattr",
        "id",
        "any",
        "all",
        "repr",
        "bytes",
        "iter",
        "next",
        "vars",
        "dir",
        "exists",
        "os.path.exists",
        "os.path.isfile",
        "os.path.isdir",
        "is_file",
        "is_dir",
        "isfile",
        "isdir",
        "is_none",
        "is_empty",
        "logging.info",
        "logger.info",
    }
)
# Calls whose names read as checks but test no value: whether a file exists, and
# subprocess's check_output/check_call (they raise when the command fails, whatever it was).
_NOT_CHECKS = frozenset({"exists", "isfile", "isdir", "check_output", "check_call"})
_BRANCHES = frozenset(
    {
        "block",
        "else_clause",
        "elif_clause",
        "except_clause",
        "finally_clause",
        "conditional_expression",
        "boolean_operator",
        "case_clause",
        "for_in_clause",
        "if_clause",
        "list_comprehension",
        "generator_expression",
        "dictionary_comprehension",
        "set_comprehension",
        "lambda",
    }
)
# Request mappings whose values are strings (query string, form, headers, cookies, the
# URL's placeholders): Flask, Django, Starlette, aiohttp and Bottle (`request.query`,
# `forms`, `params`, `match_info`), Pyramid and Falcon (`params`, `matchdict`), Azure
# Functions (`req.params`, `req.route_params`, `req.headers`).
_STRING_MAP = re.compile(
    r"^(?:request|req)\.(?:args|form|forms|values|cookies|headers|GET|POST|COOKIES|META|"
    r"query_params|query|params|route_params|path_params|match_info|matchdict)$"
)
# The methods of str that return a str (of a string receiver, whatever their arguments).
_STRING_METHODS = frozenset(
    {
        "capitalize",
        "casefold",
        "center",
        "expandtabs",
        "format",
        "format_map",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "removeprefix",
        "removesuffix",
        "replace",
        "rjust",
        "rstrip",
        "strip",
        "swapcase",
        "title",
        "translate",
        "upper",
        "zfill",
    }
)
_PATH_TYPES = frozenset(
    {"Path", "PurePath", "PosixPath", "PurePosixPath", "WindowsPath", "PureWindowsPath"}
)
_STR_ANNOTATION = re.compile(r"^\s*(?:str|Optional\[str\]|str\s*\|\s*None)\s*$")
# Rules for which what a file holds is as untrusted as the path it was opened from.
_CONTENT_RULES = frozenset({"unsafe-deserialization"})
# URL builders whose first argument names a route of this site (or is a URL used as is) and
# whose other arguments only fill in its path or query: Flask-Login's login_url(view,
# next_url), Django's resolve_url(to, *args, **kwargs). Keyword spelling of the first.
_ROUTE_URL_BUILDERS = {"login_url": "login_view", "resolve_url": "to"}
# Command-line option types that admit only a closed set of values: click.Choice and
# ranges, numbers and flags (click and argparse convert or reject anything else).
_CLOSED_CLI_TYPES = frozenset(
    {"Choice", "IntRange", "FloatRange", "int", "float", "bool", "INT", "FLOAT", "BOOL", "UUID"}
)
# Fixtures of pytest and its common plugins: a `test*` function that takes one is a test.
_PYTEST_FIXTURES = frozenset(
    {
        "client",
        "tmp_path",
        "tmpdir",
        "tmp_path_factory",
        "monkeypatch",
        "capsys",
        "capfd",
        "caplog",
        "recwarn",
        "mocker",
        "rf",
        "admin_client",
        "django_user_model",
        "live_server",
        "httpx_mock",
        "requests_mock",
        "respx_mock",
        "event_loop",
        "faker",
    }
)
_CLI_PARSE = frozenset({"parse_args", "parse_known_args", "parse_intermixed_args"})
_CLI_PARSE_CALL = re.compile(
    r"\.(?:parse_args|parse_known_args|parse_intermixed_args)\(.*\)$", re.S
)
_FILE_OPENERS = frozenset(
    {"open", "io.open", "codecs.open", "gzip.open", "bz2.open", "lzma.open", "builtins.open"}
)
_FLASK_CONVERTER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
_SAFE_CONVERTERS = frozenset({"int", "float", "uuid"})
# Tornado: the methods that receive the URL pattern's groups, the handler base classes.
_TORNADO_METHODS = frozenset({"get", "post", "put", "delete", "patch", "head", "options"})
_TORNADO_HANDLERS = frozenset({"RequestHandler", "WebSocketHandler"})
# The standard library's http.server: the handler classes, and the attributes of a handler
# that hold what the client sent (the request line, its path, the headers, the body).
_HTTP_SERVER_HANDLERS = frozenset(
    {"BaseHTTPRequestHandler", "SimpleHTTPRequestHandler", "CGIHTTPRequestHandler"}
)
_HTTP_SERVER_REQUEST = frozenset({"path", "headers", "rfile", "requestline", "raw_requestline"})
# Django Channels: the consumer classes whose scope is the WebSocket/HTTP request, the parts
# of the scope the client wrote (not `user` or `session`, which middleware fills), and the
# methods that receive the client's messages.
_CHANNELS_CONSUMERS = frozenset(
    {
        "WebsocketConsumer",
        "AsyncWebsocketConsumer",
        "JsonWebsocketConsumer",
        "AsyncJsonWebsocketConsumer",
        "AsyncHttpConsumer",
    }
)
_CHANNELS_SCOPE = re.compile(
    r'^self\.scope\["(url_route|query_string|headers|cookies|path|raw_path)"\]'
)
_CHANNELS_RECEIVERS = frozenset({"receive", "receive_json", "websocket_receive"})
# Media types a browser renders as a document that runs script.
_HTML_TYPE = re.compile(r"(?i)^\s*(?:text/html|application/xhtml\+xml)\b")
# CherryPy's handler decorator: an exposed method's arguments are the request's parameters.
_CHERRYPY_EXPOSE = frozenset({"cherrypy.expose", "cherrypy.expose()"})
# The methods of HTTP clients that fetch a URL (requests, httpx, aiohttp, urllib, Tornado).
_FETCH_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "urlopen", "fetch"}
)
# XML parsers of a text (not of a file a path names): their tree holds the text's content.
_XML_TEXT_PARSERS = frozenset({"fromstring", "XML", "fromstringlist"})
# Google Cloud Functions' HTTP decorator: the function is a Flask view of its own.
_CLOUD_FUNCTION_DECORATORS = frozenset({"functions_framework.http"})
# Frameworks whose route decorators are imported bare (`@get("/items")`, `@route("/")`).
_ROUTE_MODULES = frozenset({"litestar", "starlite", "bottle"})


# Constructors of file objects held in memory or on a temporary file: not paths.
_TEMPORARY_FILES = frozenset(
    {"NamedTemporaryFile", "TemporaryDirectory", "SpooledTemporaryFile", "TemporaryFile"}
)
_FILE_OBJECTS = frozenset(
    {"BytesIO", "StringIO", "SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile"}
)
# str methods true only for letters and digits (isidentifier: and "_"); see _call_subjects.
_CHARACTER_CLASS_TESTS = frozenset(
    {"isdigit", "isnumeric", "isdecimal", "isalnum", "isalpha", "isidentifier"}
)
# Characters besides letters and digits that each rule's sink does not misread, for a
# check that every character is in a set: no quote, `;`, space or `-` (`1--` comments
# out the rest of a statement) in SQL; no shell metacharacter or `-` (an option) in a
# command; no separator, dot or drive colon in a path; no markup or `:` (a scheme) in
# HTML; no `/`, `\` or `:` in a redirect. For SSRF a set of characters is no host
# allowlist at all ("localhost", "10.0.0.1").
_SAFE_EXTRA_CHARACTERS: dict[str, str] = {
    "sql-injection": "_.@",
    "command-injection": "_.@+,:%/=",
    "path-traversal": "_-@+,#%=~",
    "xss": "_-.@+,#%/",
    "open-redirect": "_-.@+,#%",
}
# The string module's character constants.
_STRING_CONSTANTS: dict[str, str] = {
    "ascii_letters": string.ascii_letters,
    "ascii_lowercase": string.ascii_lowercase,
    "ascii_uppercase": string.ascii_uppercase,
    "digits": string.digits,
    "hexdigits": string.hexdigits,
    "octdigits": string.octdigits,
    "punctuation": string.punctuation,
    "whitespace": string.whitespace,
    "printable": string.printable,
}


def _safe_characters(characters: str, rule: str) -> bool:
    """Whether a value made only of `characters` is harmless at the rule's sink."""
    if rule == "ssrf":
        return False
    extra = _SAFE_EXTRA_CHARACTERS.get(rule, "_")
    return all(c.isalnum() or c in extra for c in characters)


def _constant_characters(flow: PythonFlow, node: Node, depth: int) -> str | None:
    """The characters of a constant character collection: a string literal, a set or
    list of one-character strings, `string.digits` and the like, their `+`, `set(...)` /
    `frozenset(...)` of one, a name assigned one; else None."""
    if depth > 4:
        return None
    kind = node.type
    if kind == "string":
        if any(c.type == "interpolation" for c in node.named_children):
            return None
        return _string_value(node)
    if kind == "attribute":
        owner = node.child_by_field_name("object")
        attribute = node.child_by_field_name("attribute")
        if owner is not None and attribute is not None and node_text(owner) == "string":
            return _STRING_CONSTANTS.get(node_text(attribute))
        return None
    if kind == "identifier":
        value = flow.single_value(node)
        if value is None:
            definitions = flow.module_definitions(node_text(node))
            value = definitions[0].value if len(definitions) == 1 else None
        return _constant_characters(flow, value, depth + 1) if value is not None else None
    if kind == "binary_operator":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or operator is None:
            return None
        if node_text(operator) not in ("+", "|"):
            return None
        a = _constant_characters(flow, left, depth + 1)
        b = _constant_characters(flow, right, depth + 1)
        return a + b if a is not None and b is not None else None
    if kind == "call":
        if flow.callee_name(node) not in ("set", "frozenset"):
            return None
        arguments = node.child_by_field_name("arguments")
        inner = arguments.named_children if arguments is not None else []
        return _constant_characters(flow, inner[0], depth + 1) if len(inner) == 1 else None
    if kind in ("set", "list", "tuple"):
        found = ""
        for element in node.named_children:
            character = _string_value(element) if element.type == "string" else None
            if character is None or len(character) != 1:
                return None
            found += character
        return found
    return None


# `Optional[X]` / `X | None` around a type.
_OPTIONAL = re.compile(r"^Optional\[(.*)\]$|^(.*?)\s*\|\s*None$|^None\s*\|\s*(.*)$")


def _without_optional(annotation: str) -> str:
    """`X` for `Optional[X]`, `X | None`, `None | X`; else the annotation."""
    match = _OPTIONAL.match(annotation.strip())
    if match is None:
        return annotation.strip()
    return next(g for g in match.groups() if g is not None).strip()


# str predicates that still let every punctuation character through.
_WIDE_CHARACTER_TESTS = frozenset(
    {"isascii", "isprintable", "isspace", "islower", "isupper", "istitle"}
)
# Calls that open an archive file at a path (path-traversal sinks whose result is the archive).
_ARCHIVE_OPENERS = frozenset(
    {"tarfile.open", "tarfile.TarFile", "zipfile.ZipFile", "ZipFile", "TarFile"}
)
# Uploaded files: Flask/Django/Starlette request.files / request.FILES, and the types of
# parameters that receive one.
_UPLOADS = re.compile(r"(^|\.)request\.(files|FILES)$")
_UPLOAD_TYPES = frozenset({"UploadFile", "FileStorage", "UploadedFile", "InMemoryUploadedFile"})
# Django's uploaded files (request.FILES, DRF's request.data) and the types that hold one:
# Django keeps only the basename of the client's file name.
_DJANGO_UPLOADS = re.compile(r"(^|\.)request\.(FILES|data)$")
_DJANGO_UPLOAD_TYPES = frozenset(
    {"UploadedFile", "InMemoryUploadedFile", "TemporaryUploadedFile", "SimpleUploadedFile"}
)
# DRF serializer and Django form fields whose valid values are closed: a listed choice, a
# number, a flag, a UUID, a date or time, a record picked by its key.
_CLOSED_FORM_FIELDS = frozenset(
    {
        "ChoiceField",
        "TypedChoiceField",
        "MultipleChoiceField",
        "TypedMultipleChoiceField",
        "IntegerField",
        "FloatField",
        "DecimalField",
        "BooleanField",
        "NullBooleanField",
        "UUIDField",
        "DateField",
        "DateTimeField",
        "TimeField",
        "DurationField",
        "PrimaryKeyRelatedField",
        "SlugRelatedField",
        "ModelChoiceField",
        "ModelMultipleChoiceField",
    }
)
# Redirects whose framework percent-encodes the URL before it goes out as the Location
# header: Django's HttpResponseRedirect (iri_to_uri), Starlette's RedirectResponse and
# Sanic's redirect() (urllib's quote): `/\evil.example` leaves as `/%5Cevil.example` and
# a tab as `%09`, both paths of this site. Werkzeug (Flask, Quart) does not do so reliably
# (up to 3.0.2 an ASCII URL went out as it was; since, urlsplit() drops tabs and
# newlines first, so `/<tab>/evil.example` becomes `//evil.example`), nor do Tornado,
# Pyramid, Bottle or a Location header set by hand.
_ENCODING_REDIRECTS = frozenset(
    {
        "django.http.HttpResponseRedirect",
        "django.http.HttpResponsePermanentRedirect",
        "django.http.response.HttpResponseRedirect",
        "django.http.response.HttpResponsePermanentRedirect",
        "django.shortcuts.redirect",
        "starlette.responses.RedirectResponse",
        "fastapi.responses.RedirectResponse",
        "sanic.response.redirect",
        "sanic.redirect",
    }
)
# Their class names, which only these frameworks define: judged by name when no import
# or definition of the file binds the name.
_ENCODING_REDIRECT_NAMES = frozenset(
    {"HttpResponseRedirect", "HttpResponsePermanentRedirect", "RedirectResponse"}
)
# URLs of another site that a same-site check on a redirect target must refuse, and
# those that become one unless the framework percent-encodes the URL: browsers read
# "/\evil.example" as "//evil.example" and drop a tab or newline ("/<tab>/evil.example"),
# and so does Python's urlsplit() (Werkzeug's iri_to_uri()).
_REDIRECT_ELSEWHERE = ("//evil.example", "//3627732462", "https://evil.example/")
_SAME_SITE_ESCAPES = ("/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example")
# Django form and DRF serializer base classes: what their field hooks check and what a
# form's `self.cleaned_data` holds.
_DJANGO_FORMS = frozenset({"Form", "ModelForm", "BaseForm", "BaseModelForm"})
_DRF_SERIALIZERS = frozenset({"Serializer", "ModelSerializer", "HyperlinkedModelSerializer"})
# DRF serializer methods that receive the validated mapping, and the parameter's position.
_VALIDATED_PARAMETERS = {"validate": 1, "create": 1, "update": 2}
# pathlib fields that hold only (a part of) the last component: no separator, no `..`.
_LAST_PART_FIELDS = frozenset({"name", "stem", "suffix", "suffixes"})
# SQLAlchemy Core statement constructors: their values become bound parameters.
_SQLALCHEMY_STATEMENTS = frozenset(
    {"select", "insert", "update", "delete", "union", "union_all", "exists", "lambda_stmt"}
)
# Methods of an object that look something up by a key: `store.get_model_uri(name)`,
# `registry.find_plugin(n)`. Their result is what the object holds, not the key.
_LOOKUP_METHOD = re.compile(r"^(?:get|find|fetch|lookup|retrieve|search|query)_\w")
_SQLALCHEMY_MODULES = ("sqlalchemy", "sqlmodel", "flask_sqlalchemy")
_SESSION_NAME = re.compile(r"(?i)(^|[._])(session|db|dbsession|db_session|s)$")


def _cli_options(call: Node) -> tuple[list[str], dict[str, Node]] | None:
    """The constant names (`"--fmt"`, `"-f"`) and the keyword arguments of a command-line
    option declaration; None when a name is not a plain string."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None or arguments.type != "argument_list":
        return None
    strings: list[str] = []
    keywords: dict[str, Node] = {}
    for argument in arguments.named_children:
        if argument.type == "keyword_argument":
            name = argument.child_by_field_name("name")
            value = argument.child_by_field_name("value")
            if name is not None and value is not None:
                keywords[node_text(name)] = value
        elif argument.type == "string" and not any(
            c.type == "interpolation" for c in argument.named_children
        ):
            strings.append(node_text(argument).strip("\"'"))
        else:
            return None
    return strings, keywords


def _cli_dest(strings: list[str], keywords: dict[str, Node], *, click: bool) -> str | None:
    """The attribute or parameter an option fills: `dest=`, a name without dashes, else
    the first long option, else the first short one ("--out-dir" -> out_dir)."""
    if "dest" in keywords:
        return node_text(keywords["dest"]).strip("\"'")
    plain = [s for s in strings if not s.startswith("-")]
    dashed = [s for s in strings if s.startswith("--")] or [s for s in strings if s[:1] == "-"]
    chosen = plain[0] if plain else dashed[0] if dashed else None
    if chosen is None:
        return None
    dest = chosen.lstrip("-").replace("-", "_")
    return dest.lower() if click else dest


def _closed_cli_type(value: Node | None) -> bool:
    if value is None:
        return False
    if value.type == "call":
        value = value.child_by_field_name("function") or value
    return node_text(value).rsplit(".", 1)[-1] in _CLOSED_CLI_TYPES


# Names of the request object of a web framework.
_REQUEST_NAMES = frozenset({"request", "req", "self.request"})


def _from_sqlalchemy(flow: FlowAnalyzer, identifier: Node) -> bool:
    module = imported_module(flow, identifier)
    return module is not None and module.split(".")[0] in _SQLALCHEMY_MODULES


# Calls that call the function passed to them with the arguments after it.
_SPREAD_FORWARDERS = frozenset(
    {
        "add_task",
        "BackgroundTask",
        "enqueue",
        "enqueue_in",
        "enqueue_at",
        "submit",
        "to_thread",
        "run_sync",
        "run_in_executor",
        "call_soon",
        "call_soon_threadsafe",
        "call_later",
        "call_at",
    }
)
# Calls that call it with an args tuple and a keyword dictionary after it.
_TUPLE_FORWARDERS = frozenset({"apply_async", "enqueue_call", "start_new_thread"})


class PythonFlow(FlowAnalyzer):
    function_types = frozenset({"function_definition", "lambda"})
    statement_holders = frozenset({"block", "module"})
    statement_lists = statement_holders
    guard_holders = frozenset({"block", "module"})
    module_type = "module"
    literal_types = frozenset(
        {"string", "integer", "float", "true", "false", "none", "concatenated_string"}
    )
    collection_literal_types = frozenset(
        {"list", "tuple", "set", "dictionary", "list_comprehension", "set_comprehension"}
    )
    # A definition inside a `block` that does not contain the use may not have run: the
    # `block` of the function itself is the scope's child and always contains the use.
    branch_types = _BRANCHES
    passthrough_methods = frozenset(
        {
            "strip",
            "lstrip",
            "rstrip",
            "lower",
            "upper",
            "title",
            "capitalize",
            "casefold",
            "replace",
            "format",
            "format_map",
            "join",
            "split",
            "rsplit",
            "splitlines",
            "encode",
            "decode",
            "get",
            "pop",
            "getlist",
            "setdefault",
            "values",
            "items",
            "keys",
            "copy",
            "removeprefix",
            "removesuffix",
            "zfill",
            "center",
            "ljust",
            "rjust",
            "expandtabs",
            "translate",
            "partition",
            "rpartition",
            "read",
            "readline",
            "readlines",
            "resolve",
            "absolute",
            "joinpath",
            "with_name",
            "with_suffix",
            "as_posix",
            "geturl",
            "urljoin",
            "__str__",
            "getvalue",
            "to_dict",
            "dict",
            "model_dump",
            "json",
        }
    )

    # ------------------------------------------------------------------ definitions
    def collect_definitions(
        self, scope: Node, within: Node | None = None
    ) -> dict[str, list[Definition]]:
        table: dict[str, list[Definition]] = {}

        def add(
            name: str,
            kind: str,
            value: Node | None,
            position: int,
            statement: Node,
            field: str = "",
            element: int | None = None,
        ) -> None:
            table.setdefault(name, []).append(
                Definition(name, kind, value, position, statement, field, element=element)
            )

        bind = partial(self._bind_target, add)

        body = scope.child_by_field_name("body") if scope.type != "module" else scope
        if body is None:
            return table
        if within is not None:
            body = within  # the definitions one statement of the scope makes
        if scope.type == "lambda":
            return table
        stack: list[Node] = [body]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == "function_definition" or kind == "class_definition":
                name = node.child_by_field_name("name")
                if name is not None:
                    add(node_text(name), "opaque", None, node.start_byte, node)
                continue
            if kind == "lambda":
                continue
            if kind == "if_statement" and _dead_condition(node):
                # Nothing assigned under `if False:` ever reaches anything.
                consequence = node.child_by_field_name("consequence")
                stack.extend(reversed([c for c in node.children if c != consequence]))
                continue
            if kind == "call":
                mutated = _mutated_container(node)
                if mutated is not None:
                    # parts.append(x): the list now holds x as well.
                    add(
                        mutated,
                        "augment",
                        node.child_by_field_name("arguments"),
                        node.end_byte,
                        node,
                    )
            if kind == "assignment":
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                if left is not None and right is not None:
                    if right.type == "assignment":  # a = b = value
                        stack.append(right)
                        inner = right
                        while inner.type == "assignment":
                            value = inner.child_by_field_name("right")
                            if value is None:
                                break  # `a = b =` while typing: no value yet
                            inner = value
                        right = inner
                    bind(left, "assign", right, node.end_byte, node)
            elif kind == "augmented_assignment":
                left = node.child_by_field_name("left")
                if left is not None:
                    target_kind = "augment"
                    bind(left, target_kind, node.child_by_field_name("right"), node.end_byte, node)
                    continue
            elif kind == "named_expression":
                name = node.child_by_field_name("name")
                if name is not None:
                    add(
                        node_text(name),
                        "assign",
                        node.child_by_field_name("value"),
                        _walrus_position(node),
                        node,
                    )
            elif kind == "for_statement":
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                loop_body = node.child_by_field_name("body")
                if left is not None:
                    position = loop_body.start_byte if loop_body is not None else node.end_byte
                    bind(left, "iterate", right, position, node)
            elif kind == "for_in_clause":
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                comprehension = node.parent or node
                if left is not None:
                    bind(left, "iterate", right, comprehension.start_byte, node)
            elif kind == "with_item":
                value = node.child_by_field_name("value")
                if value is not None and value.type == "as_pattern":
                    alias = value.child_by_field_name("alias")
                    expression = value.named_children[0] if value.named_children else None
                    statement = node.parent.parent if node.parent and node.parent.parent else node
                    with_body = statement.child_by_field_name("body")
                    position = with_body.start_byte if with_body is not None else node.end_byte
                    if alias is not None:
                        bind(alias, "assign", expression, position, statement)
            elif kind == "except_clause":
                for child in node.named_children:
                    if child.type == "as_pattern":
                        alias = child.child_by_field_name("alias")
                        if alias is not None:
                            bind(alias, "opaque", None, child.end_byte, node)
            elif kind in ("import_statement", "import_from_statement"):
                for child in node.children_by_field_name("name"):
                    target = (
                        child.child_by_field_name("alias")
                        if child.type == "aliased_import"
                        else child
                    )
                    if target is None:
                        continue
                    imported = node_text(target).split(".")[0]
                    add(imported, "opaque", None, node.end_byte, node)
                continue
            stack.extend(reversed(node.named_children))  # definitions are named nodes
        return table

    def _bind_target(
        self,
        add: Callable[..., None],
        target: Node,
        kind: str,
        value: Node | None,
        position: int,
        stmt: Node,
        element: int | None = None,
    ) -> None:
        """Add the definitions that binding `value` to `target` makes (a name, a pattern,
        a member path). A method, not a closure in collect_definitions: a closure that
        calls itself is a reference cycle, which would keep this version's table (and its
        tree) alive until the next garbage collection."""
        if target.type == "identifier":
            add(node_text(target), kind, value, position, stmt, element=element)
        elif target.type in (
            "pattern_list",
            "tuple_pattern",
            "list_pattern",
            "tuple",
            "list",
            "expression_list",
        ):
            elements = [c for c in target.named_children]
            values = (
                value.named_children
                if value is not None
                and value.type in ("expression_list", "tuple", "list")
                and len(value.named_children) == len(elements)
                else None
            )
            counted = (
                kind == "iterate"
                and value is not None
                and value.type == "call"
                and node_text(value.child_by_field_name("function") or value) == "enumerate"
            )
            for index, target_element in enumerate(elements):
                if counted and index == 0:
                    # `for i, row in enumerate(rows)`: the index is a count.
                    self._bind_target(add, target_element, "assign", None, position, stmt)
                elif values:
                    self._bind_target(add, target_element, kind, values[index], position, stmt)
                else:
                    # `sql, params = build(x)`: the name takes one element of the value.
                    plain = target_element.type == "identifier" and kind == "assign"
                    self._bind_target(
                        add,
                        target_element,
                        kind,
                        value,
                        position,
                        stmt,
                        index if plain and element is None else None,
                    )
        elif target.type in (
            "list_splat_pattern",
            "as_pattern_target",
            "parenthesized_expression",
        ):
            for child in target.named_children:
                self._bind_target(add, child, kind, value, position, stmt)
        elif target.type in ("subscript", "attribute"):
            # `params["url"] = x` / `config.url = x`: the container now holds x.
            root = target
            while root.type in ("subscript", "attribute"):
                inner = root.child_by_field_name("value") or root.child_by_field_name("object")
                if inner is None:
                    return
                root = inner
            # The path itself is a name of its own: `self.url` or `params["url"]`.
            path = normalized(node_text(target))
            add(path, "assign", value, position, stmt)
            if root.type == "identifier" and node_text(root) not in ("self", "cls"):
                add(node_text(root), "augment", value, position, stmt, path)

    # ------------------------------------------------------------------ parameters
    def parameters_of(self, function: Node) -> list[Parameter]:
        holder = function.child_by_field_name("parameters")
        if holder is None:
            return []
        found: list[Parameter] = []
        for child in holder.named_children:
            name_node: Node | None = None
            annotation = ""
            default = None
            if child.type == "identifier":
                name_node = child
            elif child.type == "typed_parameter":
                name_node = next((c for c in child.named_children if c.type == "identifier"), None)
                if name_node is None:
                    inner = child.named_children[0] if child.named_children else None
                    if inner is not None and inner.named_children:
                        name_node = inner.named_children[0]
                annotation_node = child.child_by_field_name("type")
                annotation = node_text(annotation_node) if annotation_node else ""
            elif child.type in ("default_parameter", "typed_default_parameter"):
                name_node = child.child_by_field_name("name")
                annotation_node = child.child_by_field_name("type")
                annotation = node_text(annotation_node) if annotation_node else ""
                default = child.child_by_field_name("value")
            elif child.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                name_node = next((c for c in child.named_children if c.type == "identifier"), None)
            if name_node is not None and name_node.type == "identifier":
                found.append(
                    Parameter(node_text(name_node), len(found), name_node, annotation, default)
                )
        return found

    def is_test_function(self, function: Node) -> bool:
        """A `test*` function in a test module, or elsewhere one written as a pytest test:
        it takes one of pytest's or its plugins' usual fixtures (`client`, `tmp_path`,
        `monkeypatch`, ...), or returns nothing (pytest warns when a test returns a value).
        `def test_webhook(url): return requests.post(url)` in an application module is
        application code."""
        name = self.function_name(function)
        if not name.lstrip("_").startswith("test") or function.type != "function_definition":
            return False
        if self.test_file:
            return True
        if any(p.name in _PYTEST_FIXTURES for p in self.parameters(function)):
            return True
        return not self._returns_a_value(function)

    def _returns_a_value(self, function: Node) -> bool:
        """Whether `function` has a `return <value>` or `yield` of its own."""
        self.read_range(function)
        body = function.child_by_field_name("body")
        stack = [body] if body is not None else []
        while stack:
            node = stack.pop()
            if node.type in ("function_definition", "lambda", "class_definition"):
                continue
            if node.type == "return_statement" and node.named_children:
                return True
            if node.type == "yield":
                return True
            stack.extend(node.named_children)
        return False

    def class_method_function(self, member: Node) -> Node | None:
        if member.type == "decorated_definition":
            member = member.child_by_field_name("definition") or member
        return member if member.type == "function_definition" else None

    def class_methods(self, node: Node, path: str | None = None) -> list[Node]:
        for ancestor in reversed(self.ancestors(node)):
            if ancestor.type == "class_definition":
                body = ancestor.child_by_field_name("body")
                methods = []
                for child in body.named_children if body is not None else []:
                    if child.type == "decorated_definition":
                        child = child.child_by_field_name("definition") or child
                    if child.type == "function_definition":
                        methods.append(child)
                self.read_class(ancestor, methods, path)
                return methods
        return []

    def class_wrapper(self, node: Node) -> Node | None:
        if node.type == "decorated_definition":
            definition = node.child_by_field_name("definition")
            return (
                definition
                if definition is not None and definition.type == "class_definition"
                else None
            )
        return node if node.type == "class_definition" else None

    def literal_field(self, value: Node, key: str) -> Node | None:
        if value.type == "call":
            return self._constructor_field(value, key)
        if value.type != "dictionary":
            return None
        for pair in value.named_children:
            if pair.type != "pair":
                return None  # **spread: unknown keys
            name = pair.child_by_field_name("key")
            if name is not None and name.type == "string" and _string_value(name) == key:
                return pair.child_by_field_name("value")
        return value

    def _constructor_field(self, call: Node, key: str) -> Node | None:
        """`Q(room=r, sort=s)` where `Q` is a dataclass or a pydantic/attrs-style model
        of this file (fields declared `name: type` in the class body, no `__init__` of
        its own) or a class whose `__init__` stores a parameter as `self.name = name`:
        the argument that field `key` takes (the call itself when it is not passed: its
        default), None when that is not the shape."""
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "identifier":
            return None
        if not node_text(callee)[:1].isupper():
            return None
        definitions = self.module_definitions(node_text(callee))
        if len(definitions) != 1 or definitions[0].statement.type != "class_definition":
            return None
        klass = definitions[0].statement
        self.read_member(klass)
        body = klass.child_by_field_name("body") if klass is not None else None
        if body is None:
            return None
        fields: list[str] = []
        init: Node | None = None
        for statement in body.named_children:
            inner = statement.named_children[0] if statement.named_children else None
            if (
                statement.type == "expression_statement"
                and inner is not None
                and inner.type == "assignment"
                and inner.child_by_field_name("type") is not None
            ):
                left = inner.child_by_field_name("left")
                if left is not None and left.type == "identifier":
                    fields.append(node_text(left))
            function = self.class_method_function(statement)
            if function is not None and self.function_name(function) in (
                "__init__",
                "__post_init__",
                "model_post_init",
            ):
                init = function
        positional, keywords = self.call_arguments(call)
        if init is not None:
            if self.function_name(init) != "__init__":
                return None  # a post-init hook may rewrite the fields
            parameters = [p for p in self.parameters_of(init) if p.name not in ("self",)]
            stored = [
                statement
                for statement in _descendants(init, "assignment")
                if node_text(statement.child_by_field_name("left") or statement) == "self." + key
            ]
            if len(stored) != 1:
                return None
            right = stored[0].child_by_field_name("right")
            parameter = next(
                (p for p in parameters if right is not None and p.name == node_text(right)), None
            )
            if parameter is None:
                return None
            index = parameters.index(parameter)
            name = parameter.name
        else:
            if key not in fields:
                return None
            index, name = fields.index(key), key
        if any(a.type in ("list_splat", "dictionary_splat") for a in call.named_children):
            return None
        if name in keywords:
            return keywords[name]
        if index < len(positional):
            return positional[index]
        return call  # not passed: the declared default

    def decorators(self, function: Node) -> list[Node]:
        parent = function.parent
        if parent is not None and parent.type == "decorated_definition":
            self.read_head(parent, function)  # the decorators come first
            return [c for c in parent.named_children if c.type == "decorator"]
        return []

    def function_name(self, function: Node) -> str:
        name = function.child_by_field_name("name")
        if name is not None:
            return node_text(name)
        parent = function.parent
        if parent is not None:
            self.read_head(parent, function)  # `fetch = lambda ...`: the name comes first
        if parent is not None and parent.type == "assignment":
            left = parent.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                return node_text(left)  # fetch = lambda u: ...
        return "<lambda>"

    call_types = frozenset({"call"})
    path_normalizers = re.compile(r"realpath|abspath|normpath|\.resolve\(|safe_join")

    def call_name(self, call: Node) -> str | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "identifier":
            return node_text(function)
        if function.type == "attribute":
            receiver = function.child_by_field_name("object")
            attribute = function.child_by_field_name("attribute")
            if (
                receiver is not None
                and attribute is not None
                and node_text(receiver)
                in (
                    "self",
                    "cls",
                )
            ):
                return node_text(attribute)
            if (
                receiver is not None
                and attribute is not None
                and self._class_method(receiver, node_text(attribute)) is not None
            ):
                return node_text(attribute)  # SessionManager.validate_id(x)
        return None

    # ------------------------------------------------------------------ method calls
    def methods_traced_to_calls(self, method: Node) -> bool:
        name = self.function_name(method)
        return (
            method.type == "function_definition"
            and not name.startswith("__")
            and not self.is_test_function(method)
            and self.class_of_method(method) is not None
        )

    def _enclosing_class(self, node: Node) -> Node | None:
        """The innermost class definition around `node`."""
        return next(
            (a for a in reversed(self.ancestors(node)) if a.type == "class_definition"), None
        )

    def class_of_method(self, method: Node) -> Node | None:
        holder = method.parent
        if holder is not None and holder.type == "decorated_definition":
            holder = holder.parent
        klass = holder.parent if holder is not None and holder.type == "block" else None
        return klass if klass is not None and klass.type == "class_definition" else None

    def instance_method(self, receiver: Node, call: Node, name: str) -> Node | None:
        return self._instance_method(receiver, name)

    def _instance_method(self, receiver: Node, name: str) -> Node | None:
        """For `obj.method(...)` where `obj` is an instance of a class this file defines
        (`Store(root).method(x)`, a parameter annotated `store: Store`, `store =
        Store(...)` as its only definition): the method, when the file defines it once,
        in that class."""
        klass = ""
        if receiver.type == "call":
            constructor = receiver.child_by_field_name("function")
            klass = node_text(constructor) if constructor is not None else ""
        elif receiver.type == "identifier" and node_text(receiver) not in ("self", "cls"):
            scope = self.enclosing_scope(receiver)
            reaching = self.reaching_definitions(scope, node_text(receiver), receiver)
            if len(reaching) == 1 and reaching[0].kind == "assign":
                value = reaching[0].value
                constructor = value.child_by_field_name("function") if value is not None else None
                if value is not None and value.type == "call" and constructor is not None:
                    klass = node_text(constructor)
            elif not reaching:
                parameter = next(
                    (p for p in self.parameters(scope) if p.name == node_text(receiver)), None
                )
                klass = parameter.annotation.strip() if parameter is not None else ""
        elif receiver.type == "attribute":
            klass = self._attribute_instance_class(receiver)
        if not klass.isidentifier():
            return None
        return self._method_of_class(klass, name)

    def _attribute_instance_class(self, receiver: Node) -> str:
        """For `self.queries`: the class every assignment of the attribute in the
        enclosing class constructs (`queries = Queries()` in the class body,
        `self.queries = Queries(conn)` in a method), or ""."""
        holder = receiver.child_by_field_name("object")
        attribute = receiver.child_by_field_name("attribute")
        klass = self._enclosing_class(receiver)
        if holder is None or attribute is None or node_text(holder) != "self" or klass is None:
            return ""
        self.read_member(klass)
        body = klass.child_by_field_name("body")
        name = node_text(attribute)
        constructors: set[str] = set()
        for assignment in _descendants(klass, "assignment") + _descendants(
            klass, "augmented_assignment"
        ):
            left = assignment.child_by_field_name("left")
            if left is None:
                continue
            at_class_level = assignment.parent is not None and assignment.parent.parent == body
            if not (
                node_text(left) == "self." + name or (at_class_level and node_text(left) == name)
            ):
                continue
            value = assignment.child_by_field_name("right")
            callee = value.child_by_field_name("function") if value is not None else None
            if (
                assignment.type != "assignment"
                or value is None
                or value.type != "call"
                or callee is None
                or callee.type != "identifier"
            ):
                return ""
            constructors.add(node_text(callee))
        return constructors.pop() if len(constructors) == 1 else ""

    def _class_method(self, receiver: Node, name: str) -> Node | None:
        """For `ClassName.method(...)`: the method, when the file defines it once, in a
        class of that name."""
        if receiver.type != "identifier":
            return None
        return self._method_of_class(node_text(receiver), name)

    def _method_of_class(self, class_name: str, name: str) -> Node | None:
        if not class_name[:1].isupper():
            return None
        candidates = self.index.functions_named(name)
        if self.recorder is not None:
            self.recorder.keys.add(("function", name))
            for candidate in candidates:
                self.read_member(candidate)
        if len(candidates) != 1:
            return None
        klass = self._enclosing_class(candidates[0])
        name_node = klass.child_by_field_name("name") if klass is not None else None
        if name_node is None or node_text(name_node) != class_name:
            return None
        return candidates[0]

    def callers_known(self, function: Node) -> bool:
        name = self.function_name(function)
        if name in ("<lambda>",) or self.is_test_function(function):
            return False
        self.read_context(function)
        if any(a.type == "class_definition" for a in self.ancestors(function)[-3:]):
            # Methods: only private ones are called from this file alone.
            return name.startswith("_") and not name.startswith("__")
        return True

    def parameter_origin(self, function: Node, parameter: Parameter) -> list[Trace] | None:
        if parameter.name in ("self", "cls"):
            return []
        if function.type == "lambda":
            return self.lambda_parameter(function, parameter)
        name = self.function_name(function)
        if self.is_test_function(function):
            return []  # test functions get their arguments from fixtures
        if _SAFE_ANNOTATIONS.match(parameter.annotation.strip()):
            return []
        if self._enum_class(parameter.annotation.strip()):
            return []  # an Enum-typed value is one of its members
        if self._closed_click_parameter(function, parameter.name):
            return []  # @click.option("--fmt", type=click.Choice([...])): a listed value
        azure = self._azure_http_function(function)
        if self._azure_request(parameter, azure):
            # Azure Functions passes the whole HttpRequest: URL, route placeholders,
            # query string, headers and body are all the client's.
            label = f"Azure Functions request '{parameter.name}' of {name}()"
            origin = Step(Span.of(parameter.node), label)
            return [Trace(OriginKind.UNTRUSTED, origin, origin_text=label)]
        if azure is not None:
            # Its other parameters are bindings the app declared (blobs, tables, queue
            # outputs), not parts of the URL: their callers are unknown.
            return None
        route = self.route_of(function)
        if route is not None:
            annotation = parameter.annotation.strip()
            if re.split(r"[.\[]", annotation.rsplit(".", 1)[-1])[0] in _FRAMEWORK_TYPES:
                return []
            if self._injected_dependency(annotation):
                return []
            if parameter.default is not None and _INJECTED_DEFAULT.match(
                node_text(parameter.default)
            ):
                return []
            if not annotation and parameter.name in (
                "request",
                "req",
                "db",
                "session",
                "background_tasks",
            ):
                return []
            for converter, variable in _FLASK_CONVERTER.findall(route):
                if variable == parameter.name and converter in _SAFE_CONVERTERS:
                    return []
            label = f"route parameter '{parameter.name}' of {name}()"
            origin = Step(Span.of(parameter.node), label)
            return [Trace(OriginKind.UNTRUSTED, origin, origin_text=label)]
        handler_label = self._handler_input(function, parameter)
        if handler_label is not None:
            origin = Step(Span.of(parameter.node), handler_label)
            return [Trace(OriginKind.UNTRUSTED, origin, origin_text=handler_label)]
        return None

    def _qualified_name(self, expression: Node) -> str | None:
        """A dotted name written with what its imports bind (`func.HttpRequest` after
        `import azure.functions as func` -> "azure.functions.HttpRequest"), or None when
        its first name is bound by no import."""
        parts: list[str] = []
        root = expression
        while root.type == "attribute":
            member = root.child_by_field_name("attribute")
            inner = root.child_by_field_name("object")
            if member is None or inner is None:
                return None
            parts.insert(0, node_text(member))
            root = inner
        if root.type != "identifier":
            return None
        head = imported_name(self, root)
        if head is None:
            module = imported_module(self, root)
            if module is None or module.split(".")[0] != node_text(root):
                return None
            head = node_text(root)  # `import azure.functions`: written in full
        return ".".join([head, *parts])

    def _azure_http_function(self, function: Node) -> Node | None:
        """The `route(...)` decorator call when `function` is an Azure Functions HTTP
        function (Python v2 model): `@app.route(...)` on an app made by azure.functions'
        FunctionApp, Blueprint, AsgiFunctionApp or WsgiFunctionApp."""
        for decorator in self.decorators(function):
            expression = decorator.named_children[0] if decorator.named_children else None
            if expression is None or expression.type != "call":
                continue
            callee = expression.child_by_field_name("function")
            if callee is None or callee.type != "attribute":
                continue
            method = callee.child_by_field_name("attribute")
            app = callee.child_by_field_name("object")
            if method is None or node_text(method) != "route" or app is None:
                continue
            if app.type != "identifier":
                continue
            value = self.single_value(app)
            maker = value.child_by_field_name("function") if value is not None else None
            if value is None or value.type != "call" or maker is None:
                continue
            qualified = self._qualified_name(maker) or ""
            if re.fullmatch(
                r"azure\.functions(?:\.decorators(?:\.\w+)?)?\."
                r"(?:FunctionApp|Blueprint|AsgiFunctionApp|WsgiFunctionApp)",
                qualified,
            ):
                return expression
        return None

    def _azure_request(self, parameter: Parameter, route: Node | None) -> bool:
        """The parameter an Azure Functions HTTP trigger fills with the request: annotated
        with azure.functions' HttpRequest (any function: the v1 model binds it in
        function.json), or in a v2 `@app.route(...)` function the trigger's argument
        (`trigger_arg_name=`, by default `req`)."""
        holder = parameter.node.parent
        annotation = holder.child_by_field_name("type") if holder is not None else None
        if annotation is not None:
            expression = annotation.named_children[0] if annotation.named_children else None
            if expression is not None and expression.type in ("identifier", "attribute"):
                qualified = self._qualified_name(expression) or ""
                if re.fullmatch(r"azure\.functions(?:\.\w+)*\.HttpRequest", qualified):
                    return True
        if route is None:
            return False
        _, keywords = self.call_arguments(route)
        trigger = keywords.get("trigger_arg_name")
        name = _string_value(trigger) if trigger is not None and trigger.type == "string" else "req"
        return parameter.name == name

    def _handler_input(self, function: Node, parameter: Parameter) -> str | None:
        """A parameter a framework fills with request data without a route decorator:
        the URL-pattern groups of a Tornado handler's get/post/... and the message of a
        WebSocketHandler's on_message, or the event of an AWS Lambda handler
        (`def handler(event, context)`). Its label, or None."""
        name = self.function_name(function)
        if any(
            d.named_children and node_text(d.named_children[0]) in _CHERRYPY_EXPOSE
            for d in self.decorators(function)
        ):
            # CherryPy passes the query string, form fields and path segments as arguments.
            return f"request argument '{parameter.name}' of exposed {name}()"
        holder = function.parent
        if holder is not None and holder.type == "decorated_definition":
            holder = holder.parent
        klass = holder.parent if holder is not None and holder.type == "block" else None
        if klass is not None and klass.type == "class_definition":
            self.read_context(function)
            if name in _TORNADO_METHODS and self._derives_from(klass, _TORNADO_HANDLERS):
                return f"URL path argument '{parameter.name}' of {name}()"
            if name == "on_message" and self._derives_from(klass, _TORNADO_HANDLERS):
                return f"websocket message '{parameter.name}' of on_message()"
            if (
                name in _CHANNELS_RECEIVERS
                and parameter.index in (1, 2)
                and parameter.name not in ("kwargs", "self")
                and self._derives_from(klass, _CHANNELS_CONSUMERS)
            ):
                return f"websocket message '{parameter.name}' of {name}()"
            if (
                name.startswith("validate_")
                and parameter.index == 1
                and self._derives_from(klass, _DRF_SERIALIZERS)
            ):
                # DRF passes the field's value, as the request sent it and the field
                # parsed it, to the serializer's validate_<field>().
                return f"serializer field value '{parameter.name}' of {name}()"
            return None
        if holder is None or holder.type != "module":
            return None
        names = [p.name for p in self.parameters(function)]
        if parameter.name == "event" and names in (["event", "context"], ["event", "_context"]):
            return f"Lambda event '{parameter.name}' of {name}()"
        return None

    def in_request_handler(self, function: Node) -> bool:
        """A method of a Tornado RequestHandler (or WebSocketHandler) class."""
        holder = function.parent
        if holder is not None and holder.type == "decorated_definition":
            holder = holder.parent
        klass = holder.parent if holder is not None and holder.type == "block" else None
        if klass is None or klass.type != "class_definition":
            return False
        self.read_context(function)
        return self._derives_from(klass, _TORNADO_HANDLERS)

    def this_member(self, node: Node, path: str) -> list[Trace] | None:
        """`self.path`, `self.headers`, `self.rfile`, `self.requestline` in a class that
        derives from an http.server request handler: what the client sent."""
        parts = path.split(".")
        if _CHANNELS_SCOPE.match(path):
            # A Channels consumer's scope: the URL route's kwargs, the query string, the
            # headers and cookies of the request that opened the connection.
            self.read_context(node)
            klass = self._enclosing_class(node)
            if klass is None or not self._derives_from(klass, _CHANNELS_CONSUMERS):
                return None
            return [self.untrusted(node)]
        if path == "self.cleaned_data":
            # A Django form's cleaned data, in its own methods: what the request sent,
            # as the fields cleaned it.
            self.read_context(node)
            klass = self._enclosing_class(node)
            if klass is None or not self._derives_from(klass, _DJANGO_FORMS):
                return None
            return [self.untrusted(node)]
        if len(parts) != 2 or parts[0] != "self" or parts[1] not in _HTTP_SERVER_REQUEST:
            return None
        self.read_context(node)
        klass = self._enclosing_class(node)
        if klass is None or not self._derives_from(klass, _HTTP_SERVER_HANDLERS):
            return None
        return [self.untrusted(node)]

    def sends_html(self, call: Node) -> bool:
        """`self.wfile.write(body)` of an http.server handler where the response is
        declared HTML: a `self.send_header("Content-Type", "text/html...")` before the
        write in its method (or in a method of the class it calls first) may be the one
        in effect. A header in another branch of an `if` than the write, or in a branch
        that leaves, is not; a later header on the way to the write replaces earlier ones.
        A type the code computes (`self.guess_type(path)`) is not taken as HTML."""
        function = self.enclosing_scope(call)
        if self.is_module(function) or function.type != "function_definition":
            return False
        self.read_before(function, call)
        body = function.child_by_field_name("body")
        if body is None:
            return False
        if call.type == "assignment":
            return self._falcon_html(call, function, body)
        return self._html_in_effect(
            call,
            function,
            _descendants(body, "call"),
            lambda candidate: self._declares_html(candidate, function),
        )

    def _html_in_effect(
        self,
        write: Node,
        function: Node,
        candidates: list[Node],
        declares: Callable[[Node], bool | None],
    ) -> bool:
        """Whether a content-type declaration that may be in effect at `write` says HTML:
        of the `candidates` before it in `function` that declare a type (`declares`: True
        for HTML, False for another type, None when it declares none), those in a branch
        that cannot reach the write do not apply, and the last one that always runs before
        it replaces the earlier ones."""
        # (the declaration, whether it may declare HTML) for each one that may apply.
        headers: list[tuple[Node, bool]] = []
        for candidate in candidates:
            if candidate.start_byte >= write.start_byte:
                continue
            if self.enclosing_scope(candidate) != function:
                continue
            html = declares(candidate)
            if html is None or self._excluded_branch(candidate, write, function):
                continue
            headers.append((candidate, html))
        dominating = [h for h, _ in headers if self._dominates(h, write)]
        if dominating:
            last = max(dominating, key=lambda h: h.start_byte)
            headers = [(h, html) for h, html in headers if h.start_byte >= last.start_byte]
        return any(html for _, html in headers)

    def _falcon_html(self, write: Node, function: Node, body: Node) -> bool:
        """Falcon: `resp.text = body` (or `.body`, `.data`) after the handler sets
        `resp.content_type` to an HTML type (`falcon.MEDIA_HTML`, "text/html...") or
        `resp.set_header("Content-Type", ...)` to one, in a branch that may reach the write.
        The last such declaration that always runs before the write is the one in effect."""
        left = write.child_by_field_name("left")
        receiver = left.child_by_field_name("object") if left is not None else None
        if receiver is None:
            return False
        name = node_text(receiver)
        return self._html_in_effect(
            write,
            function,
            _descendants(body, "assignment") + _descendants(body, "call"),
            lambda candidate: self._falcon_declares_html(candidate, name, function),
        )

    def _falcon_declares_html(self, node: Node, receiver: str, function: Node) -> bool | None:
        """For `resp.content_type = v` / `resp.set_header("Content-Type", v)` on the
        response `receiver`: whether `v` may be HTML; None for anything else."""
        value: Node | None = None
        if node.type == "assignment":
            left = node.child_by_field_name("left")
            if left is None or node_text(left) != receiver + ".content_type":
                return None
            value = node.child_by_field_name("right")
        else:
            callee = node.child_by_field_name("function")
            if callee is None or node_text(callee) not in (
                receiver + ".set_header",
                receiver + ".append_header",
            ):
                return None
            positional, _ = self.call_arguments(node)
            if len(positional) < 2 or positional[0].type != "string":
                return None
            if _string_value(positional[0]).strip().lower() != "content-type":
                return None
            value = positional[1]
        if value is None:
            return None
        if re.fullmatch(r"(falcon\.(constants\.)?)?MEDIA_(HTML|XHTML)", node_text(value)):
            return True
        return self._html_type(value, function, None, 0)

    def _declares_html(self, call: Node, function: Node, depth: int = 0) -> bool | None:
        """For `self.send_header("Content-Type", v)`: whether `v` may be an HTML type;
        for `self.m(...)`, a method of the class that sends that header: the same, with
        the method's parameters bound to this call's arguments. None for other calls."""
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "attribute":
            return None
        receiver = callee.child_by_field_name("object")
        method = callee.child_by_field_name("attribute")
        if receiver is None or method is None or node_text(receiver) != "self":
            return None
        positional, keywords = self.call_arguments(call)
        if node_text(method) == "send_header":
            if len(positional) < 3 or positional[1].type != "string":
                return None
            if _string_value(positional[1]).strip().lower() != "content-type":
                return None
            return self._html_type(positional[2], function, None, depth)
        if depth > 0:
            return None
        helper = self._inherited_method(call, node_text(method))
        if helper is None:
            return None
        found: bool | None = None
        inner_body = helper.child_by_field_name("body")
        for inner in _descendants(inner_body, "call") if inner_body is not None else []:
            if self.enclosing_scope(inner) != helper:
                continue
            callee_inner = inner.child_by_field_name("function")
            name_inner = (
                callee_inner.child_by_field_name("attribute")
                if callee_inner is not None and callee_inner.type == "attribute"
                else None
            )
            if name_inner is None or node_text(name_inner) != "send_header":
                continue
            inner_args, _ = self.call_arguments(inner)
            if len(inner_args) < 3 or inner_args[1].type != "string":
                continue
            if _string_value(inner_args[1]).strip().lower() != "content-type":
                continue
            html = self._html_type(inner_args[2], helper, (positional, keywords), depth + 1)
            found = bool(found) or html
        return found

    def _inherited_method(self, node: Node, name: str) -> Node | None:
        """The method `name` of the class around `node`, or of the first of its bases (in
        this file, depth first) that defines it."""
        self.read_context(node)
        klass = self._enclosing_class(node)
        seen: set[NodeKey] = set()
        while klass is not None and node_key(klass) not in seen and len(seen) < 6:
            seen.add(node_key(klass))
            body = klass.child_by_field_name("body")
            for member in body.named_children if body is not None else []:
                function = self.class_method_function(member)
                if function is not None and self.function_name(function) == name:
                    self.read_definition(function)
                    return function
            superclasses = klass.child_by_field_name("superclasses")
            bases = [
                d.statement
                for base in (superclasses.named_children if superclasses is not None else [])
                if base.type == "identifier"
                for d in self.module_definitions(node_text(base))
                if d.statement.type == "class_definition"
            ]
            klass = bases[0] if bases else None
        return None

    def _html_type(
        self,
        value: Node,
        function: Node,
        bound: tuple[list[Node], dict[str, Node]] | None,
        depth: int,
    ) -> bool:
        """Whether a Content-Type value may be an HTML type: a string that says so, a
        name whose value does, or a parameter whose argument (at `bound`, or at every
        call of the method in the file) or default does."""
        if depth > 3:
            return False
        if value.type == "string":
            return bool(_HTML_TYPE.match(_string_value(value)))
        if value.type == "conditional_expression":
            values = value.named_children
            return any(self._html_type(v, function, bound, depth + 1) for v in values[0:3:2])
        if value.type != "identifier":
            return False
        parameter = next((p for p in self.parameters(function) if p.name == node_text(value)), None)
        if parameter is None or self.reaching_definitions(
            self.enclosing_scope(value), node_text(value), value
        ):
            single = self.single_value(value)
            return single is not None and self._html_type(single, function, bound, depth + 1)
        arguments = (
            [bound]
            if bound is not None
            else [self.call_arguments(c) for c in self.calls_named(self.function_name(function))]
        )
        for positional, keywords in arguments:
            given = keywords.get(parameter.name)
            if given is None and parameter.index < len(positional):
                given = positional[parameter.index]
            if given is None:
                given = parameter.default
            if given is not None and self._html_type(
                given, self.enclosing_scope(given), None, depth + 1
            ):
                return True
        return (
            bound is None
            and parameter.default is not None
            and self._html_type(parameter.default, function, None, depth + 1)
        )

    def _excluded_branch(self, header: Node, write: Node, function: Node) -> bool:
        """The header cannot be in effect at the write: it is in another branch of an
        `if` than the write, or in a block that leaves before reaching it."""
        write_path = {node_key(a) for a in self.ancestors(write)}
        node = header.parent
        while node is not None and node != function and node_key(node) not in write_path:
            if node.type == "block" and self.exits(node):
                return True
            parent = node.parent
            if parent is not None and node_key(parent) in write_path:
                return parent.type == "if_statement"
            node = parent
        return False

    def _dominates(self, header: Node, write: Node) -> bool:
        """The block that holds the header also holds the write: it ran before it."""
        write_path = {node_key(a) for a in self.ancestors(write)}
        block = next((a for a in reversed(self.ancestors(header)) if a.type == "block"), None)
        return block is not None and node_key(block) in write_path

    def _derives_from(self, klass: Node, bases: frozenset[str], depth: int = 0) -> bool:
        """The class names one of `bases` among its bases (`web.RequestHandler`, also
        under another name: `from http.server import BaseHTTPRequestHandler as Handler`,
        `Base = http.server.BaseHTTPRequestHandler`), or derives from a class of this
        file that does."""
        superclasses = klass.child_by_field_name("superclasses")
        if superclasses is None or depth > 5:
            return False
        for base in superclasses.named_children:
            if base.type not in ("identifier", "attribute"):
                continue
            if any(name.rsplit(".", 1)[-1] in bases for name in self._base_names(base)):
                return True
            if base.type == "identifier":
                for definition in self.module_definitions(node_text(base)):
                    statement = definition.statement
                    if (
                        statement.type == "class_definition"
                        and statement != klass
                        and self._derives_from(statement, bases, depth + 1)
                    ):
                        return True
        return False

    def _base_names(self, base: Node, depth: int = 0) -> list[str]:
        """The names a base class expression stands for: as written, the qualified name
        an import binds to it (`Handler` -> "http.server.BaseHTTPRequestHandler"), and
        what a name assigned once from another class expression names."""
        names = [node_text(base)]
        if base.type != "identifier" or depth > 3:
            return names
        qualified = imported_name(self, base)
        if qualified is not None:
            return [*names, qualified]
        value = self.single_value(base)
        if value is not None and value.type in ("identifier", "attribute"):
            names.extend(self._base_names(value, depth + 1))
        return names

    def _framework_decorator(self, callee: Node) -> bool:
        """A bare route decorator imported from a framework: `from litestar import get`,
        `from bottle import route`."""
        for definition in self.module_definitions(node_text(callee)):
            statement = definition.statement
            module = statement.child_by_field_name("module_name")
            if (
                statement.type == "import_from_statement"
                and module is not None
                and node_text(module).split(".")[0] in _ROUTE_MODULES
            ):
                return True
        return False

    def _injected_dependency(self, annotation: str) -> bool:
        """`Annotated[Session, Depends(get_db)]`, or a module alias of one (SessionDep)."""
        if "Depends(" in annotation or "Security(" in annotation:
            return True
        if annotation.isidentifier():
            return any(
                d.value is not None and "Depends(" in node_text(d.value)
                for d in self.module_definitions(annotation)
            )
        return False

    # Every function definition of the tree, once collected (see _flask_g_value).
    _all_functions: list[Node] | None = None

    def _flask_g_value(self, node: Node, depth: int) -> list[Trace] | None:
        """`g.workspace` (Flask's request-scoped `g`) with no assignment before it in its
        own function: what every function of the file assigns to it (a `before_request`
        hook, a decorator's wrapper). None when this is no such read."""
        owner = node.child_by_field_name("object")
        if owner is None or owner.type != "identifier" or node_text(owner) != "g":
            return None
        parent = node.parent
        if (
            parent is not None
            and parent.type == "attribute"
            and parent.child_by_field_name("object") == node
            and parent.parent is not None
            and parent.parent.type == "call"
        ):
            return None  # g.db.execute(...): a method of the stored object
        if not any(
            d.statement.type == "import_from_statement" and "flask" in node_text(d.statement)
            for d in self.module_definitions("g")
        ):
            return None
        path = normalized(node_text(node))
        scope = self.enclosing_scope(node)
        if self.reaching_definitions(scope, path, node):
            return None  # assigned in this function: followed as any name
        # Any function of the file may assign it (which, is a fact of the whole file).
        self.read_range(self.tree_root)
        functions = self._all_functions
        if functions is None:
            functions = []
            stack = [self.tree_root]
            while stack:
                current = stack.pop()
                if current.type == "function_definition":
                    functions.append(current)
                stack.extend(current.named_children)
            self._all_functions = functions
        traces: list[Trace] = []
        for function in functions:
            if not self.defines(function, path):
                continue
            for definition in self.definitions(function).get(path, []):
                step = Step(
                    Span.of(definition.statement), short_label(node_text(definition.statement))
                )
                traces = merge(
                    traces,
                    [t.then(step) for t in self.evaluate_definition(definition, depth + 1)],
                )
        return traces

    def _closed_model_field(self, node: Node) -> bool:
        """`body.field` where `body` is a parameter annotated with a pydantic model of this
        file (or a name assigned `Model.model_validate(...)` / `parse_obj(...)`) and the
        model declares `field` with a closed type: a number, flag, UUID, date, `Literal`,
        an Enum of the file, or a string constrained by a pattern anchored at both ends
        (`constr(pattern=...)`, `Field(pattern=...)`). Pydantic refuses anything else."""
        owner = node.child_by_field_name("object")
        attribute = node.child_by_field_name("attribute")
        if owner is None or attribute is None or owner.type != "identifier":
            return False
        model = self._model_of(owner)
        if model is None:
            return False
        return self._closed_declared_field(model, node_text(attribute), 0)

    def _closed_declared_field(self, model: Node, field: str, depth: int) -> bool:
        """`field` declared with a closed type in `model` or a model class it derives from."""
        if depth > 3:
            return False
        body = model.child_by_field_name("body")
        for statement in body.named_children if body is not None else []:
            assignment = statement.named_children[0] if statement.named_children else None
            if (
                statement.type != "expression_statement"
                or assignment is None
                or assignment.type != "assignment"
            ):
                continue
            left = assignment.child_by_field_name("left")
            annotation = assignment.child_by_field_name("type")
            if left is None or annotation is None or node_text(left) != field:
                continue
            return self._closed_annotation(annotation, assignment.child_by_field_name("right"))
        bases = model.child_by_field_name("superclasses")
        for base in bases.named_children if bases is not None else []:
            for definition in self.module_definitions(node_text(base)):
                if definition.statement.type == "class_definition":
                    return self._closed_declared_field(definition.statement, field, depth + 1)
        return False

    def _model_of(self, name: Node) -> Node | None:
        """The pydantic model class of this file a name holds, else None."""
        scope = self.enclosing_scope(name)
        text = node_text(name)
        definitions = self.reaching_definitions(scope, text, name)
        class_name = ""
        if not definitions:
            parameter = next((p for p in self.parameters(scope) if p.name == text), None)
            if parameter is None:
                return None
            class_name = _without_optional(parameter.annotation)
        elif len(definitions) == 1 and definitions[0].value is not None:
            value = definitions[0].value
            if value.type == "await" and value.named_children:
                value = value.named_children[0]
            if value.type != "call":
                return None
            callee = self.callee_name(value)
            head, _, method = callee.rpartition(".")
            if method not in ("model_validate", "model_validate_json", "parse_obj", "parse_raw"):
                return None
            class_name = head
        if not class_name.isidentifier():
            return None
        for definition in self.module_definitions(class_name):
            statement = definition.statement
            if statement.type == "class_definition" and self._pydantic_class(statement, 0):
                return statement
        return None

    def _pydantic_class(self, klass: Node, depth: int) -> bool:
        bases = klass.child_by_field_name("superclasses")
        if bases is None or depth > 3:
            return False
        for base in bases.named_children:
            text = node_text(base).rsplit(".", 1)[-1]
            if text in ("BaseModel", "SQLModel"):
                return True
            for definition in self.module_definitions(text):
                if definition.statement.type == "class_definition" and self._pydantic_class(
                    definition.statement, depth + 1
                ):
                    return True
        return False

    def _closed_annotation(self, annotation: Node, default: Node | None) -> bool:
        """A field type whose values are closed (see _closed_model_field)."""
        text = node_text(annotation).strip()
        inner = _without_optional(text)
        if _SAFE_ANNOTATIONS.match(text) or self._enum_class(inner):
            return True
        patterns: list[Node] = []
        for call in [*_descendants(annotation, "call"), *([default] if default else [])]:
            if call.type != "call":
                continue
            callee = self.callee_name(call).rsplit(".", 1)[-1]
            if callee not in ("constr", "Field", "StringConstraints"):
                continue
            _, keywords = self.call_arguments(call)
            pattern = keywords.get("pattern") or keywords.get("regex")
            if pattern is not None:
                patterns.append(pattern)
        return any(self._anchored_pattern(p) for p in patterns)

    def _enum_class(self, annotation: str) -> bool:
        """A class defined in this file that derives from an Enum."""
        if not annotation.isidentifier():
            return False
        for definition in self.module_definitions(annotation):
            statement = definition.statement
            if statement.type == "class_definition":
                bases = statement.child_by_field_name("superclasses")
                if bases is not None and "Enum" in node_text(bases):
                    return True
        return False

    def lambda_parameter(self, function: Node, parameter: Parameter) -> list[Trace] | None:
        """A lambda passed to map()/executor.map()/submit() gets the other arguments."""
        parent = function.parent
        if parent is None or parent.type != "argument_list":
            return None if self.function_name(function) != "<lambda>" else []
        call = parent.parent
        if call is None or call.type != "call":
            return []
        self.read_range(call)
        callee = self.callee_name(call).rsplit(".", 1)[-1]
        if callee not in (
            "map",
            "imap",
            "imap_unordered",
            "starmap",
            "submit",
            "filter",
            "apply_async",
            "run_in_executor",
        ):
            return []
        others = [
            a for a in parent.named_children if a != function and a.type != "keyword_argument"
        ]
        step = Step(Span.of(call), f"passed to {short_label(node_text(call))}")
        return [t.then(step) for t in self.evaluate_all(others, 0)]

    def forwarded_arguments(self, call: Node, name: str, parameter: Parameter) -> list[Node] | None:
        """Calls that call the function passed to them with the arguments that follow it
        (Starlette `add_task(func, *args, **kwargs)` and `BackgroundTask(...)`, RQ
        `enqueue`, `submit`, `to_thread`, `run_in_executor`, the event loop's
        `call_soon`/`call_later`), or with an `args` tuple and a keyword dict after it
        (`pool.apply_async(func, args, kwds)`, RQ `enqueue_call(func, args, kwargs)`)."""
        callee = self.callee_name(call).rsplit(".", 1)[-1]
        if callee not in _SPREAD_FORWARDERS and callee not in _TUPLE_FORWARDERS:
            return None
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            return None
        positional: list[Node] = []
        keywords: dict[str, Node] = {}
        for argument in arguments.named_children:
            if argument.type == "keyword_argument":
                key = argument.child_by_field_name("name")
                value = argument.child_by_field_name("value")
                if key is not None and value is not None:
                    keywords[node_text(key)] = value
            elif argument.type == "dictionary_splat":
                keywords["**"] = argument
            elif argument.type != "comment":
                positional.append(argument)
        at = next(
            (
                i
                for i, a in enumerate(positional)
                if a.type == "identifier" and node_text(a) == name
            ),
            None,
        )
        if at is None:
            return None
        rest = positional[at + 1 :]
        if callee in _TUPLE_FORWARDERS:
            packed = keywords.get("args", rest[0] if rest else None)
            named = keywords.get("kwargs", keywords.get("kwds", rest[1] if len(rest) > 1 else None))
            if packed is not None and packed.type in ("parenthesized_expression",):
                packed = packed.named_children[0] if packed.named_children else None
            if packed is None:
                rest = []
            elif packed.type in ("tuple", "list"):
                rest = [a for a in packed.named_children if a.type != "comment"]
            else:
                return None
            keywords = {}
            if named is not None:
                if named.type != "dictionary":
                    return None
                for pair in named.named_children:
                    key = pair.child_by_field_name("key")
                    if pair.type != "pair" or key is None or key.type != "string":
                        return None
                    value = pair.child_by_field_name("value")
                    if value is not None:
                        keywords[node_text(key)[1:-1]] = value
        for index, argument in enumerate(rest):
            if argument.type == "list_splat":
                return None  # positions past a *args splat are unknown
            if index == parameter.index:
                return [argument]
        if parameter.name in keywords:
            return [keywords[parameter.name]]
        if "**" in keywords:
            return None
        return []

    def route_of(self, function: Node) -> str | None:
        """The route pattern when `function` is a Flask/FastAPI/Starlette view, else None.
        A Google Cloud Functions `@functions_framework.http` function is served by Flask
        as a view of its own (pattern ""); an Azure Functions `@app.route(...)` function is
        not a view in this sense: it gets the whole request, and a str it returns goes out
        as text/plain."""
        if self._azure_http_function(function) is not None:
            return None
        for decorator in self.decorators(function):
            expression = decorator.named_children[0] if decorator.named_children else None
            if expression is not None and expression.type in ("identifier", "attribute"):
                if self._qualified_name(expression) in _CLOUD_FUNCTION_DECORATORS:
                    return ""
                continue
            if expression is None or expression.type != "call":
                continue
            callee = expression.child_by_field_name("function")
            if callee is not None and callee.type == "identifier":
                if node_text(callee) not in _ROUTE_DECORATORS or not self._framework_decorator(
                    callee
                ):
                    continue
            else:
                if callee is None or callee.type != "attribute":
                    continue
                attribute = callee.child_by_field_name("attribute")
                if attribute is None or node_text(attribute) not in _ROUTE_DECORATORS:
                    continue
            arguments = expression.child_by_field_name("arguments")
            first_argument = (
                arguments.named_children[0] if arguments and arguments.named_children else None
            )
            return node_text(first_argument) if first_argument is not None else ""
        return None

    # ------------------------------------------------------------------ expressions
    def evaluate_node(self, node: Node, depth: int) -> list[Trace]:
        kind = node.type
        if kind == "attribute" and self._closed_argparse_value(node, depth):
            return []  # args.fmt of add_argument("--fmt", choices=[...]): a listed value
        if kind == "attribute" and self._closed_model_field(node):
            return []  # body.sort of a pydantic field typed Sort(Enum), Literal[...], int
        if kind == "attribute":
            stored = self._flask_g_value(node, depth)
            if stored is not None:
                return stored
        if kind == "attribute" and self.rule == "path-traversal" and self._file_name_of_path(node):
            return []  # Path(name).name: the last component alone cannot leave a directory
        if kind == "attribute" and self.rule == "path-traversal" and self._django_upload_name(node):
            return []  # request.FILES["f"].name: Django keeps only the client name's basename
        if kind == "subscript" and self.rule == "path-traversal" and _extension_of(node):
            return []  # os.path.splitext(name)[1]: an extension holds no separator
        if kind in ("subscript", "call") and self._closed_form_field(node, depth):
            # validated_data["n"] of an IntegerField: a number or no value at all; of a
            # field whose validate_n()/clean_n() refuses what a check does not pass
            return []
        if (
            self.rule == "path-traversal"
            and node.parent is not None
            and node.parent.type == "argument_list"
            and self._upload_object(node, 0)
        ):
            # pd.read_csv(request.files["f"]): an uploaded file object is read as content;
            # its .filename (a client's name) is still followed where it is used.
            return []
        if kind == "identifier":
            if self.rule == "path-traversal" and self._file_object(node):
                return []  # send_file(buf): what was written into it is content, no path
            if self.rule == "path-traversal" and self._archive_parameter(node):
                # zipfile.ZipFile(f) / tarfile.open(f) of a parameter as it came: a path
                # or a file object; reported only when a caller passes untrusted input.
                return [
                    t
                    for t in self.resolve_name(node_text(node), node, depth)
                    if t.kind is OriginKind.UNTRUSTED
                ]
            return self.resolve_name(node_text(node), node, depth)
        if kind in self.literal_types and kind != "string" and kind != "concatenated_string":
            return []
        if kind == "string":
            return self.evaluate_all(
                (
                    c.child_by_field_name("expression")
                    for c in node.named_children
                    if c.type == "interpolation"
                ),
                depth,
            )
        if kind in (
            "argument_list",
            "concatenated_string",
            "list",
            "tuple",
            "set",
            "expression_list",
            "await",
            "list_splat",
            "dictionary_splat",
            "interpolation",
        ):
            return self.evaluate_all(node.named_children, depth)
        if kind == "binary_operator" and _repeats_constant_text(node):
            return []  # "*" * stars: the count is no content
        if kind in ("binary_operator", "boolean_operator", "parenthesized_expression"):
            return self.evaluate_all(chain_operands(node, _joins_values), depth)
        if kind == "conditional_expression":
            values = node.named_children
            return self.evaluate_all((values[0], values[2]) if len(values) == 3 else (), depth)
        if kind in ("comparison_operator", "not_operator", "unary_operator", "lambda"):
            return []
        if kind == "dictionary":
            return self.evaluate_all(
                (
                    pair.child_by_field_name("value")
                    for pair in node.named_children
                    if pair.type == "pair"
                ),
                depth,
            )
        if kind in ("list_comprehension", "set_comprehension", "generator_expression"):
            return self.evaluate_all((node.child_by_field_name("body"),), depth)
        if kind == "dictionary_comprehension":
            body = node.child_by_field_name("body")
            return self.evaluate_all((body.child_by_field_name("value") if body else None,), depth)
        if kind in ("subscript", "attribute"):
            assigned = self.evaluate_member_path(node, depth)
            if assigned is not None:
                return assigned
            value = node.child_by_field_name("value" if kind == "subscript" else "object")
            if value is None:
                return []
            return self.widen_origin(self.evaluate_container(value, node, depth), value, node)
        if kind == "keyword_argument":
            return self.evaluate_all((node.child_by_field_name("value"),), depth)
        if kind == "named_expression":
            return self.evaluate_all((node.child_by_field_name("value"),), depth)
        if kind == "call":
            return self.evaluate_call(node, depth)
        return []

    def _file_name_of_path(self, node: Node) -> bool:
        """`Path(x).name` (pathlib's last component, as `os.path.basename` is): a bare
        file name, without separators or `..`. `.stem` too; `.parent` or `.parts` not."""
        attribute = node.child_by_field_name("attribute")
        value = node.child_by_field_name("object")
        if attribute is None or value is None or node_text(attribute) not in _LAST_PART_FIELDS:
            return False
        if value.type == "identifier":
            single = self.single_value(value)
            if single is None and node_text(attribute) == "name":
                # `tmp.write(data)` adds to what tmp holds, not to its name.
                single = self._assigned_value(value)
            if single is None:
                return False
            value = single
        if value.type != "call":
            return False
        function = value.child_by_field_name("function")
        if function is None:
            return False
        callee = node_text(function).rsplit(".", 1)[-1]
        # A temporary file's or folder's `.name`: a path tempfile chose, whatever was
        # written into the file.
        if callee in _PATH_TYPES:
            return True
        if node_text(attribute) != "name" or callee not in _TEMPORARY_FILES:
            return False
        arguments = value.child_by_field_name("arguments")
        for argument in arguments.named_children if arguments is not None else []:
            name = argument.child_by_field_name("name")
            given = argument.child_by_field_name("value")
            if (
                argument.type == "keyword_argument"
                and name is not None
                and node_text(name) in ("dir", "prefix", "suffix")
                and given is not None
                and self.evaluate(given, 1)
            ):
                return False  # a folder or name part from the request or a caller
        return True

    def evaluate_definition(
        self, definition: Definition, depth: int, field: str | None = None
    ) -> list[Trace]:
        if (
            self.rule == "path-traversal"
            and definition.kind == "assign"
            and definition.element == 1
            and definition.value is not None
            and definition.value.type == "call"
            and _splitext_call(definition.value)
        ):
            return []  # root, ext = os.path.splitext(name): see _extension_of
        return super().evaluate_definition(definition, depth, field)

    def _closed_form_field(self, node: Node, depth: int) -> bool:
        """`serializer.validated_data["f"]` (DRF) or `form.cleaned_data["f"]` (Django), also
        through `.get("f")` or a name that holds the mapping, where the serializer's or
        form's class in this file declares `f` with a closed type (_closed_field) or
        checks it in its hook for the field (_field_hook_checks). Both mappings exist only
        once the data was validated (DRF refuses to give validated_data before
        is_valid(); a form has cleaned_data only after it), so the value passed that
        field's validation wherever it is read. So does a serializer's `.data` read where
        a passed is_valid() dominates it (after a failed one it holds the input as sent),
        and the mapping DRF passes to the serializer's own validate(attrs), create() and
        update(). A class of another module, or a field it does not declare (a
        ModelSerializer's model fields) and no hook checks, is not judged: its values are
        followed to the request data."""
        if node.type == "subscript":
            mapping = node.child_by_field_name("value")
            key = node.child_by_field_name("subscript")
        else:
            function = node.child_by_field_name("function")
            method = function.child_by_field_name("attribute") if function is not None else None
            if function is None or method is None or node_text(method) != "get":
                return False
            mapping = function.child_by_field_name("object")
            positional, _ = self.call_arguments(node)
            key = positional[0] if positional else None
        if mapping is None or key is None or key.type != "string":
            return False
        name = _string_value(key)
        if mapping.type == "identifier":
            single = self.single_value(mapping)
            if single is None:
                found = self._validated_parameter(mapping, name)
                return found is not None and self._validated_field(
                    found, name, "validate_", node, depth
                )
            mapping = single
        attribute = (
            mapping.child_by_field_name("attribute") if mapping.type == "attribute" else None
        )
        holder = mapping.child_by_field_name("object") if attribute is not None else None
        kind = node_text(attribute) if attribute is not None else ""
        if holder is None or kind not in ("validated_data", "cleaned_data", "data"):
            return False
        klass = self._form_class(holder)
        if klass is None:
            return False
        if kind == "data" and not (
            self._derives_from(klass, _DRF_SERIALIZERS) and self._validated_before(holder, node)
        ):
            return False
        hook = "clean_" if kind == "cleaned_data" else "validate_"
        return self._validated_field(klass, name, hook, node, depth)

    def _validated_field(self, klass: Node, name: str, hook: str, read: Node, depth: int) -> bool:
        """The field `name` of a serializer or form class holds a checked value: its type
        is closed, or its hook (`validate_<name>` / `clean_<name>`) checks it."""
        field = self._declared_field(klass, name)
        if field is not None and self._closed_field(field):
            return True
        return self._field_hook_checks(klass, name, hook, read, depth)

    def _field_hook_checks(self, klass: Node, name: str, hook: str, read: Node, depth: int) -> bool:
        """The class (or a class of this file it derives from) has the hook DRF or
        Django calls for the field, `validate_<name>(self, value)` or `clean_<name>(self)`,
        and what the hook returns, which becomes the field's value, carries nothing
        untrusted for this rule: every return is guarded by a sound check that raises
        otherwise (an allowlist, an anchored pattern, a containment check), or returns a
        value the code chose. A hook that only strips, lowercases or checks the length
        returns the value as it came. Inside the hook itself the field's value is the one
        before it; a class that writes the field of its mapping elsewhere
        (`attrs["f"] = ...` in validate(), `cleaned_data["f"] = ...` in clean()) is not
        judged."""
        method = self._own_method(klass, hook + name)
        if method is None or contains(method, read) or depth + 10 > MAX_DEPTH:
            return False
        values = self.returned_values(method)
        if not values or self._field_rewritten(klass, name, method):
            return False
        return not self.evaluate_all(values, depth + 1)

    def _own_method(self, klass: Node, name: str) -> Node | None:
        """The method `name` a class defines, or inherits from a class of this file."""

        def method(candidate: Node) -> Node | None:
            functions = self._class_functions(candidate)
            return next((f for f in functions if self.function_name(f) == name), None)

        return self._in_class_or_bases(klass, method)

    def _in_class_or_bases(
        self, klass: Node, find: Callable[[Node], Node | None], depth: int = 0
    ) -> Node | None:
        """`find(klass)`, or else the first answer for a base class defined in this file
        (up to five levels)."""
        if depth > 5:
            return None
        found = find(klass)
        if found is not None:
            return found
        superclasses = klass.child_by_field_name("superclasses")
        for base in superclasses.named_children if superclasses is not None else []:
            if base.type != "identifier":
                continue
            for definition in self.module_definitions(node_text(base)):
                if definition.statement.type == "class_definition":
                    found = self._in_class_or_bases(definition.statement, find, depth + 1)
                    if found is not None:
                        return found
        return None

    def _class_functions(self, klass: Node) -> list[Node]:
        """The methods of a class, all read (which methods there are, and their text)."""
        body = klass.child_by_field_name("body")
        functions = [
            function
            for member in (body.named_children if body is not None else [])
            if (function := self.class_method_function(member)) is not None
        ]
        self.read_class(klass, functions)
        return functions

    def _field_rewritten(self, klass: Node, name: str, hook: Node) -> bool:
        """A method of the class other than the field's hook assigns the field in a
        mapping: `attrs["f"] = ...`, `self.cleaned_data["f"] = ...`."""
        for function in self._class_functions(klass):
            if function == hook:
                continue
            for assignment in _descendants(function, "assignment"):
                left = assignment.child_by_field_name("left")
                key = left.child_by_field_name("subscript") if left is not None else None
                if (
                    left is not None
                    and left.type == "subscript"
                    and key is not None
                    and key.type == "string"
                    and _string_value(key) == name
                ):
                    return True
        return False

    def _validated_parameter(self, identifier: Node, name: str) -> Node | None:
        """For the mapping DRF passes to a serializer's validate(self, attrs),
        create(self, validated_data) or update(self, instance, validated_data), read
        without reassignment: the serializer class. create() and update() get what
        save(**kwargs) adds on top, so a `.save(f=...)` anywhere in the file leaves the
        field `name` unjudged."""
        scope = self.enclosing_scope(identifier)
        if scope.type != "function_definition":
            return None
        method = self.function_name(scope)
        position = _VALIDATED_PARAMETERS.get(method)
        text = node_text(identifier)
        if position is None or self.reaching_definitions(scope, text, identifier):
            return None
        parameter = next((p for p in self.parameters(scope) if p.name == text), None)
        if parameter is None or parameter.index != position:
            return None
        klass = self.class_of_method(scope)
        if klass is None or not self._derives_from(klass, _DRF_SERIALIZERS):
            return None
        if method != "validate" and self._saved_with(name):
            return None
        return klass

    def _saved_with(self, name: str) -> bool:
        """Some `.save(...)` call of the file passes the keyword `name`."""
        root = self.tree_root
        if self.recorder is not None:
            # A new save() call can come only from an edit that writes the name.
            self.recorder.named_ranges.add((root.start_byte, root.end_byte, "save"))
        pattern = re.compile(rb"\.\s*(save)\s*\(")
        for start, end in self.text_matches(pattern):
            call = self.member_call_at(start, end)
            if call is None:
                continue
            self.read_range(call)
            if name in self.call_arguments(call)[1]:
                return True
        return False

    def _validated_before(self, serializer: Node, read: Node) -> bool:
        """`serializer.is_valid()` passed where `read` runs: `read` is in the body of
        `if serializer.is_valid():`, or follows in a block that holds
        `serializer.is_valid(raise_exception=True)` or `if not serializer.is_valid():`
        with an exit."""
        if serializer.type != "identifier":
            return False
        function = self.enclosing_scope(read)
        body = function.child_by_field_name("body")
        if self.is_module(function) or body is None:
            return False
        self.read_before(function, read)
        wanted = node_text(serializer) + ".is_valid"
        for call in _descendants(body, "call"):
            callee = call.child_by_field_name("function")
            if (
                callee is None
                or normalized(node_text(callee)) != wanted
                or call.start_byte >= read.start_byte
            ):
                continue
            outer = call.parent
            negated = False
            while outer is not None and outer.type in ("parenthesized_expression", "not_operator"):
                negated ^= outer.type == "not_operator"
                outer = outer.parent
            if outer is None:
                continue
            if outer.type == "expression_statement":
                raising = self.call_arguments(call)[1].get("raise_exception")
                if (
                    raising is not None
                    and node_text(raising) == "True"
                    and self._dominates(outer, read)
                ):
                    return True
            elif outer.type == "if_statement":
                consequence = outer.child_by_field_name("consequence")
                if consequence is None:
                    continue
                if not negated and contains(consequence, read):
                    return True
                if negated and self.exits(consequence) and self._dominates(outer, read):
                    return True
        return False

    def _form_class(self, holder: Node) -> Node | None:
        """The class of this file a serializer or form object is made from: `X(data=...)`,
        `X(request.POST)`, `self.get_serializer(...)` / `self.get_form()` of a view whose
        `serializer_class` / `form_class` is `X`, or `self` in a method of the class."""
        if holder.type == "identifier" and node_text(holder) == "self":
            return self._enclosing_class(holder)
        if holder.type == "identifier":
            single = self.single_value(holder)
            if single is None:
                return None
            holder = single
        if holder.type != "call":
            return None
        function = holder.child_by_field_name("function")
        if function is None:
            return None
        name = node_text(function)
        if name in ("self.get_serializer", "self.get_form"):
            attribute = "serializer_class" if name.endswith("serializer") else "form_class"
            view = self._enclosing_class(holder)
            value = self._class_attribute(view, attribute) if view is not None else None
            if value is None or value.type != "identifier":
                return None
            name = node_text(value)
        if not name.isidentifier():
            return None
        return next(
            (
                d.statement
                for d in self.module_definitions(name)
                if d.statement.type == "class_definition"
            ),
            None,
        )

    def _class_attribute(self, klass: Node, name: str) -> Node | None:
        """The value a class body assigns to `name` (`title = forms.CharField()`)."""
        self.read_member(klass)
        body = klass.child_by_field_name("body")
        if body is not None:
            # The statements of the body, and where one can be added: a class at module
            # level is no member of itself (its header is the file's outline).
            self.read_range(body)
        for statement in body.named_children if body is not None else []:
            if statement.type != "expression_statement" or not statement.named_children:
                continue
            assignment = statement.named_children[0]
            left = assignment.child_by_field_name("left")
            right = assignment.child_by_field_name("right")
            if (
                assignment.type == "assignment"
                and left is not None
                and right is not None
                and node_text(left) == name
            ):
                return right
        return None

    def _declared_field(self, klass: Node, name: str) -> Node | None:
        """The field `name` a serializer or form class declares, or inherits from a class
        of this file."""
        return self._in_class_or_bases(
            klass, lambda candidate: self._class_attribute(candidate, name)
        )

    def _closed_field(self, field: Node, depth: int = 0) -> bool:
        """A DRF serializer or Django form field whose valid values are closed for this
        rule: a choice, a number, a flag, a UUID, a date or time, a record chosen by key;
        a slug for a path or a command; a RegexField (or a field with a RegexValidator)
        whose pattern is anchored. Free text (CharField, URLField, EmailField) is not."""
        if field.type != "call" or depth > 2:
            return False
        function = field.child_by_field_name("function")
        kind = node_text(function).rsplit(".", 1)[-1] if function is not None else ""
        positional, keywords = self.call_arguments(field)
        if kind in _CLOSED_FORM_FIELDS:
            return True
        if kind in ("SlugField",) and self.rule in ("path-traversal", "command-injection"):
            return True
        if kind in ("ListField", "MultipleChoiceField") and "child" in keywords:
            return self._closed_field(keywords["child"], depth + 1)
        patterns: list[Node] = []
        if kind == "RegexField":
            pattern = keywords.get("regex") or (positional[0] if positional else None)
            if pattern is not None:
                patterns.append(pattern)
        validators = keywords.get("validators")
        for validator in validators.named_children if validators is not None else []:
            if validator.type != "call":
                continue
            callee = validator.child_by_field_name("function")
            if callee is None or node_text(callee).rsplit(".", 1)[-1] != "RegexValidator":
                continue
            inner, named = self.call_arguments(validator)
            pattern = named.get("regex") or (inner[0] if inner else None)
            if pattern is not None and "inverse_match" not in named:
                patterns.append(pattern)
        return any(self._anchored_pattern(p) for p in patterns)

    def _anchored_pattern(self, pattern: Node) -> bool:
        """A pattern (a string, `re.compile(...)`, or a name of one) that Django's
        search() must match as a whole: every alternative anchored at both ends, and for
        a site or host check, one that refuses other sites."""
        if pattern.type == "identifier":
            single = self.single_value(pattern)
            if single is None:
                return False
            pattern = single
        if pattern.type == "call":
            arguments, _ = self.call_arguments(pattern)
            if not arguments:
                return False
            pattern = arguments[0]
        if pattern.type != "string" or any(
            c.type == "interpolation" for c in pattern.named_children
        ):
            return False
        text = _string_value(pattern)
        site = regex_site_check(text, self.rule, "search")
        if site is not None:
            return site
        return all(
            alternative.startswith(("^", "\\A")) and ends_with_anchor(alternative, ("$", "\\Z"))
            for alternative in regex_alternatives(text)
        )

    def _django_upload_name(self, node: Node) -> bool:
        """`.name` of a file Django received (`request.FILES["f"].name`, DRF's
        `request.data["f"].name`, a name that holds one, a loop over
        `request.FILES.getlist("f")`, a parameter typed `UploadedFile`): Django's upload
        handling keeps only the basename of the name the client sent, so it holds no
        directory part. (Flask's and Starlette's `.filename` is the client's name as sent.)"""
        attribute = node.child_by_field_name("attribute")
        value = node.child_by_field_name("object")
        return (
            attribute is not None
            and value is not None
            and node_text(attribute) == "name"
            and self._django_upload(value, 0)
        )

    def _django_upload(self, node: Node, depth: int) -> bool:
        """A file object Django made from an upload (see _django_upload_name)."""
        if depth > 3:
            return False
        kind = node.type
        if kind == "subscript":
            value = node.child_by_field_name("value")
            return value is not None and (
                bool(_DJANGO_UPLOADS.search(node_text(value))) or _django_upload_list(value)
            )
        if kind == "call":
            function = node.child_by_field_name("function")
            method = function.child_by_field_name("attribute") if function is not None else None
            inner = function.child_by_field_name("object") if function is not None else None
            return (
                method is not None
                and inner is not None
                and node_text(method) == "get"
                and bool(_DJANGO_UPLOADS.search(node_text(inner)))
            )
        if kind != "identifier":
            return False
        scope = self.enclosing_scope(node)
        name = node_text(node)
        definitions = [
            d for d in self.reaching_definitions(scope, name, node) if d.kind != "augment"
        ]
        if not definitions:
            return any(
                p.name == name
                and bool(set(re.findall(r"\w+", p.annotation)) & _DJANGO_UPLOAD_TYPES)
                for p in self.parameters(scope)
            )
        return all(
            d.value is not None
            and d.element is None
            and (
                (d.kind == "assign" and self._django_upload(d.value, depth + 1))
                or (d.kind == "iterate" and _django_upload_list(d.value))
            )
            for d in definitions
        )

    def _assigned_value(self, name: Node) -> Node | None:
        """The one value assigned to `name` that reaches it, not counting what was added
        to it since (`tmp.write(data)`, `items.append(x)`)."""
        definitions = self.reaching_definitions(self.enclosing_scope(name), node_text(name), name)
        assigned = [d for d in definitions if d.kind != "augment"]
        return assigned[0].value if len(assigned) == 1 else None

    def is_sanitizer(self, call: Node) -> bool:
        return super().is_sanitizer(call) or self._imported_sanitizer(call)

    def _imported_sanitizer(self, call: Node) -> bool:
        """Trust by name: a function an import brings in (`from .paths import
        sanitize_filename`, `from mlflow.utils.uri import validate_path_is_safe`,
        werkzeug's `secure_filename`) whose name says it sanitizes or validates
        (sanitize/valid/safe/clean/secure/escape/quote) a value of this rule's kind (a path
        or file name, a URL, HTML, SQL) returns a value that is safe for the rule. Its body is in
        another file and is not read; a function of this file is judged by its body."""
        root = self.sanitizer_by_name(call)
        definitions = self.module_definitions(root) if root is not None else []
        return bool(definitions) and all(
            d.statement.type in ("import_statement", "import_from_statement") for d in definitions
        )

    def evaluate_call(self, call: Node, depth: int) -> list[Trace]:
        if self.is_sanitizer(call):
            return []
        if self.rule == "open-redirect":
            view = self._route_url_view(call)
            if view is not None:
                # login_url("auth.login", request.url): a page of this site, with the
                # untrusted URL encoded into its query; only the view decides the host.
                return self.evaluate(view, depth) if isinstance(view, Node) else []
        if (
            self.rule == "path-traversal"
            and self.callee_name(call).rsplit(".", 1)[-1] in _FILE_OBJECTS
        ):
            return []  # io.BytesIO(data): a file object holding the data, not a path
        if self.rule == "path-traversal" and self.is_sink_call(call):
            archive = self._archive_path(call)
            if archive is not None:
                # tarfile.open(path) is a sink for the file it opens, and the archive it
                # returns is that file: its members' names decide where extractall()
                # writes them.
                step = Step(Span.of(call), f"archive opened by {short_label(node_text(call))}")
                traces = (
                    self.resolve_name(node_text(archive), archive, depth + 1)
                    if archive.type == "identifier"
                    else self.evaluate(archive, depth + 1)
                )
                return [t.then(step) for t in traces]
        if self.rule == "sql-injection" and self._sqlalchemy_statement(call, 0):
            # select(T).where(T.c == v).offset(n): a statement object whose values are
            # bound parameters; raw SQL inside it (text(), literal_column()) is a sink of
            # its own.
            return []
        if self.rule in _CONTENT_RULES:
            path = self._opened_path(call)
            if path is not None:
                # What a file holds is what its path names: for a deserializer, a file
                # opened from an untrusted path is untrusted bytes (a parameter's path is
                # its callers' choice, as with any file they hand over).
                step = Step(Span.of(call), f"read from {short_label(node_text(call))}")
                return [
                    t.then(step)
                    for t in self.evaluate(path, depth)
                    if t.kind is OriginKind.UNTRUSTED
                ]
        if self.is_sink_call(call):
            # A sink's result (a response, a cursor) is not its input, except that the
            # body of a fetched response is written by whoever serves the URL.
            return self._fetched_response(call, depth)
        if self._strips_harmful_characters(call):
            return []  # re.sub(r"[^a-z0-9-]", "-", title): nothing the sink can misuse
        if self.rule in ("ssrf", "open-redirect") and self.callee_name(call).rsplit(".", 1)[-1] in (
            "generate_presigned_url",
            "generate_presigned_post",
        ):
            return []  # boto3 signs a URL on the storage service's own host
        if self.rule == "xss" and self._renders_template_file(call):
            return []  # the template file's autoescaping decides what its values become
        rendered = self._rendered_template(call) if self.rule == "xss" else None
        if rendered is not None:
            # Template(src).render(ctx): the source's text as it is, and the context's
            # values unless the engine escapes them (Django; a Jinja environment with
            # autoescape).
            source, values = rendered
            return merge(self.evaluate(source, depth), self.evaluate_all(values, depth))
        function = call.child_by_field_name("function")
        arguments = call.child_by_field_name("arguments")
        if function is None:
            return []
        if node_key(function) in self.captures.sources:  # request.get_json()
            return [self.untrusted(call)]
        local = self.local_function(call)
        if local is not None and function.type == "identifier":
            if self.raising_validator(local):
                return []  # clean = validate(value): it returns only what it let through
            if self.rule == "sql-injection" and self._identifier_quoter(local):
                return []  # '"{}"'.format(name.replace('"', '""')): a quoted identifier
            return self.summarize_call(call, local, depth)
        if function.type == "identifier" and node_text(function) in LOOKUP_METHODS:
            return []  # get_object_or_404(Model, pk=x): a stored record
        argument_nodes = [
            a
            for a in (arguments.named_children if arguments is not None else [])
            if a.type != "lambda"
        ]
        if function.type == "attribute":
            receiver = function.child_by_field_name("object")
            method = function.child_by_field_name("attribute")
            method_name = node_text(method) if method is not None else ""
            if (
                local is not None
                and receiver is not None
                and node_text(receiver) in ("self", "cls")
            ):
                return self.summarize_call(call, local, depth)
            if (
                local is not None
                and receiver is not None
                and self._class_method(receiver, method_name) == local
            ):
                if self.raising_validator(local):
                    return []
                return self.summarize_call(call, local, depth)
            if (
                local is not None
                and receiver is not None
                and self._instance_method(receiver, method_name) == local
                and not self._static(local)
            ):
                # store.checked_path(name) on a Store this file defines: what the method
                # returns, with its own checks (receiver first, for `self`).
                return self.summarize_call(call, local, depth)
            receiver_traces = self.evaluate(receiver, depth) if receiver is not None else []
            receiver_traces = self.widen_origin(receiver_traces, receiver, call) if receiver else []
            receiver_traces = self.method_result(receiver_traces, method_name)
            if method_name in ("get", "pop", "setdefault", "getlist") and argument_nodes:
                # dict.get(key, default): the value comes from the mapping, not the key.
                return merge(receiver_traces, self.evaluate_all(argument_nodes[1:], depth))
            if method_name in LOOKUP_METHODS or (
                _LOOKUP_METHOD.match(method_name) and node_text(receiver or function) != "self"
            ):
                # Files.query.filter_by(name=x).first(), store.get_download_uri(name): a
                # stored record (or a value the object keeps under that key), not the key.
                return receiver_traces
            return merge(receiver_traces, self.evaluate_all(argument_nodes, depth))
        return self.evaluate_all(argument_nodes, depth)

    def _fetched_response(self, call: Node, depth: int) -> list[Trace]:
        """What an HTTP client's request returns (`requests.get(url)`, `client.get(url)`,
        `urlopen(url)`, and so `.text`, `.content`, `.json()`, `.read()` of it) is written
        by whoever serves the URL: when the code does not fix the URL's host (a constant
        URL, a constant start with a host, a path of this site), the response carries the
        URL's origins, as JavaScript's `fetch(url)` does. Other sinks' results: none."""
        callee = self.callee_name(call).rsplit(".", 1)[-1]
        positional, keywords = self.call_arguments(call)
        if callee in _XML_TEXT_PARSERS and positional:
            # ET.fromstring(text): the tree holds what the text held (the <loc> URLs of a
            # fetched sitemap are its author's).
            step = Step(Span.of(call), f"parsed by {short_label(node_text(call))}")
            return [t.then(step) for t in self.evaluate(positional[0], depth + 1)]
        if callee not in _FETCH_METHODS:
            return []
        url = keywords.get("url")
        if url is None and positional:
            url = positional[1] if callee == "request" and len(positional) > 1 else positional[0]
        if url is None or url.type in ("dictionary", "list", "keyword_argument"):
            return []
        if self.fetches_chosen_target(url):
            return []  # a constant URL, a host the code chose, or a path of a base it chose
        step = Step(Span.of(call), f"response of {short_label(node_text(call))}")
        return [t.then(step) for t in self.evaluate(url, depth + 1)]

    def _closed_click_parameter(self, function: Node, name: str) -> bool:
        """A parameter filled by a click `@option`/`@argument` whose type is closed
        (`type=click.Choice(["tar", "zip"])`, `type=int`) or that is a flag."""
        for decorator in self.decorators(function):
            call = decorator.named_children[0] if decorator.named_children else None
            if call is None or call.type != "call":
                continue
            kind = self.callee_name(call).rsplit(".", 1)[-1]
            options = _cli_options(call)
            if kind not in ("option", "argument") or options is None:
                continue
            strings, keywords = options
            if _cli_dest(strings, keywords, click=True) != name:
                continue
            closed = _closed_cli_type(keywords.get("type"))
            return closed or any(
                node_text(keywords[flag]) == "True"
                for flag in ("is_flag", "count")
                if flag in keywords
            )
        return False

    _argparse_dests: dict[str, bool] | None = None

    def _closed_argparse_value(self, node: Node, depth: int) -> bool:
        """`args.fmt` where `args = parser.parse_args()` (or a parameter whose every caller
        passes such a namespace) and every `add_argument` of the file for `fmt` limits its
        values (`choices=[...]`, `type=int`, a store_true flag)."""
        namespace = node.child_by_field_name("object")
        attribute = node.child_by_field_name("attribute")
        if namespace is None or attribute is None or namespace.type != "identifier":
            return False
        value = self.single_value(namespace)
        if value is None or value.type != "call":
            if value is not None or not self._parsed_namespace(namespace, depth):
                return False
        elif self.callee_name(value).rsplit(".", 1)[-1] not in _CLI_PARSE:
            return False
        root = self.root  # the declarations may be anywhere in the file
        if self._argparse_dests is None:
            dests: dict[str, bool] = {}
            stack = [root]
            while stack:
                current = stack.pop()
                stack.extend(current.children)
                if current.type != "call" or not self.callee_name(current).endswith(
                    ".add_argument"
                ):
                    continue
                options = _cli_options(current)
                if options is None:
                    continue
                strings, keywords = options
                dest = _cli_dest(strings, keywords, click=False)
                action = node_text(keywords["action"]) if "action" in keywords else ""
                closed = (
                    "choices" in keywords
                    or _closed_cli_type(keywords.get("type"))
                    or action.strip("\"'") in ("store_true", "store_false", "count")
                )
                if dest is not None:
                    dests[dest] = dests.get(dest, True) and closed
            self._argparse_dests = dests
        return self._argparse_dests.get(node_text(attribute), False)

    def _renders_template_file(self, call: Node) -> bool:
        """A template file rendered with values (`env.get_template("card.html").render(
        name=x)`, Django's `render_to_string("card.html", {...})`): HTML escaping is the
        template's business, as with Flask's `render_template`. A template built from a
        string (`from_string(src)`, `Template(src)`) is not one: its source is followed."""
        name = self.callee_name(call).rsplit(".", 1)[-1]
        if name in ("render_template", "render_to_string"):
            return True
        if name not in ("render", "render_async", "generate", "stream"):
            return False
        function = call.child_by_field_name("function")
        receiver = function.child_by_field_name("object") if function is not None else None
        if receiver is not None and receiver.type == "identifier":
            receiver = self.single_value(receiver) or receiver
        return (
            receiver is not None
            and receiver.type == "call"
            and self.callee_name(receiver).rsplit(".", 1)[-1]
            in ("get_template", "select_template", "get_or_select_template")
        )

    def _rendered_template(self, call: Node) -> tuple[Node, list[Node]] | None:
        """For `Template(src).render(ctx)` (Django, Jinja2, Mako; also through a name
        that holds the template, and `env.from_string(src).render(...)`): the template
        source, and the values of the call that reach the output as they are: none when
        the engine escapes them (Django's Template with a Context that keeps autoescape,
        a Jinja Environment built with autoescape, Django's `engines[...]`) unless the
        source turns escaping off (`{% autoescape off %}`, `|safe`). None for other
        calls."""
        function = call.child_by_field_name("function")
        method = function.child_by_field_name("attribute") if function is not None else None
        receiver = function.child_by_field_name("object") if function is not None else None
        if method is None or receiver is None or node_text(method) != "render":
            return None
        if receiver.type == "identifier":
            receiver = self.single_value(receiver) or receiver
        if receiver.type != "call":
            return None
        builder = receiver.child_by_field_name("function")
        if builder is None:
            return None
        name = node_text(builder).rsplit(".", 1)[-1]
        if name not in ("Template", "from_string") or node_text(builder) == "string.Template":
            return None
        positional, keywords = self.call_arguments(receiver)
        source = positional[0] if positional else keywords.get("source")
        if source is None:
            return None
        arguments = call.child_by_field_name("arguments")
        values = [a for a in (arguments.named_children if arguments is not None else [])]
        literal = "".join(p for p in self.string_parts(source) if isinstance(p, str))
        if re.search(r"autoescape\s+(?:off|false)|\|\s*safe\b", literal, re.IGNORECASE):
            return source, values
        escaped = False
        if name == "Template" and builder.type == "identifier":
            module = imported_module(self, builder) or ""
            escaped = module.startswith("django")
        elif name == "Template":
            escaped = node_text(builder).startswith("django.")
        else:
            environment = builder.child_by_field_name("object")
            if environment is not None and environment.type == "identifier":
                environment = self.single_value(environment) or environment
            text = node_text(environment) if environment is not None else ""
            escaped = text.startswith("engines[") or bool(
                re.search(r"autoescape\s*=\s*(?:True|select_autoescape)", text)
            )
        if escaped and any(re.search(r"autoescape\s*=\s*False", node_text(v)) for v in values):
            escaped = False  # Context(values, autoescape=False)
        return source, [] if escaped else values

    def _strips_harmful_characters(self, call: Node) -> bool:
        """`re.sub(r"[^a-z0-9-]+", "-", x)` (or a compiled pattern's `.sub("-", x)`): every
        character outside the class is replaced, and neither those kept nor the
        replacement are any the rule's sink could misuse (see strips_harmful_characters)."""
        name = self.callee_name(call)
        if name.rsplit(".", 1)[-1] != "sub":
            return False
        arguments = call.child_by_field_name("arguments")
        values = [a for a in arguments.named_children] if arguments is not None else []
        if any(v.type == "keyword_argument" for v in values):
            return False  # count=1, flags=...: not every occurrence, or another reading
        pattern: Node | None
        if name in ("re.sub", "regex.sub"):
            if len(values) != 3:
                return False
            pattern, replacement = values[0], values[1]
        else:
            function = call.child_by_field_name("function")
            receiver = function.child_by_field_name("object") if function is not None else None
            compiled = self.single_value(receiver) if receiver is not None else None
            if receiver is not None and compiled is None and receiver.type == "identifier":
                compiled = next(
                    (d.value for d in self.module_definitions(node_text(receiver)) if d.value),
                    None,
                )
            if compiled is None or compiled.type != "call" or len(values) != 2:
                return False
            if self.callee_name(compiled) not in ("re.compile", "regex.compile"):
                return False
            compile_arguments = compiled.child_by_field_name("arguments")
            if compile_arguments is None or len(compile_arguments.named_children) != 1:
                return False
            pattern, replacement = compile_arguments.named_children[0], values[0]
        if pattern.type != "string" or replacement.type != "string":
            return False
        if any(c.type == "interpolation" for c in pattern.children + replacement.children):
            return False
        return strips_harmful_characters(
            _string_value(pattern), _string_value(replacement), self.rule
        )

    def _parsed_namespace(self, namespace: Node, depth: int) -> bool:
        """Whether every value `namespace` (a name with no single local assignment: a
        parameter) can hold comes from a command-line parser (`switch(args)` after `args
        = parser.parse_args()`)."""
        scope = self.enclosing_scope(namespace)
        if self.reaching_definitions(scope, node_text(namespace), namespace):
            return False
        if not any(p.name == node_text(namespace) for p in self.parameters(scope)):
            return False
        traces = self.evaluate(namespace, depth + 1)
        return bool(traces) and all(_CLI_PARSE_CALL.search(t.origin_text) for t in traces)

    def _route_url_view(self, call: Node) -> Node | bool | None:
        """The first argument of a route URL builder (`login_url`, `resolve_url`): its node,
        False when the call has none, None when the call is no such builder."""
        keyword = _ROUTE_URL_BUILDERS.get(self.callee_name(call).rsplit(".", 1)[-1])
        arguments = call.child_by_field_name("arguments")
        if keyword is None or arguments is None or arguments.type != "argument_list":
            return None
        for argument in arguments.named_children:
            if argument.type == "keyword_argument":
                name = argument.child_by_field_name("name")
                if name is not None and node_text(name) == keyword:
                    return argument.child_by_field_name("value") or False
            elif argument.type not in ("list_splat", "dictionary_splat"):
                return argument
            else:
                return None  # login_url(*args): the view is not visible
        return False

    def _identifier_quoter(self, function: Node) -> bool:
        """A function in this file that quotes an SQL identifier the standard way: every
        value it returns wraps its input in double quotes or backticks after doubling that
        quote (`'"{}"'.format(s.replace('"', '""'))`), or in brackets when it has tested
        that `]` is absent, or returns it unchanged where a check (an anchored regex)
        guards it. Doubling single quotes around a string literal is not this: that is
        hand-made escaping of a value, which parameters replace."""
        values = self.returned_values(function)
        names = {p.name for p in self.parameters(function)}
        if not values or not names:
            return False
        tests_bracket = bool(
            re.search(r"""\b(?:if|elif)\s+["']\]["']\s+(?:not\s+)?in\b""", node_text(function))
        )
        quoted = False
        for value in values:
            if value.type in self.literal_types and value.type != "string":
                continue
            if value.type == "identifier" and node_text(value) in names:
                if not self.guarded(value, node_text(value)):
                    return False
                continue
            parts = _quoting_parts(value)
            if parts is None:
                return False
            for index, part in enumerate(parts):
                if isinstance(part, str):
                    continue
                before = parts[index - 1] if index > 0 else ""
                after = parts[index + 1] if index + 1 < len(parts) else ""
                if not isinstance(before, str) or not isinstance(after, str):
                    return False
                doubled = _doubled_quote(part)
                doubles = (
                    doubled is not None and before.endswith(doubled) and after.startswith(doubled)
                )
                brackets = (
                    tests_bracket
                    and part.type == "identifier"
                    and node_text(part) in names
                    and before.endswith("[")
                    and after.startswith("]")
                )
                if not doubles and not brackets:
                    return False
                quoted = True
        return quoted

    def normalized_path(self, node: Node, depth: int = 0) -> bool:
        """Also a parameter of a helper every caller passes a normalized path: in
        `def _is_within(expanded, base): return expanded.startswith(base + os.sep)`,
        called only as `_is_within(os.path.realpath(p), BASE)`, `expanded` is resolved."""
        if super().normalized_path(node, depth):
            return True
        if depth > 3 or node.type != "identifier":
            return False
        scope = self.enclosing_scope(node)
        name = node_text(node)
        if scope.type != "function_definition" or self.reaching_definitions(scope, name, node):
            return False
        parameter = next((p for p in self.parameters(scope) if p.name == name), None)
        if parameter is None or not self.callers_known(scope):
            return False
        calls = self.calls_named(self.function_name(scope))
        if not calls:
            return False
        for call in calls:
            positional, keywords = self.call_arguments(call)
            argument = keywords.get(name)
            if argument is None and parameter.index < len(positional):
                argument = positional[parameter.index]
            if argument is None or not self.normalized_path(argument, depth + 1):
                return False
        return True

    def _upload_object(self, node: Node, depth: int) -> bool:
        """An uploaded file object, not its name: `request.files["f"]`, `.get("f")`,
        Django's `request.FILES[...]`, Streamlit's `st.file_uploader(...)`, its `.stream` /
        `.file`, a parameter annotated `UploadFile`/`FileStorage`/`UploadedFile`, or a name
        that holds one on every path."""
        if depth > 3:
            return False
        kind = node.type
        if kind == "subscript":
            value = node.child_by_field_name("value")
            return value is not None and bool(_UPLOADS.search(node_text(value)))
        if kind == "call":
            callee = self.callee_name(node)
            if callee.rsplit(".", 1)[-1] == "get":
                function = node.child_by_field_name("function")
                inner = function.child_by_field_name("object") if function is not None else None
                return inner is not None and bool(_UPLOADS.search(node_text(inner)))
            return callee in ("st.file_uploader", "streamlit.file_uploader", "st.camera_input")
        if kind == "attribute":
            attribute = node.child_by_field_name("attribute")
            value = node.child_by_field_name("object")
            return (
                attribute is not None
                and value is not None
                and node_text(attribute) in ("stream", "file")
                and self._upload_object(value, depth + 1)
            )
        if kind != "identifier":
            return False
        scope = self.enclosing_scope(node)
        name = node_text(node)
        definitions = [
            d for d in self.reaching_definitions(scope, name, node) if d.kind != "augment"
        ]
        if not definitions:
            return any(
                p.name == name and bool(set(re.findall(r"\w+", p.annotation)) & _UPLOAD_TYPES)
                for p in self.parameters(scope)
            )
        return all(
            d.kind == "assign" and d.value is not None and self._upload_object(d.value, depth + 1)
            for d in definitions
        )

    def _file_object(self, identifier: Node) -> bool:
        """A name that holds an in-memory or temporary file object (`buf = io.BytesIO()`,
        then `buf.write(...)`) on every path: a file object, not a path."""
        definitions = self.reaching_definitions(
            self.enclosing_scope(identifier), node_text(identifier), identifier
        )
        assigned = [d for d in definitions if d.kind != "augment"]
        return bool(assigned) and all(
            d.kind == "assign"
            and d.value is not None
            and d.value.type == "call"
            and self.callee_name(d.value).rsplit(".", 1)[-1] in _FILE_OBJECTS
            for d in assigned
        )

    def _sqlalchemy_statement(self, node: Node, depth: int) -> bool:
        """`node` is a SQLAlchemy statement: built by `select/insert/update/delete/...`
        imported from SQLAlchemy (or `sa.select`), by `session.query(...)` or
        Flask-SQLAlchemy's `Model.query`, and any method chain on one (`.where(...)`,
        `.values({...})`, `.offset(n)`), here or through the names it was assigned to."""
        if depth > 8:
            return False
        if node.type == "call":
            function = node.child_by_field_name("function")
            if function is None:
                return False
            if function.type == "identifier":
                return node_text(function) in _SQLALCHEMY_STATEMENTS and _from_sqlalchemy(
                    self, function
                )
            if function.type != "attribute":
                return False
            receiver = function.child_by_field_name("object")
            method = node_text(function.child_by_field_name("attribute") or function)
            if receiver is None:
                return False
            if method in _SQLALCHEMY_STATEMENTS:
                root = receiver
                while root.type == "attribute" and root.child_by_field_name("object"):
                    root = root.child_by_field_name("object") or root
                if root.type == "identifier" and _from_sqlalchemy(self, root):
                    return True  # sa.select(...), sqlalchemy.sql.select(...)
            if method == "query" and _SESSION_NAME.search(node_text(receiver)):
                return True  # session.query(User), db.session.query(User)
            return self._sqlalchemy_statement(receiver, depth + 1)
        if node.type == "attribute":  # Flask-SQLAlchemy: User.query
            attribute = node.child_by_field_name("attribute")
            model = node.child_by_field_name("object")
            return (
                attribute is not None
                and node_text(attribute) == "query"
                # aiohttp's and Starlette's request.query is the query string
                and (model is None or node_text(model) not in _REQUEST_NAMES)
            )
        if node.type == "identifier":
            definitions = self.reaching_definitions(
                self.enclosing_scope(node), node_text(node), node
            )
            return bool(definitions) and all(
                d.kind == "assign"
                and d.value is not None
                and self._sqlalchemy_statement(d.value, depth + 1)
                for d in definitions
            )
        return False

    def request_string(self, node: Node, depth: int = 0) -> bool:
        """The value is always a string: a query-string, form, header or cookie value
        (`request.args.get("b", "")`, `request.form["f"]`), a `str`-annotated parameter,
        string methods of one, or a local name that only ever holds one."""
        if depth > 6:
            return False
        kind = node.type
        if kind in ("string", "concatenated_string"):
            return True
        if kind == "parenthesized_expression" and node.named_children:
            return self.request_string(node.named_children[0], depth + 1)
        if kind == "boolean_operator":  # request.args.get("b") or ""
            return all(self.request_string(c, depth + 1) for c in node.named_children)
        if kind == "subscript":
            value = node.child_by_field_name("value")
            index = node.child_by_field_name("subscript")
            if value is not None and index is not None and index.type == "slice":
                return self.request_string(value, depth + 1)  # token[7:]: a str
            return value is not None and _STRING_MAP.match(node_text(value)) is not None
        if kind == "call":
            function = node.child_by_field_name("function")
            if function is None or function.type != "attribute":
                return False
            method = node_text(function.child_by_field_name("attribute") or function)
            receiver = function.child_by_field_name("object")
            if receiver is None:
                return False
            if method in ("get", "getlist"):
                return _STRING_MAP.match(node_text(receiver)) is not None
            if method in _STRING_METHODS:
                return self.request_string(receiver, depth + 1)
            return False
        if kind == "identifier":
            scope = self.enclosing_scope(node)
            name = node_text(node)
            definitions = self.reaching_definitions(scope, name, node)
            if definitions:
                return all(
                    d.kind == "assign"
                    and d.value is not None
                    and self.request_string(d.value, depth + 1)
                    for d in definitions
                )
            if self.is_module(scope):
                return False
            # A parameter annotated `str`: a route's, which the framework converts, or any
            # other function's (a GraphQL resolver's argument, a typed helper): a dict
            # passed there would break the function's own contract.
            parameter = next((p for p in self.parameters(scope) if p.name == name), None)
            return parameter is not None and _STR_ANNOTATION.match(parameter.annotation) is not None
        return False

    def _archive_path(self, call: Node) -> Node | None:
        """The path of `tarfile.open(p)` / `zipfile.ZipFile(p)` (also `name=` / `file=`),
        else None (a `fileobj=` is no path)."""
        if self.callee_name(call) not in _ARCHIVE_OPENERS:
            return None
        positional, keywords = self.call_arguments(call)
        found = keywords.get("name") or keywords.get("file") or next(iter(positional), None)
        return found if found is not None and found.type != "keyword_argument" else None

    def _archive_parameter(self, identifier: Node) -> bool:
        """`identifier` is the archive argument of `tarfile.open(...)`/`ZipFile(...)` and
        a parameter of its function with no local definition before it."""
        parent = identifier.parent
        if parent is not None and parent.type == "keyword_argument":
            parent = parent.parent
        call = parent.parent if parent is not None and parent.type == "argument_list" else None
        if call is None or call.type != "call" or self._archive_path(call) != identifier:
            return False
        scope = self.enclosing_scope(identifier)
        name = node_text(identifier)
        return not self.reaching_definitions(scope, name, identifier) and any(
            p.name == name for p in self.parameters(scope)
        )

    def _opened_path(self, call: Node) -> Node | None:
        """The path of a call that opens or reads a file (`open(p, "rb")`,
        `gzip.open(p)`, `Path(p).open("rb")`, `p.read_bytes()`), else None."""
        function = call.child_by_field_name("function")
        if function is None:
            return None
        positional, keywords = self.call_arguments(call)
        name = self.callee_name(call)
        if name in _FILE_OPENERS:
            return keywords.get("file") or keywords.get("filename") or next(iter(positional), None)
        if function.type == "attribute":
            method = function.child_by_field_name("attribute")
            receiver = function.child_by_field_name("object")
            method_name = node_text(method) if method is not None else ""
            if receiver is None:
                return None
            if method_name in ("read_bytes", "read_text") and not positional:
                return receiver
            if method_name == "open" and all(a.type == "string" for a in positional[:1]):
                return receiver  # Path(p).open("rb"): the receiver is the path
        return None

    def returned_values(self, function: Node) -> list[Node]:
        if function.type == "lambda":
            body = function.child_by_field_name("body")
            return [body] if body is not None else []
        values: list[Node] = []
        body = function.child_by_field_name("body")
        stack = [body] if body is not None else []
        while stack:
            node = stack.pop()
            if node.type in ("function_definition", "class_definition", "lambda"):
                continue
            if node.type == "return_statement" and node.named_children:
                values.append(node.named_children[0])
                continue
            stack.extend(node.children)
        return values

    def call_arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        arguments = call.child_by_field_name("arguments")
        positional: list[Node] = []
        keywords: dict[str, Node] = {}
        if arguments is None:
            return positional, keywords
        for argument in arguments.named_children:
            if argument.type == "keyword_argument":
                name = argument.child_by_field_name("name")
                value = argument.child_by_field_name("value")
                if name is not None and value is not None:
                    keywords[node_text(name)] = value
            elif argument.type != "comment":
                positional.append(argument)
        function = call.child_by_field_name("function")
        if function is not None and function.type == "attribute":
            receiver = function.child_by_field_name("object")
            attribute = function.child_by_field_name("attribute")
            if receiver is not None and node_text(receiver) in ("self", "cls"):
                # Methods: the summary's parameters include self.
                positional.insert(0, receiver)
            elif receiver is not None and attribute is not None:
                method = self._class_method(receiver, node_text(attribute))
                if method is not None and any(
                    node_text(d).strip() in ("@classmethod",) for d in self.decorators(method)
                ):
                    positional.insert(0, receiver)  # Class.build(x): cls comes first
                elif method is None:
                    method = self._instance_method(receiver, node_text(attribute))
                    if method is not None and not self._static(method):
                        positional.insert(0, receiver)  # store.method(x): self comes first
        return positional, keywords

    def _static(self, method: Node) -> bool:
        return any(node_text(d).strip() == "@staticmethod" for d in self.decorators(method))

    def callee_name(self, call: Node) -> str:
        function = call.child_by_field_name("function")
        if function is None:
            return ""
        if function.type in ("identifier", "attribute"):
            return node_text(function)
        return ""

    # ------------------------------------------------------------------ guards
    def guard_steps(self, node: Node, parent: Node) -> Iterator[Check]:
        kind = parent.type
        if kind == "if_statement" or kind == "elif_clause":
            condition = parent.child_by_field_name("condition")
            if condition is not None and node == parent.child_by_field_name("consequence"):
                yield Check(condition, True)
            elif (
                condition is not None
                and kind == "if_statement"
                and node.type in ("elif_clause", "else_clause")
            ):
                yield Check(condition, False)
        elif kind == "while_statement":
            condition = parent.child_by_field_name("condition")
            if condition is not None and node == parent.child_by_field_name("body"):
                yield Check(condition, True)
        elif kind == "conditional_expression":
            values = parent.named_children
            if len(values) == 3:
                if node == values[0]:
                    yield Check(values[1], True)
                elif node == values[2]:
                    yield Check(values[1], False)
        elif kind == "boolean_operator":
            left = parent.child_by_field_name("left")
            operator = parent.child_by_field_name("operator")
            if left is not None and node == parent.child_by_field_name("right") and operator:
                yield Check(left, operator.type == "and")
        if kind == "elif_clause" and node == parent.child_by_field_name("consequence"):
            # elif: the conditions before it were false.
            if_statement = self.parent_of(parent)
            if if_statement is not None:
                for sibling in earlier_siblings(parent, if_statement):
                    if sibling.type == "elif_clause":
                        condition = sibling.child_by_field_name("condition")
                        if condition is not None:
                            yield Check(condition, False)
                condition = if_statement.child_by_field_name("condition")
                if condition is not None:
                    yield Check(condition, False)
        if kind in (
            "list_comprehension",
            "set_comprehension",
            "generator_expression",
            "dictionary_comprehension",
        ) and node == parent.child_by_field_name("body"):
            # [u for u in urls if allowed(u)]: the body only sees values that passed.
            for clause in parent.named_children:
                if clause.type == "if_clause" and clause.named_children:
                    yield Check(clause.named_children[0], True)
        if kind in ("block", "module"):
            for sibling in earlier_siblings(node, parent):
                yield from self.statement_guards(sibling)

    def statement_guards(self, statement: Node) -> Iterator[Check]:
        kind = statement.type
        if kind == "if_statement":
            consequence = statement.child_by_field_name("consequence")
            condition = statement.child_by_field_name("condition")
            if condition is not None and consequence is not None:
                if self.exits(consequence):
                    yield Check(condition, False)
                elif reassigned := _top_level_assignments(consequence):
                    # `if x not in ALLOWED: x = "default"`: the old value survives only
                    # where the condition failed.
                    yield Check(condition, False, frozenset(reassigned))
        elif kind == "assert_statement" and statement.named_children:
            yield Check(statement.named_children[0], True)
        elif kind == "expression_statement" and statement.named_children:
            expression = statement.named_children[0]
            if expression.type == "await" and expression.named_children:
                expression = expression.named_children[0]
            if expression.type == "call" and self.is_statement_validator(expression):
                yield Check(expression, None)
        elif kind == "for_statement" and self.every_element_checks(statement):
            # `for r in rooms: if r not in ROOMS: abort(400)`: after the loop every
            # element of `rooms` passed the check (see tested_subjects).
            yield Check(statement, False)
        elif kind == "try_statement":
            handlers = [c for c in statement.named_children if c.type == "except_clause"]
            body = statement.child_by_field_name("body")
            if body is not None and handlers and all(self.exits(h) for h in handlers):
                for child in body.named_children:
                    if child.type == "expression_statement" and child.named_children:
                        expression = child.named_children[0]
                        if expression.type == "assignment":
                            # value = validate(value) inside the try
                            expression = expression.child_by_field_name("right") or expression
                        if expression.type == "await" and expression.named_children:
                            expression = expression.named_children[0]
                        if expression.type == "call":
                            yield Check(expression, None)
            if body is not None and (not handlers or all(self.exits(h) for h in handlers)):
                # `try: ... if not ok: abort(404) ... finally: ...`: with no handler that
                # lets the function go on, the code after the try ran the whole body.
                for child in body.named_children:
                    if child.type != "expression_statement":
                        yield from self.statement_guards(child)

    element_test_parents = frozenset(
        (
            # (an attribute: `p.isdigit()`; a field `r.name` is no test of `r`, which
            # tested_subjects does not return for it)
            "attribute",
            "comparison_operator",
            "not_operator",
            "boolean_operator",
            "argument_list",
            "parenthesized_expression",
        )
    )
    assignment_types = frozenset(("assignment", "augmented_assignment"))

    def every_element_checks(self, loop: Node) -> list[Check]:
        """The checks a `for` loop makes on each element before anything else can skip
        it: statements of the loop body (an `if` that leaves the function, not one that
        `continue`s, an `assert`, a validator that raises) before any `continue` or
        `break`, when the loop variable is a plain name and the loop has no `else`."""
        target = loop.child_by_field_name("left")
        body = loop.child_by_field_name("body")
        if (
            target is None
            or target.type != "identifier"
            or body is None
            or loop.child_by_field_name("alternative") is not None
        ):
            return []
        checks: list[Check] = []
        for statement in body.named_children:
            if _descendants(statement, "continue_statement") or _descendants(
                statement, "break_statement"
            ):
                break
            if statement.type == "if_statement":
                consequence = statement.child_by_field_name("consequence")
                condition = statement.child_by_field_name("condition")
                if condition is not None and consequence is not None and self._leaves(consequence):
                    checks.append(Check(condition, False))
            elif statement.type in ("assert_statement", "expression_statement", "try_statement"):
                checks.extend(self.statement_guards(statement))
        return checks

    def _leaves(self, block: Node) -> bool:
        """A block that ends the function: `return`, `raise`, `abort()`, `sys.exit()`."""
        return self._raises(block) or any(
            statement.type == "return_statement" for statement in block.named_children
        )

    def _element_subjects(self, loop: Node) -> set[str]:
        """What a loop that checks every element constrains: the iterated collection."""
        target = loop.child_by_field_name("left")
        iterable = loop.child_by_field_name("right")
        if target is None or iterable is None or iterable.type != "identifier":
            # (not `data.keys()` or `Object.keys(body)`: a check on the keys says
            # nothing about the values)
            return set()
        name = node_text(target)
        collection = re.escape(node_text(iterable))
        scope = self.enclosing_scope(loop)
        scope_text = node_text(scope)
        values = [iterable]
        if iterable.type == "identifier":
            values += [
                d.value
                for d in self.reaching_definitions(scope, node_text(iterable), loop)
                if d.value is not None
            ]
        if any(node_key(v) in self.captures.sources for v in values) or re.search(
            collection + r"\s*(?:\[\s*[\"'a-zA-Z_]|\.(?!(?:" + _LIST_METHODS + r")\()\w+\()",
            scope_text,
        ):
            # A request mapping (`for key in request.args`, `body = request.json`), or a
            # value read by key or through a method lists do not have: the loop checked
            # its keys, not its values.
            return set()
        if any(
            v.type in ("list_comprehension", "set_comprehension", "generator_expression")
            or (v.type == "call" and self.callee_name(v) == "map")
            for v in values[1:]
        ):
            # names = [r.strip() for r in rooms]: a check on the transformed copy says
            # nothing about `rooms`, which the engine would take it to constrain.
            return set()
        if self.loop_rebinds(loop, (node_text(iterable), name)):
            return set()  # the loop rebinds the collection, or the element before its check
        if self.checks_every_element(loop, name):
            return {normalized(node_text(iterable))}
        return set()

    def branches(self, if_statement: Node) -> list[Node] | None:
        bodies: list[Node] = []
        consequence = if_statement.child_by_field_name("consequence")
        if consequence is None:
            return None
        bodies.append(consequence)
        for clause in if_statement.children_by_field_name("alternative"):
            body = clause.child_by_field_name("consequence") or clause.child_by_field_name("body")
            if body is None:
                return None
            bodies.append(body)
            if clause.type == "else_clause":
                return bodies
        return None

    def assigns_or_exits(self, block: Node, name: str) -> bool:
        return name in _top_level_assignments(block) or self.exits(block)

    def protected_body(self, block: Node) -> bool:
        parent = block.parent
        if parent is None or parent.type != "try_statement":
            return False
        if block != parent.child_by_field_name("body"):
            return False
        handlers = [c for c in parent.named_children if c.type == "except_clause"]
        return bool(handlers) and all(self.exits(h) for h in handlers)

    def exits(self, block: Node) -> bool:
        for statement in block.named_children:
            if statement.type in (
                "return_statement",
                "raise_statement",
                "continue_statement",
                "break_statement",
            ):
                return True
            if (
                statement.type == "expression_statement"
                and statement.named_children
                and self._exit_call(statement.named_children[0])
            ):
                return True
            if statement.type == "block" and self.exits(statement):
                return True
        return False

    def begin_sink(self) -> None:
        super().begin_sink()
        # Whether the redirect being judged percent-encodes its URL (_ENCODING_REDIRECTS).
        self.encoded_redirect = False

    def traces(self, node: Node, rule: str) -> list[Trace]:
        self.encoded_redirect = rule == "open-redirect" and self._encoding_redirect(node)
        return super().traces(node, rule)

    def _encoding_redirect(self, node: Node) -> bool:
        """`node` is (part of) the URL of a redirect that percent-encodes it: a call of
        _ENCODING_REDIRECTS around it in its statement."""
        for ancestor in reversed(self.ancestors(node)):
            if ancestor.type in ("block", "module") or ancestor.type.endswith("_statement"):
                return False
            if ancestor.type != "call":
                continue
            callee = ancestor.child_by_field_name("function")
            if callee is None:
                continue
            spelled = spellings(self, ancestor)
            text = spelled[0][0] if spelled else node_text(callee)
            if text in _ENCODING_REDIRECTS:
                return True
            if (
                not spelled
                and text in _ENCODING_REDIRECT_NAMES
                and not self.module_definitions(text)
            ):
                return True
        return False

    def _redirect_check_subjects(self, call: Node, positive: bool | None) -> set[str] | None:
        r"""For a redirect, what `target.startswith(prefix)` or a regex test checks where
        it must hold. A prefix that fixes the host (`"https://app.example.com/"`), a path
        of this site (`"/account/"`) or a prefix the code does not spell out (a configured
        base) is a control; `"/"` only in one condition that also refuses the other
        sites that start with it (_same_site_condition): `//evil.example`,
        `/\evil.example`, `/<tab>/evil.example`. A startswith() that must fail
        (`if n.startswith("//"): abort()`) is a blocklist. A regex test that lets one of
        them through alone (`re.fullmatch(r"/[\w/-]*", n)` accepts `//3627732462`) counts
        when its condition refuses the rest. None when `call` is neither, or a regex test
        that is judged as elsewhere."""
        function = call.child_by_field_name("function")
        if function is None or function.type != "attribute":
            return None
        method = function.child_by_field_name("attribute")
        receiver = function.child_by_field_name("object")
        if method is None or receiver is None:
            return None
        arguments, _ = self.call_arguments(call)
        if node_text(method) in ("match", "fullmatch", "search"):
            if not positive:
                return None
            test = self._regex_test(call)
            if test is None:
                return None
            verdict, value = test
            subject = normalized(node_text(value))
            alone = self._anchored_regex(call, function, node_text(method))
            escapes = [t for t in self._foreign_targets() if t in _SAME_SITE_ESCAPES]
            if alone and not any(verdict(t) for t in escapes):
                return None  # sound on its own: judged as any validating regex
            if self._same_site_condition(call, subject):
                return self.subject_texts(value)
            return set()
        if node_text(method) != "startswith":
            return None
        if not positive or not arguments:
            return set()
        prefixes = self._literal_strings(arguments[0])
        if prefixes is None:
            return self.subject_texts(receiver)  # startswith(APP_ORIGIN + "/")
        subject = normalized(node_text(receiver))
        for prefix in prefixes:
            if FIXED_HOST_PREFIX.match(prefix) or re.match(r"^/[^/\\\s]", prefix):
                continue
            if prefix == "/" and self._same_site_condition(call, subject):
                continue
            return set()
        return self.subject_texts(receiver) if prefixes else set()

    def _foreign_targets(self) -> tuple[str, ...]:
        """What a same-site check must refuse for the redirect being judged: URLs of
        another site, and unless the redirect percent-encodes its URL, those that become
        one once a browser reads `\\` as `/` or drops a tab or newline (or Werkzeug's
        urlsplit() drops them). The first four are refused by any check."""
        if self.encoded_redirect:
            return _REDIRECT_ELSEWHERE
        return _REDIRECT_ELSEWHERE + _SAME_SITE_ESCAPES

    def _same_site_condition(self, call: Node, subject: str) -> bool:
        r"""`call`, required to hold, sits in one condition whose required tests
        together refuse every URL of _foreign_targets: the quick fix's guard `not
        n.startswith("/") or n.startswith(("//", "/\\")) or not n.isprintable()`, or the
        same tests joined with `and` in a returned predicate or a name, a regex that
        refuses the escapes with a `not n.startswith("//")`. What each test says of a URL
        is worked out on the URL itself (_url_test); a test it cannot read refuses
        nothing."""
        top, holds = call, True
        while top.parent is not None:
            parent = top.parent
            if parent.type == "not_operator":
                holds = not holds
            elif parent.type not in ("boolean_operator", "parenthesized_expression"):
                break
            top = parent
        literals = _required_literals(top, holds)
        if not any(n == call and h for n, h in literals):
            return False
        tests = [
            (test, required)
            for node, required in literals
            if (test := self._url_test(node, subject)) is not None
        ]
        return all(
            any(test(target) != required for test, required in tests)
            for target in self._foreign_targets()
        )

    def _url_test(self, node: Node, subject: str) -> Callable[[str], bool] | None:
        """What a test of `subject` makes of a URL: `s.startswith(...)` with constant
        prefixes, `s.isprintable()`, a regex test with a constant pattern, `"x" in s`,
        the truthiness of `urlparse(s).netloc` / `.scheme` / `.hostname`. None for any
        other test."""
        if node.type == "call":
            function = node.child_by_field_name("function")
            owner = function.child_by_field_name("object") if function is not None else None
            name = function.child_by_field_name("attribute") if function is not None else None
            if owner is not None and name is not None and normalized(node_text(owner)) == subject:
                arguments, _ = self.call_arguments(node)
                if node_text(name) == "startswith" and arguments:
                    prefixes = self._literal_strings(arguments[0])
                    if prefixes is not None:
                        return lambda url: url.startswith(tuple(prefixes))
                if node_text(name) == "isprintable":
                    return str.isprintable
            found = self._regex_test(node)
            if found is not None and normalized(node_text(found[1])) == subject:
                return found[0]
            return None
        if node.type == "comparison_operator":
            operands = node.named_children
            operators = [node_text(c) for c in node.children_by_field_name("operators")]
            if len(operands) == 2 and operators in (["in"], ["not", "in"]):
                needle = _literal_string(operands[0])
                if needle is not None and normalized(node_text(operands[1])) == subject:
                    present = operators == ["in"]
                    return lambda url: (needle in url) == present
            return None
        if node.type == "attribute":
            part = node.child_by_field_name("attribute")
            parsed = node.child_by_field_name("object")
            if (
                part is None
                or parsed is None
                or parsed.type != "call"
                or node_text(part) not in ("netloc", "scheme", "hostname")
                or self.callee_name(parsed).rsplit(".", 1)[-1] not in ("urlparse", "urlsplit")
            ):
                return None
            arguments, _ = self.call_arguments(parsed)
            if not arguments or normalized(node_text(arguments[0])) != subject:
                return None
            field = node_text(part)
            return lambda url: bool(getattr(urlsplit(url), field))
        return None

    def _regex_test(self, call: Node) -> tuple[Callable[[str], bool], Node] | None:
        """A regex test with a constant pattern (`re.search(p, s)`, `PATTERN.fullmatch(s)`):
        what it makes of a string, and the value it tests."""
        name = self.callee_name(call).rsplit(".", 1)[-1]
        if name not in ("match", "fullmatch", "search"):
            return None
        function = call.child_by_field_name("function")
        receiver = function.child_by_field_name("object") if function is not None else None
        arguments, _ = self.call_arguments(call)
        pattern: Node | None = None
        value: Node | None = None
        if receiver is not None and node_text(receiver) == "re" and len(arguments) >= 2:
            pattern, value = arguments[0], arguments[1]
        elif receiver is not None and receiver.type == "identifier" and arguments:
            compiled = self.single_value(receiver)
            if compiled is None:
                compiled = next(
                    (d.value for d in self.module_definitions(node_text(receiver)) if d.value),
                    None,
                )
            if compiled is not None and compiled.type == "call":
                inner, _ = self.call_arguments(compiled)
                pattern = inner[0] if inner else None
            value = arguments[0]
        source = _literal_string(pattern) if pattern is not None else None
        if source is None or value is None:
            return None
        try:
            regex = re.compile(source)
        except (re.error, RecursionError, OverflowError):
            return None
        apply = {"match": regex.match, "fullmatch": regex.fullmatch}.get(name, regex.search)
        return (lambda url: apply(url) is not None), value

    def _literal_strings(self, node: Node) -> list[str] | None:
        """The constant strings of a startswith() argument (a string, a tuple or list
        of them, a name assigned one once); None when one is not constant."""
        if node.type == "identifier":
            single = self.single_value(node)
            return self._literal_strings(single) if single is not None else None
        if node.type in ("tuple", "list", "parenthesized_expression"):
            found: list[str] = []
            for child in node.named_children:
                inner = self._literal_strings(child)
                if inner is None:
                    return None
                found.extend(inner)
            return found
        text = _literal_string(node)
        return [text] if text is not None else None

    def tested_subjects(self, condition: Node, positive: bool | None, depth: int = 0) -> set[str]:
        kind = condition.type
        if depth > MAX_CONDITION_DEPTH:
            return set()
        if kind == "for_statement":
            return self._element_subjects(condition)
        if kind == "call" and self.rule == "open-redirect":
            prefix = self._redirect_check_subjects(condition, positive)
            if prefix is not None:
                return prefix
        if positive is None:
            # A statement-level check: it passes or it raises.
            if kind == "call":
                return self._call_subjects(condition, statement=True)
            return set()
        if kind == "parenthesized_expression" and condition.named_children:
            return self.tested_subjects(condition.named_children[0], positive, depth + 1)
        if kind == "not_operator":
            argument = condition.child_by_field_name("argument")
            return (
                self.tested_subjects(argument, not positive, depth + 1)
                if argument is not None
                else set()
            )
        if kind == "boolean_operator":
            operator = condition.child_by_field_name("operator")
            left = condition.child_by_field_name("left")
            right = condition.child_by_field_name("right")
            if left is None or right is None or operator is None:
                return set()
            left_subjects = self.tested_subjects(left, positive, depth + 1)
            right_subjects = self.tested_subjects(right, positive, depth + 1)
            both_hold = (operator.type == "and") == positive
            return left_subjects | right_subjects if both_hold else left_subjects & right_subjects
        if kind == "await" and condition.named_children:
            return self.tested_subjects(condition.named_children[0], positive, depth + 1)
        if kind == "call" and self.callee_name(condition) in ("bool",):
            arguments = condition.child_by_field_name("arguments")
            inner = arguments.named_children if arguments is not None else []
            if len(inner) == 1:
                return self.tested_subjects(inner[0], positive, depth + 1)
        if kind == "call" and self.callee_name(condition) in ("all", "any"):
            return self._quantified_subjects(condition, positive, depth)
        if kind == "call":
            return self._call_subjects(condition, statement=False)
        if kind == "comparison_operator":
            return self._comparison_subjects(condition, positive)
        if kind == "attribute":
            # addr.is_private, ip.is_loopback: a predicate property of the value.
            name = condition.child_by_field_name("attribute")
            owner = condition.named_children[0] if condition.named_children else None
            if (
                name is not None
                and owner is not None
                and _PREDICATE_PROPERTY.match(node_text(name))
            ):
                return self.subject_texts(owner)
            return set()
        if kind == "identifier":
            # `ok = is_valid(url)` then `if not ok: return`.
            scope = self.enclosing_scope(condition)
            found: set[str] = set()
            for definition in self.reaching_definitions(scope, node_text(condition), condition):
                if definition.value is not None and definition.value.type in (
                    "call",
                    "comparison_operator",
                    "not_operator",
                    "boolean_operator",
                ):
                    found |= self.tested_subjects(definition.value, positive, depth + 1)
            return found
        return set()

    def returned_check_subjects(self, value: Node) -> set[str]:
        if value.type == "call" and self.callee_name(value) in ("all", "any"):
            # `return any(is_private(a) for a in addresses)`: callers exit when it holds.
            return self._quantified_subjects(value, True, 0) | self._quantified_subjects(
                value, False, 0
            )
        return super().returned_check_subjects(value)

    def _quantified_subjects(self, call: Node, positive: bool, depth: int) -> set[str]:
        """`all(<check> for x in xs)` / `any(...)` over one generator or comprehension.
        Where `all(...)` holds (or `any(...)` fails) the check held (or failed) for every
        element, so checking the loop variable checks the iterable; where only some
        element is known to pass or fail, only what the check tests besides the loop
        variable is checked (`any(host.endswith(s) for s in SUFFIXES)` checks `host`)."""
        arguments = call.child_by_field_name("arguments")
        if arguments is not None and arguments.type == "generator_expression":
            inner = [arguments]  # all(x for x in xs): the generator is the argument list
        else:
            inner = (
                [a for a in arguments.named_children if a.type != "comment"] if arguments else []
            )
        if len(inner) != 1 or inner[0].type not in (
            "generator_expression",
            "list_comprehension",
            "set_comprehension",
        ):
            return set()
        comprehension = inner[0]
        body = comprehension.child_by_field_name("body")
        clauses = [c for c in comprehension.named_children if c != body]
        loops = [c for c in clauses if c.type == "for_in_clause"]
        if body is None or len(loops) != 1:
            return set()
        targets = loops[0].child_by_field_name("left")
        iterable = loops[0].child_by_field_name("right")
        loop_names = self.identifiers_in(targets) if targets is not None else set()
        subjects = self.tested_subjects(body, positive, depth + 1)
        per_element = {s for s in subjects if set(re.findall(r"\w+", s)) & loop_names}
        # The callees' own names (`ipaddress.ip_address`) are no subjects of the check.
        callees = {
            normalized(node_text(function))
            for call_node in _descendants(body, "call")
            if (function := call_node.child_by_field_name("function")) is not None
        }
        found = subjects - per_element - callees
        every = (self.callee_name(call) == "all") == positive
        filtered = any(c.type == "if_clause" for c in clauses)
        if per_element and every and not filtered and iterable is not None:
            # Every element of `xs` passed: the check constrains `xs` and what it was
            # computed from (`getaddrinfo(host, None)` checks `host`).
            found |= self.subject_texts(iterable)
        return found

    def _call_subjects(self, call: Node, statement: bool) -> set[str]:
        name = self.callee_name(call)
        if name in _TRIVIAL_TESTS or name.rsplit(".", 1)[-1] in _NOT_CHECKS:
            return set()
        if self.rule == "ssrf" and name.rsplit(".", 1)[-1] in FORMAT_ONLY_VALIDATORS:
            # isIP("127.0.0.1") and validators.url("http://169.254.169.254/") pass:
            # a well-formed address is not an allowed one.
            return set()
        if (
            name.rsplit(".", 1)[-1] == "is_valid"
            and "." in name
            and not self.call_arguments(call)[0]
        ):
            # serializer.is_valid() / form.is_valid(): what it checks depends on each
            # field's type; a closed field's validated_data[f] / cleaned_data[f] is judged
            # where it is read (_closed_form_field), the rest is not checked.
            return set()
        validator = self.is_statement_validator(call) if statement else self.is_validator_call(call)
        function = call.child_by_field_name("function")
        method = ""
        receiver: Node | None = None
        if function is not None and function.type == "attribute":
            receiver = function.child_by_field_name("object")
            attribute = function.child_by_field_name("attribute")
            method = node_text(attribute) if attribute is not None else ""
        arguments = call.child_by_field_name("arguments")
        argument_nodes = list(arguments.named_children) if arguments is not None else []
        if method in ("startswith", "endswith") and receiver is not None:
            prefixes = _flatten_literals(argument_nodes[:1])
            if prefixes and all(_SCHEME_LIKE.match(_string_value(a)) for a in prefixes):
                return set()
            if method == "startswith" and not self.sound_prefix_check(receiver, argument_nodes):
                return set()
            if method == "endswith" and not _HOST_PART.search(node_text(receiver)):
                # A suffix check proves nothing but for a host name: "x.txt" can still
                # be "../../etc/x.txt", "a; rm -rf / #.txt".
                return set()
            if method == "endswith" and self._undotted_suffix(call, argument_nodes[:1]):
                # host.endswith("example.com") passes "evilexample.com": only a suffix
                # that starts with a dot (or "." + s) keeps the host under the domain.
                return set()
            validator = True
        if method in ("match", "fullmatch", "search") or name.rsplit(".", 1)[-1] in (
            "match",
            "fullmatch",
            "search",
        ):
            if not self._anchored_regex(call, function, method or name.rsplit(".", 1)[-1]):
                return set()
            validator = True
        if (
            (
                name.rsplit(".", 1)[-1] in ("commonpath", "is_relative_to")
                or method == "is_relative_to"
            )
            and self.rule == "path-traversal"
            and not any(
                self.normalized_path(a)
                for a in [*argument_nodes, *([receiver] if receiver else [])]
            )
        ):
            return set()
        if method in _WIDE_CHARACTER_TESTS:
            return set()  # isascii(), isprintable(): "/", "'", ";" and ".." still pass
        if method in _CHARACTER_CLASS_TESTS:
            if self.rule == "ssrf":
                # A host of letters and digits is still any host ("localhost",
                # "metadata", "2130706433" for 127.0.0.1): no SSRF control.
                return set()
            # Only letters, digits (and "_"): no quote, separator, dot, shell or markup
            # character. (isascii() alone still allows all of them: no check.)
            validator = True
        if method in ("is_relative_to", "issubset"):
            validator = True
        if not validator and not (self.lenient_calls and name):
            return set()
        subjects: set[str] = set()
        for argument in argument_nodes:
            subjects |= self.subject_texts(argument)
        if receiver is not None:
            subjects |= self.subject_texts(receiver)
        return subjects

    def _undotted_suffix(self, call: Node, arguments: list[Node]) -> bool:
        """A suffix given to a host's endswith() that is known not to start with a dot: a
        literal, a tuple of literals, a module constant holding them, or the loop variable
        of the comprehension around the call over such a collection. A suffix built as
        `"." + s` (or an f-string that starts with a dot) is sound; one from elsewhere
        (an import, a setting) is not judged."""
        values: list[Node] = []
        pending = list(arguments)
        seen = 0
        while pending and seen < 64:
            seen += 1
            node = pending.pop()
            if node.type in ("tuple", "list", "set", "parenthesized_expression"):
                pending.extend(c for c in node.named_children if c.type != "comment")
            elif node.type == "string":
                values.append(node)
            elif node.type == "binary_operator":
                left = node.child_by_field_name("left")
                if left is not None and left.type == "string":
                    values.append(left)
            elif node.type == "identifier":
                name = node_text(node)
                iterable = _comprehension_iterable(call, name)
                if iterable is not None:
                    pending.append(iterable)
                    continue
                if self.defines(self.enclosing_scope(call), name):
                    continue  # a local name: not judged here
                definitions = self.module_definitions(name)
                if len(definitions) == 1 and definitions[0].value is not None:
                    pending.append(definitions[0].value)
        for value in values:
            text = "".join(
                node_text(c)
                for c in value.children
                if c.type in ("string_content", "interpolation")
            )
            if not text.startswith("."):
                return True
        return False

    def _anchored_regex(self, call: Node, function: Node | None, method: str) -> bool:
        """A regex validates a value only if it must match all of it (and, for a site or
        host check, refuses other sites)."""
        pattern: Node | None = None
        arguments = call.child_by_field_name("arguments")
        values = list(arguments.named_children) if arguments is not None else []
        receiver = function.child_by_field_name("object") if function is not None else None
        if receiver is not None and node_text(receiver) == "re":
            pattern = values[0] if values else None
        elif receiver is not None and receiver.type == "identifier":
            compiled = self.single_value(receiver)
            if compiled is None:
                compiled = next(
                    (d.value for d in self.module_definitions(node_text(receiver)) if d.value),
                    None,
                )
            if compiled is not None and compiled.type == "call":
                compile_arguments = compiled.child_by_field_name("arguments")
                if compile_arguments is not None and compile_arguments.named_children:
                    pattern = compile_arguments.named_children[0]
        if pattern is None or pattern.type != "string":
            return True  # a pattern we cannot read: trust the check (fullmatch: any)
        site = regex_site_check(
            _string_value(pattern),
            self.rule,
            method if method in ("match", "fullmatch") else "search",
        )
        if site is not None:
            return site  # r"^/[\w/-]*$" lets "//3627732462" through
        if method == "fullmatch":
            return True
        # Each alternative must be anchored: in `^a|b$` the `^` binds to `a` only.
        for text in regex_alternatives(_string_value(pattern)):
            if not ends_with_anchor(text, ("$", "\\Z")):
                return False
            if method != "match" and not text.startswith(("^", "\\A")):
                return False
        return True

    def _comparison_subjects(self, comparison: Node, positive: bool) -> set[str]:
        operands = [c for c in comparison.named_children]
        operators = [node_text(c) for c in comparison.children_by_field_name("operators")]
        if len(operands) != 2 or not operators:
            return set()
        left, right = operands
        operator = " ".join(operators)
        if operator in ("in", "not in"):
            if left.type == "string":
                # ".." in name: a blocklist of substrings misses absolute paths, encodings
                # and every character nobody thought of. It is not a control.
                return set()
            characters = self._character_set(left, right)
            if characters is not None:
                # all(c in SLUG_CHARS for c in name): each character in a set; a control
                # when the set leaves out every character the rule's sink misreads.
                if (operator == "in") != positive or not _safe_characters(characters, self.rule):
                    return set()
                return self.subject_texts(left)
            # Membership must hold where the sink runs: `x in ALLOWED` around it, or an
            # early exit on `x not in ALLOWED`. A blocklist (`x in BLOCKED: return`) is not
            # a control.
            if (operator == "in") != positive:
                return set()
            parents = self._parents_owner(right)
            if parents is not None:
                # BASE in target.parents: a resolved path inside the base (containment,
                # like is_relative_to); without resolve(), "../" still climbs out.
                if self.rule == "path-traversal" and not self.normalized_path(parents):
                    return set()
                return self.subject_texts(parents)
            if self.allowlist_like(right):
                if self._hostless_pass(left, self._collection_values(right)):
                    return set()
                return self.subject_texts(left)
            return set()
        if operator in ("==", "!=", "is", "is not"):
            # is_valid(x) == False, check(x) != 0: the call is the check.
            for side, other in ((left, right), (right, left)):
                if side.type == "call" and other.type in self.literal_types:
                    return self._call_subjects(side, statement=False)
        if operator in ("is", "is not"):
            return set()
        if operator in ("==", "!="):
            equal = (operator == "==") == positive
            if not equal:
                return set()
            for element, literal in ((left, right), (right, left)):
                # all(c.isdigit() or c == "-" for c in s): one allowed character
                if (
                    literal.type == "string"
                    and len(_string_value(literal)) == 1
                    and element.type == "identifier"
                    and self._iterated_name(element)
                    and not _safe_characters(_string_value(literal), self.rule)
                ):
                    return set()
            if right.type in self.literal_types:
                return set() if self._hostless_pass(left, [right]) else self.subject_texts(left)
            if left.type in self.literal_types:
                return set() if self._hostless_pass(right, [left]) else self.subject_texts(right)
            # commonpath([base, path]) == base: equal to a known value.
            return self.subject_texts(left) | self.subject_texts(right)
        if operator in ("<", ">", "<=", ">="):
            if any(_is_len_call(o) for o in operands):
                return set()
            return {
                s
                for o in operands
                if o.type not in self.literal_types
                for s in self.subject_texts(o)
            }
        return set()

    def _hostless_pass(self, subject: Node, values: list[Node] | None) -> bool:
        """For a redirect: a host allowlist or comparison that admits "no host" (`""` or
        `None` among the values tested against `urlparse(u).netloc` / `.hostname`) lets
        `/\\evil.example` through: urlparse finds no host in it, a browser does. (A
        fetch of a URL without a host fails, so for SSRF such a list is still a control.)"""
        if self.rule != "open-redirect" or values is None:
            return False
        if not any(
            v.type == "none" or (v.type == "string" and _string_value(v) == "") for v in values
        ):
            return False
        if subject.type == "identifier":
            single = self.single_value(subject)
            subject = single if single is not None else subject
        return bool(_HOST_PART.search(node_text(subject)))

    def _character_set(self, element: Node, collection: Node) -> str | None:
        """The characters of `collection` when `element in collection` tests one character:
        a set of one-character strings (also built from `string.ascii_letters` and the
        like), or a string literal tested against a name a loop or comprehension takes
        from a string (`for c in name`); else None."""
        characters = _constant_characters(self, collection, 0)
        if characters is None:
            return None
        # "abc" as a whole: `x in "abc"` is a substring test unless x is one character.
        whole_string = collection.type == "string" or (
            collection.type == "identifier" and self._string_constant(collection)
        )
        if whole_string and (element.type != "identifier" or not self._iterated_name(element)):
            return None
        return characters

    def _string_constant(self, name: Node) -> bool:
        value = self.single_value(name)
        if value is None:
            definitions = self.module_definitions(node_text(name))
            value = definitions[0].value if len(definitions) == 1 else None
        return value is not None and value.type in (
            "string",
            "concatenated_string",
            "binary_operator",
        )

    def _iterated_name(self, name: Node) -> bool:
        """`name` is the target of an enclosing comprehension's or loop's `for`."""
        text = node_text(name)
        for ancestor in reversed(self.ancestors(name)):
            if ancestor.type in self.function_types:
                return False
            clauses = (
                [ancestor]
                if ancestor.type == "for_statement"
                else [c for c in ancestor.named_children if c.type == "for_in_clause"]
            )
            for clause in clauses:
                target = clause.child_by_field_name("left")
                if target is not None and target.type == "identifier" and node_text(target) == text:
                    return True
        return False

    def _collection_values(self, collection: Node, depth: int = 0) -> list[Node] | None:
        """The elements of a literal collection (`("", "a.example")`, `{...}`,
        `frozenset({...})`, a name assigned one once), or None when they are not known."""
        if depth > 3:
            return None
        if collection.type == "identifier":
            single = self.single_value(collection)
            return self._collection_values(single, depth + 1) if single is not None else None
        if collection.type == "call":
            arguments = collection.child_by_field_name("arguments")
            inner = arguments.named_children if arguments is not None else []
            if self.is_constant_collection(collection) and len(inner) == 1:
                return self._collection_values(inner[0], depth + 1)
            return None
        if collection.type in ("list", "tuple", "set"):
            return list(collection.named_children)
        return None

    def _parents_owner(self, node: Node) -> Node | None:
        """`p` in `p.parents` (pathlib's ancestors of a path), else None."""
        if node.type != "attribute":
            return None
        attribute = node.child_by_field_name("attribute")
        owner = node.child_by_field_name("object")
        if attribute is None or owner is None or node_text(attribute) != "parents":
            return None
        return owner

    def is_raising_validator_body(self, function: Node) -> bool:
        """A function that raises (or aborts) on a condition over one of its parameters, or
        returns the result of a check, is a validator."""
        body = function.child_by_field_name("body")
        if body is None:
            return False
        names = self.derived_names(function)
        stack = [body]
        while stack:
            node = stack.pop()
            if node.type in ("function_definition", "class_definition", "lambda"):
                continue
            if node.type == "if_statement":
                condition = node.child_by_field_name("condition")
                consequence = node.child_by_field_name("consequence")
                if (
                    condition is not None
                    and consequence is not None
                    and self.checks_parameters(condition, names)
                    and self._raises(consequence)
                ):
                    return True
            if node.type == "try_statement" and self._checked_in_try(node, names):
                return True  # try: uuid.UUID(value) except ValueError: raise ...
            stack.extend(node.children)
        return False

    def _checked_in_try(self, statement: Node, names: set[str]) -> bool:
        """`try: check(value)` whose every handler raises: the check passes or the
        function raises."""
        handlers = [c for c in statement.named_children if c.type == "except_clause"]
        body = statement.child_by_field_name("body")
        if body is None or not handlers:
            return False
        if not all(self._raises(h.named_children[-1]) for h in handlers if h.named_children):
            return False
        for check in self.statement_guards(statement):
            subjects = self.tested_subjects(check.condition, check.polarity)
            if any(re.split(r"[.\[(]", s, maxsplit=1)[0] in names for s in subjects):
                return True
        return False

    def _raises(self, block: Node) -> bool:
        for statement in block.named_children:
            if statement.type == "raise_statement":
                return True
            if (
                statement.type == "expression_statement"
                and statement.named_children
                and self._exit_call(statement.named_children[0])
            ):
                return True
        return False

    def body_never_returns(self, body: Node) -> bool:
        """`def fail(msg): log.error(msg); sys.exit(1)`: every path raises or exits."""
        for statement in body.named_children:
            if statement.type == "return_statement":
                return False
            if statement.type == "raise_statement" or (
                statement.type == "expression_statement"
                and statement.named_children
                and self._exit_call(statement.named_children[0])
            ):
                return True
        return False

    def _exit_call(self, expression: Node) -> bool:
        """A call that does not return: `abort(400)`, `sys.exit(1)`, and gRPC's
        `context.abort(code, details)` / `abort_with_status` (also awaited, grpc.aio),
        which raises, on the servicer context a handler receives as a parameter."""
        if expression.type == "await" and expression.named_children:
            expression = expression.named_children[0]
        if expression.type != "call":
            return False
        name = self.callee_name(expression)
        if name in _EXIT_CALLS or self.never_returns(expression):
            return True
        receiver, _, method = name.rpartition(".")
        if method not in ("abort", "abort_with_status") or receiver not in ("context", "ctx"):
            return False
        scope = self.enclosing_scope(expression)
        return any(p.name == receiver for p in self.parameters(scope))

    def is_dead_branch(self, node: Node) -> bool:
        chain = [*self.ancestors(node), node]
        for parent, current in itertools.pairwise(chain):
            if parent.type == "if_statement" and current == parent.child_by_field_name(
                "consequence"
            ):
                condition = parent.child_by_field_name("condition")
                if condition is not None and node_text(condition) in ("False", "0", "None"):
                    return True
        return False

    def string_parts(self, node: Node, depth: int = 0) -> list[str | Node]:
        """A string-building expression as ordered parts: literal text or value nodes.
        Names with a single assignment are followed to the value they hold."""
        if depth > 12:
            return [node]
        kind = node.type
        if kind == "string":
            parts: list[str | Node] = []
            for child in node.children:
                if child.type in ("string_content", "escape_sequence"):
                    parts.append(node_text(child))
                elif child.type == "interpolation":
                    expression = child.child_by_field_name("expression")
                    if expression is not None:
                        parts.extend(self.string_parts(expression, depth + 1))
            return parts
        if kind == "concatenated_string":
            return [p for c in node.named_children for p in self.string_parts(c, depth + 1)]
        if kind == "keyword_argument":
            # `url=f"/items/{i}"` caught as a call's first argument: its value.
            value = node.child_by_field_name("value")
            return self.string_parts(value, depth + 1) if value is not None else [node]
        if kind == "parenthesized_expression" and node.named_children:
            return self.string_parts(node.named_children[0], depth + 1)
        if kind == "binary_operator":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            operator = node.child_by_field_name("operator")
            if left is None or right is None or operator is None:
                return [node]
            if operator.type == "+":
                return self.string_parts(left, depth + 1) + self.string_parts(right, depth + 1)
            if operator.type == "%":
                head = self.string_parts(left, depth + 1)
                return [*_cut_at(head, "%"), right]
            return [node]
        if kind == "call":
            helper = self.helper_parts(node, depth)
            if helper is not None:
                return helper
            rendered = self._rendered_template(node)
            if rendered is not None:
                # Template(src).render(ctx): the text of the source, then the values.
                source, values = rendered
                return [*self.string_parts(source, depth + 1), *values]
            function = node.child_by_field_name("function")
            if function is not None and function.type == "attribute":
                attribute = function.child_by_field_name("attribute")
                receiver = function.child_by_field_name("object")
                if (
                    receiver is not None
                    and attribute is not None
                    and node_text(attribute) in ("strip", "rstrip", "lstrip", "lower", "upper")
                ):
                    return self.string_parts(receiver, depth + 1)
                if (
                    receiver is not None
                    and attribute is not None
                    and node_text(attribute) == "format"
                ):
                    arguments = node.child_by_field_name("arguments")
                    head = self.string_parts(receiver, depth + 1)
                    values = list(arguments.named_children) if arguments is not None else []
                    return _cut_at(head, "{") + values
            return [node]
        if kind == "identifier":
            return self.identifier_parts(node, depth)
        return [node]


def _quoting_parts(node: Node) -> list[str | Node] | None:
    """A string built from literals and values, as ordered parts, with the literal text
    on both sides of each value: f-strings, `+` and `"...{}...".format(...)`."""
    if node.type == "parenthesized_expression" and node.named_children:
        return _quoting_parts(node.named_children[0])
    if node.type == "string":
        parts: list[str | Node] = [""]
        for child in node.children:
            if child.type in ("string_content", "escape_sequence"):
                parts.append(node_text(child))
            elif child.type == "interpolation":
                expression = child.child_by_field_name("expression")
                if expression is None:
                    return None
                parts.append(expression)
        return _joined_literals(parts)
    if node.type == "binary_operator":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or operator is None or operator.type != "+":
            return None
        head, tail = _quoting_parts(left), _quoting_parts(right)
        return None if head is None or tail is None else _joined_literals(head + tail)
    if node.type == "call":
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None or function.type != "attribute" or arguments is None:
            return [node]
        receiver = function.child_by_field_name("object")
        attribute = function.child_by_field_name("attribute")
        if (
            receiver is None
            or receiver.type != "string"
            or node_text(attribute or function) != "format"
        ):
            return [node]
        template = _string_value(receiver)
        pieces = re.split(r"\{\d*\}", template)
        values = [a for a in arguments.named_children if a.type != "keyword_argument"]
        if len(pieces) != len(values) + 1:
            return None
        result: list[str | Node] = [pieces[0]]
        for value, piece in zip(values, pieces[1:], strict=True):
            result += [value, piece]
        return result
    return [node]


def _joined_literals(parts: list[str | Node]) -> list[str | Node]:
    joined: list[str | Node] = [""]
    for part in parts:
        if isinstance(part, str) and isinstance(joined[-1], str):
            joined[-1] += part
        else:
            joined.append(part)
    if not isinstance(joined[-1], str):
        joined.append("")
    return joined


def _doubled_quote(node: Node) -> str | None:
    """For `value.replace('"', '""')` (or backticks): the quote it doubles."""
    if node.type != "call":
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or function.type != "attribute" or arguments is None:
        return None
    if node_text(function.child_by_field_name("attribute") or function) != "replace":
        return None
    values = arguments.named_children
    if len(values) != 2 or any(v.type != "string" for v in values):
        return None
    quote = _string_value(values[0])
    if quote in ('"', "`") and _string_value(values[1]) == quote * 2:
        return quote
    return None


def _django_upload_list(node: Node) -> bool:
    """`request.FILES.getlist("f")`, `request.FILES.values()`: Django's uploaded files."""
    if node.type != "call":
        return False
    function = node.child_by_field_name("function")
    method = function.child_by_field_name("attribute") if function is not None else None
    inner = function.child_by_field_name("object") if function is not None else None
    return (
        method is not None
        and inner is not None
        and node_text(method) in ("getlist", "values")
        and bool(_DJANGO_UPLOADS.search(node_text(inner)))
    )


def _extension_of(node: Node) -> bool:
    """`os.path.splitext(name)[1]` (or `[-1]`): "" or a dot and what follows it in the
    last component, so no separator and no `..`."""
    value = node.child_by_field_name("value")
    index = node.child_by_field_name("subscript")
    if value is None or index is None or value.type != "call":
        return False
    return _splitext_call(value) and node_text(index).replace(" ", "") in ("1", "-1")


def _splitext_call(node: Node) -> bool:
    function = node.child_by_field_name("function")
    return function is not None and node_text(function).rsplit(".", 1)[-1] == "splitext"


def _cut_at(parts: list[str | Node], marker: str) -> list[str | Node]:
    """Parts up to the first `marker` in literal text (a % or {} placeholder)."""
    kept: list[str | Node] = []
    for part in parts:
        if isinstance(part, str) and marker in part:
            kept.append(part.split(marker, 1)[0])
            return kept
        kept.append(part)
    return kept


_MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "add",
        "update",
        "appendleft",
        "extendleft",
        "write",
        "writelines",
    }
)


def _mutated_container(call: Node) -> str | None:
    """`parts.append(x)`, `seen.add(x)`, `buf.write(x)`: the name of the container."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "attribute":
        return None
    method = function.child_by_field_name("attribute")
    container = function.child_by_field_name("object")
    if method is None or container is None or node_text(method) not in _MUTATORS:
        return None
    if container.type == "identifier" and node_text(container) not in ("self", "cls"):
        return node_text(container)
    if container.type in ("attribute", "subscript"):
        return normalized(node_text(container))
    return None


def _top_level_assignments(block: Node) -> set[str]:
    """Names a block always assigns (plain assignments among its own statements)."""
    names: set[str] = set()
    for statement in block.named_children:
        if statement.type == "expression_statement" and statement.named_children:
            assignment = statement.named_children[0]
            if assignment.type == "assignment":
                left = assignment.child_by_field_name("left")
                if left is not None and left.type == "identifier":
                    names.add(node_text(left))
    return names


def _dead_condition(statement: Node) -> bool:
    condition = statement.child_by_field_name("condition")
    return condition is not None and node_text(condition) in ("False", "0", "None")


def _walrus_position(walrus: Node) -> int:
    """Where `name := value` takes effect. In `a if (n := v) else b` the condition runs
    first, so the name is bound for the whole conditional expression."""
    current: Node | None = walrus
    while current is not None and current.parent is not None:
        parent = current.parent
        if parent.type == "conditional_expression":
            values = parent.named_children
            if len(values) == 3 and values[1] == current:
                return parent.start_byte
        if parent.type not in (
            "parenthesized_expression",
            "comparison_operator",
            "boolean_operator",
            "not_operator",
        ):
            break
        current = parent
    return walrus.end_byte


def _repeats_constant_text(node: Node) -> bool:
    """`"*" * n` or `n * "-"`: a string literal repeated a number of times."""
    operator = node.child_by_field_name("operator")
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if operator is None or operator.type != "*" or left is None or right is None:
        return False
    literal = [side for side in (left, right) if side.type == "string"]
    return len(literal) == 1 and not any(
        child.type == "interpolation" for child in literal[0].children
    )


def _joins_values(node: Node) -> bool:
    if node.type == "binary_operator" and _repeats_constant_text(node):
        return False  # an operand of its own, judged as one (see evaluate_node)
    return node.type in ("binary_operator", "boolean_operator", "parenthesized_expression")


_SCHEME_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:?/{0,2}|/|\.|)$", re.IGNORECASE)


def _required_literals(condition: Node, holds: bool) -> list[tuple[Node, bool]]:
    """The tests `condition` requires, each with the value it must have, when the
    condition must have the value `holds`: `a and not b` to hold requires `a` and not `b`;
    `a or b` to hold requires neither alone (it is one test, returned whole)."""
    node = condition
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "not_operator":
        argument = node.child_by_field_name("argument")
        if argument is not None:
            return _required_literals(argument, not holds)
    if node.type == "boolean_operator":
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        joined = operator is not None and operator.type == ("and" if holds else "or")
        if joined and left is not None and right is not None:
            return _required_literals(left, holds) + _required_literals(right, holds)
    return [(node, holds)]


def _literal_string(node: Node) -> str | None:
    r"""The value of a constant string literal, escapes read (`"/\"` is `/\`); None for
    anything else (an f-string, bytes, a name)."""
    if node.type != "string" or any(c.type == "interpolation" for c in node.named_children):
        return None
    try:
        value = ast.literal_eval(node_text(node))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def _string_value(node: Node) -> str:
    return "".join(node_text(c) for c in node.children if c.type == "string_content")


_HOST_PART = re.compile(r"(?:^|\.)(hostname|host|netloc|domain)$")
_PREDICATE_PROPERTY = re.compile(r"^(is|has)(_|[A-Z])")


# Methods of a list (a collection a loop that checks its elements can be about).
_LIST_METHODS = "append|extend|insert|remove|pop|index|count|sort|reverse|copy|clear"


def _descendants(node: Node, kind: str) -> list[Node]:
    found: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == kind:
            found.append(current)
        stack.extend(current.named_children)
    return found


def _comprehension_iterable(node: Node, name: str) -> Node | None:
    """The iterable of the comprehension around `node` whose loop variable is `name`."""
    current = node.parent
    while current is not None and current.type not in ("function_definition", "module"):
        if current.type in (
            "generator_expression",
            "list_comprehension",
            "set_comprehension",
            "dictionary_comprehension",
        ):
            for clause in current.named_children:
                if clause.type != "for_in_clause":
                    continue
                left = clause.child_by_field_name("left")
                if left is not None and left.type == "identifier" and node_text(left) == name:
                    return clause.child_by_field_name("right")
        current = current.parent
    return None


def _flatten_literals(nodes: list[Node]) -> list[Node]:
    """String literals among `nodes`, looking inside tuples and lists."""
    found: list[Node] = []
    for node in nodes:
        if node.type == "string":
            found.append(node)
        elif node.type in ("tuple", "list", "parenthesized_expression"):
            found.extend(_flatten_literals(node.named_children))
    return found


def _is_len_call(node: Node) -> bool:
    if node.type != "call":
        return False
    function = node.child_by_field_name("function")
    return function is not None and node_text(function) == "len"


__all__ = ["PythonFlow", "contains", "normalized"]
