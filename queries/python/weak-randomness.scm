; A value from the random module (Mersenne Twister: 624 outputs reveal its state)
; assigned to a name that says it is a secret: token, password, key, one-time code, salt.
((assignment
   left: (_) @_name
   right: (_) @sink.arg) @sink.call
 (#match? @sink.arg "(^|[^\\w.])(np\\.|numpy\\.)?random\\.(random|randint|choice|choices|getrandbits|randrange|sample|uniform|randbytes|shuffle)\\(")
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code|reset_?(token|link|key)|(coupon|voucher)(_?(id|key))?\\b)|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#set! unguarded.sink "random module")
 (#set! unguarded.rule "weak-randomness"))

; The same value passed as a keyword argument or stored under a dictionary key.
([(keyword_argument
    name: (_) @_name
    value: (_) @sink.arg)
  (pair
    key: (_) @_name
    value: (_) @sink.arg)] @sink.call
 (#match? @sink.arg "(^|[^\\w.])(np\\.|numpy\\.)?random\\.(random|randint|choice|choices|getrandbits|randrange|sample|uniform|randbytes|shuffle)\\(")
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code|reset_?(token|link|key)|(coupon|voucher)(_?(id|key))?\\b)|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#set! unguarded.sink "random module")
 (#set! unguarded.rule "weak-randomness"))

; Returned from a function whose name says it makes a secret: def generate_reset_token().
; A returned dictionary is left to its own keys (the pattern above).
((function_definition
   name: (identifier) @_name
   body: (block
     (return_statement (_) @sink.arg) @sink.call))
 (#match? @sink.arg "(^|[^\\w.])(np\\.|numpy\\.)?random\\.(random|randint|choice|choices|getrandbits|randrange|sample|uniform|randbytes|shuffle)\\(")
 (#match? @_name "(?i:token|passw|pwd|secret|nonce|salt|api_?key|csrf|session_?(id|key|token)|(private|signing|encryption|access|auth)_?key|(verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code|reset_?(token|link|key)|(coupon|voucher)(_?(id|key))?\\b)|(^|[_.\\[\"'])(?i:otp)|[a-z]Otp|OTP")
 (#not-match? @_name "(?i)tokens\\b|token_?ids?\\b|tokeni[sz]|token_?(count|len|type|url|limit|usage|budget)|max_?tokens")
 (#not-match? @sink.arg "^\\{")
 (#set! unguarded.sink "random module")
 (#set! unguarded.rule "weak-randomness"))

; A value named just `code` (or `..._code`, `...Code`) that reads as a generated code, a
; joined string of random characters or a number of four or more digits
; (`"".join(random.choices(ALPHABET, k=8))`, `random.randint(100000, 999999)`): a coupon,
; login or confirmation code. Codes of other kinds (status, error, country, ...) are left alone.
([(assignment
    left: (_) @_name
    right: (_) @sink.arg)
  (keyword_argument
    name: (_) @_name
    value: (_) @sink.arg)
  (pair
    key: (_) @_name
    value: (_) @sink.arg)] @sink.call
 (#match? @_name "(^|[._\"'a-z])(?i:code)[\"']?$")
 (#not-match? @_name "(?i)(status|error|err|exit|country|colou?r|key|char|zip|postal|currency|lang\\w*|locale|area|hash|response|return|source|http|region|product|item|sku|sort|class|type|unit|state|airport|event|op|bar|qr|dial|phone|verification|verify|confirm\\w*|activation|invite|pin|reset|otp|one_?time|login|sign_?in|auth|access|security|recovery|backup|mfa|2fa|sms|email|magic|coupon|voucher|promo|discount|gift|redeem|redemption|referral|claim|unlock)_?code[\"']?$")
 (#match? @sink.arg "(^|[^\\w.])(np\\.|numpy\\.)?random\\.(random|randint|choice|choices|getrandbits|randrange|sample|uniform|randbytes|shuffle)\\(")
 (#match? @sink.arg "join\\(|[1-9][0-9_]{3,}|randbytes|getrandbits|hex\\(")
 (#set! unguarded.sink "random module")
 (#set! unguarded.rule "weak-randomness"))
