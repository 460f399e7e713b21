; jsonwebtoken's decode() (and jose's decodeJwt()) return the payload without checking
; the signature. decode(token, { complete: true }) reads the header to pick a key before
; verify() and is left alone.
((call_expression
   function: (member_expression property: (property_identifier) @_decode)
   arguments: (arguments . (_))) @sink.call
 (#any-of? @_decode "decode" "decodeJwt")
 (#set! unguarded.module "jsonwebtoken,jose")
 (#set! unguarded.safe_key "complete")
 (#set! unguarded.rule "jwt-not-verified"))

; The same functions by a local name: import { decode } from "jsonwebtoken".
((call_expression
   function: (identifier)
   arguments: (arguments . (_))) @sink.call
 (#set! unguarded.module "jsonwebtoken,jose")
 (#set! unguarded.member "decode,decodeJwt")
 (#set! unguarded.safe_key "complete")
 (#set! unguarded.rule "jwt-not-verified"))

; verify(token, key, { algorithms: ["none"] }) accepts unsigned tokens.
((call_expression
   function: [(identifier) @_verify
              (member_expression property: (property_identifier) @_verify)]
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_algorithms
         value: (array (string) @_none))))) @sink.call
 (#any-of? @_verify "verify" "jwtVerify")
 (#eq? @_algorithms "algorithms")
 (#match? @_none "^[\"'`](?i:none)[\"'`]$")
 (#set! unguarded.sink "jwt.verify(algorithms: [\"none\"])")
 (#set! unguarded.rule "jwt-not-verified"))
