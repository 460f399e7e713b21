; Flask renders a template string with Jinja: user data inside the template is code.
((call
   function: [(identifier) @_render
              (attribute attribute: (identifier) @_render)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_render "render_template_string")
 (#set! unguarded.rule "xss"))

; Markup()/mark_safe() declare a string already safe HTML: autoescaping skips it.
((call
   function: [(identifier) @_markup
              (attribute attribute: (identifier) @_markup)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_markup "Markup" "mark_safe" "SafeString")
 (#set! unguarded.rule "xss"))
