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
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code|reset_?(token|link|key)|(coupon|voucher)(_?(id|key))?\\b)|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
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
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code|reset_?(token|link|key)|(coupon|voucher)(_?(id|key))?\\b)|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
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
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code|reset_?(token|link|key)|(coupon|voucher)(_?(id|key))?\\b)|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#not-match? @sink.arg "^\\{")
 (#set! unguarded.sink "Math.random()")
 (#set! unguarded.rule "weak-randomness"))

; A value named just `code` (or `...Code`, `..._code`) that reads as a generated code, a
; random string or a number of four or more digits (`Math.random().toString(36).slice(2,
; 10)`, `Math.floor(100000 + Math.random() * 900000)`): a coupon, login or confirmation
; code. Codes of other kinds (status, error, country, color, key, ...) are left alone.
([(variable_declarator
    name: (_) @_name
    value: (_) @sink.arg)
  (assignment_expression
    left: (_) @_name
    right: (_) @sink.arg)
  (pair
    key: (_) @_name
    value: (_) @sink.arg)] @sink.call
 (#match? @_name "(^|[._\"'a-z])(?i:code)[\"']?$")
 (#not-match? @_name "(?i)(status|error|err|exit|country|colou?r|key|char|zip|postal|currency|lang\\w*|locale|area|hash|response|return|source|http|region|product|item|sku|sort|class|type|unit|state|airport|event|op|bar|qr|dial|phone|verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code[\"']?$")
 (#match? @sink.arg "Math\\.random\\(")
 (#match? @sink.arg "toString\\(\\s*(36|32|16)\\s*\\)|[1-9][0-9_]{3,}|padStart\\(")
 (#not-match? @sink.arg "^(async\\s*)?(<[^>]*>\\s*)?(function\\b|\\([^)]*\\)\\s*(:[^=]+)?=>|[\\w$]+\\s*=>)")
 (#set! unguarded.sink "Math.random()")
 (#set! unguarded.rule "weak-randomness"))
