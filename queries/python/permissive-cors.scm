; flask-cors: supports_credentials=True with no origins= reflects every origin with
; credentials (the default origins are "*").
((call
   function: [(identifier) @_cors
              (attribute attribute: (identifier) @_cors)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_credentials
       value: (true))) @_arguments) @sink.call
 (#any-of? @_cors "CORS" "cross_origin")
 (#eq? @_credentials "supports_credentials")
 (#not-match? @_arguments "origins")
 (#set! unguarded.rule "permissive-cors"))

; flask-cors: origins="*" (as a keyword or in resources=) with supports_credentials=True.
((call
   function: [(identifier) @_cors
              (attribute attribute: (identifier) @_cors)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_credentials
       value: (true))) @_arguments) @sink.call
 (#any-of? @_cors "CORS" "cross_origin")
 (#eq? @_credentials "supports_credentials")
 (#match? @_arguments "origins[\"']?\\s*[=:]\\s*\\[?\\s*[\"']\\*[\"']")
 (#set! unguarded.rule "permissive-cors"))

; Starlette/FastAPI CORSMiddleware: allow_origins=["*"] (or a catch-all regex) with
; allow_credentials=True answers credentialed requests from any site.
((call
   arguments: (argument_list
     . [(identifier) (attribute)] @_middleware
     (keyword_argument
       name: (identifier) @_credentials
       value: (true))) @_arguments) @sink.call
 (#match? @_middleware "(^|\\.)CORSMiddleware$")
 (#eq? @_credentials "allow_credentials")
 (#match? @_arguments "allow_origins\\s*=\\s*\\[\\s*[\"']\\*[\"']|allow_origin_regex\\s*=\\s*r?[\"']\\^?\\.[*+]")
 (#set! unguarded.sink "CORSMiddleware")
 (#set! unguarded.rule "permissive-cors"))

; django-cors-headers: CORS_ALLOW_ALL_ORIGINS with CORS_ALLOW_CREDENTIALS in the same
; settings module.
((module
   (expression_statement
     (assignment
       left: (identifier) @_all
       right: (true)) @sink.call)
   (expression_statement
     (assignment
       left: (identifier) @_credentials
       right: (true))))
 (#any-of? @_all "CORS_ALLOW_ALL_ORIGINS" "CORS_ORIGIN_ALLOW_ALL")
 (#eq? @_credentials "CORS_ALLOW_CREDENTIALS")
 (#set! unguarded.sink "CORS_ALLOW_ALL_ORIGINS")
 (#set! unguarded.rule "permissive-cors"))

; ... with CORS_ALLOW_CREDENTIALS set first.
((module
   (expression_statement
     (assignment
       left: (identifier) @_credentials
       right: (true)))
   (expression_statement
     (assignment
       left: (identifier) @_all
       right: (true)) @sink.call))
 (#any-of? @_all "CORS_ALLOW_ALL_ORIGINS" "CORS_ORIGIN_ALLOW_ALL")
 (#eq? @_credentials "CORS_ALLOW_CREDENTIALS")
 (#set! unguarded.sink "CORS_ALLOW_ALL_ORIGINS")
 (#set! unguarded.rule "permissive-cors"))
