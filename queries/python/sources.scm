; Untrusted input in Python web frameworks and scripts. Each capture is an origin the
; engine reports with severity "error".

; Flask, Django, Starlette/FastAPI, aiohttp and Bottle request objects: everything the
; client sends (Bottle spells the POST form `forms` and the path with its query `fullpath`).
((attribute
   object: (identifier) @_request
   attribute: (identifier) @_field) @source
 (#any-of? @_request "request" "req")
 (#any-of? @_field
   "args" "form" "values" "json" "data" "files" "cookies" "headers" "view_args"
   "get_json" "get_data" "stream" "query_string" "full_path" "path" "url"
   "GET" "POST" "body" "COOKIES" "META" "FILES" "content_params"
   "query_params" "path_params" "query" "match_info" "rel_url" "post" "text" "form_data"
   "forms" "fullpath" "urlparts"))

; Falcon (req.get_param, req.params, req.media, await req.get_media()) and Pyramid
; (request.params, request.matchdict, request.json_body): the query string, the body and
; the URL's placeholders.
((attribute
   object: (identifier) @_request
   attribute: (identifier) @_field) @source
 (#any-of? @_request "request" "req")
 (#any-of? @_field
   "params" "get_param" "get_param_as_list" "media" "get_media" "bounded_stream"
   "get_header" "matchdict" "json_body" "relative_uri" "forwarded_uri"))

; Bottle's request.get_cookie(name) is the cookie as the client sent it; with a secret
; (`get_cookie(name, secret=key)`, or a third positional argument) Bottle returns the value
; only when its signature verifies, so the client cannot choose it.
((call
   function: (attribute
     object: (identifier) @_request
     attribute: (identifier) @_method)
   arguments: (argument_list) @_arguments) @source
 (#any-of? @_request "request" "req")
 (#eq? @_method "get_cookie")
 (#not-match? @_arguments "\\bsecret\\s*=|^\\([^,]*,[^,]*,"))

; CherryPy: cherrypy.request.params (query string and form), headers, body, cookie.
((attribute
   object: (attribute
     object: (identifier) @_cherrypy
     attribute: (identifier) @_request)
   attribute: (identifier) @_field) @source
 (#eq? @_cherrypy "cherrypy")
 (#eq? @_request "request")
 (#any-of? @_field "params" "headers" "body" "cookie" "query_string" "path_info" "json"))

; Class-based views: self.request.GET and friends.
((attribute
   object: (attribute
     object: (identifier) @_self
     attribute: (identifier) @_request)
   attribute: (identifier) @_field) @source
 (#eq? @_self "self")
 (#eq? @_request "request")
 (#any-of? @_field "args" "form" "values" "json" "data" "GET" "POST" "body" "COOKIES" "META"
   "FILES" "headers" "query_params" "cookies"
   "arguments" "query_arguments" "body_arguments" "files" "uri" "path" "query" "full_url"))

; Tornado RequestHandler accessors: query and form arguments and cookies the client sent.
; get_secure_cookie/get_signed_cookie are left out: the value is signed with the
; application's cookie_secret, so the client cannot choose it.
((call
   function: (attribute
     object: (identifier) @_self
     attribute: (identifier) @_method)) @source
 (#eq? @_self "self")
 (#any-of? @_method
   "get_argument" "get_arguments" "get_query_argument" "get_query_arguments"
   "get_body_argument" "get_body_arguments" "get_cookie" "decode_argument"))

; A message read from a websocket: the websockets library (await ws.recv()),
; Starlette/FastAPI (receive_text/receive_json/receive_bytes) and Quart's global
; websocket (await websocket.receive()).
((call
   function: (attribute
     object: (identifier) @_socket
     attribute: (identifier) @_method)) @source
 (#match? @_socket "^(websocket|ws|sock|socket)$")
 (#any-of? @_method "recv" "receive" "receive_text" "receive_json" "receive_bytes"
   "iter_text" "iter_json" "iter_bytes"))

; The person at the terminal, and the command line.
((call
   function: (identifier) @_input) @source
 (#any-of? @_input "input" "raw_input"))

; Streamlit: what the visitor types or uploads into a widget, and the page's query
; string. Widgets that return one of their listed options or a number (selectbox, radio,
; slider, number_input, checkbox) are left out: the app chose those values.
((call
   function: (attribute
     object: (identifier) @_streamlit
     attribute: (identifier) @_widget)) @source
 (#any-of? @_streamlit "st" "streamlit")
 (#any-of? @_widget "text_input" "text_area" "chat_input" "file_uploader" "camera_input"
   "experimental_get_query_params"))

; ... and st.query_params, the page's query string.
((attribute
   object: (identifier) @_streamlit
   attribute: (identifier) @_params) @source
 (#any-of? @_streamlit "st" "streamlit")
 (#any-of? @_params "query_params" "experimental_get_query_params"))

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

; `async for message in websocket:` (the websockets library): each message is what the
; peer sent.
((for_statement
   "async"
   right: (identifier) @source)
 (#match? @source "^(websocket|ws)$"))
