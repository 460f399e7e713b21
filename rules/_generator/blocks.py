"""Building blocks (YAML text) shared by the rule specs. Output is plain YAML, one rule a file."""
import textwrap


def ind(text, n):
    text = "\n".join(l for l in textwrap.dedent(text).strip("\n").splitlines() if l.strip())
    return textwrap.indent(text, " " * n)


# ---------------------------------------------------------------- Python sources
PY_SOURCES = r"""
# Flask / Starlette / FastAPI request objects
- patterns:
    - pattern-either:
        - pattern: flask.request.$ATTR
        - pattern: request.$ATTR
    - metavariable-regex:
        metavariable: $ATTR
        regex: ^(args|form|values|json|get_json|cookies|headers|data|get_data|files|view_args|stream|query_params|path_params|body)$
# Pyramid / Falcon / aiohttp / BlackSheep / Bottle request objects: query string, body, URL placeholders
- patterns:
    - pattern-either:
        - pattern: request.$ATTR
        - pattern: bottle.request.$ATTR
    - metavariable-regex:
        metavariable: $ATTR
        regex: ^(params|matchdict|json_body|query|match_info|forms|fullpath|urlparts)$
# Bottle: request.get_cookie(name) unless signed (secret=)
- patterns:
    - pattern: request.get_cookie(...)
    - pattern-not: request.get_cookie(..., secret=$SECRET, ...)
# Azure Functions: the HttpRequest an HTTP trigger passes is the whole request
- patterns:
    - pattern-inside: |
        def $VIEW(..., $PARAM: azure.functions.HttpRequest, ...):
          ...
    - pattern: $PARAM
# CherryPy: cherrypy.request.params (query string and form), headers, body, cookie
- patterns:
    - pattern: cherrypy.request.$ATTR
    - metavariable-regex:
        metavariable: $ATTR
        regex: ^(params|headers|body|cookie|query_string|path_info|json)$
# CherryPy: the arguments of an exposed method are the request's parameters
- patterns:
    - pattern-either:
        - pattern-inside: |
            @cherrypy.expose
            def $VIEW($SELF, ..., $PARAM, ...):
              ...
        - pattern-inside: |
            @cherrypy.expose(...)
            def $VIEW($SELF, ..., $PARAM, ...):
              ...
    - focus-metavariable: $PARAM
# Dash: a callback's arguments are the values of components in the visitor's page
- patterns:
    - pattern-inside: |
        @$APP.callback(...)
        def $VIEW(..., $PARAM, ...):
          ...
    - focus-metavariable: $PARAM
# Django / DRF request objects (also self.request in class-based views)
- patterns:
    - pattern: $REQ.$ATTR
    - metavariable-regex:
        metavariable: $ATTR
        regex: ^(GET|POST|COOKIES|META|FILES|query_params)$
- pattern: request.body
# route handler parameters (FastAPI, Flask 2 shortcuts, Flask <converters>), except those
# declared with a numeric / UUID / date type, which the framework converts first
- patterns:
    - pattern-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: int, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: int = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: float, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: float = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: bool, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: bool = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: UUID, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: UUID = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: uuid.UUID, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: uuid.UUID = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: date, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: date = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: datetime, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: datetime = $DEFAULT, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: Decimal, ...):
          ...
    - pattern-not-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(..., $PARAM: Decimal = $DEFAULT, ...):
          ...
    - metavariable-regex:
        metavariable: $ROUTE
        regex: ^(route|get|post|put|patch|delete|api_route|websocket)$
    - focus-metavariable: $PARAM
# command line and console
- pattern: input(...)
- pattern: sys.argv
"""

PY_OPTIONS = """
options:
  taint_assume_safe_numbers: true
  taint_assume_safe_booleans: true
"""

PY_NUMERIC_SANITIZERS = r"""
- pattern-either:
    - pattern: int(...)
    - pattern: float(...)
    - pattern: bool(...)
    - pattern: len(...)
    - pattern: uuid.UUID(...)
    - pattern: str(uuid.UUID(...))
"""

# exits that end the request when a guard fails
_PY_EXITS = ["return ...", "raise ...", "abort(...)", "flask.abort(...)", "continue", "sys.exit(...)"]


