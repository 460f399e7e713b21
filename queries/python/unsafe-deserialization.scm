; pickle and the libraries built on it (dill, cloudpickle, joblib) rebuild arbitrary
; objects: loading attacker bytes runs their __reduce__ code.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_module "pickle" "cPickle" "_pickle" "dill" "cloudpickle" "joblib")
 (#any-of? @_function "loads" "load" "Unpickler")
 (#set! unguarded.rule "unsafe-deserialization"))

; marshal reads code objects and is documented as unsafe for untrusted data.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_module "marshal")
 (#any-of? @_function "loads" "load")
 (#set! unguarded.rule "unsafe-deserialization"))

; shelve.open(path) unpickles whatever the file at that path holds.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_module "shelve")
 (#eq? @_function "open")
 (#set! unguarded.rule "unsafe-deserialization"))

; jsonpickle.decode() restores the classes named in the "py/object" keys.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_module "jsonpickle")
 (#any-of? @_function "decode" "loads")
 (#set! unguarded.rule "unsafe-deserialization"))
