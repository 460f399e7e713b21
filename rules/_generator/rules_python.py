from blocks import *

# ============================================================ SSRF
PY_SSRF_PREFIX = r"""
# a constant scheme://host/ prefix: the user part can only reach the path or query
- patterns:
    - pattern: $URLSTR
    - metavariable-regex:
        metavariable: $URLSTR
        regex: ^[rRuUfF]{0,2}("|')https?://[^/"'{}%\s]+/
- patterns:
    - pattern: '"$PREFIX" + $REST'
    - metavariable-regex:
        metavariable: $PREFIX
        regex: ^https?://[^/\s]+/
# f"{API_BASE_URL}/users/{uid}": a configured base URL (UPPER_CASE constant) then a slash
- patterns:
    - pattern: $URLSTR
    - metavariable-regex:
        metavariable: $URLSTR
        regex: ^[fF]("|')\{([A-Za-z_][A-Za-z0-9_]*\.)*[A-Z][A-Z0-9_]*\}/
"""

PY_SSRF_SANITIZERS = PY_NUMERIC_SANITIZERS + PY_SSRF_PREFIX + py_guard(PY_COND_VALIDATOR, PY_POS_VALIDATOR)

rule(
    lang="python", cls="ssrf", id="python-ssrf-tainted-url",
    message="""Untrusted input reaches the URL of an outgoing HTTP request (requests, httpx,
    urllib.request, urllib3) with no host allowlist or URL validator in between. An attacker can
    make the server call internal services or cloud metadata endpoints. Check
    urlparse(url).hostname against an allowlist (or call a validator that aborts), or keep a
    constant scheme and host and put user data only in the path or query.""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["requests", "httpx", "urllib", "flask", "django", "fastapi"],
    sources=PY_SOURCES, sanitizers=PY_SSRF_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - patterns:
            - pattern-either:
                - pattern: requests.$METHOD($URL, ...)
                - pattern: httpx.$METHOD($URL, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(get|post|put|patch|delete|head|options)$
        - pattern: requests.request($VERB, $URL, ...)
        - pattern: httpx.request($VERB, $URL, ...)
        - pattern: httpx.stream($VERB, $URL, ...)
        - pattern: urllib3.request($VERB, $URL, ...)
        - pattern: requests.$METHOD(..., url=$URL, ...)
        - pattern: httpx.$METHOD(..., url=$URL, ...)
        - pattern: urllib.request.urlopen($URL, ...)
        - pattern: urllib.request.Request($URL, ...)
        - pattern: urllib.request.urlretrieve($URL, ...)
    - focus-metavariable: $URL
""")

rule(
    lang="python", cls="ssrf", id="python-ssrf-client-session-url",
    message="""Untrusted input reaches the URL or base_url of an HTTP client session
    (requests.Session, httpx.Client/AsyncClient, aiohttp.ClientSession, urllib3.PoolManager) with
    no host allowlist or URL validator in between. Check the parsed hostname against an allowlist
    before the request, or keep a constant scheme and host.""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["requests", "httpx", "aiohttp", "urllib3", "fastapi", "flask"],
    sources=PY_SOURCES, sanitizers=PY_SSRF_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - patterns:
            - pattern-either:
                - pattern-inside: |
                    $CLIENT = requests.Session(...)
                    ...
                - pattern-inside: |
                    with requests.Session(...) as $CLIENT:
                      ...
                - pattern-inside: |
                    $CLIENT = requests.session(...)
                    ...
                - pattern-inside: |
                    with requests.session(...) as $CLIENT:
                      ...
                - pattern-inside: |
                    $CLIENT = httpx.Client(...)
                    ...
                - pattern-inside: |
                    with httpx.Client(...) as $CLIENT:
                      ...
                - pattern-inside: |
                    $CLIENT = httpx.AsyncClient(...)
                    ...
                - pattern-inside: |
                    async with httpx.AsyncClient(...) as $CLIENT:
                      ...
                - pattern-inside: |
                    $CLIENT = aiohttp.ClientSession(...)
                    ...
                - pattern-inside: |
                    async with aiohttp.ClientSession(...) as $CLIENT:
                      ...
                - pattern-inside: |
                    $CLIENT = urllib3.PoolManager(...)
                    ...
                - pattern-inside: |
                    with urllib3.PoolManager(...) as $CLIENT:
                      ...
            - pattern-either:
                - patterns:
                    - pattern: $CLIENT.$METHOD($URL, ...)
                    - metavariable-regex:
                        metavariable: $METHOD
                        regex: ^(get|post|put|patch|delete|head|options|ws_connect)$
                - patterns:
                    - pattern: $CLIENT.$METHOD($VERB, $URL, ...)
                    - metavariable-regex:
                        metavariable: $METHOD
                        regex: ^(request|stream|urlopen)$
                - pattern: $CLIENT.$METHOD(..., url=$URL, ...)
        - pattern: httpx.Client(..., base_url=$URL, ...)
        - pattern: httpx.AsyncClient(..., base_url=$URL, ...)
        - pattern: aiohttp.ClientSession(..., base_url=$URL, ...)
        - pattern: aiohttp.ClientSession($URL, ...)
        - pattern: aiohttp.request($VERB, $URL, ...)
    - focus-metavariable: $URL
""")

