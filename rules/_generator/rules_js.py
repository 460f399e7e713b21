from blocks import *

JS_SOURCES = JS_SERVER_SOURCES
JS_ALL_SOURCES = JS_SERVER_SOURCES + JS_BROWSER_SOURCES

# ============================================================ SSRF
JS_SSRF_PREFIX = r"""
# a constant scheme://host/ prefix: the user part can only reach the path or query
- patterns:
    - pattern: $URLSTR
    - metavariable-regex:
        metavariable: $URLSTR
        regex: ^[`'"]https?://[^/`'"$\s]+/
- patterns:
    - pattern: '"$PREFIX" + $REST'
    - metavariable-regex:
        metavariable: $PREFIX
        regex: ^https?://[^/\s]+/
# `${API_BASE_URL}/users/${id}` or `${process.env.API_URL}/...`: a configured base URL then a slash
- patterns:
    - pattern: $URLSTR
    - metavariable-regex:
        metavariable: $URLSTR
        regex: ^`\$\{(process\.env\.[A-Za-z0-9_]+|([A-Za-z_$][\w$]*\.)*[A-Z][A-Z0-9_]*)\}/
# a path on the app's own origin ("/api/items/" + id, `/api/${id}`): SvelteKit's fetch and the
# browser resolve it against the page, Node's fetch refuses it; "//host" is not a path
- patterns:
    - pattern: $URLSTR
    - metavariable-regex:
        metavariable: $URLSTR
        regex: ^[`'"]/[^/\\`'"$]
- patterns:
    - pattern: '"$PREFIX" + $REST'
    - metavariable-regex:
        metavariable: $PREFIX
        regex: ^/[^/\\]
"""
JS_SSRF_SANITIZERS = JS_NUMERIC_SANITIZERS + JS_SSRF_PREFIX + js_guard(JS_COND_VALIDATOR, JS_POS_VALIDATOR)

rule(
    lang="javascript", cls="ssrf", id="javascript-ssrf-http-client-url",
    message="""Untrusted request data reaches the URL of an outgoing HTTP request (fetch, axios,
    got, superagent, needle, undici, ky, NestJS HttpService, SvelteKit's event.fetch) with no
    host allowlist or URL validator in between. An
    attacker can make the server call internal services or cloud metadata endpoints. Check
    new URL(url).hostname against an allowlist (or call a validator that returns early), or keep
    a constant scheme and host and put user data only in the path or query.""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["node.js", "express", "koa", "fetch", "axios", "got", "nestjs", "sveltekit"],
    sources=JS_SOURCES, sanitizers=JS_SSRF_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: fetch($URL, ...)
        - pattern: axios($URL, ...)
        - pattern: got($URL, ...)
        - pattern: ky($URL, ...)
        - pattern: needle($VERB, $URL, ...)
        - patterns:
            - pattern-either:
                - pattern: axios.$METHOD($URL, ...)
                - pattern: got.$METHOD($URL, ...)
                - pattern: ky.$METHOD($URL, ...)
                - pattern: superagent.$METHOD($URL, ...)
                - pattern: needle.$METHOD($URL, ...)
                - pattern: undici.$METHOD($URL, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(get|post|put|patch|delete|del|head|options|request|fetch|stream)$
        - pattern: 'axios({..., url: $URL, ...})'
        - pattern: 'axios.request({..., url: $URL, ...})'
        - pattern: 'axios.create({..., baseURL: $URL, ...})'
        - pattern: 'got({..., url: $URL, ...})'
        - patterns:
            - pattern-inside: |
                $CLIENT = axios.create(...);
                ...
            - pattern: $CLIENT.$METHOD($URL, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(get|post|put|patch|delete|head|options)$
        # NestJS: the HttpService of @nestjs/axios (this.httpService.get(url), also inside
        # firstValueFrom(...)) and its axios instance (this.httpService.axiosRef.get(url)),
        # known by the field's name in files that import NestJS
        - patterns:
            - pattern-either:
                - pattern-inside: |
                    import '@nestjs/axios';
                    ...
                - pattern-inside: |
                    import '@nestjs/common';
                    ...
            - pattern-either:
                - patterns:
                    - pattern: this.$FIELD.$METHOD($URL, ...)
                    - metavariable-regex:
                        metavariable: $FIELD
                        regex: ^(http|https?Service|httpClient|http_?service|axios)$
                - pattern: this.$FIELD.axiosRef.$METHOD($URL, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(get|post|put|patch|delete|head|options|request)$
        # SvelteKit: event.fetch(url) in a load function, hook or endpoint requests from the
        # server (a fetch destructured from the event is the fetch(url) above)
        - pattern: event.fetch($URL, ...)
    - focus-metavariable: $URL
""")

