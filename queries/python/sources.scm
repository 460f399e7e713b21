; Untrusted input in Python web frameworks and scripts. Each capture is an origin the
; engine reports with severity "error".

; Flask, Django, Starlette/FastAPI and aiohttp request objects: everything the client sends.
((attribute
   object: (identifier) @_request
   attribute: (identifier) @_field) @source
 (#any-of? @_request "request" "req")
 (#any-of? @_field
   "args" "form" "values" "json" "data" "files" "cookies" "headers" "view_args"
   "get_json" "get_data" "stream" "query_string" "full_path" "path" "url"
   "GET" "POST" "body" "COOKIES" "META" "FILES" "content_params"
   "query_params" "path_params" "query" "match_info" "rel_url" "post" "text" "form_data"))

; Class-based views: self.request.GET and friends.
((attribute
   object: (attribute
     object: (identifier) @_self
     attribute: (identifier) @_request)
   attribute: (identifier) @_field) @source
 (#eq? @_self "self")
 (#eq? @_request "request")
 (#any-of? @_field "args" "form" "values" "json" "data" "GET" "POST" "body" "COOKIES" "META"
   "FILES" "headers" "query_params" "cookies"))

; The person at the terminal, and the command line.
((call
   function: (identifier) @_input) @source
 (#any-of? @_input "input" "raw_input"))

; The command line of a script.
((attribute
   object: (identifier) @_sys
   attribute: (identifier) @_argv) @source
 (#eq? @_sys "sys")
 (#eq? @_argv "argv"))

; argparse: parsed command-line arguments, like sys.argv.
((call
   function: (attribute
     attribute: (identifier) @_parse)) @source
 (#any-of? @_parse "parse_args" "parse_known_args"))