# ============================================================ SQL injection
PY_SQL_SANITIZERS = PY_NUMERIC_SANITIZERS + r"""
# psycopg sql composition, driver escaping
- pattern-either:
    - pattern: psycopg2.sql.Identifier(...)
    - pattern: psycopg2.sql.Literal(...)
    - pattern: psycopg2.sql.Placeholder(...)
    - pattern: psycopg.sql.Identifier(...)
    - pattern: psycopg.sql.Literal(...)
    - pattern: psycopg.sql.Placeholder(...)
    - pattern: $CONN.escape_string(...)
    - pattern: $CONN.literal(...)
    - pattern: pymysql.converters.escape_string(...)
""" + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR)

rule(
    lang="python", cls="sql-injection", id="python-sqli-dbapi-execute",
    message="""Untrusted input is built into the SQL text passed to a DB-API execute()
    (sqlite3, psycopg, PyMySQL, mysqlclient, SQLAlchemy connections) with no parameterization in
    between. Keep the SQL a constant string with placeholders (%s, ?, :name) and pass the values
    as the parameters argument; check identifiers against an allowlist.""",
    confidence="HIGH", likelihood="HIGH", impact="HIGH",
    tech=["sqlite3", "psycopg", "pymysql", "dbapi", "flask", "django"],
    sources=PY_SOURCES,
    # text() is reported by python-sqli-sqlalchemy-text; sanitizing it here avoids a second report
    sanitizers=PY_SQL_SANITIZERS + r"""
- pattern: sqlalchemy.text(...)
- pattern: sqlalchemy.sql.text(...)
""",
    sinks=r"""
- patterns:
    - pattern: $CUR.$EXECUTE($SQL, ...)
    - metavariable-regex:
        metavariable: $EXECUTE
        regex: ^(execute|executemany|executescript|mogrify)$
    - focus-metavariable: $SQL
""")

rule(
    lang="python", cls="sql-injection", id="python-sqli-sqlalchemy-text",
    message="""Untrusted input is built into SQLAlchemy raw SQL (text(), literal_column(),
    exec_driver_sql()) with no parameterization in between. Use text() with :name bind parameters
    and pass the values to execute(), or build the query with the SQLAlchemy expression
    language.""",
    confidence="HIGH", likelihood="HIGH", impact="HIGH",
    tech=["sqlalchemy", "sqlmodel", "flask", "fastapi"],
    sources=PY_SOURCES, sanitizers=PY_SQL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: sqlalchemy.text($SQL, ...)
        - pattern: sqlalchemy.sql.text($SQL, ...)
        - pattern: sqlalchemy.sql.expression.text($SQL, ...)
        - pattern: sqlmodel.text($SQL, ...)
        - pattern: sqlalchemy.literal_column($SQL, ...)
        - pattern: sqlalchemy.sql.expression.literal_column($SQL, ...)
        - pattern: $CONN.exec_driver_sql($SQL, ...)
    - focus-metavariable: $SQL
""")

rule(
    lang="python", cls="sql-injection", id="python-sqli-django-raw",
    message="""Untrusted input is built into Django raw SQL (Manager.raw(), QuerySet.extra(),
    RawSQL()) with no parameterization in between. Use the ORM, or keep the SQL constant with %s
    placeholders and pass the values in params.""",
    confidence="HIGH", likelihood="HIGH", impact="HIGH",
    tech=["django"],
    sources=PY_SOURCES, sanitizers=PY_SQL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: $QS.raw($SQL, ...)
        - pattern: $QS.extra(..., select=$SQL, ...)
        - pattern: $QS.extra(..., where=$SQL, ...)
        - pattern: $QS.extra(..., tables=$SQL, ...)
        - pattern: $QS.extra(..., order_by=$SQL, ...)
        - pattern: django.db.models.expressions.RawSQL($SQL, ...)
        - pattern: django.db.models.RawSQL($SQL, ...)
    - focus-metavariable: $SQL
""")

