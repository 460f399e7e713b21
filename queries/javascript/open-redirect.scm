; Express/Koa/Fastify/Hono redirect(url) sends the browser wherever the URL points. A constant
; path prefix ("/users/" + id) or host ("https://example.com/") keeps it on a known site.
; The response may be reached through the calls that return it: Express's and Fastify's
; status(), code(), type(), header(), set(), ... (reply.code(302).redirect(url)).
((call_expression
   function: (member_expression
     object: [(identifier) (call_expression)] @_response
     property: (property_identifier) @_redirect)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#match? @_response "^(res|response|reply|resp|ctx|c|context)(\\s*\\.\\s*(status|code|type|header|headers|set|append|setHeader|appendHeader|vary|removeHeader|cookie|clearCookie|location|links|attachment|contentType)\\s*\\([^()]*(\\([^()]*\\)[^()]*)*\\))*$")
 (#eq? @_redirect "redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; res.redirect(302, url): the status comes first.
((call_expression
   function: (member_expression
     object: [(identifier) (call_expression)] @_response
     property: (property_identifier) @_redirect)
   arguments: (arguments . (number) . (_) @sink.arg)) @sink.call
 (#match? @_response "^(res|response|reply|resp)(\\s*\\.\\s*(status|code|type|header|headers|set|append|setHeader|appendHeader|vary|removeHeader|cookie|clearCookie|location|links|attachment|contentType)\\s*\\([^()]*(\\([^()]*\\)[^()]*)*\\))*$")
 (#eq? @_redirect "redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; Browser navigation: window.location = url, location.href = url, document.location = url.
; (A bare `location = url` is left out: in Node code it is usually a local variable.)
((assignment_expression
   left: [(member_expression
            object: (identifier) @_window
            property: (property_identifier) @_location)
          (member_expression
            object: [(identifier) @_location
                     (member_expression
                       object: (identifier) @_window
                       property: (property_identifier) @_location)]
            property: (property_identifier) @_href)]
   right: (_) @sink.arg) @sink.call
 (#eq? @_location "location")
 (#any-of? @_window "window" "document" "self" "top" "parent")
 (#eq? @_href "href")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "location assignment")
 (#set! unguarded.rule "open-redirect"))

; location.assign(url) / location.replace(url) navigate like an assignment.
((call_expression
   function: (member_expression
     object: [(identifier) @_location
              (member_expression
                object: (identifier) @_window
                property: (property_identifier) @_location)]
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_location "location")
 (#any-of? @_window "window" "document" "self" "top")
 (#any-of? @_method "assign" "replace")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; window.open(url) opens the URL in a new browsing context.
((call_expression
   function: (member_expression
     object: (identifier) @_window
     property: (property_identifier) @_open)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_window "window")
 (#eq? @_open "open")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; h3 (Nitro, Nuxt server routes): sendRedirect(event, url).
((call_expression
   function: (identifier) @_redirect
   arguments: (arguments . (_) . (_) @sink.arg)) @sink.call
 (#eq? @_redirect "sendRedirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; Astro pages: Astro.redirect(url); Oak: ctx.response.redirect(url).
((call_expression
   function: (member_expression
     object: [(identifier) @_response
              (member_expression property: (property_identifier) @_response)]
     property: (property_identifier) @_redirect)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_response "Astro" "response")
 (#eq? @_redirect "redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; A Location header in a response object (AWS Lambda, Cloudflare Workers, a Response's
; init): { statusCode: 302, headers: { Location: url } }.
((pair
   key: (property_identifier) @_headers
   value: (object
     (pair
       key: [(property_identifier) (string)] @_location
       value: (_) @sink.arg) @sink.call))
 (#eq? @_headers "headers")
 (#match? @_location "^[\"']?(?i:location)[\"']?$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; node:http (and Express, which extends it): res.writeHead(302, { Location: url }), also
; with a reason phrase before the headers.
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_write)
   arguments: (arguments
     (object
       (pair
         key: [(property_identifier) (string)] @_location
         value: (_) @sink.arg)))) @sink.call
 (#any-of? @_response "res" "response" "resp")
 (#eq? @_write "writeHead")
 (#match? @_location "^[\"']?(?i:location)[\"']?$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; A Location header set by name: node:http res.setHeader("Location", url) (appendHeader),
; Express res.set / res.header / res.append, Fastify reply.header, Koa ctx.set; also on
; the reply a chained call returns (reply.code(303).header("Location", url)).
((call_expression
   function: (member_expression
     object: [(identifier) (call_expression)] @_response
     property: (property_identifier) @_set)
   arguments: (arguments . (string) @_location . (_) @sink.arg)) @sink.call
 (#match? @_response "^(res|response|resp|reply|ctx)(\\s*\\.\\s*(status|code|type|header|headers|set|append|setHeader|appendHeader|vary|removeHeader|cookie|clearCookie|location|links|attachment|contentType)\\s*\\([^()]*(\\([^()]*\\)[^()]*)*\\))*$")
 (#any-of? @_set "setHeader" "appendHeader" "set" "header" "append")
 (#match? @_location "^[\"'](?i:location)[\"']$")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "Location header")
 (#set! unguarded.rule "open-redirect"))

; Express res.location(url) sets the Location header a redirect status sends the browser to.
((call_expression
   function: (member_expression
     object: [(identifier) (call_expression)] @_response
     property: (property_identifier) @_location)
   arguments: (arguments . (_) @sink.arg .)) @sink.call
 (#match? @_response "^(res|response|resp)(\\s*\\.\\s*(status|code|type|header|headers|set|append|setHeader|appendHeader|vary|removeHeader|cookie|clearCookie|location|links|attachment|contentType)\\s*\\([^()]*(\\([^()]*\\)[^()]*)*\\))*$")
 (#eq? @_location "location")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "res.location()")
 (#set! unguarded.rule "open-redirect"))

; Next.js route handlers and middleware: NextResponse.redirect(url), Response.redirect(url)
; (often `new URL(next, req.url)`: an absolute `next` replaces the base's host).
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_redirect)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_response "NextResponse" "Response")
 (#eq? @_redirect "redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; Next.js App Router: redirect(url) / permanentRedirect(url) from next/navigation.
((call_expression
   function: (identifier) @_redirect
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_redirect "redirect" "permanentRedirect")
 (#set! unguarded.module "next/navigation")
 (#set! unguarded.member "redirect,permanentRedirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; Hapi: h.redirect(url) with `h`, the response toolkit, the second parameter of a route
; handler (a `handler` option, or any function in a file that uses @hapi packages).
((call_expression
   function: (member_expression
     object: (identifier) @_toolkit
     property: (property_identifier) @_redirect)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_redirect "redirect")
 (#set! unguarded.context "hapi-toolkit")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "h.redirect()")
 (#set! unguarded.rule "open-redirect"))

; Remix / React Router loaders and actions: redirect(url), redirectDocument(url), replace(url)
; imported from the framework.
((call_expression
   function: (identifier) @_redirect
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_redirect "redirect" "redirectDocument" "replace")
 (#set! unguarded.module "@remix-run/node,@remix-run/server-runtime,@remix-run/cloudflare,@remix-run/deno,@remix-run/router,react-router,react-router-dom")
 (#set! unguarded.member "redirect,redirectDocument,replace")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; SvelteKit: redirect(status, location) / throw redirect(303, url) from @sveltejs/kit.
((call_expression
   function: (identifier) @_redirect
   arguments: (arguments . (_) . (_) @sink.arg)) @sink.call
 (#eq? @_redirect "redirect")
 (#set! unguarded.module "@sveltejs/kit")
 (#set! unguarded.member "redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; Electron: shell.openExternal(url) hands the URL to the operating system, which opens
; it in the browser or in whatever application claims its scheme (file:, smb:, custom
; protocol handlers). A scheme check counts as a control here, as for links.
((call_expression
   function: (member_expression
     object: [(identifier) @_shell
              (member_expression property: (property_identifier) @_shell)]
     property: (property_identifier) @_open)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_shell "shell")
 (#eq? @_open "openExternal")
 (#set! unguarded.module "electron")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "shell.openExternal()")
 (#set! unguarded.rule "open-redirect"))

; AdonisJS: response.redirect().toPath(url) / redirect().toPath(url) (the builder's target;
; toRoute() names a route of the app, back() the referrer).
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression
         object: (identifier) @_response
         property: (property_identifier) @_redirect))
     property: (property_identifier) @_to)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_response "response" "res")
 (#eq? @_redirect "redirect")
 (#eq? @_to "toPath")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; ... with query-string or status steps in between: response.redirect().withQs().toPath(url).
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression
         object: (call_expression
           function: (member_expression
             object: (identifier) @_response
             property: (property_identifier) @_redirect))))
     property: (property_identifier) @_to)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_response "response" "res")
 (#eq? @_redirect "redirect")
 (#eq? @_to "toPath")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))

; NestJS: a controller method decorated with @Redirect() sends the browser to the `url` of
; the object it returns (in a file importing @nestjs/common).
((return_statement
   (object
     [(pair
        key: (property_identifier) @_url
        value: (_) @sink.arg)
      (shorthand_property_identifier) @_url @sink.arg] @sink.call))
 (#eq? @_url "url")
 (#set! unguarded.file_module "@nestjs/common")
 (#set! unguarded.context "nest-redirect")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.sink "@Redirect() handler's url")
 (#set! unguarded.rule "open-redirect"))

; Astro endpoints: redirect(url) destructured from the APIContext of an exported GET/POST/...
; handler (Astro's src/pages/ endpoints: `export const POST: APIRoute = async ({ request, redirect }) =>`).
((call_expression
   function: (identifier) @_redirect
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_redirect "redirect")
 (#set! unguarded.context "endpoint-context")
 (#set! unguarded.policy "ssrf")
 (#set! unguarded.rule "open-redirect"))
