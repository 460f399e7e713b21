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
