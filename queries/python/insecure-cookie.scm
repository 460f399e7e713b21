; set_cookie(..., secure=False) / httponly=False: Flask, Django and Starlette responses;
; Falcon spells the flag http_only.
((call
   function: (attribute attribute: (identifier) @_set)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_flag
       value: (false)) @sink.arg)) @sink.call
 (#eq? @_set "set_cookie")
 (#any-of? @_flag "secure" "httponly" "http_only")
 (#set! unguarded.rule "insecure-cookie"))

; samesite="None" sends the cookie on cross-site requests; without secure=True browsers
; drop it or it travels in clear text.
((call
   function: (attribute attribute: (identifier) @_set)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_samesite
       value: (string) @_none) @sink.arg) @_arguments) @sink.call
 (#eq? @_set "set_cookie")
 (#eq? @_samesite "samesite")
 (#match? @_none "^[\"'](?i:none)[\"']$")
 (#not-match? @_arguments "secure\\s*=\\s*True")
 (#set! unguarded.rule "insecure-cookie"))

; A session or auth cookie set without secure= (the default is False).
((call
   function: (attribute attribute: (identifier) @_set)
   arguments: (argument_list) @_arguments) @sink.call
 (#eq? @_set "set_cookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "secure\\s*=|\\*\\*|(max_age|expires)\\s*=\\s*0\\b")
 (#set! unguarded.sink "set_cookie() without secure=True")
 (#set! unguarded.rule "insecure-cookie"))

; ... or without httponly= (the default is False): any script on the page can read it.
; Falcon's keyword is http_only= (either spelling sets the flag).
((call
   function: (attribute attribute: (identifier) @_set)
   arguments: (argument_list) @_arguments) @sink.call
 (#eq? @_set "set_cookie")
 (#match? @_arguments "(?i)sess|token|auth|jwt|remember|login|(^|[^a-z])sid([^a-z]|$)")
 (#not-match? @_arguments "http_?only\\s*=|\\*\\*|(max_age|expires)\\s*=\\s*0\\b|(?i:csrf|xsrf)")
 (#set! unguarded.sink "set_cookie() without httponly=True")
 (#set! unguarded.rule "insecure-cookie"))

; Session and CSRF cookie settings turned off (Django settings, Flask config).
((assignment
   left: [(identifier) @_setting
          (subscript subscript: (string) @_setting)]
   right: (false)) @sink.call
 (#match? @_setting "^[\"']?(SESSION_COOKIE_SECURE|SESSION_COOKIE_HTTPONLY|CSRF_COOKIE_SECURE|REMEMBER_COOKIE_SECURE|REMEMBER_COOKIE_HTTPONLY)[\"']?$")
 (#set! unguarded.sink "cookie flag setting = False")
 (#set! unguarded.rule "insecure-cookie"))

; app.config.update(SESSION_COOKIE_SECURE=False).
((call
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_setting
       value: (false)) @sink.arg)) @sink.call
 (#any-of? @_setting "SESSION_COOKIE_SECURE" "SESSION_COOKIE_HTTPONLY" "CSRF_COOKIE_SECURE"
   "REMEMBER_COOKIE_SECURE" "REMEMBER_COOKIE_HTTPONLY")
 (#set! unguarded.sink "cookie flag setting = False")
 (#set! unguarded.rule "insecure-cookie"))
