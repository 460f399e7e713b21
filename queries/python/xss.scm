; Flask renders a template string with Jinja: user data inside the template is code.
((call
   function: [(identifier) @_render
              (attribute attribute: (identifier) @_render)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_render "render_template_string")
 (#set! unguarded.controls "template")
 (#set! unguarded.rule "xss"))

; Markup()/mark_safe() declare a string already safe HTML: autoescaping skips it.
((call
   function: [(identifier) @_markup
              (attribute attribute: (identifier) @_markup)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_markup "Markup" "mark_safe" "SafeString")
 (#set! unguarded.rule "xss"))

; (Before the markup pattern below: the first pattern a respelled call matches decides.)
; Pyramid: Response(body) is text/html unless another content_type is given, so any text
; from the request is HTML there (`from pyramid.response import Response`).
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_response)
   arguments: (argument_list . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#match? @_module "^(pyramid\\.response|webob|webob\\.response)$")
 (#eq? @_response "Response")
 (#not-match? @sink.call "content_type|json_body")
 (#set! unguarded.sink "Response()")
 (#set! unguarded.rule "xss"))

; ... Response(text=...) / Response(body=...) without a content type, or declared text/html.
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_response)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_text
       value: (_) @sink.arg))) @sink.call
 (#match? @_module "^(pyramid\\.response|webob|webob\\.response)$")
 (#eq? @_response "Response")
 (#any-of? @_text "text" "body")
 (#not-match? @sink.call "content_type\\s*=\\s*[^\\n]*(json|plain|csv|xml|octet|image|pdf)")
 (#set! unguarded.sink "Response()")
 (#set! unguarded.rule "xss"))

; A response body built with HTML markup around request data is reflected XSS: Django's
; HttpResponse, Flask's make_response/Response. Only reported when the body has markup.
((call
   function: [(identifier) @_response
              (attribute attribute: (identifier) @_response)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_response "HttpResponse" "make_response" "Response")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.rule "xss"))

; FastAPI/Starlette HTMLResponse always serves HTML.
((call
   function: [(identifier) @_response
              (attribute attribute: (identifier) @_response)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_response "HTMLResponse")
 (#set! unguarded.rule "xss"))

; aiohttp: web.Response(text=..., content_type="text/html") serves the text as HTML.
((call
   function: (attribute attribute: (identifier) @_response)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_text
       value: (_) @sink.arg)
     (keyword_argument
       name: (identifier) @_type
       value: (string) @_html))) @sink.call
 (#eq? @_response "Response")
 (#any-of? @_text "text" "body")
 (#eq? @_type "content_type")
 (#match? @_html "text/html")
 (#set! unguarded.rule "xss"))

; ... the same with content_type given first.
((call
   function: (attribute attribute: (identifier) @_response)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_type
       value: (string) @_html)
     (keyword_argument
       name: (identifier) @_text
       value: (_) @sink.arg))) @sink.call
 (#eq? @_response "Response")
 (#any-of? @_text "text" "body")
 (#eq? @_type "content_type")
 (#match? @_html "text/html")
 (#set! unguarded.rule "xss"))

; Streamlit renders HTML it is handed: st.markdown(x, unsafe_allow_html=True), st.html(x),
; and components.html(x) (streamlit.components.v1), which runs it in an iframe on the page.
((call
   function: (attribute
     object: (identifier) @_streamlit
     attribute: (identifier) @_markdown)
   arguments: (argument_list
     . (_) @sink.arg
     (keyword_argument
       name: (identifier) @_unsafe
       value: (true)))) @sink.call
 (#any-of? @_streamlit "st" "streamlit")
 (#any-of? @_markdown "markdown" "write" "caption")
 (#eq? @_unsafe "unsafe_allow_html")
 (#set! unguarded.rule "xss"))

; ... st.html(x) and components.html(x).
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_html)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#match? @_module "^(st|streamlit|components|stc|streamlit\\.components\\.v1)$")
 (#eq? @_html "html")
 (#set! unguarded.rule "xss"))

; A Flask/FastAPI view (or a Google Cloud Functions @functions_framework.http function, which
; Functions Framework serves through Flask) returning an HTML string serves it as text/html.
((return_statement
   (_) @sink.arg) @sink.call
 (#set! unguarded.context "route")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.sink "HTML response")
 (#set! unguarded.rule "xss"))

; An AWS Lambda proxy result (API Gateway, function URLs) that declares itself HTML:
; {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": page}. The body is
; served as the page, whatever it holds. Headers before or after the body.
((dictionary
   (pair
     key: (string) @_headers
     value: (dictionary
       (pair
         key: (string) @_type
         value: (string) @_html)))
   (pair
     key: (string) @_body
     value: (_) @sink.arg) @sink.call)
 (#match? @_headers "^[\"'](?i:headers)[\"']$")
 (#match? @_type "^[\"'](?i:content-type)[\"']$")
 (#match? @_html "^[\"'](?i:\\s*(text/html|application/xhtml\\+xml))")
 (#match? @_body "^[\"']body[\"']$")
 (#set! unguarded.sink "HTML response body")
 (#set! unguarded.rule "xss"))

; ... the same result with the body written before the headers.
((dictionary
   (pair
     key: (string) @_body
     value: (_) @sink.arg) @sink.call
   (pair
     key: (string) @_headers
     value: (dictionary
       (pair
         key: (string) @_type
         value: (string) @_html))))
 (#match? @_headers "^[\"'](?i:headers)[\"']$")
 (#match? @_type "^[\"'](?i:content-type)[\"']$")
 (#match? @_html "^[\"'](?i:\\s*(text/html|application/xhtml\\+xml))")
 (#match? @_body "^[\"']body[\"']$")
 (#set! unguarded.sink "HTML response body")
 (#set! unguarded.rule "xss"))

; Tornado: self.write()/self.finish() in a RequestHandler send a str as text/html (a dict
; goes out as JSON). Only reported when the body carries markup.
((call
   function: (attribute
     object: (identifier) @_self
     attribute: (identifier) @_write)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_self "self")
 (#any-of? @_write "write" "finish")
 (#set! unguarded.context "handler")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.rule "xss"))

; The standard library's http.server: self.wfile.write(body) in a handler method that
; declares the response text/html (`self.send_header("Content-Type", "text/html")` before
; the write) sends the body as a page.
((call
   function: (attribute
     object: (attribute
       object: (identifier) @_self
       attribute: (identifier) @_wfile)
     attribute: (identifier) @_write)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_self "self")
 (#eq? @_wfile "wfile")
 (#any-of? @_write "write" "writelines")
 (#set! unguarded.context "html-body")
 (#set! unguarded.sink "self.wfile.write()")
 (#set! unguarded.rule "xss"))

; Sanic and BlackSheep: html(body) serves its argument as text/html (`from sanic import
; response; response.html(x)`, `from sanic.response import html`, `from blacksheep import
; html` are respelled with their module).
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_html)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#match? @_module "^(sanic(\\.response)?|blacksheep(\\.server\\.responses)?)$")
 (#eq? @_html "html")
 (#set! unguarded.rule "xss"))

; Dash: dcc.Markdown(text, dangerously_allow_html=True) renders the HTML inside the text.
((call
   function: [(identifier) @_markdown
              (attribute attribute: (identifier) @_markdown)]
   arguments: (argument_list
     . (_) @sink.arg
     (keyword_argument
       name: (identifier) @_unsafe
       value: (true)))) @sink.call
 (#eq? @_markdown "Markdown")
 (#eq? @_unsafe "dangerously_allow_html")
 (#set! unguarded.rule "xss"))

; ... dcc.Markdown(children=text, dangerously_allow_html=True).
((call
   function: [(identifier) @_markdown
              (attribute attribute: (identifier) @_markdown)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_children
       value: (_) @sink.arg)
     (keyword_argument
       name: (identifier) @_unsafe
       value: (true)))) @sink.call
 (#eq? @_markdown "Markdown")
 (#eq? @_children "children")
 (#eq? @_unsafe "dangerously_allow_html")
 (#set! unguarded.rule "xss"))

; Falcon: resp.text / resp.body / resp.data is the response body; it is a page when the
; handler sets resp.content_type to an HTML type (falcon.MEDIA_HTML, "text/html") before
; the write (in a file importing falcon).
((assignment
   left: (attribute
     object: (identifier) @_resp
     attribute: (identifier) @_text)
   right: (_) @sink.arg) @sink.call
 (#any-of? @_text "text" "body" "data")
 (#set! unguarded.file_module "falcon")
 (#set! unguarded.context "html-body")
 (#set! unguarded.sink "Falcon HTML response body")
 (#set! unguarded.rule "xss"))