def py_guard(conds, positive=None):
    """Sanitizers by side effect: the variable `$X` in a check `<cond>` that is the test of an
    `if` whose body exits (return / raise / abort()) is clean from the check on; so is `$X` in
    the test of `if <positive>:`. Focusing on $X in the check keeps this cheap: a
    `pattern: $X` over every expression after the guard is far slower on large files."""
    exits = "\n".join(f"- pattern-inside: |\n    if $COND:\n      ...\n      {e}" for e in _PY_EXITS)
    out = (
        "- by-side-effect: true\n"
        "  patterns:\n"
        "    - pattern-either:\n" + ind(conds, 8) + "\n"
        "    - pattern-either:\n" + ind(exits, 8) + "\n"
        "    - focus-metavariable: $X\n"
    )
    if positive:
        out += (
            "- by-side-effect: true\n"
            "  patterns:\n"
            "    - pattern-either:\n" + ind(positive, 8) + "\n"
            "    - focus-metavariable: $X\n"
        )
    return out


def py_resolved_guard(conds, resolvers):
    """Sanitizer for `X = <resolver>(...)` followed by `if <cond on X>: <exit>`: the resolver
    call on the right-hand side is the clean value (so X is clean from there on)."""
    alts = []
    for c in conds:
        for e in _PY_EXITS:
            alts.append(f"- pattern: |\n    $X = $RESOLVE\n    ...\n    if {c}:\n      ...\n      {e}")
    return (
        "- patterns:\n"
        "    - pattern-either:\n" + ind("\n".join(alts), 8) + "\n"
        "    - metavariable-pattern:\n"
        "        metavariable: $RESOLVE\n"
        "        pattern-either:\n" + ind(resolvers, 10) + "\n"
        "    - focus-metavariable: $RESOLVE\n"
    )


# `if not is_allowed_host(x): return` style validators, allowlist membership
PY_VALIDATOR_NAME = r"(?i).*(valid|allow|safe|trust|permit|whitelist)"
# $X must be a variable or attribute: `by-side-effect` can only clean an l-value, and Semgrep
# keeps one match per range, so a branch binding $X to `urlparse(u).hostname` would hide the
# branch binding it to `u`.
PY_LVALUE = r"""
- metavariable-regex:
    metavariable: $X
    regex: ^[A-Za-z_][\w.]*$
"""
PY_COND_VALIDATOR = rf"""
- patterns:
    - pattern-either:
        - pattern: not $VALIDATOR($X, ...)
        - pattern: not $VALIDATOR($PARSE($X).$PART, ...)
    - metavariable-regex:
        metavariable: $VALIDATOR
        regex: {PY_VALIDATOR_NAME}
{ind(PY_LVALUE, 4)}
- patterns:
    - pattern-either:
        - pattern: $X not in $ALLOWED
        - pattern: not $X in $ALLOWED
        - pattern: $PARSE($X).$PART not in $ALLOWED
        - pattern: not $PARSE($X).$PART in $ALLOWED
{ind(PY_LVALUE, 4)}
"""
PY_POS_VALIDATOR = rf"""
- patterns:
    - pattern-either:
        - pattern: |
            if $VALIDATOR($X, ...):
              ...
        - pattern: |
            if $VALIDATOR($PARSE($X).$PART, ...):
              ...
    - metavariable-regex:
        metavariable: $VALIDATOR
        regex: {PY_VALIDATOR_NAME}
{ind(PY_LVALUE, 4)}
- patterns:
    - pattern-either:
        - pattern: |
            if $X in $ALLOWED:
              ...
        - pattern: |
            if $PARSE($X).$PART in $ALLOWED:
              ...
{ind(PY_LVALUE, 4)}
"""
# regex / character-class allowlists (not used for SSRF: "2130706433" is a host)
PY_COND_PATTERN = r"""
- pattern: not re.fullmatch(..., $X, ...)
- pattern: not re.match(..., $X, ...)
- pattern: not $RE.fullmatch($X, ...)
- pattern: not $RE.match($X, ...)
- pattern: not $X.isdigit()
- pattern: not $X.isalnum()
- pattern: not $X.isidentifier()
"""

# ---------------------------------------------------------------- JS sources

_SVELTEKIT_HANDLERS = r"^(load|GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback|handle)$"


def _sveltekit_destructured(arg, patterns):
    """A source read from a SvelteKit event destructured in an exported load function or
    endpoint handler: `export const load = async ({ url }) => { ... url.searchParams ... }`."""
    insides = [
        f"export async function $HANDLER({{..., {arg}, ...}}, ...) {{ ... }}",
        f"export function $HANDLER({{..., {arg}, ...}}, ...) {{ ... }}",
        f"export const $HANDLER = async ({{..., {arg}, ...}}, ...) => {{ ... }}",
        f"export const $HANDLER = ({{..., {arg}, ...}}, ...) => {{ ... }}",
    ]
    lines = ["- patterns:", "    - pattern-either:"]
    for i in insides:
        lines += ["        - pattern-inside: |", "            " + i]
    lines += ["    - metavariable-regex:", "        metavariable: $HANDLER", "        regex: " + _SVELTEKIT_HANDLERS,
              "    - pattern-either:"] + [f"        - pattern: {p}" for p in patterns]
    return "\n".join(lines) + "\n"