# ============================================================ XSS
PY_HTML_ESCAPERS = r"""
- pattern-either:
    - pattern: html.escape(...)
    - pattern: markupsafe.escape(...)
    - pattern: flask.escape(...)
    - pattern: jinja2.escape(...)
    - pattern: django.utils.html.escape(...)
    - pattern: django.utils.html.conditional_escape(...)
    - pattern: django.utils.html.format_html(...)
    - pattern: bleach.clean(...)
    - pattern: nh3.clean(...)
    - pattern: markupsafe.Markup.escape(...)
"""

rule(
    lang="python", cls="xss", id="python-xss-render-template-string",
    message="""Untrusted input becomes the template source of render_template_string() /
    jinja2 Template() / Environment.from_string() with no escaping in between: it can inject
    HTML and script, and Jinja2 expressions ({{ ... }}) run on the server (template injection).
    Keep the template constant and pass the values as context variables, which are
    autoescaped.""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["flask", "jinja2"],
    refs=["https://flask.palletsprojects.com/en/stable/security/#cross-site-scripting-xss"],
    sources=PY_SOURCES,
    # html.escape() does not stop {{ }} template injection: only value-level controls count here
    sanitizers=PY_NUMERIC_SANITIZERS + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR),
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: flask.render_template_string($TPL, ...)
        - pattern: jinja2.Template($TPL, ...)
        - pattern: $ENV.from_string($TPL, ...)
    - focus-metavariable: $TPL
""")

rule(
    lang="python", cls="xss", id="python-xss-unescaped-markup",
    message="""Untrusted input is wrapped in markupsafe.Markup() with no HTML escaping or sanitizer
    in between, so Jinja2 templates render it unescaped. Escape it first (markupsafe.escape(),
    which already returns Markup), or use Markup("<b>{}</b>").format(value), which escapes the
    value.""",
    confidence="HIGH", likelihood="MEDIUM", impact="MEDIUM",
    tech=["flask", "jinja2", "markupsafe"],
    sources=PY_SOURCES,
    sanitizers=PY_NUMERIC_SANITIZERS + PY_HTML_ESCAPERS + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR),
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: markupsafe.Markup($V)
        - pattern: flask.Markup($V)
        - pattern: jinja2.Markup($V)
    - focus-metavariable: $V
""",
    fix="markupsafe.escape($V)")

rule(
    lang="python", cls="xss", id="python-xss-django-mark-safe",
    message="""Untrusted input is marked as safe HTML with Django mark_safe() / SafeString() with
    no HTML escaping or sanitizer in between, so templates render it unescaped. Use format_html()
    (which escapes its arguments), or escape the value with django.utils.html.escape() before
    marking the result safe.""",
    confidence="HIGH", likelihood="MEDIUM", impact="MEDIUM",
    tech=["django"],
    refs=["https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe"],
    sources=PY_SOURCES,
    sanitizers=PY_NUMERIC_SANITIZERS + PY_HTML_ESCAPERS + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR),
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: django.utils.safestring.mark_safe($V)
        - pattern: django.utils.safestring.SafeString($V)
        - pattern: django.utils.html.mark_safe($V)
    - focus-metavariable: $V
""")


