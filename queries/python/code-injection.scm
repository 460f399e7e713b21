; eval() and exec() run a string as Python code; compile() turns it into a code object
; that is then run.
((call
   function: (identifier) @_function
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_function "eval" "exec" "compile")
 (#set! unguarded.rule "code-injection"))

; builtins.eval(...) and friends spelled through the module.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_module "builtins" "__builtins__")
 (#any-of? @_function "eval" "exec" "compile")
 (#set! unguarded.rule "code-injection"))
