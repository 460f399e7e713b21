; A string literal assigned to a name that says it is a secret (SECRET_KEY, password,
; api_key, app.config["JWT_SECRET"], self.token). Names of URLs, headers, fields and the
; like, placeholders and values that look like identifiers, key names or paths are left out.
((assignment
   left: (_) @_name
   right: (string) @sink.arg) @sink.call
 (#match? @sink.arg "^[bBuU]?[rR]?[\"'][^\"'\\s]{8,}[\"']$")
 (#match? @_name "(?i)secret|passw(or)?d|api_?key|apikey|token|private_?key|access_?key|auth_?key|signing_?key|encryption_?key|(^|[._\\[\"'])pass[\"'\\]]?$")
 (#not-match? @_name "(?i)(url|uri|endpoint|path|file|dir|header|name|field|param|type|prefix|suffix|template|env|var|length|len|algorithm|alg|label|placeholder|message|msg|text|route|pattern|regex|format|id|ids|count|timeout|ttl|expir\\w*|age|lifetime|seconds|minutes|hours|days|hash|hint|policy|storage_?key|cache_?key|cookie|scope|scopes|version|mode|class|kind|_re|validator|min|max|enabled|required|arn|method|reset_\\w+|tokeni[sz]\\w*|tokens)[\"'\\]]?$")
 (#not-match? @sink.arg "(?i:change[-_ ]?me|example|placeholder|xxx|your[-_ ]?|dummy|test|empty|sample|fake|replace|todo|redacted|secret[-_]?here|insert|lorem)|<[^>]*>|\\*\\*\\*|\\.\\.\\.|\\$\\{|\\{\\{|%\\(|%s|^\\W{1,3}https?://|^\\W{1,3}(/|\\./|~/)|^\\W{1,3}[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\\W$|^\\W{1,3}(?i:[a-z_.:-]*(token|auth|session|access|refresh|jwt|user|bearer)[a-z_.:-]*)\\W$|^\\W{1,3}[xX]-[A-Za-z-]+\\W$|^\\W{1,3}[A-Za-z]+([._][A-Za-z]+)*\\W$|^[rR]|\\\\[wsdbWSDB]|\\[\\^|\\(\\?")
 (#set! unguarded.sink "Hard-coded secret")
 (#set! unguarded.policy "secret-value")
 (#set! unguarded.rule "hardcoded-secret"))

; The same literal passed as a keyword argument (connect(password="..."), Client(api_key=...))
; or stored under a dictionary key ({"password": "..."}).
([(keyword_argument
    name: (_) @_name
    value: (string) @sink.arg)
  (pair
    key: (_) @_name
    value: (string) @sink.arg)] @sink.call
 (#match? @sink.arg "^[bBuU]?[rR]?[\"'][^\"'\\s]{8,}[\"']$")
 (#match? @_name "(?i)secret|passw(or)?d|api_?key|apikey|token|private_?key|access_?key|auth_?key|signing_?key|encryption_?key|(^|[._\\[\"'])pass[\"'\\]]?$")
 (#not-match? @_name "(?i)(url|uri|endpoint|path|file|dir|header|name|field|param|type|prefix|suffix|template|env|var|length|len|algorithm|alg|label|placeholder|message|msg|text|route|pattern|regex|format|id|ids|count|timeout|ttl|expir\\w*|age|lifetime|seconds|minutes|hours|days|hash|hint|policy|storage_?key|cache_?key|cookie|scope|scopes|version|mode|class|kind|_re|validator|min|max|enabled|required|arn|method|reset_\\w+|tokeni[sz]\\w*|tokens)[\"'\\]]?$")
 (#not-match? @sink.arg "(?i:change[-_ ]?me|example|placeholder|xxx|your[-_ ]?|dummy|test|empty|sample|fake|replace|todo|redacted|secret[-_]?here|insert|lorem)|<[^>]*>|\\*\\*\\*|\\.\\.\\.|\\$\\{|\\{\\{|%\\(|%s|^\\W{1,3}https?://|^\\W{1,3}(/|\\./|~/)|^\\W{1,3}[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\\W$|^\\W{1,3}(?i:[a-z_.:-]*(token|auth|session|access|refresh|jwt|user|bearer)[a-z_.:-]*)\\W$|^\\W{1,3}[xX]-[A-Za-z-]+\\W$|^\\W{1,3}[A-Za-z]+([._][A-Za-z]+)*\\W$|^[rR]|\\\\[wsdbWSDB]|\\[\\^|\\(\\?")
 (#set! unguarded.sink "Hard-coded secret")
 (#set! unguarded.policy "secret-value")
 (#set! unguarded.rule "hardcoded-secret"))

; A secret as a parameter default: def connect(password="...").
([(default_parameter
    name: (identifier) @_name
    value: (string) @sink.arg)
  (typed_default_parameter
    name: (identifier) @_name
    value: (string) @sink.arg)] @sink.call
 (#match? @sink.arg "^[bBuU]?[rR]?[\"'][^\"'\\s]{8,}[\"']$")
 (#match? @_name "(?i)secret|passw(or)?d|api_?key|apikey|token|private_?key|access_?key|auth_?key|signing_?key|encryption_?key|(^|[._\\[\"'])pass[\"'\\]]?$")
 (#not-match? @_name "(?i)(url|uri|endpoint|path|file|dir|header|name|field|param|type|prefix|suffix|template|env|var|length|len|algorithm|alg|label|placeholder|message|msg|text|route|pattern|regex|format|id|ids|count|timeout|ttl|expir\\w*|age|lifetime|seconds|minutes|hours|days|hash|hint|policy|storage_?key|cache_?key|cookie|scope|scopes|version|mode|class|kind|_re|validator|min|max|enabled|required|arn|method|reset_\\w+|tokeni[sz]\\w*|tokens)[\"'\\]]?$")
 (#not-match? @sink.arg "(?i:change[-_ ]?me|example|placeholder|xxx|your[-_ ]?|dummy|test|empty|sample|fake|replace|todo|redacted|secret[-_]?here|insert|lorem)|<[^>]*>|\\*\\*\\*|\\.\\.\\.|\\$\\{|\\{\\{|%\\(|%s|^\\W{1,3}https?://|^\\W{1,3}(/|\\./|~/)|^\\W{1,3}[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\\W$|^\\W{1,3}(?i:[a-z_.:-]*(token|auth|session|access|refresh|jwt|user|bearer)[a-z_.:-]*)\\W$|^\\W{1,3}[xX]-[A-Za-z-]+\\W$|^\\W{1,3}[A-Za-z]+([._][A-Za-z]+)*\\W$|^[rR]|\\\\[wsdbWSDB]|\\[\\^|\\(\\?")
 (#set! unguarded.sink "Hard-coded secret")
 (#set! unguarded.policy "secret-value")
 (#set! unguarded.rule "hardcoded-secret"))

; A PEM private key written into the source, whatever it is assigned to: a key block with
; real base64 content (placeholders such as "..." have none).
((string) @sink.call @sink.arg
 (#match? @sink.arg "-----BEGIN ([A-Z]+ )*PRIVATE KEY-----(.|\\n|\\\\n)*[A-Za-z0-9+/]{40}")
 (#set! unguarded.sink "Hard-coded private key")
 (#set! unguarded.rule "hardcoded-secret"))