# Pyramid / WebOb: Response(body) is text/html unless another content_type is given
_PYRAMID_RESPONSES = ("pyramid.response.Response", "webob.Response", "webob.response.Response")
PY_PYRAMID_RESPONSE = (
    "# Pyramid / WebOb: Response(body), Response(text=...), Response(body=...) are text/html\n"
    "# unless another content_type is given\n"
    "- patterns:\n    - pattern-either:\n"
    + "".join(f"        - pattern: {r}($BODY, ...)\n        - pattern: {r}(..., text=$BODY, ...)\n"
              f"        - pattern: {r}(..., body=$BODY, ...)\n" for r in _PYRAMID_RESPONSES)
    + "".join(f"    - pattern-not: {r}(..., content_type=$TYPE, ...)\n" for r in _PYRAMID_RESPONSES)
    + "    - focus-metavariable: $BODY\n"
    "- patterns:\n    - pattern-either:\n"
    + "".join(f"        - pattern: {r}($BODY, ..., content_type=$TYPE, ...)\n"
              f"        - pattern: {r}(..., text=$BODY, ..., content_type=$TYPE, ...)\n"
              f"        - pattern: {r}(..., body=$BODY, ..., content_type=$TYPE, ...)\n" for r in _PYRAMID_RESPONSES)
    + "    - metavariable-regex:\n        metavariable: $TYPE\n        regex: (?i).*html\n"
    "    - focus-metavariable: $BODY\n"
)

rule(
    lang="python", cls="xss", id="python-xss-html-response",
    message="""Untrusted input is written into an HTML response body (HttpResponse, Flask
    Response/make_response, Starlette HTMLResponse, Sanic/BlackSheep html(), Pyramid/WebOb
    Response, or an HTML string returned from a view) or into Dash
    dcc.Markdown(dangerously_allow_html=True) with no HTML escaping or sanitizer in between.
    Render a template with the value as context, or wrap the value in html.escape() /
    markupsafe.escape().""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="MEDIUM",
    tech=["flask", "django", "fastapi", "starlette", "sanic", "blacksheep", "pyramid", "dash"],
    sources=PY_SOURCES,
    sanitizers=PY_NUMERIC_SANITIZERS + PY_HTML_ESCAPERS + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR),
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: django.http.HttpResponse($BODY, ...)
        - pattern: flask.make_response($BODY, ...)
        - pattern: flask.Response($BODY, ...)
        - pattern: werkzeug.wrappers.Response($BODY, ...)
        - pattern: starlette.responses.HTMLResponse($BODY, ...)
        - pattern: fastapi.responses.HTMLResponse($BODY, ...)
        - pattern: starlette.responses.HTMLResponse(..., content=$BODY, ...)
        - pattern: fastapi.responses.HTMLResponse(..., content=$BODY, ...)
    - pattern-not: $RESPONSE(..., content_type="text/plain", ...)
    - pattern-not: $RESPONSE(..., content_type="application/json", ...)
    - pattern-not: $RESPONSE(..., mimetype="text/plain", ...)
    - pattern-not: $RESPONSE(..., mimetype="application/json", ...)
    - focus-metavariable: $BODY
# Sanic and BlackSheep: html(body) serves the body as text/html
- patterns:
    - pattern-either:
        - pattern: sanic.response.html($BODY, ...)
        - pattern: sanic.html($BODY, ...)
        - pattern: blacksheep.html($BODY, ...)
        - pattern: blacksheep.server.responses.html($BODY, ...)
    - focus-metavariable: $BODY
""" + PY_PYRAMID_RESPONSE + r"""
# Dash: dcc.Markdown(text, dangerously_allow_html=True) renders the HTML inside the text
- patterns:
    - pattern-either:
        - pattern: $DCC.Markdown($BODY, ..., dangerously_allow_html=True, ...)
        - pattern: Markdown($BODY, ..., dangerously_allow_html=True, ...)
        - pattern: $DCC.Markdown(..., children=$BODY, ..., dangerously_allow_html=True, ...)
        - pattern: $DCC.Markdown(..., dangerously_allow_html=True, ..., children=$BODY, ...)
        - pattern: Markdown(..., children=$BODY, ..., dangerously_allow_html=True, ...)
        - pattern: Markdown(..., dangerously_allow_html=True, ..., children=$BODY, ...)
    - focus-metavariable: $BODY
# an HTML string built in a view and returned (Flask sends str as text/html)
- patterns:
    - pattern-inside: |
        @$APP.$ROUTE(...)
        def $VIEW(...):
          ...
    - metavariable-regex:
        metavariable: $ROUTE
        regex: ^(route|get|post|put|patch|delete)$
    - pattern-either:
        - pattern: return f"..."
        - pattern: return $LEFT + $RIGHT
        - pattern: return $LEFT % $RIGHT
        - pattern: return $TEMPLATE.format(...)
        - pattern: return f"...", ...
        - pattern: return $LEFT + $RIGHT, ...
        - pattern: return $LEFT % $RIGHT, ...
        - pattern: return $TEMPLATE.format(...), ...
    - pattern-either:
        - pattern: return $BODY
        - pattern: return $BODY, ...
    - metavariable-regex:
        metavariable: $BODY
        regex: ^[rRuUfF]{0,2}("|').*<[a-zA-Z/!]
    - focus-metavariable: $BODY
""")

