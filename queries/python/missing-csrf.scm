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

; Flask: an app created in this module (at the top level or in a factory function), with
; routes that change state (POST/PUT/PATCH/DELETE), users kept in a cookie session
; (session, Flask-Login) and no CSRF protection anywhere in the module's code (no
; CSRFProtect, no Flask-WTF forms, no SeaSurf, no csrf object or token check; a comment
; naming one is no protection: the name must be on a line before any `#`). The evidence
; is code-shaped (`session[...]`, `session.get(`, imports) so that comments do not count.
([(module
    (expression_statement
      (assignment
        right: (call
          function: [(identifier) @_flask
                     (attribute attribute: (identifier) @_flask)]) @sink.call))
    (decorated_definition
      (decorator
        (call
          function: (attribute attribute: (identifier) @_route)
          arguments: (argument_list
            (keyword_argument
              name: (identifier) @_methods
              value: [(list (string) @_verb) (tuple (string) @_verb)]))))))
  (module
    (function_definition
      body: (block
        (expression_statement
          (assignment
            right: (call
              function: [(identifier) @_flask
                         (attribute attribute: (identifier) @_flask)]) @sink.call))
        (decorated_definition
          (decorator
            (call
              function: (attribute attribute: (identifier) @_route)
              arguments: (argument_list
                (keyword_argument
                  name: (identifier) @_methods
                  value: [(list (string) @_verb) (tuple (string) @_verb)]))))))))]
  @_program
 (#eq? @_flask "Flask")
 (#eq? @_route "route")
 (#eq? @_methods "methods")
 (#match? @_verb "^[\"'](?i:post|put|patch|delete)[\"']$")
 (#match? @_program "(?m)\\bsession(\\[|\\.(get|pop|clear|setdefault|update|modified|permanent)\\b)|^from flask import[^\\n]*\\bsession\\b|^from flask_login |^import flask_login|login_user\\(|current_user\\.|@login_required")
 (#not-match? @_program "(?m)^[^#\\n]*(CSRFProtect|CsrfProtect|SeaSurf|FlaskForm|\\bcsrf(_\\w+)?\\s*[.=(]|WTF_CSRF|csrf_token|[xX]-CSRF)")
 (#set! unguarded.sink "Flask app with state-changing routes and no CSRFProtect")
 (#set! unguarded.rule "missing-csrf"))

; The same with Flask 2's method decorators: @app.post("/transfer").
([(module
    (expression_statement
      (assignment
        right: (call
          function: [(identifier) @_flask
                     (attribute attribute: (identifier) @_flask)]) @sink.call))
    (decorated_definition
      (decorator
        (call
          function: (attribute attribute: (identifier) @_method)))))
  (module
    (function_definition
      body: (block
        (expression_statement
          (assignment
            right: (call
              function: [(identifier) @_flask
                         (attribute attribute: (identifier) @_flask)]) @sink.call))
        (decorated_definition
          (decorator
            (call
              function: (attribute attribute: (identifier) @_method)))))))]
  @_program
 (#eq? @_flask "Flask")
 (#any-of? @_method "post" "put" "patch" "delete")
 (#match? @_program "(?m)\\bsession(\\[|\\.(get|pop|clear|setdefault|update|modified|permanent)\\b)|^from flask import[^\\n]*\\bsession\\b|^from flask_login |^import flask_login|login_user\\(|current_user\\.|@login_required")
 (#not-match? @_program "(?m)^[^#\\n]*(CSRFProtect|CsrfProtect|SeaSurf|FlaskForm|\\bcsrf(_\\w+)?\\s*[.=(]|WTF_CSRF|csrf_token|[xX]-CSRF)")
 (#set! unguarded.sink "Flask app with state-changing routes and no CSRFProtect")
 (#set! unguarded.rule "missing-csrf"))
