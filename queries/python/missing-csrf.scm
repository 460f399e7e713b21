; Django: @csrf_exempt removes CsrfViewMiddleware's token check from the view.
((decorator
   [(identifier) @_exempt
    (attribute attribute: (identifier) @_exempt)]) @sink.call
 (#eq? @_exempt "csrf_exempt")
 (#set! unguarded.sink "@csrf_exempt")
 (#set! unguarded.rule "missing-csrf"))

; Django: csrf_exempt(view) wrapped around a view in urls.py.
((call
   function: [(identifier) @_exempt
              (attribute attribute: (identifier) @_exempt)]
   arguments: (argument_list . (_))) @sink.call
 (#eq? @_exempt "csrf_exempt")
 (#set! unguarded.rule "missing-csrf"))

; Flask-WTF: WTF_CSRF_ENABLED = False at the top of a config module.
((module
   (expression_statement
     (assignment
       left: (identifier) @_setting
       right: (false)) @sink.call))
 (#eq? @_setting "WTF_CSRF_ENABLED")
 (#set! unguarded.sink "WTF_CSRF_ENABLED = False")
 (#set! unguarded.rule "missing-csrf"))

; ... or in a configuration class that is not for tests (TestingConfig turns it off on purpose).
((class_definition
   name: (identifier) @_class
   body: (block
     (expression_statement
       (assignment
         left: (identifier) @_setting
         right: (false)) @sink.call)))
 (#eq? @_setting "WTF_CSRF_ENABLED")
 (#not-match? @_class "(?i)test")
 (#set! unguarded.sink "WTF_CSRF_ENABLED = False")
 (#set! unguarded.rule "missing-csrf"))

; app.config["WTF_CSRF_ENABLED"] = False.
((assignment
   left: (subscript
     subscript: (string) @_setting)
   right: (false)) @sink.call
 (#match? @_setting "^[\"']WTF_CSRF_ENABLED[\"']$")
 (#set! unguarded.sink "WTF_CSRF_ENABLED = False")
 (#set! unguarded.rule "missing-csrf"))

; app.config.update(WTF_CSRF_ENABLED=False) / FlaskForm(meta={"csrf": False}).
((call
   arguments: (argument_list
     [(keyword_argument
        name: (identifier) @_setting
        value: (false))
      (keyword_argument
        name: (identifier) @_meta
        value: (dictionary
          (pair
            key: (string) @_setting
            value: (false))))])) @sink.call
 (#match? @_setting "^[\"']?(WTF_CSRF_ENABLED|csrf)[\"']?$")
 (#set! unguarded.rule "missing-csrf"))

; A Flask-WTF form whose Meta says csrf = False.
((class_definition
   name: (identifier) @_meta
   body: (block
     (expression_statement
       (assignment
         left: (identifier) @_csrf
         right: (false)) @sink.call)))
 (#eq? @_meta "Meta")
 (#eq? @_csrf "csrf")
 (#set! unguarded.sink "Meta.csrf = False")
 (#set! unguarded.rule "missing-csrf"))
