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
