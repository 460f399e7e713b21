; PyJWT / python-jose: options={"verify_signature": False} returns the claims of any
; token, forged or not.
((call
   function: (attribute
     object: (identifier) @_jwt
     attribute: (identifier) @_decode)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_options
       value: (dictionary
         (pair
           key: (string) @_key
           value: (false)))))) @sink.call
 (#eq? @_jwt "jwt")
 (#eq? @_decode "decode")
 (#eq? @_options "options")
 (#match? @_key "^[\"']verify_signature[\"']$")
 (#set! unguarded.sink "jwt.decode(verify_signature=False)")
 (#set! unguarded.rule "jwt-not-verified"))

; PyJWT 1.x: jwt.decode(token, verify=False).
((call
   function: (attribute
     object: (identifier) @_jwt
     attribute: (identifier) @_decode)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_verify
       value: (false)))) @sink.call
 (#eq? @_jwt "jwt")
 (#eq? @_decode "decode")
 (#eq? @_verify "verify")
 (#set! unguarded.sink "jwt.decode(verify=False)")
 (#set! unguarded.rule "jwt-not-verified"))

; algorithms=["none"]: the unsigned algorithm accepts a token with no signature at all.
((call
   function: (attribute
     object: (identifier) @_jwt
     attribute: (identifier) @_decode)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_algorithms
       value: (list (string) @_none)))) @sink.call
 (#eq? @_jwt "jwt")
 (#eq? @_decode "decode")
 (#eq? @_algorithms "algorithms")
 (#match? @_none "^[\"'](?i:none)[\"']$")
 (#set! unguarded.sink "jwt.decode(algorithms=[\"none\"])")
 (#set! unguarded.rule "jwt-not-verified"))

; jwt.decode(token, key) without algorithms=: the token's own header picks the algorithm
; (PyJWT 1.x accepts "none" or an HMAC keyed with the public key; 2.x raises). Calls with
; verify options are left to the patterns above.
((call
   function: (attribute
     object: (identifier) @_jwt
     attribute: (identifier) @_decode)
   arguments: (argument_list . (_) . (_)) @_arguments) @sink.call
 (#eq? @_jwt "jwt")
 (#eq? @_decode "decode")
 (#not-match? @_arguments "(?i)algorithm|\\*\\*|\\[\\s*[\"'](HS|RS|ES|PS|EdDSA)|verify_signature|verify\\s*=")
 (#set! unguarded.sink "jwt.decode() without algorithms=")
 (#set! unguarded.rule "jwt-not-verified"))

; python-jose: jwt.get_unverified_claims(token) returns the payload without checking the
; signature (get_unverified_header only picks the key and stays allowed).
((call
   function: (attribute
     object: (identifier) @_jwt
     attribute: (identifier) @_claims)) @sink.call
 (#any-of? @_jwt "jwt" "jose_jwt" "jws")
 (#any-of? @_claims "get_unverified_claims")
 (#set! unguarded.sink "jwt.get_unverified_claims()")
 (#set! unguarded.rule "jwt-not-verified"))
