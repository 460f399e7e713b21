; yaml.load(data) without a Loader: PyYAML before 6 falls back to a loader that builds
; Python objects from tags.
((call
   function: (attribute
     object: (identifier) @_yaml
     attribute: (identifier) @_load)
   arguments: (argument_list . (_) @sink.arg .)) @sink.call
 (#eq? @_yaml "yaml")
 (#any-of? @_load "load" "load_all")
 (#set! unguarded.rule "unsafe-yaml-load"))

; yaml.load(data, Loader=yaml.Loader): Loader, UnsafeLoader, FullLoader and their C
; versions construct Python objects named in the document.
((call
   function: [(identifier) @_load
              (attribute attribute: (identifier) @_load)]
   arguments: (argument_list
     . (_) @sink.arg
     (keyword_argument
       name: (identifier) @_keyword
       value: [(identifier) @_loader
               (attribute attribute: (identifier) @_loader)]))) @sink.call
 (#any-of? @_load "load" "load_all")
 (#eq? @_keyword "Loader")
 (#any-of? @_loader "Loader" "UnsafeLoader" "FullLoader" "CLoader" "CUnsafeLoader" "CFullLoader")
 (#set! unguarded.rule "unsafe-yaml-load"))

; The same loaders passed positionally: yaml.load(data, yaml.UnsafeLoader).
((call
   function: (attribute
     object: (identifier) @_yaml
     attribute: (identifier) @_load)
   arguments: (argument_list
     . (_) @sink.arg
     . [(identifier) @_loader
        (attribute attribute: (identifier) @_loader)])) @sink.call
 (#eq? @_yaml "yaml")
 (#any-of? @_load "load" "load_all")
 (#any-of? @_loader "Loader" "UnsafeLoader" "FullLoader" "CLoader" "CUnsafeLoader" "CFullLoader")
 (#set! unguarded.rule "unsafe-yaml-load"))

; The shortcuts for those loaders.
((call
   function: (attribute
     object: (identifier) @_yaml
     attribute: (identifier) @_load)) @sink.call
 (#eq? @_yaml "yaml")
 (#any-of? @_load "unsafe_load" "unsafe_load_all" "full_load" "full_load_all")
 (#set! unguarded.rule "unsafe-yaml-load"))