JS_SERVER_SOURCES = r"""
# Express / Koa / Fastify / Next.js API request objects
- patterns:
    - pattern-either:
        - pattern: $REQ.$ATTR
    - metavariable-regex:
        metavariable: $REQ
        regex: ^(req|request|ctx|ctx\.request|ctx\.req|context)$
    - metavariable-regex:
        metavariable: $ATTR
        regex: ^(query|params|body|headers|cookies|signedCookies|files|file)$
# Express getters, the Fetch API body of route handlers (Next.js, SvelteKit, Remix:
# await request.json() / formData() / text()), AdonisJS request.input("q"), only([...]),
# except([...]), all(), qs(), body(), params(), plainCookie() (request.cookie() is signed)
- patterns:
    - pattern: $REQ.$GET(...)
    - metavariable-regex:
        metavariable: $REQ
        regex: ^(req|request|ctx|ctx\.request)$
    - metavariable-regex:
        metavariable: $GET
        regex: ^(get|header|param|query|json|formData|text|input|only|except|all|qs|body|params|plainCookie)$
# NestJS: controller parameters bound from the request by @Query/@Body/@Param/@Headers
- patterns:
    - pattern-either:
        - pattern-inside: |
            $METHOD(..., @$DEC(...) $PARAM, ...) { ... }
        - pattern-inside: |
            function $METHOD(..., @$DEC(...) $PARAM, ...) { ... }
    - metavariable-regex:
        metavariable: $DEC
        regex: ^(Query|Body|Param|Headers)$
    - focus-metavariable: $PARAM
# SvelteKit load functions, endpoints and hooks: the page URL's query string, the route's
# parameters and the request of the event (event.url.searchParams, event.params,
# await event.request.json()), also destructured ({ url, params, request })
- pattern: event.url.searchParams
- pattern: event.url.search
- pattern: event.params
- patterns:
    - pattern: event.request.$BODY(...)
    - metavariable-regex:
        metavariable: $BODY
        regex: ^(json|formData|text)$
""" + _sveltekit_destructured("url", ("url.searchParams", "url.search")) + _sveltekit_destructured(
    "params", ("params",))
JS_BROWSER_SOURCES = r"""
# browser: URL, cookies, window.name, cross-window messages
- patterns:
    - pattern-either:
        - pattern: location.$PROP
        - pattern: window.location.$PROP
        - pattern: document.location.$PROP
    - metavariable-regex:
        metavariable: $PROP
        regex: ^(hash|search|href|pathname)$
- pattern: document.location
- pattern: document.URL
- pattern: document.documentURI
- pattern: document.referrer
- pattern: document.cookie
- pattern: window.name
- pattern: new URLSearchParams(...)
- patterns:
    - pattern-either:
        - pattern-inside: |
            $W.addEventListener("message", function ($EVT) { ... }, ...)
        - pattern-inside: |
            $W.onmessage = function ($EVT) { ... }
    - pattern: $EVT.data
"""

JS_OPTIONS = PY_OPTIONS

JS_NUMERIC_SANITIZERS = r"""
- pattern-either:
    - pattern: Number(...)
    - pattern: parseInt(...)
    - pattern: parseFloat(...)
    - pattern: Math.$F(...)
    - pattern: Boolean(...)
    - pattern: $X.length
"""

_JS_EXITS = [
    "if ($COND) { ... return ...; }",
    "if ($COND) { ... throw $ERR; }",
    "if ($COND) return ...;",
    "if ($COND) throw $ERR;",
    "if ($COND) { ... continue; }",
]


def js_guard(conds, positive=None):
    """See py_guard()."""
    exits = "\n".join(f"- pattern-inside: |\n    {e}" for e in _JS_EXITS)
    out = (
        "- by-side-effect: true\n"
        "  patterns:\n"
        "    - pattern-either:\n" + ind(conds, 8) + "\n"
        "    - pattern-either:\n" + ind(exits, 8) + "\n"
        "    - focus-metavariable: $X\n"
    )
    if positive:
        out += (
            "- by-side-effect: true\n"
            "  patterns:\n"
            "    - pattern-either:\n" + ind(positive, 8) + "\n"
            "    - focus-metavariable: $X\n"
        )
    return out