# ============================================================ command injection
PY_SHELL_SANITIZERS = PY_NUMERIC_SANITIZERS + r"""
- pattern-either:
    - pattern: shlex.quote(...)
    - pattern: shlex.join(...)
    - pattern: pipes.quote(...)
""" + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR)

rule(
    lang="python", cls="command-injection", id="python-cmdi-shell-command-string",
    message="""Untrusted input is built into a command string run by a shell (os.system,
    os.popen, subprocess.getoutput/getstatusoutput, asyncio.create_subprocess_shell) with no
    argument list or shlex.quote() in between. Run the program with subprocess.run([...]) and an
    argument list (no shell), or quote each user part with shlex.quote().""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["os", "subprocess", "asyncio"],
    sources=PY_SOURCES, sanitizers=PY_SHELL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: os.system($CMD)
        - pattern: os.popen($CMD, ...)
        - pattern: subprocess.getoutput($CMD, ...)
        - pattern: subprocess.getstatusoutput($CMD, ...)
        - pattern: commands.getoutput($CMD)
        - pattern: asyncio.create_subprocess_shell($CMD, ...)
        - pattern: $LOOP.subprocess_shell($PROTOCOL, $CMD, ...)
    - focus-metavariable: $CMD
""")

rule(
    lang="python", cls="command-injection", id="python-cmdi-subprocess-shell-true",
    message="""Untrusted input reaches the command of a subprocess call with shell=True, with no
    argument list or shlex.quote() in between: the shell interprets ; | $() and backticks in it.
    Pass an argument list without shell=True, or quote each user part with shlex.quote().""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["subprocess"],
    sources=PY_SOURCES, sanitizers=PY_SHELL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: subprocess.$FUNC($CMD, ..., shell=$SHELL, ...)
        - pattern: subprocess.$FUNC(..., args=$CMD, ..., shell=$SHELL, ...)
        - pattern: subprocess.$FUNC(..., shell=$SHELL, ..., args=$CMD, ...)
    - metavariable-regex:
        metavariable: $FUNC
        regex: ^(run|call|check_call|check_output|Popen)$
    - metavariable-regex:
        metavariable: $SHELL
        regex: ^(True|1)$
    - focus-metavariable: $CMD
""")

rule(
    lang="python", cls="command-injection", id="python-cmdi-shell-c-argument",
    message="""Untrusted input becomes the script of an explicit shell invocation
    (["sh", "-c", cmd], ["bash", "-c", cmd], ["cmd", "/c", cmd]) with no shlex.quote() in between:
    an argument list does not help when the program is a shell. Run the target program directly
    with an argument list, or quote each user part with shlex.quote().""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["subprocess", "os"],
    sources=PY_SOURCES, sanitizers=PY_SHELL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: '["$SH", "$DASH_C", $CMD, ...]'
        - pattern: '("$SH", "$DASH_C", $CMD, ...)'
        - pattern: os.$EXEC($PATH, "$SH", "$DASH_C", $CMD, ...)
    - metavariable-regex:
        metavariable: $SH
        regex: ^((/usr)?/bin/)?(sh|bash|zsh|dash|ksh|ash|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$
    - metavariable-regex:
        metavariable: $DASH_C
        regex: ^(-c|-lc|-ic|/c|/C|-Command)$
    - focus-metavariable: $CMD
""")