rule(
    lang="javascript", cls="ssrf", id="javascript-ssrf-node-http-request",
    message="""Untrusted request data reaches the URL or host of a Node http/https request
    (http.request, http.get, https.request, https.get) with no host allowlist or URL validator in
    between. Check new URL(url).hostname against an allowlist before the request, or keep the
    host constant and put user data only in the path.""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["node.js", "express", "koa"],
    sources=JS_SOURCES, sanitizers=JS_SSRF_SANITIZERS,
    sinks=js_module_call(
        ["http", "https", "node:http", "node:https"], "^(request|get)$",
        calls=("$F($URL, ...)",), bare=True)
    # option objects are handled below: only their host / hostname counts
    + "    - metavariable-regex:\n        metavariable: $URL\n        regex: ^[^{]\n    - focus-metavariable: $URL\n"
    + js_module_call(
        ["http", "https", "node:http", "node:https"], "^(request|get)$",
        calls=("$F({..., host: $URL, ...}, ...)", "$F({..., hostname: $URL, ...}, ...)",
               "$F($BASE, {..., host: $URL, ...}, ...)", "$F($BASE, {..., hostname: $URL, ...}, ...)"),
        bare=True)
    + "    - focus-metavariable: $URL\n")

# ============================================================ SQL injection
JS_SQL_SANITIZERS = JS_NUMERIC_SANITIZERS + r"""
# driver escaping
- pattern-either:
    - pattern: mysql.escape(...)
    - pattern: mysql.escapeId(...)
    - pattern: mysql.format(...)
    - pattern: SqlString.escape(...)
    - pattern: SqlString.escapeId(...)
    - pattern: $CONN.escape(...)
    - pattern: $CONN.escapeId(...)
    - pattern: $CONN.escapeLiteral(...)
    - pattern: $CONN.escapeIdentifier(...)
    - pattern: pgFormat(...)
""" + js_guard(JS_COND_VALIDATOR + JS_COND_PATTERN, JS_POS_VALIDATOR)

rule(
    lang="javascript", cls="sql-injection", id="javascript-sqli-string-built-query",
    message="""Untrusted request data is built into the SQL text passed to a database driver
    query (mysql/mysql2/pg query() and execute(), sqlite run/all/get/exec, sequelize.query(),
    TypeORM query(), mssql request.query()/batch()) with no parameterization in between. Keep
    the SQL constant with placeholders (?, $1, :name, @name) and pass the values in the
    parameters array, replacements, or mssql request.input(name, value).""",
    confidence="HIGH", likelihood="HIGH", impact="HIGH",
    tech=["node.js", "mysql", "mysql2", "pg", "sqlite3", "sequelize", "typeorm", "mssql"],
    sources=JS_SOURCES, sanitizers=JS_SQL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - patterns:
            - pattern-either:
                - patterns:
                    - pattern: $DB.$METHOD($SQL, ...)
                    # a config object: only its text / sql property is SQL
                    - metavariable-regex:
                        metavariable: $SQL
                        regex: ^[^{]
                - pattern: '$DB.$METHOD({..., text: $SQL, ...}, ...)'
                - pattern: '$DB.$METHOD({..., sql: $SQL, ...}, ...)'
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(query|execute)$
        - patterns:
            - pattern: $DB.$METHOD($SQL, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(run|all|get|each|exec|prepare|any|one|none|many|oneOrNone|manyOrNone|result|multi)$
            - metavariable-regex:
                metavariable: $DB
                regex: (?i).*(db|sqlite|database|conn|pool|client|knex|tx|t)$
        # mssql (node-mssql): batch(text) on a Request made from a pool (pool.request(),
        # new sql.Request(pool)) or named like one; its query(text) is matched above. The
        # tagged template request.query`...${v}` binds its values and is not a call with text.
        - patterns:
            - pattern-either:
                - pattern: $POOL.request().batch($SQL, ...)
                - patterns:
                    - pattern-either:
                        - pattern-inside: |
                            $REQUEST = $POOL.request();
                            ...
                        - pattern-inside: |
                            $REQUEST = new $MSSQL.Request(...);
                            ...
                        - pattern-inside: |
                            $REQUEST = new Request(...);
                            ...
                    - pattern: $REQUEST.batch($SQL, ...)
                - patterns:
                    - pattern: $REQUEST.batch($SQL, ...)
                    - metavariable-regex:
                        metavariable: $REQUEST
                        regex: (?i)^[\w$.]*request$
    # a tagged template (request.query`... ${v}`, sql.query`...`) sends its values as parameters
    - pattern-not: $TAGGED.$FUNCTION`...`
    - focus-metavariable: $SQL
""")

