; rejectUnauthorized: false (https, tls, axios/got agents, pg/mysql ssl options) accepts
; any certificate; strictSSL: false does the same for the request library.
((pair
   key: [(property_identifier) (string)] @_key
   value: (false)) @sink.call
 (#match? @_key "^[\"']?(rejectUnauthorized|strictSSL)[\"']?$")
 (#set! unguarded.rule "tls-verification-disabled"))

; agent.options.rejectUnauthorized = false.
((assignment_expression
   left: (member_expression property: (property_identifier) @_key)
   right: (false)) @sink.call
 (#eq? @_key "rejectUnauthorized")
 (#set! unguarded.sink "rejectUnauthorized = false")
 (#set! unguarded.rule "tls-verification-disabled"))

; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0" turns verification off for the whole process.
((assignment_expression
   left: [(member_expression
            object: (member_expression
              object: (identifier) @_process
              property: (property_identifier) @_env)
            property: (property_identifier) @_variable)
          (subscript_expression
            object: (member_expression
              object: (identifier) @_process
              property: (property_identifier) @_env)
            index: (string) @_variable)]
   right: [(string) (number)] @sink.arg) @sink.call
 (#eq? @_process "process")
 (#eq? @_env "env")
 (#match? @_variable "^[\"']?NODE_TLS_REJECT_UNAUTHORIZED[\"']?$")
 (#match? @sink.arg "^[\"'`]?0[\"'`]?$")
 (#set! unguarded.sink "NODE_TLS_REJECT_UNAUTHORIZED=0")
 (#set! unguarded.rule "tls-verification-disabled"))

; checkServerIdentity: () => undefined accepts a certificate issued for any host.
((pair
   key: (property_identifier) @_key
   value: [(arrow_function body: (_) @_body)
           (function_expression body: (_) @_body)]) @sink.call
 (#eq? @_key "checkServerIdentity")
 (#match? @_body "^(\\{\\s*\\}|undefined|null|\\{\\s*return\\s*(undefined|null)?\\s*;?\\s*\\})$")
 (#set! unguarded.sink "checkServerIdentity")
 (#set! unguarded.rule "tls-verification-disabled"))
