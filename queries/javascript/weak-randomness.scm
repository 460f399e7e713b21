; Math.random() (a fast, predictable generator: its state is recovered from a few outputs)
; in a value assigned to a name that says it is a secret: token, password, key, one-time
; code, salt. Function values are matched by what they return instead.
([(variable_declarator
    name: (_) @_name
    value: (_) @sink.arg)
  (assignment_expression
    left: (_) @_name
    right: (_) @sink.arg)
  (pair
    key: (_) @_name
    value: (_) @sink.arg)] @sink.call
 (#match? @sink.arg "Math\\.random\\(")
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp)_?code|reset_?(token|link|key))|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#not-match? @sink.arg "^(async\\s*)?(<[^>]*>\\s*)?(function\\b|\\([^)]*\\)\\s*(:[^=]+)?=>|[\\w$]+\\s*=>)")
 (#set! unguarded.sink "Math.random()")
 (#set! unguarded.rule "weak-randomness"))

; Returned from a function whose name says it makes a secret: function generateToken().
; A returned object literal is left to its own properties (the pattern above).
([(function_declaration
    name: (identifier) @_name
    body: (statement_block
      (return_statement (_) @sink.arg) @sink.call))
  (method_definition
    name: (property_identifier) @_name
    body: (statement_block
      (return_statement (_) @sink.arg) @sink.call))
  (variable_declarator
    name: (identifier) @_name
    value: (arrow_function
      body: (statement_block
        (return_statement (_) @sink.arg) @sink.call)))]
 (#match? @sink.arg "Math\\.random\\(")
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp)_?code|reset_?(token|link|key))|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#not-match? @sink.arg "^\\{")
 (#set! unguarded.sink "Math.random()")
 (#set! unguarded.rule "weak-randomness"))

; An arrow function with an expression body: const makeOtp = () => Math.random()...
((variable_declarator
   name: (identifier) @_name
   value: (arrow_function
     body: (_) @sink.arg @sink.call))
 (#match? @sink.arg "Math\\.random\\(")
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp)_?code|reset_?(token|link|key))|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#not-match? @sink.arg "^\\{")
 (#set! unguarded.sink "Math.random()")
 (#set! unguarded.rule "weak-randomness"))
