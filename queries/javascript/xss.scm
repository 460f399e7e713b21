; innerHTML/outerHTML parse the assigned string as HTML.
((assignment_expression
   left: (member_expression
     property: (property_identifier) @_property)
   right: (_) @sink.arg) @sink.call
 (#any-of? @_property "innerHTML" "outerHTML")
 (#set! unguarded.rule "xss"))

; el.innerHTML += html appends parsed HTML.
((augmented_assignment_expression
   left: (member_expression
     property: (property_identifier) @_property)
   right: (_) @sink.arg) @sink.call
 (#any-of? @_property "innerHTML" "outerHTML")
 (#set! unguarded.rule "xss"))

; insertAdjacentHTML(position, html).
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (_) . (_) @sink.arg)) @sink.call
 (#eq? @_method "insertAdjacentHTML")
 (#set! unguarded.rule "xss"))

; document.write/writeln(html).
((call_expression
   function: (member_expression
     object: (identifier) @_document
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_document "document")
 (#any-of? @_method "write" "writeln")
 (#set! unguarded.rule "xss"))

; jQuery .html(value) sets HTML.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg .)) @sink.call
 (#eq? @_method "html")
 (#set! unguarded.rule "xss"))

; React.createElement(type, { dangerouslySetInnerHTML: { __html } }).
((pair
   key: (property_identifier) @_prop
   value: (object
     (pair
       key: (property_identifier) @_html
       value: (_) @sink.arg))) @sink.call
 (#eq? @_prop "dangerouslySetInnerHTML")
 (#eq? @_html "__html")
 (#set! unguarded.rule "xss"))

; Express/Fastify responses built with HTML markup around request data: reflected XSS.
((call_expression
   function: (member_expression
     object: (_) @_response
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#match? @_response "^(res|response|reply|resp)$|\\.(status|type|set|header)\\(")
 (#any-of? @_method "send" "write" "end")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.rule "xss"))

; A Fetch API Response declared text/html (Workers, Deno, Bun, Astro, Next.js route
; handlers): new Response(body, { headers: { "Content-Type": "text/html" } }).
((new_expression
   constructor: (identifier) @_response
   arguments: (arguments
     . (_) @sink.arg
     . (object
         (pair
           key: (property_identifier) @_headers
           value: (object
             (pair
               key: [(string) (property_identifier)] @_type
               value: (string) @_html)))))) @sink.call
 (#eq? @_response "Response")
 (#eq? @_headers "headers")
 (#match? @_type "^[\"']?(?i:content-type)[\"']?$")
 (#match? @_html "text/html")
 (#set! unguarded.rule "xss"))

; Hono: c.html(markup) serves its argument as text/html.
((call_expression
   function: (member_expression
     object: (identifier) @_context
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_context "c" "ctx" "context")
 (#eq? @_method "html")
 (#set! unguarded.rule "xss"))

; An AWS Lambda (API Gateway) proxy result that declares itself HTML: API Gateway serves
; the body as the page. { statusCode, headers: { "Content-Type": "text/html" }, body },
; the headers before or after the body; reported on the body. One pair per pattern: a
; pattern with two unanchored pairs tries every pair against every other, and an object of
; a few hundred pairs then costs tens of milliseconds each time it is matched.
((object
   (pair
     key: [(property_identifier) (string)] @_body
     value: (_) @sink.arg) @sink.call) @_result
 (#match? @_body "^[\"']?body[\"']?$")
 (#match? @_result "(^|[{,\\s])[\"']?statusCode[\"']?\\s*:")
 (#match? @_result "(^|[{,\\s])[\"']?headers[\"']?\\s*:\\s*[{]([^{}]*[{,\\s])?[\"']?(?i:content-type)[\"']?\\s*:\\s*[\"'`]text/html")
 (#set! unguarded.sink "Lambda proxy result's HTML body")
 (#set! unguarded.rule "xss"))

; hapi: a route handler's returned string is sent as text/html (its default for strings):
; `return html` in a `handler` (or its expression body), h.response(html) returned as it
; is, and h.response(body).type("text/html") / .header("content-type", "text/html...")
; whatever the body. Only in files that import hapi; the handler is the `handler` option
; of a route (context "handler"), h the handler's second parameter ("hapi-toolkit").
((return_statement (_) @sink.arg) @sink.call
 (#set! unguarded.file_module "@hapi/hapi,hapi")
 (#set! unguarded.context "handler")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.sink "hapi handler's HTML response")
 (#set! unguarded.rule "xss"))

; ... a handler's expression body: handler: (request, h) => `<p>${...}</p>`.
((arrow_function
   body: [(template_string) (binary_expression) (identifier) (string)] @sink.arg @sink.call)
 (#set! unguarded.file_module "@hapi/hapi,hapi")
 (#set! unguarded.context "handler")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.sink "hapi handler's HTML response")
 (#set! unguarded.rule "xss"))

; h.response(html) returned as it is: hapi sends a string as text/html.
([(return_statement
    (call_expression
      function: (member_expression property: (property_identifier) @_response)
      arguments: (arguments . (_) @sink.arg .)) @sink.call)
  (arrow_function
    body: (call_expression
      function: (member_expression property: (property_identifier) @_response)
      arguments: (arguments . (_) @sink.arg .)) @sink.call)]
 (#eq? @_response "response")
 (#set! unguarded.file_module "@hapi/hapi,hapi")
 (#set! unguarded.context "hapi-toolkit")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.sink "h.response()")
 (#set! unguarded.rule "xss"))

; h.response(x).type("text/html"): declared HTML whatever x is.
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression property: (property_identifier) @_response)
       arguments: (arguments . (_) @sink.arg .)) @sink.call
     property: (property_identifier) @_type)
   arguments: (arguments . (string) @_html .))
 (#eq? @_response "response")
 (#eq? @_type "type")
 (#match? @_html "^[\"'`]text/html")
 (#set! unguarded.file_module "@hapi/hapi,hapi")
 (#set! unguarded.context "hapi-toolkit")
 (#set! unguarded.sink "h.response()")
 (#set! unguarded.rule "xss"))

; h.response(x).header("Content-Type", "text/html..."): the same.
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression property: (property_identifier) @_response)
       arguments: (arguments . (_) @sink.arg .)) @sink.call
     property: (property_identifier) @_header)
   arguments: (arguments . (string) @_name . (string) @_html .))
 (#eq? @_response "response")
 (#eq? @_header "header")
 (#match? @_name "^[\"'`](?i:content-type)[\"'`]$")
 (#match? @_html "^[\"'`]text/html")
 (#set! unguarded.file_module "@hapi/hapi,hapi")
 (#set! unguarded.context "hapi-toolkit")
 (#set! unguarded.sink "h.response()")
 (#set! unguarded.rule "xss"))

; Koa: ctx.body = html.
((assignment_expression
   left: (member_expression
     object: (identifier) @_context
     property: (property_identifier) @_body)
   right: (_) @sink.arg) @sink.call
 (#eq? @_context "ctx")
 (#eq? @_body "body")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.sink "ctx.body")
 (#set! unguarded.rule "xss"))

; Angular's DomSanitizer bypass marks the value as trusted HTML/script/URL.
((call_expression
   function: (member_expression
     property: (property_identifier) @_bypass)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_bypass "bypassSecurityTrustHtml" "bypassSecurityTrustScript"
   "bypassSecurityTrustUrl" "bypassSecurityTrustResourceUrl" "bypassSecurityTrustStyle")
 (#set! unguarded.rule "xss"))

; jQuery parses strings passed to .append/.prepend/.after/.before/.replaceWith as HTML;
; only reported when the string carries markup (DOM elements and text are fine).
((call_expression
   function: (member_expression
     object: (call_expression
       function: (identifier) @_jquery)
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_jquery "$" "jQuery")
 (#any-of? @_method "append" "prepend" "after" "before" "replaceWith" "wrap")
 (#set! unguarded.policy "html-markup")
 (#set! unguarded.rule "xss"))

; iframe.srcdoc = html: the frame renders the string as a whole HTML document.
((assignment_expression
   left: (member_expression
     property: (property_identifier) @_property)
   right: (_) @sink.arg) @sink.call
 (#eq? @_property "srcdoc")
 (#set! unguarded.sink "srcdoc")
 (#set! unguarded.rule "xss"))

; VS Code webviews: panel.webview.html = html renders the string as the view's document.
((assignment_expression
   left: (member_expression
     object: [(member_expression property: (property_identifier) @_webview)
              (identifier) @_webview]
     property: (property_identifier) @_property)
   right: (_) @sink.arg) @sink.call
 (#eq? @_webview "webview")
 (#eq? @_property "html")
 (#set! unguarded.sink "webview.html")
 (#set! unguarded.rule "xss"))

; el.setAttribute("srcdoc", html) does the same through the attribute.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (string) @_attribute . (_) @sink.arg)) @sink.call
 (#eq? @_method "setAttribute")
 (#match? @_attribute "^[\"'](?i:srcdoc)[\"']$")
 (#set! unguarded.sink "setAttribute(\"srcdoc\")")
 (#set! unguarded.rule "xss"))

; el.setAttribute("onclick", code): an event handler attribute is script.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (string) @_attribute . (_) @sink.arg)) @sink.call
 (#eq? @_method "setAttribute")
 (#match? @_attribute "^[\"'](?i:on[a-z]+)[\"']$")
 (#set! unguarded.sink "setAttribute(\"on...\")")
 (#set! unguarded.rule "xss"))

; el.setAttribute("href", url): a javascript: URL runs script when followed, like <a href>
; in JSX. Only reported when the URL's scheme is not fixed by a constant prefix.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (string) @_attribute . (_) @sink.arg)) @sink.call
 (#eq? @_method "setAttribute")
 (#match? @_attribute "^[\"'](?i:href|action|formaction|xlink:href)[\"']$")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "URL attribute")
 (#set! unguarded.rule "xss"))

; frame.setAttribute("src", url), frame.src = url, object.data = url: a frame, an embed or
; a script loads its src as a document or as code, an object its data, so a javascript: URL
; runs, as with <iframe src> in JSX. Only on an element the code shows to be one of those
; (or names so: `previewFrame`); an image's or a media element's src runs no script (see
; JavaScriptFlow.element_loads_url).
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (string) @_attribute . (_) @sink.arg)) @sink.call
 (#eq? @_method "setAttribute")
 (#match? @_attribute "^[\"'](?i:src|data)[\"']$")
 (#set! unguarded.context "url-element")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "URL attribute")
 (#set! unguarded.rule "xss"))

; The same set as a property: frame.src = url, script.src = url, object.data = url.
((assignment_expression
   left: (member_expression
     property: (property_identifier) @_property)
   right: (_) @sink.arg) @sink.call
 (#any-of? @_property "src" "data")
 (#set! unguarded.context "url-element")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "URL attribute")
 (#set! unguarded.rule "xss"))

; range.createContextualFragment(html) parses the string as HTML (scripts included).
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_method "createContextualFragment")
 (#set! unguarded.rule "xss"))

; jQuery $(html) / jQuery(html) builds elements from a string that starts with "<". Bound
; to the jquery module or the global (not a local `$` such as cheerio's); a constant
; selector start ("#" + id) keeps it a selector (see the "jquery-html" policy).
((call_expression
   function: (identifier) @_jquery
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_jquery "$" "jQuery")
 (#set! unguarded.module "jquery")
 (#set! unguarded.global "$,jQuery")
 (#set! unguarded.policy "jquery-html")
 (#set! unguarded.sink "jQuery()")
 (#set! unguarded.rule "xss"))

; Vue render functions: h("div", { innerHTML: html }), createElement/createVNode, and
; Object.assign(el, { innerHTML: html }) set the element's innerHTML from the props object.
((call_expression
   function: [(identifier) @_create
              (member_expression property: (property_identifier) @_create)]
   arguments: (arguments
     (object
       (pair
         key: [(property_identifier) (string)] @_prop
         value: (_) @sink.arg) @sink.call)))
 (#any-of? @_create "h" "createElement" "createVNode" "assign")
 (#match? @_prop "^[\"']?(innerHTML|outerHTML)[\"']?$")
 (#set! unguarded.sink "innerHTML prop")
 (#set! unguarded.rule "xss"))

; Vue 2 render functions: h("div", { domProps: { innerHTML: html } }).
((pair
   key: (property_identifier) @_props
   value: (object
     (pair
       key: [(property_identifier) (string)] @_prop
       value: (_) @sink.arg) @sink.call))
 (#eq? @_props "domProps")
 (#match? @_prop "^[\"']?innerHTML[\"']?$")
 (#set! unguarded.sink "domProps.innerHTML")
 (#set! unguarded.rule "xss"))

; lit: unsafeHTML(html) / unsafeSVG(svg) render the string as markup inside a template.
((call_expression
   function: (identifier) @_unsafe
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_unsafe "unsafeHTML" "unsafeSVG")
 (#set! unguarded.module "lit/directives/unsafe-html.js,lit/directives/unsafe-svg.js,lit-html/directives/unsafe-html.js,lit-html/directives/unsafe-svg.js,lit/directives/unsafe-html,lit-html/directives/unsafe-html")
 (#set! unguarded.rule "xss"))
