; A call that deletes a cookie (an options object with maxAge: 0 or expires: new Date(0),
; as res.clearCookie and Next.js cookies().delete do) leaves no session behind: the
; patterns on session names below skip it.

; res.cookie(name, value, { secure: false }) / httpOnly: false (Express, Fastify's
; reply.setCookie, Koa's ctx.cookies.set).
((call_expression
   function: (member_expression
     object: (_) @_response
     property: (property_identifier) @_method)
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_flag
         value: (false)) @sink.arg))) @sink.call
 (#match? @_response "^(res|response|reply|resp)$|cookies(\\(\\s*\\)\\s*\\)?)?$")
 (#any-of? @_method "cookie" "setCookie" "set")
 (#any-of? @_flag "secure" "httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; sameSite: "none" without secure: true sends the cookie on cross-site requests.
((call_expression
   function: (member_expression
     object: (_) @_response
     property: (property_identifier) @_method)
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_samesite
         value: (string) @_none) @sink.arg) @_options)) @sink.call
 (#match? @_response "^(res|response|reply|resp)$|cookies(\\(\\s*\\)\\s*\\)?)?$")
 (#any-of? @_method "cookie" "setCookie" "set")
 (#eq? @_samesite "sameSite")
 (#match? @_none "^[\"'`](?i:none)[\"'`]$")
 (#not-match? @_options "secure\\s*:\\s*true")
 (#set! unguarded.rule "insecure-cookie"))

; A session or auth cookie set with no options: Express defaults to neither Secure nor
; HttpOnly.
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_method)
   arguments: (arguments . (_) . (_) .) @_arguments) @sink.call
 (#match? @_response "^(res|response|reply|resp)$")
 (#any-of? @_method "cookie" "setCookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#set! unguarded.sink "res.cookie() without secure/httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; ... or with an options object that leaves out secure ...
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_method)
   arguments: (arguments
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#match? @_response "^(res|response|reply|resp)$")
 (#any-of? @_method "cookie" "setCookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_options "\\bsecure\\b|\\.\\.\\.")
 (#set! unguarded.sink "res.cookie() without secure: true")
 (#set! unguarded.rule "insecure-cookie"))

; ... or that leaves out httpOnly (not needed for a CSRF cookie, which scripts must read).
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_method)
   arguments: (arguments
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#match? @_response "^(res|response|reply|resp)$")
 (#eq? @_method "cookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_arguments "(?i:csrf|xsrf)")
 (#not-match? @_options "\\bhttpOnly\\b|\\.\\.\\.")
 (#set! unguarded.sink "res.cookie() without httpOnly: true")
 (#set! unguarded.rule "insecure-cookie"))

; Koa: ctx.cookies.set(name, value[, options]) for a session or auth cookie. Koa's
; cookies are HttpOnly by default, Secure only when the request came over HTTPS (behind
; a proxy only with app.proxy): a session cookie has to say secure: true.
((call_expression
   function: (member_expression
     object: (member_expression
       object: (identifier) @_context
       property: (property_identifier) @_jar)
     property: (property_identifier) @_method)
   arguments: (arguments . (_) . (_) .) @_arguments) @sink.call
 (#any-of? @_context "ctx" "context")
 (#eq? @_jar "cookies")
 (#eq? @_method "set")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#set! unguarded.sink "ctx.cookies.set() without secure: true")
 (#set! unguarded.rule "insecure-cookie"))

; ... or with an options object that leaves out secure.
((call_expression
   function: (member_expression
     object: (member_expression
       object: (identifier) @_context
       property: (property_identifier) @_jar)
     property: (property_identifier) @_method)
   arguments: (arguments
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#any-of? @_context "ctx" "context")
 (#eq? @_jar "cookies")
 (#eq? @_method "set")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_options "\\bsecure\\b|\\.\\.\\.")
 (#set! unguarded.sink "ctx.cookies.set() without secure: true")
 (#set! unguarded.rule "insecure-cookie"))

; Hono: setCookie(c, name, value, options) from hono/cookie sets neither Secure nor
; HttpOnly unless asked: a session or auth cookie with no options, or options without
; secure or without httpOnly, or with either set to false.
((call_expression
   function: (identifier) @_set
   arguments: (arguments . (_) . (_) . (_) .) @_arguments) @sink.call
 (#eq? @_set "setCookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#set! unguarded.module "hono/cookie")
 (#set! unguarded.sink "setCookie() without secure/httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; ... with options that do not say secure: true ...
((call_expression
   function: (identifier) @_set
   arguments: (arguments
     . (_)
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#eq? @_set "setCookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_options "\\bsecure\\s*:\\s*true\\b|\\.\\.\\.")
 (#set! unguarded.module "hono/cookie")
 (#set! unguarded.sink "setCookie() without secure: true")
 (#set! unguarded.rule "insecure-cookie"))

; ... or that do not say httpOnly: true (a CSRF cookie excepted).
((call_expression
   function: (identifier) @_set
   arguments: (arguments
     . (_)
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#eq? @_set "setCookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_arguments "(?i:csrf|xsrf)")
 (#not-match? @_options "\\bhttpOnly\\s*:\\s*true\\b|\\.\\.\\.")
 (#set! unguarded.module "hono/cookie")
 (#set! unguarded.sink "setCookie() without httpOnly: true")
 (#set! unguarded.rule "insecure-cookie"))

; Next.js: cookies().set(name, value) / (await cookies()).set(...) / response.cookies.set(...)
; sets neither Secure nor HttpOnly by default: a session or auth cookie needs both.
((call_expression
   function: (member_expression
     object: (_) @_jar
     property: (property_identifier) @_method)
   arguments: (arguments . (_) . (_) .) @_arguments) @sink.call
 (#match? @_jar "^(\\(\\s*await\\s+cookies\\(\\s*\\)\\s*\\)|cookies\\(\\s*\\)|(res|resp|response|\\w*Response)\\.cookies)$")
 (#eq? @_method "set")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#set! unguarded.sink "cookies().set() without secure/httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; Next.js with options: reported when they leave out secure or httpOnly.
((call_expression
   function: (member_expression
     object: (_) @_jar
     property: (property_identifier) @_method)
   arguments: (arguments
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#match? @_jar "^(\\(\\s*await\\s+cookies\\(\\s*\\)\\s*\\)|cookies\\(\\s*\\)|(res|resp|response|\\w*Response)\\.cookies)$")
 (#eq? @_method "set")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_arguments "(?i:csrf|xsrf)")
 (#not-match? @_options "\\bsecure\\b.*\\bhttpOnly\\b|\\bhttpOnly\\b.*\\bsecure\\b|\\.\\.\\.")
 (#set! unguarded.sink "cookies().set() without secure or httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; Next.js: the cookie store kept in a name (`const jar = await cookies(); jar.set(...)`,
; `const store = cookies()`), in a file importing next/headers: the same forms as above.
((call_expression
   function: (member_expression
     object: (identifier) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) . (_) .) @_arguments) @sink.call
 (#eq? @_method "set")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#set! unguarded.receiver "cookies")
 (#set! unguarded.file_module "next/headers")
 (#set! unguarded.sink "cookies().set() without secure/httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; ... with options that leave out secure or httpOnly.
((call_expression
   function: (member_expression
     object: (identifier) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . (_)
     . (_)
     . (object) @_options .) @_arguments) @sink.call
 (#eq? @_method "set")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "\\bmaxAge\\s*:\\s*0\\s*[,}]|\\bexpires\\s*:\\s*new\\s+Date\\(\\s*0\\s*\\)")
 (#not-match? @_arguments "(?i:csrf|xsrf)")
 (#not-match? @_options "\\bsecure\\b.*\\bhttpOnly\\b|\\bhttpOnly\\b.*\\bsecure\\b|\\.\\.\\.")
 (#set! unguarded.receiver "cookies")
 (#set! unguarded.file_module "next/headers")
 (#set! unguarded.sink "cookies().set() without secure or httpOnly")
 (#set! unguarded.rule "insecure-cookie"))

; ... with secure: false or httpOnly: false.
((call_expression
   function: (member_expression
     object: (identifier) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_flag
         value: (false)) @sink.arg))) @sink.call
 (#eq? @_method "set")
 (#any-of? @_flag "secure" "httpOnly")
 (#set! unguarded.receiver "cookies")
 (#set! unguarded.file_module "next/headers")
 (#set! unguarded.rule "insecure-cookie"))

; ... with sameSite: "none" and no secure: true.
((call_expression
   function: (member_expression
     object: (identifier) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_samesite
         value: (string) @_none) @sink.arg) @_options)) @sink.call
 (#eq? @_method "set")
 (#eq? @_samesite "sameSite")
 (#match? @_none "^[\"'`](?i:none)[\"'`]$")
 (#not-match? @_options "secure\\s*:\\s*true")
 (#set! unguarded.receiver "cookies")
 (#set! unguarded.file_module "next/headers")
 (#set! unguarded.rule "insecure-cookie"))

; express-session: session({ cookie: { secure: false } }) / httpOnly: false.
((pair
   key: (property_identifier) @_cookie
   value: (object
     (pair
       key: (property_identifier) @_flag
       value: (false)) @sink.arg)) @sink.call
 (#eq? @_cookie "cookie")
 (#any-of? @_flag "secure" "httpOnly")
 (#set! unguarded.sink "session cookie options")
 (#set! unguarded.rule "insecure-cookie"))

; cookie-session: cookieSession({ secure: false }) / httpOnly: false, reported on the
; offending option.
((call_expression
   function: (identifier)
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_flag
         value: (false)) @sink.arg @sink.call)))
 (#any-of? @_flag "secure" "httpOnly")
 (#set! unguarded.sink "cookieSession() option")
 (#set! unguarded.module "cookie-session")
 (#set! unguarded.rule "insecure-cookie"))

; Hapi: server.state(name, { isSecure: false }) / h.state(name, value, { isHttpOnly: false })
; (Hapi's defaults are Secure and HttpOnly; only an explicit false is reported).
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_flag
         value: (false)) @sink.arg))) @sink.call
 (#eq? @_method "state")
 (#any-of? @_flag "isSecure" "isHttpOnly")
 (#set! unguarded.sink "Hapi cookie state")
 (#set! unguarded.rule "insecure-cookie"))

; @hapi/cookie and yar: cookie: { isSecure: false } / cookieOptions: { isHttpOnly: false }.
((pair
   key: (property_identifier) @_cookie
   value: (object
     (pair
       key: (property_identifier) @_flag
       value: (false)) @sink.arg)) @sink.call
 (#any-of? @_cookie "cookie" "cookieOptions")
 (#any-of? @_flag "isSecure" "isHttpOnly")
 (#set! unguarded.sink "Hapi cookie options")
 (#set! unguarded.rule "insecure-cookie"))
