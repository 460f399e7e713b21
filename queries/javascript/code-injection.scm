; eval() runs its argument as JavaScript in the caller's scope.
((call_expression
   function: (identifier) @_eval
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_eval "eval")
 (#set! unguarded.rule "code-injection"))

; window.eval / globalThis.eval: the same function reached through the global object.
((call_expression
   function: (member_expression
     object: (identifier) @_global
     property: (property_identifier) @_eval)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_global "window" "globalThis" "global" "self")
 (#eq? @_eval "eval")
 (#set! unguarded.rule "code-injection"))

; new Function(...params, body) / Function(body) compiles its string arguments.
([(new_expression
    constructor: (identifier) @_function
    arguments: (arguments (_) @sink.arg))
  (call_expression
    function: (identifier) @_function
    arguments: (arguments (_) @sink.arg))] @sink.call
 (#eq? @_function "Function")
 (#set! unguarded.sink "new Function()")
 (#set! unguarded.rule "code-injection"))

; setTimeout/setInterval with a string (not a function) evaluate it like eval(). Only
; string-building expressions, and names that say they hold code: a plain name is
; usually a callback.
((call_expression
   function: [(identifier) @_timer
              (member_expression
                object: (identifier) @_global
                property: (property_identifier) @_timer)]
   arguments: (arguments . [(template_string) (binary_expression)] @sink.arg)) @sink.call
 (#any-of? @_timer "setTimeout" "setInterval")
 (#set! unguarded.rule "code-injection"))

; ... a variable or field named like code: setTimeout(code, 0), setTimeout(req.query.script).
((call_expression
   function: [(identifier) @_timer
              (member_expression
                object: (identifier) @_global
                property: (property_identifier) @_timer)]
   arguments: (arguments . [(identifier) (member_expression)] @sink.arg)) @sink.call
 (#any-of? @_timer "setTimeout" "setInterval")
 (#match? @sink.arg "(?i)(code|script|expr|expression|snippet|source|src|js)$")
 (#set! unguarded.rule "code-injection"))

; Node's vm module compiles and runs code; it is not a security sandbox.
((call_expression
   function: (member_expression property: (property_identifier) @_run)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_run "runInContext" "runInNewContext" "runInThisContext" "compileFunction")
 (#set! unguarded.module "vm,node:vm")
 (#set! unguarded.rule "code-injection"))

; The same functions by a local name: const { runInNewContext } = require("vm").
((call_expression
   function: (identifier)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#set! unguarded.module "vm,node:vm")
 (#set! unguarded.member "runInContext,runInNewContext,runInThisContext,compileFunction")
 (#set! unguarded.rule "code-injection"))

; new vm.Script(code) compiles code to run later.
((new_expression
   constructor: (member_expression
     object: (identifier) @_vm
     property: (property_identifier) @_script)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_vm "vm")
 (#eq? @_script "Script")
 (#set! unguarded.sink "new vm.Script()")
 (#set! unguarded.rule "code-injection"))

; Electron: webContents.executeJavaScript(code) runs code in a page (in files that use
; electron; <webview> elements have the same method).
((call_expression
   function: (member_expression
     property: (property_identifier) @_execute)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_execute "executeJavaScript")
 (#set! unguarded.file_module "electron")
 (#set! unguarded.sink "executeJavaScript()")
 (#set! unguarded.rule "code-injection"))