# ============================================================ path traversal
# `full = os.path.realpath(...)` then `if not full.startswith(BASE): abort(...)` (or is_relative_to /
# commonpath), or the same check on an inline realpath()/resolve() of the value
PY_PATH_CONTAINMENT = py_resolved_guard(
    ["not $X.startswith(...)", "not $X.is_relative_to(...)",
     "os.path.commonpath([..., $X, ...]) != $BASE", "$BASE != os.path.commonpath([..., $X, ...])"],
    r"""
- pattern: <... os.path.realpath(...) ...>
- pattern: <... os.path.abspath(...) ...>
- pattern: <... os.path.normpath(...) ...>
- pattern: <... $P.resolve(...) ...>
""") + py_guard(r"""
- pattern: not os.path.realpath($X).startswith(...)
- pattern: not os.path.abspath($X).startswith(...)
- pattern: not pathlib.Path($X).resolve().is_relative_to(...)
- pattern: not $X.resolve().is_relative_to(...)
""", r"""
- pattern: |
    if os.path.realpath($X).startswith(...):
      ...
- pattern: |
    if pathlib.Path($X).resolve().is_relative_to(...):
      ...
- pattern: |
    if $X.resolve().is_relative_to(...):
      ...
""")

PY_PATH_SANITIZERS = PY_NUMERIC_SANITIZERS + r"""
- pattern-either:
    - pattern: os.path.basename(...)
    - pattern: werkzeug.utils.secure_filename(...)
    - pattern: werkzeug.secure_filename(...)
    - pattern: django.utils.text.get_valid_filename(...)
    - pattern: pathlib.Path(...).name
    - pattern: pathlib.PurePath(...).name
""" + py_guard(PY_COND_VALIDATOR + PY_COND_PATTERN, PY_POS_VALIDATOR) + PY_PATH_CONTAINMENT

PATH_MSG_CONTROL = """Resolve the path (os.path.realpath() / Path.resolve()) and check that it
    stays under the base directory (startswith / is_relative_to / commonpath) before using it, or
    reduce the name with secure_filename() / os.path.basename()."""

rule(
    lang="python", cls="path-traversal", id="python-path-traversal-open",
    message="""Untrusted input is used as a file path in open() / os / shutil file operations
    with no containment check in between: "../" sequences or an absolute path reach files outside
    the intended directory. """ + PATH_MSG_CONTROL,
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["python", "flask", "django", "fastapi"],
    sources=PY_SOURCES, sanitizers=PY_PATH_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: open($PATH, ...)
        - pattern: io.open($PATH, ...)
        - pattern: os.open($PATH, ...)
        - pattern: codecs.open($PATH, ...)
        - pattern: aiofiles.open($PATH, ...)
        - patterns:
            - pattern: os.$FUNC($PATH, ...)
            - metavariable-regex:
                metavariable: $FUNC
                regex: ^(remove|unlink|rmdir|removedirs|listdir|scandir|rename|replace)$
        - patterns:
            - pattern-either:
                - pattern: shutil.$FUNC($PATH, ...)
                - pattern: shutil.$FUNC($SRC, $PATH, ...)
            - metavariable-regex:
                metavariable: $FUNC
                regex: ^(copy|copy2|copyfile|copytree|move|rmtree)$
    - focus-metavariable: $PATH
""")

rule(
    lang="python", cls="path-traversal", id="python-path-traversal-send-file",
    message="""Untrusted input is used as the path of a file response (flask.send_file(),
    Starlette/FastAPI FileResponse, CherryPy serve_file()/serve_download(), BlackSheep file(), or
    the directory of send_from_directory()) with no containment check in between, so any
    readable file can be downloaded. Use send_from_directory(BASE, name)
    with a constant directory, or """ + PATH_MSG_CONTROL[0].lower() + PATH_MSG_CONTROL[1:],
    confidence="MEDIUM", likelihood="HIGH", impact="HIGH",
    tech=["flask", "fastapi", "starlette", "cherrypy", "blacksheep"],
    sources=PY_SOURCES, sanitizers=PY_PATH_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: flask.send_file($PATH, ...)
        - pattern: flask.helpers.send_file($PATH, ...)
        - pattern: flask.send_from_directory($PATH, ...)
        - pattern: starlette.responses.FileResponse($PATH, ...)
        - pattern: fastapi.responses.FileResponse($PATH, ...)
        - pattern: starlette.responses.FileResponse(..., path=$PATH, ...)
        - pattern: fastapi.responses.FileResponse(..., path=$PATH, ...)
        - pattern: cherrypy.lib.static.serve_file($PATH, ...)
        - pattern: cherrypy.lib.static.serve_download($PATH, ...)
        # BlackSheep's file() serves the file a str names (bytes are content)
        - pattern: blacksheep.file($PATH, ...)
        - pattern: blacksheep.server.responses.file($PATH, ...)
    - focus-metavariable: $PATH
""")

