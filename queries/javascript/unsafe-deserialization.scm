; node-serialize's unserialize() revives functions written as "_$$ND_FUNC$$_..." strings,
; and an immediately invoked one runs while the object is read.
((call_expression
   function: (member_expression property: (property_identifier) @_function)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_function "unserialize")
 (#set! unguarded.module "node-serialize")
 (#set! unguarded.rule "unsafe-deserialization"))

; The same function by a local name: const { unserialize } = require("node-serialize").
((call_expression
   function: (identifier)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#set! unguarded.module "node-serialize")
 (#set! unguarded.member "unserialize")
 (#set! unguarded.rule "unsafe-deserialization"))
