; Untrusted input in Node web frameworks and in the browser.

; Express/Koa request data: query string, route params, body, headers, cookies; Next.js
; `req.nextUrl` (its searchParams, pathname).
((member_expression
   object: (identifier) @_request
   property: (property_identifier) @_field) @source
 (#any-of? @_request "req" "request" "ctx")
 (#any-of? @_field "query" "params" "body" "headers" "cookies" "signedCookies" "files" "file"
   "originalUrl" "url" "path" "nextUrl"))

; Hapi: request.payload (the body) and request.state (the cookies); its request.query,
; params and headers are read above.
((member_expression
   object: (identifier) @_request
   property: (property_identifier) @_field) @source
 (#eq? @_request "request")
 (#any-of? @_field "payload" "state"))

; Koa: ctx.request.body / ctx.request.query.
((member_expression
   object: (member_expression
     object: (identifier) @_context
     property: (property_identifier) @_request)
   property: (property_identifier) @_field) @source
 (#any-of? @_context "ctx" "context")
 (#eq? @_request "request")
 (#any-of? @_field "query" "body" "headers" "files" "url" "path"))

; Express helpers: req.get("X-Header"), req.header(...), req.param(...); the Fetch API
; request body of route handlers (Next.js, SvelteKit, Remix, Azure Functions v4): await
; req.json(), request.formData(), req.text(); AdonisJS: request.input("q"), only([...]),
; except([...]), all(), qs(), body(), params(), plainCookie() (request.cookie() is signed).
((call_expression
   function: (member_expression
     object: (identifier) @_request
     property: (property_identifier) @_method)) @source
 (#any-of? @_request "req" "request")
 (#any-of? @_method "get" "header" "param" "json" "formData" "text" "input" "only" "except"
   "all" "qs" "body" "params" "plainCookie"))

; Hono: the request of a handler's context, `c.req`: c.req.query("q"), c.req.param("id"),
; c.req.header("x"), await c.req.json() / text() / formData() / parseBody(), and its
; url and path. (c.req.valid(...) returns what a validator middleware checked.)
((call_expression
   function: (member_expression
     object: (member_expression
       object: (identifier) @_context
       property: (property_identifier) @_req)
     property: (property_identifier) @_method)) @source
 (#any-of? @_context "c" "ctx" "context")
 (#eq? @_req "req")
 (#any-of? @_method "query" "queries" "param" "header" "json" "text" "formData" "parseBody"
   "arrayBuffer" "blob" "cookie"))

; ... and the URL it was sent to: c.req.url, c.req.path, the raw Request.
((member_expression
   object: (member_expression
     object: (identifier) @_context
     property: (property_identifier) @_req)
   property: (property_identifier) @_field) @source
 (#any-of? @_context "c" "ctx" "context")
 (#eq? @_req "req")
 (#any-of? @_field "url" "path" "raw"))

; TypeScript parses `await c.req.json<Body>()` as a call of `await c.req.json`.
((call_expression
   function: (await_expression
     (member_expression
       object: (member_expression
         object: (identifier) @_context
         property: (property_identifier) @_req)
       property: (property_identifier) @_method))) @source
 (#any-of? @_context "c" "ctx" "context")
 (#eq? @_req "req")
 (#any-of? @_method "json" "text" "formData" "parseBody" "query" "param" "header"))

; ... and `await req.json<Body>()` in a Next.js route handler.
((call_expression
   function: (await_expression
     (member_expression
       object: (identifier) @_request
       property: (property_identifier) @_method))) @source
 (#any-of? @_request "req" "request")
 (#any-of? @_method "json" "formData" "text"))

; ... and of its clone, the usual way to read a body twice: await req.clone().json(),
; request.clone().formData(), await req.clone().json<Body>() (a clone is the same request).
((call_expression
   function: [(member_expression
                object: (call_expression
                  function: (member_expression
                    object: (identifier) @_request
                    property: (property_identifier) @_clone))
                property: (property_identifier) @_method)
              (await_expression
                (member_expression
                  object: (call_expression
                    function: (member_expression
                      object: (identifier) @_request
                      property: (property_identifier) @_clone))
                  property: (property_identifier) @_method))]) @source
 (#any-of? @_request "req" "request")
 (#eq? @_clone "clone")
 (#any-of? @_method "json" "formData" "text"))

; h3 (Nitro, Nuxt server routes): the request of an event handler is read with
; getQuery(event), readBody(event), getRouterParam(event, "id"), getHeader(event, "x"),
; getCookie(event, "x"), ... (auto-imported in Nuxt: no import to check).
((call_expression
   function: (identifier) @_reader
   arguments: (arguments . (identifier))) @source
 (#any-of? @_reader "getQuery" "readBody" "readRawBody" "readFormData"
   "readMultipartFormData" "getRouterParam" "getRouterParams" "getHeader" "getHeaders"
   "getRequestHeader" "getRequestHeaders" "getCookie" "parseCookies" "getRequestURL"))

; Koa: ctx.get("Origin") reads a request header.
((call_expression
   function: (member_expression
     object: (identifier) @_context
     property: (property_identifier) @_method)) @source
 (#eq? @_context "ctx")
 (#eq? @_method "get"))

; The browser's address bar.
((member_expression
   object: (identifier) @_location
   property: (property_identifier) @_part) @source
 (#eq? @_location "location")
 (#any-of? @_part "hash" "search" "href" "pathname"))

; window.location.hash, document.location.search, ...
((member_expression
   object: (member_expression
     object: (identifier) @_window
     property: (property_identifier) @_location)
   property: (property_identifier) @_part) @source
 (#any-of? @_window "window" "document" "self" "top" "parent")
 (#eq? @_location "location")
 (#any-of? @_part "hash" "search" "href" "pathname"))

; document.URL, document.cookie, document.referrer, window.name.
((member_expression
   object: (identifier) @_document
   property: (property_identifier) @_part) @source
 (#eq? @_document "document")
 (#any-of? @_part "URL" "documentURI" "baseURI" "cookie" "referrer"))

; window.name survives cross-origin navigation: another site can set it.
((member_expression
   object: (identifier) @_window
   property: (property_identifier) @_name) @source
 (#eq? @_window "window")
 (#eq? @_name "name"))

; React Router hooks read the URL.
((call_expression
   function: (identifier) @_hook) @source
 (#any-of? @_hook "useSearchParams" "useParams" "useLocation"))

; AWS Lambda behind API Gateway or a function URL: the request's parts in `event`.
((member_expression
   object: (identifier) @_event
   property: (property_identifier) @_field) @source
 (#eq? @_event "event")
 (#any-of? @_field "queryStringParameters" "multiValueQueryStringParameters" "pathParameters"
   "rawQueryString" "rawPath" "body" "headers" "multiValueHeaders" "cookies"))

; Astro pages and endpoints: Astro.url, Astro.params, Astro.request, Astro.cookies.
((member_expression
   object: (identifier) @_astro
   property: (property_identifier) @_field) @source
 (#eq? @_astro "Astro")
 (#any-of? @_field "url" "params" "request" "cookies"))

; Node command line.
((member_expression
   object: (identifier) @_process
   property: (property_identifier) @_argv) @source
 (#eq? @_process "process")
 (#eq? @_argv "argv"))

; Angular's ActivatedRoute: route.snapshot.queryParams, route.snapshot.params, ...
((member_expression
   object: (member_expression
     property: (property_identifier) @_snapshot)
   property: (property_identifier) @_part) @source
 (#eq? @_snapshot "snapshot")
 (#any-of? @_part "queryParams" "params" "paramMap" "queryParamMap" "fragment" "url"))
