; Express: a cookie session (express-session, cookie-session, cookie-parser) registered at
; the top of a file that also registers POST/PUT/PATCH/DELETE routes, with no CSRF
; middleware (csurf, csrf-csrf, csrf-sync, lusca: an import or a csrf...() call) and no
; SameSite=Strict/Lax cookie anywhere in it.
; The file lacks CSRF protection once: one finding, on the session middleware
; (express-session, else cookie-session), on cookie-parser only when it is the only one.
((program
   (expression_statement
     (call_expression
       function: (member_expression property: (property_identifier) @_use)
       arguments: (arguments
         (call_expression
           function: (identifier) @_middleware))) @sink.call)
   (expression_statement
     (call_expression
       function: (member_expression
         object: (identifier) @_router
         property: (property_identifier) @_method)
       arguments: (arguments . (string)))))
  @_program
 (#eq? @_use "use")
 (#any-of? @_middleware "session" "expressSession")
 (#match? @_router "^(app|router|server|api|[a-z]\\w*Router)$")
 (#any-of? @_method "post" "put" "patch" "delete")
 (#not-match? @_program "[\"'`](csurf|csrf-csrf|csrf-sync|tiny-csrf|lusca|@[\\w.-]+/csurf)[\"'`]|\\b[cx]srf\\w*\\s*\\(|[cC]srf(Protection|Middleware|Sync)\\b|doubleCsrf|(?i:samesite)\\s*:\\s*([\"'`](?i:strict|lax)[\"'`]|true)")
 (#set! unguarded.sink "cookie session with state-changing routes and no CSRF check")
 (#set! unguarded.rule "missing-csrf"))

; ... cookie-session, when the file has no express-session.
((program
   (expression_statement
     (call_expression
       function: (member_expression property: (property_identifier) @_use)
       arguments: (arguments
         (call_expression
           function: (identifier) @_middleware))) @sink.call)
   (expression_statement
     (call_expression
       function: (member_expression
         object: (identifier) @_router
         property: (property_identifier) @_method)
       arguments: (arguments . (string)))))
  @_program
 (#eq? @_use "use")
 (#any-of? @_middleware "cookieSession")
 (#match? @_router "^(app|router|server|api|[a-z]\\w*Router)$")
 (#any-of? @_method "post" "put" "patch" "delete")
 (#not-match? @_program "[\"'`](csurf|csrf-csrf|csrf-sync|tiny-csrf|lusca|@[\\w.-]+/csurf)[\"'`]|\\b[cx]srf\\w*\\s*\\(|[cC]srf(Protection|Middleware|Sync)\\b|doubleCsrf|(?i:samesite)\\s*:\\s*([\"'`](?i:strict|lax)[\"'`]|true)")
 (#not-match? @_program "\\buse\\s*\\(\\s*([^()]*,\\s*)?(session|expressSession)\\s*\\(")
 (#set! unguarded.sink "cookie session with state-changing routes and no CSRF check")
 (#set! unguarded.rule "missing-csrf"))

; ... cookie-parser, when it is the file's only cookie middleware.
((program
   (expression_statement
     (call_expression
       function: (member_expression property: (property_identifier) @_use)
       arguments: (arguments
         (call_expression
           function: (identifier) @_middleware))) @sink.call)
   (expression_statement
     (call_expression
       function: (member_expression
         object: (identifier) @_router
         property: (property_identifier) @_method)
       arguments: (arguments . (string)))))
  @_program
 (#eq? @_use "use")
 (#any-of? @_middleware "cookieParser")
 (#match? @_router "^(app|router|server|api|[a-z]\\w*Router)$")
 (#any-of? @_method "post" "put" "patch" "delete")
 (#not-match? @_program "[\"'`](csurf|csrf-csrf|csrf-sync|tiny-csrf|lusca|@[\\w.-]+/csurf)[\"'`]|\\b[cx]srf\\w*\\s*\\(|[cC]srf(Protection|Middleware|Sync)\\b|doubleCsrf|(?i:samesite)\\s*:\\s*([\"'`](?i:strict|lax)[\"'`]|true)")
 (#not-match? @_program "\\buse\\s*\\(\\s*([^()]*,\\s*)?(session|expressSession|cookieSession)\\s*\\(")
 (#set! unguarded.sink "cookie session with state-changing routes and no CSRF check")
 (#set! unguarded.rule "missing-csrf"))
