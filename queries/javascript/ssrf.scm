; fetch() requests whatever URL it is given (also Nuxt's $fetch and ofetch).
((call_expression
   function: (identifier) @_fetch
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_fetch "fetch" "got" "axios" "request" "needle" "ky" "$fetch" "ofetch")
 (#set! unguarded.rule "ssrf"))

; axios.get(url), got.post(url), superagent.get(url), ky.get(url).
((call_expression
   function: (member_expression
     object: (identifier) @_client
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_client "axios" "got" "superagent" "needle" "ky" "request" "undici")
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "request" "stream"
   "fetch")
 (#set! unguarded.rule "ssrf"))

; axios({ url }) / axios.request({ url }).
((call_expression
   function: [(identifier) @_client
              (member_expression object: (identifier) @_client)]
   arguments: (arguments
     . (object
         (pair
           key: (property_identifier) @_key
           value: (_) @sink.arg)))) @sink.call
 (#any-of? @_client "axios" "got" "request")
 (#any-of? @_key "url" "baseURL")
 (#set! unguarded.rule "ssrf"))

; Node's http/https clients.
((call_expression
   function: (member_expression
     object: (identifier) @_module
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "get" "request")
 (#set! unguarded.module "http,https,node:http,node:https")
 (#set! unguarded.rule "ssrf"))

; TypeScript parses `await axios.get<T>(url)` as a call of `await axios.get`.
((call_expression
   function: (await_expression
     (member_expression
       object: (identifier) @_client
       property: (property_identifier) @_method))
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_client "axios" "got" "superagent" "ky" "request")
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "request")
 (#set! unguarded.rule "ssrf"))

; Client instances: axios.create(), got.extend(), ky.create() return request functions.
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "request")
 (#set! unguarded.receiver "axios.create,got.extend,ky.create,ky.extend")
 (#set! unguarded.rule "ssrf"))

; HTTP client functions by whatever local name the import gives them: node-fetch's
; default export (`import fetchUrl from "node-fetch"`), got, ky, axios, cross-fetch.
((call_expression
   function: (identifier)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#set! unguarded.module "node-fetch,cross-fetch,isomorphic-fetch,make-fetch-happen,got,ky,axios")
 (#set! unguarded.rule "ssrf"))

; undici's request functions, destructured or renamed: const { request, fetch: get } =
; require("undici").
((call_expression
   function: (identifier)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#set! unguarded.module "undici")
 (#set! unguarded.member "request,fetch,stream,pipeline,connect,upgrade")
 (#set! unguarded.rule "ssrf"))

; undici's new Client(origin) / new Pool(origin): every request of the client goes to that
; origin.
((new_expression
   constructor: [(identifier) @_client
                 (member_expression property: (property_identifier) @_client)]
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_client "Client" "Pool")
 (#set! unguarded.module "undici")
 (#set! unguarded.sink "new Client()")
 (#set! unguarded.rule "ssrf"))

; needle(method, url, ...): the URL comes second.
((call_expression
   function: (identifier) @_needle
   arguments: (arguments . (string) . (_) @sink.arg)) @sink.call
 (#eq? @_needle "needle")
 (#set! unguarded.rule "ssrf"))

; NestJS: the HttpService of @nestjs/axios (this.httpService.get(url), firstValueFrom(...)
; around it) and its axiosRef (the axios instance). Known by the field's name, in files that
; import NestJS (a constructor parameter property typed HttpService is not followed).
((call_expression
   function: (member_expression
     object: (member_expression
       object: (this)
       property: (property_identifier) @_field)
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#match? @_field "^(http|https?Service|httpClient|http_?service|axios)$")
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "request")
 (#set! unguarded.file_module "@nestjs/axios,@nestjs/common")
 (#set! unguarded.rule "ssrf"))

; ... this.httpService.axiosRef.get(url).
((call_expression
   function: (member_expression
     object: (member_expression
       object: (member_expression
         object: (this))
       property: (property_identifier) @_axios)
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_axios "axiosRef")
 (#any-of? @_method "get" "post" "put" "patch" "delete" "head" "options" "request")
 (#set! unguarded.file_module "@nestjs/axios,@nestjs/common")
 (#set! unguarded.rule "ssrf"))

; SvelteKit: event.fetch(url) in a load function, handle hook or endpoint makes the request
; from the server (during server-side rendering for universal loads too). A `fetch`
; destructured from the event is not matched yet: a parameter named fetch reads as the
; project's own client.
((call_expression
   function: (member_expression
     object: (identifier) @_event
     property: (property_identifier) @_fetch)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_event "event")
 (#eq? @_fetch "fetch")
 (#set! unguarded.rule "ssrf"))
