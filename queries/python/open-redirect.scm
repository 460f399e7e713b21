; Flask/Django redirect(), Django's HttpResponseRedirect and Starlette/FastAPI's
; RedirectResponse send the browser to the URL they are given. A constant path prefix
; ("/profile/" + id) or host ("https://example.com/") keeps the target on a known site.
((call
   function: [(identifier) @_redirect
              (attribute attribute: (identifier) @_redirect)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_redirect "redirect" "HttpResponseRedirect" "HttpResponsePermanentRedirect"
   "RedirectResponse")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; RedirectResponse(url=...) by keyword.
((call
   function: [(identifier) @_redirect
              (attribute attribute: (identifier) @_redirect)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_url
       value: (_) @sink.arg))) @sink.call
 (#any-of? @_redirect "redirect" "RedirectResponse" "HttpResponseRedirect")
 (#any-of? @_url "url" "location" "redirect_to")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; A Location header set by hand: response.headers["Location"] = url.
((assignment
   left: (subscript
     value: (attribute attribute: (identifier) @_headers)
     subscript: (string) @_location)
   right: (_) @sink.arg) @sink.call
 (#eq? @_headers "headers")
 (#match? @_location "^[\"'](?i:location)[\"']$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; A Location header set on a response object or a headers mapping by name: Django's
; response["Location"] = url, headers["Location"] = url.
((assignment
   left: (subscript
     value: (identifier) @_response
     subscript: (string) @_location)
   right: (_) @sink.arg) @sink.call
 (#match? @_response "(?i)^(\\w*_)?(response|resp|res|headers)$")
 (#match? @_location "^[\"'](?i:location)[\"']$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; A Location header in a response's headers mapping: an AWS Lambda proxy result
; {"statusCode": 302, "headers": {"Location": url}} ...
((pair
   key: (string) @_headers
   value: (dictionary
     (pair
       key: (string) @_location
       value: (_) @sink.arg) @sink.call))
 (#match? @_headers "^[\"'](?i:headers)[\"']$")
 (#match? @_location "^[\"'](?i:location)[\"']$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; ... a response built with headers= (Azure Functions' func.HttpResponse(status_code=302,
; headers={"Location": url}), Flask/Starlette/aiohttp Response(..., headers={...})) ...
((keyword_argument
   name: (identifier) @_headers
   value: (dictionary
     (pair
       key: (string) @_location
       value: (_) @sink.arg) @sink.call))
 (#eq? @_headers "headers")
 (#match? @_location "^[\"'](?i:location)[\"']$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; ... and a Flask view's (body, status, headers) result: return "", 302, {"Location": url}.
((return_statement
   (expression_list
     (dictionary
       (pair
         key: (string) @_location
         value: (_) @sink.arg) @sink.call) .))
 (#match? @_location "^[\"'](?i:location)[\"']$")
 (#set! unguarded.context "route")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; Pyramid's, aiohttp's and Falcon's redirect responses (raised or returned) send the
; browser to `location`, their first argument; only the classes imported from
; pyramid.httpexceptions, aiohttp or falcon (`from aiohttp import web; raise
; web.HTTPFound(url)`, `raise falcon.HTTPSeeOther(url)`).
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_class)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_location
       value: (_) @sink.arg))) @sink.call
 (#match? @_module "^(pyramid|aiohttp|falcon)(\\.|$)")
 (#any-of? @_class "HTTPFound" "HTTPSeeOther" "HTTPMovedPermanently" "HTTPTemporaryRedirect"
   "HTTPPermanentRedirect")
 (#eq? @_location "location")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; Litestar's Redirect response (from litestar.response import Redirect): its `path`.
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_class)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_path
       value: (_) @sink.arg))) @sink.call
 (#match? @_module "^(litestar|starlite)(\\.|$)")
 (#eq? @_class "Redirect")
 (#eq? @_path "path")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; The same Pyramid, aiohttp and Litestar redirects with the target as the first argument.
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_class)
   arguments: (argument_list . [(identifier) (string) (call) (binary_operator) (attribute) (subscript)] @sink.arg)) @sink.call
 (#match? @_module "^(pyramid|aiohttp|falcon|litestar|starlite)(\\.|$)")
 (#any-of? @_class "HTTPFound" "HTTPSeeOther" "HTTPMovedPermanently" "HTTPTemporaryRedirect"
   "HTTPPermanentRedirect" "Redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; CherryPy: raise cherrypy.HTTPRedirect(url) (or a list of URLs) sends the browser there.
((call
   function: (attribute
     object: (identifier) @_cherrypy
     attribute: (identifier) @_redirect)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_cherrypy "cherrypy")
 (#eq? @_redirect "HTTPRedirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))
