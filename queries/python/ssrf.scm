; requests/httpx module functions fetch whatever URL they are given.
((call
   function: (attribute
     object: (identifier) @_lib
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_lib "requests" "httpx" "aiohttp" "urllib3")
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "stream")
 (#set! unguarded.rule "ssrf"))

; requests.request("GET", url): the URL is the second argument.
((call
   function: (attribute
     object: (identifier) @_lib
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) . (_) @sink.arg)) @sink.call
 (#any-of? @_lib "requests" "httpx" "aiohttp")
 (#eq? @_method "request")
 (#set! unguarded.rule "ssrf"))

; url= passed by keyword.
((call
   function: (attribute
     object: (_) @_lib
     attribute: (identifier) @_method)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_keyword
       value: (_) @sink.arg))) @sink.call
 (#match? @_lib "(^|\\.)(requests|httpx|aiohttp|urllib3)$|[Ss]ession|[Cc]lient")
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "request" "stream")
 (#eq? @_keyword "url")
 (#set! unguarded.rule "ssrf"))

; Session and client objects: requests.Session, httpx.Client/AsyncClient, aiohttp.ClientSession.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "stream")
 (#set! unguarded.receiver "Session,Client,AsyncClient,ClientSession,PoolManager,OAuth2Session")
 (#set! unguarded.receiver_name "(?i)^(https?\\w*|requests?|s|sess|http_session|http_client|web_client|api_client|httpx_client|api)$")
 (#set! unguarded.rule "ssrf"))

; session.request("GET", url): the URL is the second argument.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) . (_) @sink.arg)) @sink.call
 (#eq? @_method "request")
 (#set! unguarded.receiver "Session,Client,AsyncClient,ClientSession,PoolManager")
 (#set! unguarded.receiver_name "(?i)^(https?\\w*|requests?|s|sess|http_session|http_client|web_client|api_client|httpx_client|api)$")
 (#set! unguarded.rule "ssrf"))

; urllib: urlopen(url) / urllib.request.urlopen(url); urlretrieve(url, filename) downloads it.
((call
   function: [(identifier) @_open
              (attribute attribute: (identifier) @_open)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_open "urlopen" "urlretrieve")
 (#set! unguarded.rule "ssrf"))

; Tornado: AsyncHTTPClient().fetch(url) / HTTPClient().fetch(url) request the URL; an
; HTTPRequest(url) handed to fetch() carries its URL there.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_fetch)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_fetch "fetch")
 (#set! unguarded.receiver "AsyncHTTPClient,HTTPClient,CurlAsyncHTTPClient,SimpleAsyncHTTPClient")
 (#set! unguarded.receiver_name "(?i)^(async_)?http_?client$")
 (#set! unguarded.rule "ssrf"))