rule(
    lang="python", cls="path-traversal", id="python-path-traversal-pathlib",
    message="""Untrusted input is part of a pathlib.Path that is read, written, opened or deleted
    (read_text, read_bytes, write_text, open, unlink, ...) with no containment check in between.
    Resolve it (Path.resolve()) and check is_relative_to(base) before using it, or reduce the
    name with secure_filename() / Path(name).name.""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["pathlib"],
    sources=PY_SOURCES, sanitizers=PY_PATH_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: $PATH.read_text(...)
        - pattern: $PATH.read_bytes(...)
        - pattern: $PATH.write_text(...)
        - pattern: $PATH.write_bytes(...)
        - patterns:
            - pattern-either:
                - pattern: $PATH.open(...)
                - pattern: $PATH.unlink(...)
                - pattern: $PATH.rmdir(...)
                - pattern: $PATH.touch(...)
                - pattern: $PATH.mkdir(...)
                - pattern: $PATH.rename(...)
                - pattern: $PATH.symlink_to(...)
                - pattern: $PATH.hardlink_to(...)
            # generic names: only on a value built as a Path
            - pattern-either:
                - pattern-inside: |
                    $PATH = <... pathlib.Path(...) ...>
                    ...
                - pattern-inside: |
                    $PATH = $BASE / $NAME
                    ...
                - pattern: pathlib.Path(...).$METHOD(...)
                - pattern: ($BASE / $NAME).$METHOD(...)
    - focus-metavariable: $PATH
""")

PANDAS_READERS = ("^(read_csv|read_json|read_excel|read_parquet|read_feather|read_table|read_fwf|"
                  "read_orc|read_stata|read_sas|read_spss|read_hdf|read_xml|read_html)$")

rule(
    lang="python", cls="path-traversal", id="python-path-traversal-pandas-read",
    message="""Untrusted input is used as the path of a pandas reader (read_csv, read_json,
    read_excel, read_parquet, ...) with no containment check in between: "../" sequences or an
    absolute path read files outside the intended directory, and pandas also fetches http(s)://,
    ftp:// and s3:// URLs given there. """ + PATH_MSG_CONTROL + """ An uploaded file object
    (request.files["f"]) or a buffer can be passed to the reader as it is.""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["pandas", "flask", "fastapi", "django"],
    refs=["https://pandas.pydata.org/docs/reference/io.html"],
    sources=PY_SOURCES, sanitizers=PY_PATH_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: pandas.$READ($PATH, ...)
        - pattern: pandas.$READ(..., filepath_or_buffer=$PATH, ...)
        - pattern: pandas.$READ(..., path_or_buf=$PATH, ...)
        - pattern: pandas.$READ(..., path_or_buffer=$PATH, ...)
        - pattern: pandas.$READ(..., io=$PATH, ...)
        - pattern: pandas.$READ(..., path=$PATH, ...)
    - metavariable-regex:
        metavariable: $READ
        regex: """ + PANDAS_READERS + r"""
    # a file object is read as content: an upload (Flask/Starlette request.files, Django
    # request.FILES, its .stream / .file) or an in-memory buffer
    - pattern-not: pandas.$READ(request.files[...], ...)
    - pattern-not: pandas.$READ(request.files.get(...), ...)
    - pattern-not: pandas.$READ(request.FILES[...], ...)
    - pattern-not: pandas.$READ(request.FILES.get(...), ...)
    - pattern-not: pandas.$READ($UPLOAD.stream, ...)
    - pattern-not: pandas.$READ($UPLOAD.file, ...)
    - pattern-not: pandas.$READ(io.StringIO(...), ...)
    - pattern-not: pandas.$READ(io.BytesIO(...), ...)
    - pattern-not-inside: |
        $PATH = request.files[...]
        ...
    - pattern-not-inside: |
        $PATH = request.files.get(...)
        ...
    - pattern-not-inside: |
        $PATH = request.FILES[...]
        ...
    - pattern-not-inside: |
        $PATH = request.FILES.get(...)
        ...
    - pattern-not-inside: |
        $PATH = io.StringIO(...)
        ...
    - pattern-not-inside: |
        $PATH = io.BytesIO(...)
        ...
    - focus-metavariable: $PATH
""")
