; app.run(debug=True): Flask's (and Flask-SocketIO's) development server with the
; interactive Werkzeug debugger; Dash's app.run(debug=True) / app.run_server(debug=True)
; (the same server, with Dash's dev tools).
((call
   function: (attribute attribute: (identifier) @_run)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_debug
       value: (true)) @sink.arg)) @sink.call
 (#any-of? @_run "run" "run_server")
 (#eq? @_debug "debug")
 (#set! unguarded.rule "debug-mode"))

; app.debug = True / app.config["DEBUG"] = True switch a Flask app to debug mode.
((assignment
   left: [(attribute
            object: (identifier) @_app
            attribute: (identifier) @_debug)
          (subscript
            value: (attribute
              object: (identifier) @_app
              attribute: (identifier) @_config)
            subscript: (string) @_debug)]
   right: (true)) @sink.call
 (#match? @_app "(?i)app")
 (#match? @_debug "^[\"']?(debug|DEBUG)[\"']?$")
 (#set! unguarded.sink "app debug mode")
 (#set! unguarded.rule "debug-mode"))

; FastAPI(debug=True) / Starlette(debug=True) / Litestar(debug=True) send tracebacks to the
; client (ASGI apps: Litestar and Starlite render the exception page for any error).
((call
   function: [(identifier) @_app
              (attribute attribute: (identifier) @_app)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_debug
       value: (true)) @sink.arg)) @sink.call
 (#any-of? @_app "FastAPI" "Starlette" "Quart" "Sanic" "Litestar" "Starlite")
 (#eq? @_debug "debug")
 (#set! unguarded.rule "debug-mode"))

; BlackSheep: Application(show_error_details=True) sends the traceback to the client. Only
; the Application imported from blacksheep (the name is common).
((call
   function: [(identifier) @_app
              (attribute attribute: (identifier) @_app)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_details
       value: (true)) @sink.arg)) @sink.call
 (#eq? @_app "Application")
 (#eq? @_details "show_error_details")
 (#set! unguarded.imported_from "blacksheep")
 (#set! unguarded.rule "debug-mode"))

; Django: DEBUG = True at the top level of a settings module (one that also sets the
; ALLOWED_HOSTS, INSTALLED_APPS or MIDDLEWARE list), after them ...
((module
   (expression_statement
     (assignment
       left: (identifier) @_setting
       right: [(list) (tuple)]))
   (expression_statement
     (assignment
       left: (identifier) @_debug
       right: (true)) @sink.call))
 (#any-of? @_setting "ALLOWED_HOSTS" "INSTALLED_APPS" "MIDDLEWARE")
 (#eq? @_debug "DEBUG")
 (#set! unguarded.sink "DEBUG = True")
 (#set! unguarded.rule "debug-mode"))

; ... or before them.
((module
   (expression_statement
     (assignment
       left: (identifier) @_debug
       right: (true)) @sink.call)
   (expression_statement
     (assignment
       left: (identifier) @_setting
       right: [(list) (tuple)])))
 (#any-of? @_setting "ALLOWED_HOSTS" "INSTALLED_APPS" "MIDDLEWARE")
 (#eq? @_debug "DEBUG")
 (#set! unguarded.sink "DEBUG = True")
 (#set! unguarded.rule "debug-mode"))

; Werkzeug: run_simple(..., use_debugger=True) and DebuggedApplication(app, evalex=True)
; serve the debugger's Python console.
((call
   function: [(identifier) @_function
              (attribute attribute: (identifier) @_function)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_keyword
       value: (true)) @sink.arg)) @sink.call
 (#any-of? @_function "run_simple" "DebuggedApplication")
 (#any-of? @_keyword "use_debugger" "use_evalex" "evalex")
 (#set! unguarded.rule "debug-mode"))

; Flask: app.config.update(DEBUG=True) / app.config.from_mapping(DEBUG=True).
((call
   function: (attribute
     object: (attribute attribute: (identifier) @_config)
     attribute: (identifier) @_update)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_debug
       value: (true)) @sink.arg)) @sink.call
 (#eq? @_config "config")
 (#any-of? @_update "update" "from_mapping")
 (#eq? @_debug "DEBUG")
 (#set! unguarded.sink "app.config DEBUG=True")
 (#set! unguarded.rule "debug-mode"))

; A configuration class for production (ProductionConfig, ProdSettings, LiveConfig)
; with DEBUG = True. Development, test and local classes turn it on on purpose.
((class_definition
   name: (identifier) @_class
   body: (block
     (expression_statement
       (assignment
         left: (identifier) @_debug
         right: (true)) @sink.call)))
 (#match? @_class "(?i)(prod|live|release|deploy|staging)")
 (#eq? @_debug "DEBUG")
 (#set! unguarded.sink "DEBUG = True")
 (#set! unguarded.rule "debug-mode"))

; Tornado's tornado.web.Application(handlers, debug=True) (tracebacks in error pages, and
; autoreload) and BlackSheep's Application(debug=True): reported on the setting, which
; often has a line of its own below a long list of handlers.
((call
   function: [(identifier) @_app
              (attribute attribute: (identifier) @_app)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_debug
       value: (true)) @sink.call @sink.arg))
 (#eq? @_app "Application")
 (#eq? @_debug "debug")
 (#set! unguarded.sink "Application(debug=True)")
 (#set! unguarded.rule "debug-mode"))