rule(
    lang="javascript", cls="sql-injection", id="javascript-sqli-raw-fragment",
    message="""Untrusted request data is built into a raw SQL fragment of a query builder or ORM
    (knex.raw/whereRaw/orderByRaw..., AdonisJS Lucid rawQuery(), Sequelize literal(), Prisma
    $queryRawUnsafe / $executeRawUnsafe) with no parameterization in between. Pass the values as
    bindings (knex.raw('... ?', [value]), db.rawQuery('... ?', [value]), ?? for identifiers),
    or use Prisma's tagged $queryRaw`...`.""",
    confidence="HIGH", likelihood="HIGH", impact="HIGH",
    tech=["node.js", "knex", "sequelize", "prisma", "adonisjs"],
    sources=JS_SOURCES, sanitizers=JS_SQL_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - patterns:
            - pattern: $Q.$METHOD($SQL, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(raw|rawQuery|whereRaw|orWhereRaw|andWhereRaw|whereNotRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|onRaw|selectRaw|\$queryRawUnsafe|\$executeRawUnsafe)$
        - pattern: Sequelize.literal($SQL)
        - pattern: sequelize.literal($SQL)
        - pattern: $SEQ.literal($SQL)
    - focus-metavariable: $SQL
""")

# ============================================================ XSS
JS_HTML_SANITIZERS = JS_NUMERIC_SANITIZERS + r"""
# HTML sanitizers and escapers
- pattern-either:
    - pattern: DOMPurify.sanitize(...)
    - pattern: $PURIFY.sanitize(...)
    - pattern: sanitizeHtml(...)
    - pattern: sanitize(...)
    - pattern: escapeHtml(...)
    - pattern: escapeHTML(...)
    - pattern: escape(...)
    - pattern: he.encode(...)
    - pattern: he.escape(...)
    - pattern: _.escape(...)
    - pattern: lodash.escape(...)
    - pattern: validator.escape(...)
    - pattern: xss(...)
    - pattern: filterXSS(...)
""" + js_guard(JS_COND_VALIDATOR + JS_COND_PATTERN, JS_POS_VALIDATOR)

rule(
    lang="javascript", cls="xss", id="javascript-xss-dom-html-sink",
    message="""Untrusted data (URL, cookie, window.name, postMessage, request data) is written
    as HTML (innerHTML, outerHTML, insertAdjacentHTML, document.write, createContextualFragment,
    Solid's innerHTML={...} prop, Vue render-function innerHTML / domProps.innerHTML props, lit
    unsafeHTML() / unsafeSVG()) with no HTML sanitizer or escaping in between. Use textContent /
    innerText (or a text child / ${value} in a lit template) for text, or sanitize the markup
    with DOMPurify.sanitize().""",
    confidence="HIGH", likelihood="MEDIUM", impact="MEDIUM",
    tech=["browser", "dom", "solid", "vue", "lit"],
    refs=["https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html"],
    sources=JS_ALL_SOURCES, sanitizers=JS_HTML_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        # also matches `el.innerHTML += html` (semgrep reads it as el.innerHTML = el.innerHTML + html)
        - pattern: $EL.innerHTML = $HTML
        - pattern: $EL.outerHTML = $HTML
        - pattern: $EL.insertAdjacentHTML($POS, $HTML)
        - pattern: document.write(..., $HTML, ...)
        - pattern: document.writeln(..., $HTML, ...)
        - pattern: $RANGE.createContextualFragment($HTML)
        - pattern: $EL.setHTMLUnsafe($HTML)
        # Solid (and Vue's JSX, Stencil): <div innerHTML={html} /> sets the element's innerHTML
        - pattern: <$TAG innerHTML={$HTML} />
        - pattern: <$TAG innerHTML={$HTML}>...</$TAG>
        - pattern: <$TAG outerHTML={$HTML} />
        - pattern: <$TAG outerHTML={$HTML}>...</$TAG>
        # Vue render functions: h("div", { innerHTML: html }), createElement, createVNode;
        # Object.assign(el, { innerHTML: html }); Vue 2's { domProps: { innerHTML: html } }
        - patterns:
            - pattern-either:
                - pattern: '$CREATE($TAG, {..., innerHTML: $HTML, ...}, ...)'
                - pattern: '$CREATE($TAG, {..., outerHTML: $HTML, ...}, ...)'
            - metavariable-regex:
                metavariable: $CREATE
                regex: ^([\w$]+\.)?(h|createElement|createVNode)$
        - pattern: 'Object.assign($EL, {..., innerHTML: $HTML, ...}, ...)'
        - pattern: 'Object.assign($EL, {..., outerHTML: $HTML, ...}, ...)'
        - pattern: '{..., domProps: {..., innerHTML: $HTML, ...}, ...}'
        # lit: unsafeHTML(html) / unsafeSVG(svg) render the string as markup in a template
        - patterns:
            - pattern-either:
                - pattern-inside: |
                    import 'lit/directives/unsafe-html.js';
                    ...
                - pattern-inside: |
                    import 'lit/directives/unsafe-html';
                    ...
                - pattern-inside: |
                    import 'lit-html/directives/unsafe-html.js';
                    ...
                - pattern-inside: |
                    import 'lit-html/directives/unsafe-html';
                    ...
            - pattern: unsafeHTML($HTML)
        - patterns:
            - pattern-either:
                - pattern-inside: |
                    import 'lit/directives/unsafe-svg.js';
                    ...
                - pattern-inside: |
                    import 'lit/directives/unsafe-svg';
                    ...
                - pattern-inside: |
                    import 'lit-html/directives/unsafe-svg.js';
                    ...
                - pattern-inside: |
                    import 'lit-html/directives/unsafe-svg';
                    ...
            - pattern: unsafeSVG($HTML)
    - focus-metavariable: $HTML
""")

rule(
    lang="javascript", cls="xss", id="javascript-xss-react-dangerously-set-inner-html",
    message="""Untrusted data (URL, cookie, window.name, postMessage, request data) reaches
    React dangerouslySetInnerHTML={{ __html: ... }} with no HTML sanitizer in between. Render
    it as a normal JSX child (React escapes text), or sanitize it with DOMPurify.sanitize().""",
    confidence="HIGH", likelihood="MEDIUM", impact="MEDIUM",
    tech=["react", "next.js"],
    refs=["https://react.dev/reference/react-dom/components/common#dangerously-setting-the-inner-html"],
    sources=JS_ALL_SOURCES, sanitizers=JS_HTML_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: '{..., __html: $HTML, ...}'
    - focus-metavariable: $HTML
""")

rule(
    lang="javascript", cls="xss", id="javascript-xss-jquery-html",
    message="""Untrusted data (URL, cookie, window.name, postMessage, request data) is inserted
    as HTML with jQuery (.html(), .append(), .prepend(), .after(), .before(), .replaceWith(),
    $.parseHTML()) with no HTML sanitizer or escaping in between. Use .text() for text, or
    sanitize the markup with DOMPurify.sanitize().""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="MEDIUM",
    tech=["jquery", "browser"],
    sources=JS_ALL_SOURCES, sanitizers=JS_HTML_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: $JQ.html($HTML)
        - pattern: $.parseHTML($HTML, ...)
        - pattern: jQuery.parseHTML($HTML, ...)
        - patterns:
            - pattern: $JQ.$METHOD(..., $HTML, ...)
            - metavariable-regex:
                metavariable: $METHOD
                regex: ^(append|prepend|after|before|replaceWith|wrap|wrapAll|wrapInner|insertAfter|insertBefore|appendTo|prependTo)$
            - metavariable-regex:
                metavariable: $JQ
                regex: ^(\$|jQuery\b)
    - focus-metavariable: $HTML
""")

rule(
    lang="javascript", cls="xss", id="javascript-xss-express-response",
    message="""Untrusted request data is written into an HTML response (res.send, res.write,
    res.end, Koa ctx.body) with no HTML escaping or sanitizer in between; Express sends strings as
    text/html. Render a template with autoescaping, send JSON with res.json(), or escape the
    value (escape-html, he.encode()).""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="MEDIUM",
    tech=["node.js", "express", "koa"],
    sources=JS_SOURCES, sanitizers=JS_HTML_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - patterns:
            - pattern-either:
                - pattern: $RES.send($BODY)
                - pattern: $RES.write($BODY, ...)
                - pattern: $RES.end($BODY, ...)
                - pattern: $RES.status(...).send($BODY)
            - metavariable-regex:
                metavariable: $RES
                regex: ^(res|response|reply)$
        - pattern: ctx.body = $BODY
    - pattern-not: $RES.send({...})
    - pattern-not: ctx.body = {...}
    - pattern-not-inside: |
        $RES.type("json");
        ...
    - pattern-not-inside: |
        $RES.type("text/plain");
        ...
    - pattern-not-inside: |
        $RES.type("text");
        ...
    - pattern-not-inside: |
        $RES.set("Content-Type", "text/plain");
        ...
    - pattern-not-inside: |
        $RES.setHeader("Content-Type", "text/plain");
        ...
    - focus-metavariable: $BODY
""")

# ============================================================ command injection
JS_SHELL_SANITIZERS = JS_NUMERIC_SANITIZERS + r"""
- pattern-either:
    - pattern: shellescape(...)
    - pattern: shellEscape(...)
    - pattern: quote([...])
    - pattern: shellQuote.quote(...)
    - pattern: $SQ.quote([...])
""" + js_guard(JS_COND_VALIDATOR + JS_COND_PATTERN, JS_POS_VALIDATOR)

rule(
    lang="javascript", cls="command-injection", id="javascript-cmdi-child-process-exec",
    message="""Untrusted request data is built into a command string run by a shell
    (child_process exec/execSync, shelljs exec, execa's command()) with no argument list or
    shell escaping in between. Use execFile()/spawn() with an argument array and no shell, or
    check the value against an allowlist.""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["node.js", "child_process", "shelljs", "execa"],
    sources=JS_SOURCES, sanitizers=JS_SHELL_SANITIZERS,
    sinks=js_module_call(["child_process", "node:child_process"], "^(exec|execSync)$",
                         calls=("$F($CMD, ...)",))
    + "    - focus-metavariable: $CMD\n" + r"""
- patterns:
    - pattern-either:
        - pattern: shell.exec($CMD, ...)
        - pattern: shelljs.exec($CMD, ...)
        - pattern: execa.command($CMD, ...)
        - pattern: execa.commandSync($CMD, ...)
        - pattern: execaCommand($CMD, ...)
        - pattern: execaCommandSync($CMD, ...)
        - patterns:
            - pattern-either:
                - pattern-inside: |
                    $RUN = $UTIL.promisify($EXEC);
                    ...
                - pattern-inside: |
                    $RUN = promisify($EXEC);
                    ...
            - metavariable-regex:
                metavariable: $EXEC
                regex: ^((child_process|cp|childProcess|proc)\.)?(exec)$
            - pattern: $RUN($CMD, ...)
    - focus-metavariable: $CMD
""")

rule(
    lang="javascript", cls="command-injection", id="javascript-cmdi-spawn-shell",
    message="""Untrusted request data reaches a child_process spawn/execFile call that runs a
    shell ({ shell: true }, or an explicit "sh -c" / "cmd /c" program) with no allowlist or shell
    escaping in between: the shell interprets ; | $() and backticks in it. Run the target program
    directly with an argument array and no shell option.""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["node.js", "child_process"],
    sources=JS_SOURCES, sanitizers=JS_SHELL_SANITIZERS,
    sinks=js_module_call(
        ["child_process", "node:child_process"], "^(spawn|spawnSync|execFile|execFileSync)$",
        calls=("$F($CMD, {..., shell: $SHELL, ...})", "$F($CMD, [...], {..., shell: $SHELL, ...})",
               "$F($PROG, $CMD, {..., shell: $SHELL, ...})"))
    + r"""    - metavariable-regex:
        metavariable: $SHELL
        regex: ^(?!false$|0$|undefined$|null$)
    - focus-metavariable: $CMD
""" + js_module_call(
        ["child_process", "node:child_process"], "^(spawn|spawnSync|execFile|execFileSync)$",
        calls=("$F($SH, [$DASH_C, $CMD, ...], ...)",))
    + r"""    - metavariable-regex:
        metavariable: $SH
        regex: ^[`'"]((/usr)?/bin/)?(sh|bash|zsh|dash|ksh|ash|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)[`'"]$
    - metavariable-regex:
        metavariable: $DASH_C
        regex: ^[`'"](-c|-lc|-ic|/c|/C|-Command)[`'"]$
    - focus-metavariable: $CMD
""")

rule(
    lang="javascript", cls="command-injection", id="javascript-cmdi-execa-shell",
    message="""Untrusted request data reaches an execa call that runs a shell ({ shell: true }
    or a shell's path, which joins the file and its arguments into one command line, or an
    explicit "sh -c" program) with no allowlist or shell escaping in between. Drop the shell
    option and pass the program and an argument array (or use the template syntax without a
    shell: each value is one argument).""",
    confidence="HIGH", likelihood="MEDIUM", impact="HIGH",
    tech=["node.js", "execa"],
    sources=JS_SOURCES, sanitizers=JS_SHELL_SANITIZERS,
    sinks=js_module_call(
        ["execa"], r"^(execa|execaSync|\$)$",
        calls=("$F($CMD, {..., shell: $SHELL, ...})", "$F($CMD, [...], {..., shell: $SHELL, ...})",
               "$F($PROG, $CMD, {..., shell: $SHELL, ...})"))
    + r"""    - metavariable-regex:
        metavariable: $SHELL
        regex: ^(?!false$|0$|undefined$|null$|''$|""$)
    - focus-metavariable: $CMD
""" + js_module_call(["execa"], r"^(execa|execaSync|\$)$", calls=("$F($SH, [$DASH_C, $CMD, ...], ...)",))
    + r"""    - metavariable-regex:
        metavariable: $SH
        regex: ^[`'"]((/usr)?/bin/)?(sh|bash|zsh|dash|ksh|ash)[`'"]$
    - metavariable-regex:
        metavariable: $DASH_C
        regex: ^[`'"](-c|-lc|-ic)[`'"]$
    - focus-metavariable: $CMD
""")

# ============================================================ path traversal
JS_PATH_SANITIZERS = JS_NUMERIC_SANITIZERS + r"""
- pattern-either:
    - pattern: path.basename(...)
    - pattern: path.posix.basename(...)
    - pattern: path.win32.basename(...)
    - pattern: sanitizeFilename(...)
    - pattern: sanitize(...)
    - pattern: encodeURIComponent(...)
""" + js_guard(JS_COND_VALIDATOR + JS_COND_PATTERN, JS_POS_VALIDATOR) + js_resolved_guard(
    ["!$X.startsWith(...)"],
    r"""
- pattern: path.resolve(...)
- pattern: path.join(...)
- pattern: path.normalize(...)
- pattern: fs.realpathSync(...)
- pattern: await fs.promises.realpath(...)
""")

FS_FUNCS = ("^(readFile|readFileSync|createReadStream|createWriteStream|writeFile|writeFileSync|"
            "appendFile|appendFileSync|open|openSync|unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|"
            "readdir|readdirSync|copyFile|copyFileSync|rename|renameSync|mkdir|mkdirSync|"
            "outputFile|outputFileSync|remove|removeSync|readJson|readJsonSync|writeJson)$")

rule(
    lang="javascript", cls="path-traversal", id="javascript-path-traversal-fs",
    message="""Untrusted request data is used as a file path in an fs call (readFile,
    createReadStream, writeFile, unlink, ...) or as the local path of Azure Storage
    downloadToFile() with no containment check in between: "../"
    sequences or an absolute path reach files outside the intended directory. Resolve the path
    with path.resolve(base, name) and check that it starts with the base directory plus a
    separator before using it, or reduce the name with path.basename().""",
    confidence="MEDIUM", likelihood="MEDIUM", impact="HIGH",
    tech=["node.js", "fs", "express", "azure-storage"],
    sources=JS_SOURCES, sanitizers=JS_PATH_SANITIZERS,
    sinks=js_module_call(["fs", "node:fs", "fs/promises", "node:fs/promises", "fs-extra"], FS_FUNCS,
                         calls=("$F($PATH, ...)",))
    + "    - focus-metavariable: $PATH\n" + r"""
# Azure Storage: blobClient.downloadToFile(localPath) writes the blob where the path points
- patterns:
    - pattern: $BLOB.downloadToFile($PATH, ...)
    - focus-metavariable: $PATH
- patterns:
    - pattern-either:
        - pattern: fs.promises.$F($PATH, ...)
        - patterns:
            - pattern-either:
                - pattern: fs.$F($SRC, $PATH, ...)
                - pattern: fs.promises.$F($SRC, $PATH, ...)
            - metavariable-regex:
                metavariable: $F
                regex: ^(copyFile|copyFileSync|rename|renameSync)$
    - metavariable-regex:
        metavariable: $F
        regex: """ + FS_FUNCS + r"""
    - focus-metavariable: $PATH
""")

rule(
    lang="javascript", cls="path-traversal", id="javascript-path-traversal-express-sendfile",
    message="""Untrusted request data is used as the path of res.sendFile() / res.download()
    (also AdonisJS response.download() / attachment()) without the root option and with no containment check in between, so any readable file can
    be downloaded. Pass the name relative to a constant directory with
    res.sendFile(name, { root: dir }), or resolve the path and check that it stays under the
    base directory.""",
    confidence="HIGH", likelihood="HIGH", impact="HIGH",
    tech=["node.js", "express"],
    refs=["https://expressjs.com/en/api.html#res.sendFile"],
    sources=JS_SOURCES, sanitizers=JS_PATH_SANITIZERS,
    sinks=r"""
- patterns:
    - pattern-either:
        - pattern: $RES.sendFile($PATH, ...)
        - pattern: $RES.download($PATH, ...)
        # AdonisJS response.attachment(path, name?) streams the file at the path. Express's
        # res.attachment(name) and Koa's ctx.attachment(name, options?) only set the download
        # name (Content-Disposition): only in a file importing AdonisJS, or on a `response`
        # destructured from the handler's context (`async show({ request, response })`).
        - patterns:
            - pattern: $RES.attachment($PATH, ...)
            - pattern-either:
                - patterns:
                    - pattern-either:
                        - pattern-inside: |
                            import $IMPORTED from "$MODULE";
                            ...
                        - pattern-inside: |
                            import { $IMPORTED } from "$MODULE";
                            ...
                    - metavariable-regex:
                        metavariable: $MODULE
                        regex: ^(@adonisjs/|@ioc:Adonis/)
                - patterns:
                    - pattern-either:
                        - pattern-inside: |
                            function $HANDLER({..., response, ...}, ...) { ... }
                        - pattern-inside: |
                            $HANDLER({..., response, ...}, ...) { ... }
                        - pattern-inside: |
                            ({..., response, ...}, ...) => { ... }
                    - pattern: response.attachment($PATH, ...)
    - pattern-not: '$RES.sendFile($PATH, {..., root: $ROOT, ...}, ...)'
    - pattern-not: '$RES.download($PATH, {..., root: $ROOT, ...}, ...)'
    - pattern-not: '$RES.download($PATH, $NAME, {..., root: $ROOT, ...}, ...)'
    - focus-metavariable: $PATH
""")
