; Express cors() and hono/cors cors(): origin "*", origin: true or a function that hands
; back the caller's origin ((origin, cb) => cb(null, origin), hono's (origin) => origin,
; also with a fallback: origin ?? "*") together with credentials: true.
((call_expression
   function: (identifier)
   arguments: (arguments . (object) @_options)) @sink.call
 (#match? @_options "(^|[{,\\s])credentials\\s*:\\s*true")
 (#match? @_options "(^|[{,\\s])origin\\s*:\\s*(true\\b|/\\.[*+]/|/\\^\\.[*+]\\$?/|[\"\\'`]\\*[\"\\'`]|(async\\s*)?\\(?[\\w\\s,]*\\)?\\s*=>\\s*\\w+\\(\\s*null\\s*,\\s*(true|origin)\\s*\\)|(async\\s*)?(function\\s*\\w*\\s*)?\\(\\s*(?P<given>\\w+)([^()]|\\([^()]*\\))*\\)\\s*(=>)?\\s*\\{?\\s*(return\\s+)?\\w+\\(\\s*null\\s*,\\s*(?P=given)\\s*\\)|(async\\s*)?\\(?\\s*(?P<param>\\w+)\\s*(:[^,)=]*)?(,[^)]*)?\\)?\\s*=>\\s*\\(?\\s*(\\{\\s*return\\s+)?(?P=param)\\s*(\\?\\?|\\|\\||[)},;]|$))")
 (#set! unguarded.module "cors,hono/cors")
 (#set! unguarded.rule "permissive-cors"))

; NestJS app.enableCors({...}) with the same options.
((call_expression
   function: (member_expression property: (property_identifier) @_method)
   arguments: (arguments . (object) @_options)) @sink.call
 (#eq? @_method "enableCors")
 (#match? @_options "(^|[{,\\s])credentials\\s*:\\s*true")
 (#match? @_options "(^|[{,\\s])origin\\s*:\\s*(true\\b|/\\.[*+]/|/\\^\\.[*+]\\$?/|[\"\\'`]\\*[\"\\'`]|(async\\s*)?\\(?[\\w\\s,]*\\)?\\s*=>\\s*\\w+\\(\\s*null\\s*,\\s*(true|origin)\\s*\\)|(async\\s*)?(function\\s*\\w*\\s*)?\\(\\s*(?P<given>\\w+)([^()]|\\([^()]*\\))*\\)\\s*(=>)?\\s*\\{?\\s*(return\\s+)?\\w+\\(\\s*null\\s*,\\s*(?P=given)\\s*\\)|(async\\s*)?\\(?\\s*(?P<param>\\w+)\\s*(:[^,)=]*)?(,[^)]*)?\\)?\\s*=>\\s*\\(?\\s*(\\{\\s*return\\s+)?(?P=param)\\s*(\\?\\?|\\|\\||[)},;]|$))")
 (#set! unguarded.rule "permissive-cors"))

; Fastify: register(cors, {...}) with the same options.
((call_expression
   function: (member_expression property: (property_identifier) @_method)
   arguments: (arguments
     . (_) @_plugin
     . (object) @_options)) @sink.call
 (#eq? @_method "register")
 (#match? @_plugin "(?i)cors")
 (#match? @_options "(^|[{,\\s])credentials\\s*:\\s*true")
 (#match? @_options "(^|[{,\\s])origin\\s*:\\s*(true\\b|/\\.[*+]/|/\\^\\.[*+]\\$?/|[\"\\'`]\\*[\"\\'`]|(async\\s*)?\\(?[\\w\\s,]*\\)?\\s*=>\\s*\\w+\\(\\s*null\\s*,\\s*(true|origin)\\s*\\)|(async\\s*)?(function\\s*\\w*\\s*)?\\(\\s*(?P<given>\\w+)([^()]|\\([^()]*\\))*\\)\\s*(=>)?\\s*\\{?\\s*(return\\s+)?\\w+\\(\\s*null\\s*,\\s*(?P=given)\\s*\\)|(async\\s*)?\\(?\\s*(?P<param>\\w+)\\s*(:[^,)=]*)?(,[^)]*)?\\)?\\s*=>\\s*\\(?\\s*(\\{\\s*return\\s+)?(?P=param)\\s*(\\?\\?|\\|\\||[)},;]|$))")
 (#set! unguarded.rule "permissive-cors"))

; Socket.IO: new Server(httpServer, { cors: { ... } }) (also require("socket.io")(server,
; {...})) hands its cors option to the cors package: the same settings, reported on the
; option.
((new_expression
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_cors
         value: (object) @_options) @sink.call)))
 (#eq? @_cors "cors")
 (#match? @_options "(^|[{,\\s])credentials\\s*:\\s*true")
 (#match? @_options "(^|[{,\\s])origin\\s*:\\s*(true\\b|/\\.[*+]/|/\\^\\.[*+]\\$?/|[\"\\'`]\\*[\"\\'`]|(async\\s*)?\\(?[\\w\\s,]*\\)?\\s*=>\\s*\\w+\\(\\s*null\\s*,\\s*(true|origin)\\s*\\)|(async\\s*)?(function\\s*\\w*\\s*)?\\(\\s*(?P<given>\\w+)([^()]|\\([^()]*\\))*\\)\\s*(=>)?\\s*\\{?\\s*(return\\s+)?\\w+\\(\\s*null\\s*,\\s*(?P=given)\\s*\\)|(async\\s*)?\\(?\\s*(?P<param>\\w+)\\s*(:[^,)=]*)?(,[^)]*)?\\)?\\s*=>\\s*\\(?\\s*(\\{\\s*return\\s+)?(?P=param)\\s*(\\?\\?|\\|\\||[)},;]|$))")
 (#set! unguarded.sink "Socket.IO's cors option")
 (#set! unguarded.module "socket.io")
 (#set! unguarded.rule "permissive-cors"))

; ... and the call form: require("socket.io")(server, { cors: {...} }).
((call_expression
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_cors
         value: (object) @_options) @sink.call)))
 (#eq? @_cors "cors")
 (#match? @_options "(^|[{,\\s])credentials\\s*:\\s*true")
 (#match? @_options "(^|[{,\\s])origin\\s*:\\s*(true\\b|/\\.[*+]/|/\\^\\.[*+]\\$?/|[\"\\'`]\\*[\"\\'`]|(async\\s*)?\\(?[\\w\\s,]*\\)?\\s*=>\\s*\\w+\\(\\s*null\\s*,\\s*(true|origin)\\s*\\)|(async\\s*)?(function\\s*\\w*\\s*)?\\(\\s*(?P<given>\\w+)([^()]|\\([^()]*\\))*\\)\\s*(=>)?\\s*\\{?\\s*(return\\s+)?\\w+\\(\\s*null\\s*,\\s*(?P=given)\\s*\\)|(async\\s*)?\\(?\\s*(?P<param>\\w+)\\s*(:[^,)=]*)?(,[^)]*)?\\)?\\s*=>\\s*\\(?\\s*(\\{\\s*return\\s+)?(?P=param)\\s*(\\?\\?|\\|\\||[)},;]|$))")
 (#set! unguarded.sink "Socket.IO's cors option")
 (#set! unguarded.module "socket.io")
 (#set! unguarded.rule "permissive-cors"))

; Hand-written CORS: the caller's origin reflected into Access-Control-Allow-Origin
; (res.setHeader / res.header / res.set / ctx.set / headers.append). Reported when the
; value comes from the request with no allowlist check and the same handler allows
; credentials (the "cors-reflection" policy).
((call_expression
   function: (member_expression property: (property_identifier) @_method)
   arguments: (arguments . (string) @_header . (_) @sink.arg)) @sink.call
 (#any-of? @_method "setHeader" "header" "set" "append")
 (#match? @_header "^[\"'`](?i:access-control-allow-origin)[\"'`]$")
 (#set! unguarded.sink "Access-Control-Allow-Origin reflecting the request's origin")
 (#set! unguarded.policy "cors-reflection")
 (#set! unguarded.rule "permissive-cors"))

; The same header in an object: res.set({ ... }), res.writeHead(200, { ... }).
((pair
   key: (string) @_header
   value: (_) @sink.arg) @sink.call
 (#match? @_header "^[\"'`](?i:access-control-allow-origin)[\"'`]$")
 (#set! unguarded.sink "Access-Control-Allow-Origin reflecting the request's origin")
 (#set! unguarded.policy "cors-reflection")
 (#set! unguarded.rule "permissive-cors"))
