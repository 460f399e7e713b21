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

; Electron: a "certificate-error" listener (app.on, webContents.on) that calls its callback
; with true trusts the certificate that failed verification; setCertificateVerifyProc's
; callback with 0 accepts every certificate. Reported when the handler does so
; unconditionally (a statement of its body, or its expression body); a handler that
; decides per host or per fingerprint is left to the reader. (A parameter is matched as
; any node, or the identifier inside one: TypeScript wraps it in a required_parameter,
; which the JavaScript grammar does not name.)
((call_expression
   function: (member_expression property: (property_identifier) @_on)
   arguments: (arguments
     . (string) @_event
     . [(arrow_function
          parameters: (formal_parameters
            [(_) @_callback
             (_ (identifier) @_callback)])
          body: [(call_expression
                   function: (identifier) @_called
                   arguments: (arguments . (true) .)) @sink.call
                 (statement_block
                   (expression_statement
                     (call_expression
                       function: (identifier) @_called
                       arguments: (arguments . (true) .)) @sink.call))])
        (function_expression
          parameters: (formal_parameters
            [(_) @_callback
             (_ (identifier) @_callback)])
          body: (statement_block
            (expression_statement
              (call_expression
                function: (identifier) @_called
                arguments: (arguments . (true) .)) @sink.call)))]))
 (#any-of? @_on "on" "once" "addListener" "prependListener")
 (#match? @_event "^[\"'`]certificate-error[\"'`]$")
 (#eq? @_callback @_called)
 (#set! unguarded.file_module "electron")
 (#set! unguarded.sink "a certificate-error handler trusting the certificate")
 (#set! unguarded.rule "tls-verification-disabled"))

; session.setCertificateVerifyProc((request, callback) => callback(0)): 0 accepts the
; certificate whatever Chromium's verification found.
((call_expression
   function: (member_expression property: (property_identifier) @_method)
   arguments: (arguments
     . [(arrow_function
          parameters: (formal_parameters
            [(_) @_callback
             (_ (identifier) @_callback)])
          body: [(call_expression
                   function: (identifier) @_called
                   arguments: (arguments . (number) @_verdict .)) @sink.call
                 (statement_block
                   (expression_statement
                     (call_expression
                       function: (identifier) @_called
                       arguments: (arguments . (number) @_verdict .)) @sink.call))])
        (function_expression
          parameters: (formal_parameters
            [(_) @_callback
             (_ (identifier) @_callback)])
          body: (statement_block
            (expression_statement
              (call_expression
                function: (identifier) @_called
                arguments: (arguments . (number) @_verdict .)) @sink.call)))]))
 (#eq? @_method "setCertificateVerifyProc")
 (#eq? @_callback @_called)
 (#eq? @_verdict "0")
 (#set! unguarded.file_module "electron")
 (#set! unguarded.sink "setCertificateVerifyProc accepting every certificate")
 (#set! unguarded.rule "tls-verification-disabled"))
