; Calls that make a value safe (coercions, sanitizers) or that validate it (used in guards).

; Coercion to a number, a flag or an identifier removes every injection. A BSON ObjectId
; (bson's ObjectId(x)) is built only from 24 hex digits or 12 bytes and prints as hex: it is
; no mapping, so it cannot carry a query operator either.
((call
   function: (identifier) @_coerce) @control.coerce
 (#any-of? @_coerce "int" "float" "bool" "complex" "UUID" "Decimal" "len" "hash" "ord" "abs"
   "round" "ObjectId"))

; uuid.UUID(), decimal.Decimal(), hashlib digests, bson.ObjectId(): no attacker text survives.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_coerce)) @control.coerce
 (#any-of? @_module "uuid" "decimal" "ipaddress" "math" "hashlib" "secrets" "bson" "objectid")
 (#any-of? @_coerce "UUID" "Decimal" "floor" "ceil" "sha256" "sha1"
   "md5" "token_hex" "token_urlsafe" "blake2b" "ObjectId"))

; Werkzeug's MultiDict.get(name, default, type=int) (request.args, request.form) returns
; type(value), or the default when the conversion fails: never the text. Likewise getlist.
((call
   function: (attribute attribute: (identifier) @_get)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_type
       value: [(identifier) @_coerce
               (attribute attribute: (identifier) @_coerce)]))) @control.coerce
 (#any-of? @_get "get" "getlist")
 (#eq? @_type "type")
 (#any-of? @_coerce "int" "float" "bool" "UUID" "Decimal"))

; HTML escaping and sanitizing libraries (Tornado's is tornado.escape.xhtml_escape).
((call
   function: [(identifier) @_escape
              (attribute attribute: (identifier) @_escape)]) @control.sanitize
 (#any-of? @_escape "escape" "conditional_escape" "clean" "sanitize" "escape_html" "quoteattr"
   "linkify" "strip_tags" "xhtml_escape")
 (#set! unguarded.rules "xss"))

; shlex.quote() makes one shell word of a value; shlex.join() quotes every word.
((call
   function: (attribute
     object: (identifier) @_shlex
     attribute: (identifier) @_quote)) @control.sanitize
 (#any-of? @_shlex "shlex" "pipes")
 (#any-of? @_quote "quote" "join")
 (#set! unguarded.rules "command-injection"))

; from shlex import quote.
((call
   function: (identifier) @_quote) @control.sanitize
 (#eq? @_quote "quote")
 (#set! unguarded.rules "command-injection"))

; A bare file name cannot leave its directory.
((call
   function: [(identifier) @_name
              (attribute attribute: (identifier) @_name)]) @control.sanitize
 (#any-of? @_name "secure_filename" "basename" "get_valid_filename" "safe_join")
 (#set! unguarded.rules "path-traversal"))

; Identifier quoting and escaping provided by database drivers.
((call
   function: [(identifier) @_quote
              (attribute attribute: (identifier) @_quote)]) @control.sanitize
 (#any-of? @_quote "Identifier" "Literal" "quote_ident" "escape_string" "literal" "quote_name"
   "escape_identifier" "quote_identifier" "qtIdent" "qtLiteral")
 (#set! unguarded.rules "sql-injection"))

; Validators from the standard library and well-known packages.
((call
   function: [(identifier) @_check
              (attribute attribute: (identifier) @_check)]) @control.validate
 (#any-of? @_check "match" "fullmatch" "search" "url_has_allowed_host_and_scheme"
   "is_safe_url" "commonpath" "is_relative_to" "url" "domain" "validate_email"))

; SQLAlchemy bound parameters: the value travels outside the SQL text.
((call
   function: [(identifier) @_bind
              (attribute attribute: (identifier) @_bind)]) @control.sanitize
 (#any-of? @_bind "bindparam" "bindparams")
 (#set! unguarded.rules "sql-injection"))

; A digest of a value is hex text, whatever the value was.
((call
   function: (attribute
     attribute: (identifier) @_digest)) @control.coerce
 (#any-of? @_digest "hexdigest" "digest"))

; An IP address object prints as digits, dots and colons: safe in SQL, a shell, HTML or a
; path, but no defence against SSRF (169.254.169.254 is a valid address).
((call
   function: [(identifier) @_ip
              (attribute attribute: (identifier) @_ip)]) @control.sanitize
 (#any-of? @_ip "ip_address" "ip_network" "IPv4Address" "IPv6Address")
 (#set! unguarded.rules "sql-injection,command-injection,xss,path-traversal"))

; A constant-time comparison of a signature: hmac.compare_digest(sig, expected) proves who
; sent the blob (a signature over a blob vouches for its sender), not that a field of it is
; safe SQL, a safe path or safe HTML. It is the documented control for deserialization only.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_compare)) @control.validate
 (#any-of? @_module "hmac" "secrets")
 (#eq? @_compare "compare_digest")
 (#set! unguarded.rules "unsafe-deserialization"))

; url_for() / reverse() build a path on this site from a route name: the arguments only
; fill in path segments and the query string.
((call
   function: [(identifier) @_build
              (attribute attribute: (identifier) @_build)]) @control.sanitize
 (#any-of? @_build "url_for" "reverse" "reverse_lazy")
 (#set! unguarded.rules "open-redirect"))

; str() turns a dict or list from a JSON body into plain text: no query operators survive.
((call
   function: (identifier) @_str) @control.sanitize
 (#eq? @_str "str")
 (#set! unguarded.rules "nosql-injection"))