def js_resolved_guard(conds, resolvers):
    """See py_resolved_guard()."""
    alts = []
    for c in conds:
        for e in _JS_EXITS:
            alts.append(f"- pattern: |\n    $X = $RESOLVE;\n    ...\n    {e.replace('$COND', c)}")
    return (
        "- patterns:\n"
        "    - pattern-either:\n" + ind("\n".join(alts), 8) + "\n"
        "    - metavariable-pattern:\n"
        "        metavariable: $RESOLVE\n"
        "        pattern-either:\n" + ind(resolvers, 10) + "\n"
        "    - focus-metavariable: $RESOLVE\n"
    )


JS_VALIDATOR_NAME = PY_VALIDATOR_NAME
JS_LVALUE = r"""
- metavariable-regex:
    metavariable: $X
    regex: ^[A-Za-z_$][\w$.]*$
"""
JS_COND_VALIDATOR = rf"""
- patterns:
    - pattern-either:
        - pattern: "!$VALIDATOR($X, ...)"
        - pattern: "!$VALIDATOR(new URL($X).$PART, ...)"
    - metavariable-regex:
        metavariable: $VALIDATOR
        regex: {JS_VALIDATOR_NAME}
{ind(JS_LVALUE, 4)}
- patterns:
    - pattern-either:
        - pattern: "!$ALLOWED.includes($X)"
        - pattern: "!$ALLOWED.has($X)"
        - pattern: "!$ALLOWED.includes(new URL($X).$PART)"
        - pattern: "!$ALLOWED.has(new URL($X).$PART)"
        - pattern: $ALLOWED.indexOf($X) === -1
        - pattern: $ALLOWED.indexOf($X) < 0
{ind(JS_LVALUE, 4)}
"""
JS_POS_VALIDATOR = rf"""
- patterns:
    - pattern-either:
        - pattern: if ($VALIDATOR($X, ...)) {{ ... }}
        - pattern: if ($VALIDATOR(new URL($X).$PART, ...)) {{ ... }}
    - metavariable-regex:
        metavariable: $VALIDATOR
        regex: {JS_VALIDATOR_NAME}
{ind(JS_LVALUE, 4)}
- patterns:
    - pattern-either:
        - pattern: if ($ALLOWED.includes($X)) {{ ... }}
        - pattern: if ($ALLOWED.has($X)) {{ ... }}
        - pattern: if ($ALLOWED.has(new URL($X).$PART)) {{ ... }}
{ind(JS_LVALUE, 4)}
"""
JS_COND_PATTERN = r"""
- pattern: "!$RE.test($X)"
"""


def yq(pat):
    """A YAML scalar for a pattern: single-quoted when plain style would break."""
    if ": " in pat or " #" in pat or pat[:1] in "{[!&*'\"%@`|>":
        return "'" + pat.replace("'", "''") + "'"
    return pat


def js_module_call(modules, func_regex, calls=("$F($ARG, ...)",), bare=True):
    """Sink patterns for calls of a Node module's functions, incl. the `node:` spelling,
    `const m = require()`, `import * as m`, and destructured imports. Binds $F and the call's
    metavariables (e.g. $ARG)."""
    lines = ["- patterns:", "    - pattern-either:"]
    for m in modules:
        if m.isidentifier():
            for c in calls:
                lines.append(f"        - pattern: {yq(m + '.' + c)}")
    for m in modules:
        if m.isidentifier():
            continue  # semgrep resolves require()/import of plain module names itself
        for form in (f"$MOD = require('{m}');", f"import * as $MOD from '{m}';", f"import $MOD from '{m}';"):
            lines += [
                "        - patterns:",
                "            - pattern-inside: |",
                f"                {form}",
                "                ...",
                "            - pattern-either:",
            ] + [f"                - pattern: {yq('$MOD.' + c)}" for c in calls]
    if bare:
        for m in modules:
            if m.isidentifier():
                continue
            for form in (f"import {{ $F }} from '{m}';", f"const {{ $F }} = require('{m}');"):
                lines += [
                    "        - patterns:",
                    "            - pattern-inside: |",
                    f"                {form}",
                    "                ...",
                    "            - pattern-either:",
                ] + [f"                - pattern: {yq(c)}" for c in calls]
    lines += [
        "    - metavariable-regex:",
        "        metavariable: $F",
        f"        regex: {func_regex}",
    ]
    return "\n".join(lines) + "\n"

RULES = []


def rule(**kw):
    RULES.append(kw)
