; Calls through a name an import binds, for the engine to read as the imported name:
; `from mako.template import Template as MakoTemplate; MakoTemplate(src)` is
; `mako.template.Template(src)`, `import pickle as pk; pk.loads(b)` is `pickle.loads(b)`.
; Each match is resolved against the import (server/unguarded/analysis/aliases.py) and
; judged by the sink patterns of the other files; most calls are no alias and are dropped.
; A function imported under another name, or by name: `from yaml import load as yload`.
((call
   function: (identifier) @_alias) @sink.call
 (#not-any-of? @_alias "print" "len" "str" "int" "float" "bool" "list" "dict" "set" "tuple"
   "isinstance" "range" "enumerate" "zip" "sorted" "super" "getattr" "setattr" "hasattr"
   "min" "max" "sum" "any" "all" "repr" "type" "iter" "next" "map" "filter" "abs" "round"
   "open" "format" "id" "hash" "vars" "callable" "frozenset" "bytes" "reversed" "object"))

; A module imported under another name: `import subprocess as sp; sp.run(...)`. The names
; that are almost always the module itself or a framework object are left out.
((call
   function: (attribute
     object: (identifier) @_alias)) @sink.call
 (#not-any-of? @_alias "self" "cls" "super" "request" "app" "os" "re" "json" "logging"
   "logger" "log" "subprocess" "pickle" "yaml" "requests" "httpx" "sys" "time" "datetime"
   "math" "random" "hashlib" "base64" "np" "pd"))
