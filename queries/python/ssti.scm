; Jinja2's Environment.from_string() compiles its argument as a template: {{ }} in it
; runs expressions with access to Python objects. Only on environments built by
; Environment()/NativeEnvironment() (Django: Engine()) or named like Flask's jinja_env;
; a SandboxedEnvironment and other classes' .from_string() methods do not match.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_from_string)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_from_string "from_string")
 (#set! unguarded.receiver "Environment,NativeEnvironment,Engine")
 (#set! unguarded.receiver_name "^(jinja_?env|jinja2?_env\\w*|template_env|tmpl_env|jinja|engines\\[.*\\])$")
 (#set! unguarded.rule "ssti"))

; jinja2.Template(source), mako.template.Template(source) and Django's Template(source)
; compile the source; string.Template only substitutes $names and does not match.
((call
   function: [(identifier) @_template
              (attribute
                object: (_) @_module
                attribute: (identifier) @_template)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_template "Template")
 (#not-eq? @_module "string")
 (#set! unguarded.rule "ssti"))

; Bottle: template(x, ...) and its adapters compile x as a template source when it holds a
; newline, "{", "%" or "$" (otherwise x names a template file), so a value from input is a
; source whatever the code meant it to be; SimpleTemplate(source) always compiles it. Only
; the names imported from bottle (`from bottle import template`, `bottle.template`).
((call
   function: [(identifier) @_template
              (attribute attribute: (identifier) @_template)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_template "template" "SimpleTemplate" "jinja2_template" "mako_template"
   "cheetah_template")
 (#not-match? @sink.arg "^(name|lookup|encoding|syntax|template_adapter|template_lookup)\\s*=")
 (#set! unguarded.imported_from "bottle")
 (#set! unguarded.rule "ssti"))
