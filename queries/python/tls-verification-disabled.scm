; requests/httpx (functions, sessions and clients) and boto3 take verify=False to skip the
; certificate check, Elasticsearch and OpenSearch clients verify_certs=False. PyJWT's old
; verify=False is a different rule.
((call
   function: (_) @_function
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_keyword
       value: (false)) @sink.arg)) @sink.call
 (#any-of? @_keyword "verify" "verify_certs")
 (#not-match? @_function "(^|\\.)(decode|jwt\\w*)$")
 (#set! unguarded.rule "tls-verification-disabled"))

; aiohttp: ssl=False / verify_ssl=False on a session, connector or request.
((call
   function: (_) @_function
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_keyword
       value: (false)) @sink.arg)) @sink.call
 (#any-of? @_keyword "ssl" "verify_ssl")
 (#match? @_function "(?i)(session|connector|aiohttp|client)|(^|\\.)(get|post|put|patch|delete|request|ws_connect)$")
 (#set! unguarded.rule "tls-verification-disabled"))

; session.verify = False turns the check off for every request of a requests.Session.
((assignment
   left: (attribute
     object: (_) @_session
     attribute: (identifier) @_verify)
   right: (false) @sink.arg) @sink.call
 (#eq? @_verify "verify")
 (#match? @_session "(?i)(session|client|http|^s$)")
 (#set! unguarded.rule "tls-verification-disabled"))

; ssl._create_unverified_context() builds a context that accepts any certificate, and
; assigning it to ssl._create_default_https_context does so for the whole process.
((attribute
   object: (identifier) @_ssl
   attribute: (identifier) @_function) @sink.call
 (#eq? @_ssl "ssl")
 (#eq? @_function "_create_unverified_context")
 (#set! unguarded.rule "tls-verification-disabled"))

; ctx.verify_mode = ssl.CERT_NONE accepts any certificate.
((assignment
   left: (attribute attribute: (identifier) @_field)
   right: [(identifier) (attribute)] @sink.arg) @sink.call
 (#eq? @_field "verify_mode")
 (#match? @sink.arg "(^|\\.)CERT_NONE$")
 (#set! unguarded.rule "tls-verification-disabled"))

; cert_reqs=ssl.CERT_NONE / cert_reqs="CERT_NONE" (ssl.wrap_socket, urllib3 pools).
((call
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_keyword
       value: [(identifier) (attribute) (string)] @sink.arg))) @sink.call
 (#any-of? @_keyword "cert_reqs" "verify_mode")
 (#match? @sink.arg "(^|\\.|[\"'])CERT_NONE[\"']?$")
 (#set! unguarded.rule "tls-verification-disabled"))

; ctx.check_hostname = False accepts a valid certificate for any host name.
((assignment
   left: (attribute attribute: (identifier) @_field)
   right: (false) @sink.arg) @sink.call
 (#eq? @_field "check_hostname")
 (#set! unguarded.rule "tls-verification-disabled"))
