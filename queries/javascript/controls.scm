; Calls that make a value safe (coercions, sanitizers) or that validate it (used in guards).

; Coercion to a number or a flag removes every injection.
((call_expression
   function: (identifier) @_coerce) @control.coerce
 (#any-of? @_coerce "Number" "parseInt" "parseFloat" "Boolean" "BigInt" "isNaN"))

; Number.parseInt(), Math.floor() and friends return numbers.
((call_expression
   function: (member_expression
     object: (identifier) @_object
     property: (property_identifier) @_coerce)) @control.coerce
 (#any-of? @_object "Number" "Math")
 (#match? @_coerce "^(parseInt|parseFloat|floor|ceil|round|trunc|abs|min|max)$"))

; HTML sanitizers and escapers; a name that starts with "escapeHtml"/"escape_html"/
; "htmlEscape" is one too (escapeHtmlWithLinks escapes, then adds its own markup).
((call_expression
   function: [(identifier) @_escape
              (member_expression property: (property_identifier) @_escape)]) @control.sanitize
 (#match? @_escape "^(sanitize|sanitizeHtml|escape|encode|encodeHTML|xss|filterXSS|encodeURIComponent|encodeURI)$|^([eE]scape_?[hH][tT][mM][lL]|[hH][tT][mM][lL]_?[eE]scape)")
 (#set! unguarded.rules "xss"))

; Shell quoting.
((call_expression
   function: [(identifier) @_quote
              (member_expression property: (property_identifier) @_quote)]) @control.sanitize
 (#any-of? @_quote "quote" "shellescape" "escapeShellArg" "shellEscape")
 (#set! unguarded.rules "command-injection"))

; File names without directories.
((call_expression
   function: [(identifier) @_name
              (member_expression property: (property_identifier) @_name)]) @control.sanitize
 (#any-of? @_name "basename" "sanitizeFilename" "sanitize")
 (#set! unguarded.rules "path-traversal"))

; SQL escaping from the drivers.
((call_expression
   function: [(identifier) @_escape
              (member_expression property: (property_identifier) @_escape)]) @control.sanitize
 (#any-of? @_escape "escape" "escapeId" "escapeIdentifier" "escapeLiteral" "format")
 (#set! unguarded.rules "sql-injection"))

; Encoding a URL component keeps it inside one path segment or query value.
((call_expression
   function: (identifier) @_encode) @control.sanitize
 (#eq? @_encode "encodeURIComponent")
 (#set! unguarded.rules "ssrf,path-traversal,command-injection"))

; Validators from well-known packages.
((call_expression
   function: [(identifier) @_check
              (member_expression property: (property_identifier) @_check)]) @control.validate
 (#any-of? @_check "isURL" "isFQDN" "isIP" "isUUID" "isInt" "isNumeric" "isAlphanumeric"
   "isEmail" "test" "match"))

; A digest of a value is hex or base64 text, whatever the value was.
((call_expression
   function: (member_expression
     property: (property_identifier) @_digest)) @control.coerce
 (#eq? @_digest "digest"))

; A constant-time comparison of a signature: crypto.timingSafeEqual(sig, expected) proves
; who sent the payload, not that a field of it is safe SQL, a safe path or safe HTML. It is
; the documented control for deserialization only.
((call_expression
   function: [(identifier) @_compare
              (member_expression property: (property_identifier) @_compare)]) @control.validate
 (#eq? @_compare "timingSafeEqual")
 (#set! unguarded.rules "unsafe-deserialization"))

; path.normalize(x).replace(/^(\.\.(\/|\\|$))+/, ""): no leading ".." survives normalize.
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression
         property: (property_identifier) @_normalize))
     property: (property_identifier) @_replace)
   arguments: (arguments . (regex pattern: (regex_pattern) @_dots))) @control.sanitize
 (#eq? @_normalize "normalize")
 (#eq? @_replace "replace")
 (#match? @_dots "^\\^.*\\\\\\.\\\\\\.")
 (#set! unguarded.rules "path-traversal"))

; String() turns an object from a JSON body or the qs parser into plain text ("[object
; Object]"): no query operators survive. mongo-sanitize and mongoose's sanitizeFilter()
; strip or wrap keys that start with "$".
((call_expression
   function: [(identifier) @_clean
              (member_expression property: (property_identifier) @_clean)]) @control.sanitize
 (#any-of? @_clean "String" "sanitize" "mongoSanitize" "sanitizeFilter")
 (#set! unguarded.rules "nosql-injection"))

; A tagged template sql`... ${value}` (drizzle, Kysely, postgres.js, slonik, @vercel/postgres,
; Prisma.sql, sql-template-strings' SQL): the library sends each value as a bound parameter.
((call_expression
   function: [(identifier) @_tag
              (member_expression property: (property_identifier) @_tag)]
   arguments: (template_string)) @control.sanitize
 (#any-of? @_tag "sql" "SQL" "$queryRaw" "$executeRaw")
 (#set! unguarded.rules "sql-injection"))
