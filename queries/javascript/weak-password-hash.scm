; crypto.createHash("md5" | "sha1" | "sha256" ...).update(password): a fast digest over a
; password is brute-forced at billions of guesses per second. The argument's text must
; name a password.
((call_expression
   function: (member_expression
     object: (call_expression
       function: [(identifier) @_create
                  (member_expression property: (property_identifier) @_create)]
       arguments: (arguments . (string) @_algorithm))
     property: (property_identifier) @_update)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_create "createHash")
 (#eq? @_update "update")
 (#set! unguarded.sink "createHash().update()")
 (#match? @_algorithm "^[\"'`](?i:md5|sha1|sha-?224|sha-?256|sha-?384|sha-?512|sha3-256|sha3-512)[\"'`]$")
 (#match? @sink.arg "(?i)pass(word|wd|phrase)|(^|[^a-z])(pwd|pw)([^a-z]|$)")
 (#set! unguarded.rule "weak-password-hash"))

; md5 and sha1 over a secret or token. (SHA-256 of a long random token is the usual way to
; store it, so only the broken digests are reported for tokens.)
((call_expression
   function: (member_expression
     object: (call_expression
       function: [(identifier) @_create
                  (member_expression property: (property_identifier) @_create)]
       arguments: (arguments . (string) @_algorithm))
     property: (property_identifier) @_update)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_create "createHash")
 (#eq? @_update "update")
 (#set! unguarded.sink "createHash().update()")
 (#match? @_algorithm "^[\"'`](?i:md5|sha1)[\"'`]$")
 (#match? @sink.arg "(?i)secret|token|api_?key")
 (#set! unguarded.rule "weak-password-hash"))

; CryptoJS.MD5(password) / CryptoJS.SHA256(password), and md5(password) / sha1(password)
; from the npm packages of those names.
((call_expression
   function: [(member_expression
                object: (identifier) @_cryptojs
                property: (property_identifier) @_digest)
              (identifier) @_digest]
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_cryptojs "CryptoJS" "cryptoJs" "CryptoJs")
 (#match? @_digest "^(MD5|SHA1|SHA224|SHA256|SHA384|SHA512|SHA3|md5|sha1|sha256|sha512)$")
 (#match? @sink.arg "(?i)pass(word|wd|phrase)|(^|[^a-z])(pwd|pw)([^a-z]|$)")
 (#set! unguarded.rule "weak-password-hash"))
