; hashlib's fast digests over a password: md5, sha1 and the SHA-2 family are built to be
; fast, so a leaked hash is cracked by brute force. The argument's text must name a password.
((call
   function: (attribute
     object: (identifier) @_hashlib
     attribute: (identifier) @_digest)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_hashlib "hashlib")
 (#any-of? @_digest "md5" "sha1" "sha224" "sha256" "sha384" "sha512" "sha3_256" "sha3_512"
   "blake2b" "blake2s")
 (#match? @sink.arg "(?i)pass(word|wd|phrase)|(^|[^a-z])(pwd|pw)([^a-z]|$)")
 (#set! unguarded.rule "weak-password-hash"))

; hashlib.new("md5", password) and friends.
((call
   function: (attribute
     object: (identifier) @_hashlib
     attribute: (identifier) @_new)
   arguments: (argument_list
     . (string) @_algorithm
     . (_) @sink.arg)) @sink.call
 (#eq? @_hashlib "hashlib")
 (#eq? @_new "new")
 (#match? @_algorithm "(?i)^[\"'](md5|sha1|sha224|sha256|sha384|sha512)[\"']$")
 (#match? @sink.arg "(?i)pass(word|wd|phrase)|(^|[^a-z])(pwd|pw)([^a-z]|$)")
 (#set! unguarded.rule "weak-password-hash"))

; md5 and sha1 over a secret or token. (SHA-256 of a long random token is the usual way to
; store it, so only the broken digests are reported for tokens.)
((call
   function: (attribute
     object: (identifier) @_hashlib
     attribute: (identifier) @_digest)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_hashlib "hashlib")
 (#any-of? @_digest "md5" "sha1")
 (#match? @sink.arg "(?i)secret|token|api_?key")
 (#set! unguarded.rule "weak-password-hash"))
