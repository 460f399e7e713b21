; React's dangerouslySetInnerHTML skips React's escaping.
([(jsx_opening_element
    attribute: (jsx_attribute
      (property_identifier) @_prop
      (jsx_expression
        (object
          (pair
            key: (property_identifier) @_html
            value: (_) @sink.arg)))))
  (jsx_self_closing_element
    attribute: (jsx_attribute
      (property_identifier) @_prop
      (jsx_expression
        (object
          (pair
            key: (property_identifier) @_html
            value: (_) @sink.arg)))))] @sink.call
 (#eq? @_prop "dangerouslySetInnerHTML")
 (#eq? @_html "__html")
 (#set! unguarded.sink "dangerouslySetInnerHTML")
 (#set! unguarded.rule "xss"))

; <a href={url}>: a javascript: URL runs script on click. Only reported when the URL's
; scheme is not fixed by a constant prefix.
((jsx_attribute
   (property_identifier) @_attribute
   (jsx_expression (_) @sink.arg)) @sink.call
 (#any-of? @_attribute "href" "action" "formAction" "xlinkHref")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "URL attribute")
 (#set! unguarded.rule "xss"))

; <iframe src={url}>: a frame, an embed or a script loads the URL as a document or as
; code, so a javascript: URL runs. The src of an image or a media element (img, video,
; audio, source, track, input) or of a component cannot.
([(jsx_opening_element
    name: (identifier) @_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)) @sink.call)
  (jsx_self_closing_element
    name: (identifier) @_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)) @sink.call)]
 (#any-of? @_element "iframe" "frame" "embed" "script")
 (#eq? @_attribute "src")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "URL attribute")
 (#set! unguarded.rule "xss"))

; <object data={url}>: the object's document, like a frame's.
([(jsx_opening_element
    name: (identifier) @_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)) @sink.call)
  (jsx_self_closing_element
    name: (identifier) @_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)) @sink.call)]
 (#eq? @_element "object")
 (#eq? @_attribute "data")
 (#set! unguarded.policy "url-scheme")
 (#set! unguarded.controls "url")
 (#set! unguarded.sink "URL attribute")
 (#set! unguarded.rule "xss"))

; <iframe srcDoc={html}>: the frame renders the value as a whole HTML document. A sandbox
; without allow-scripts runs no script in it: only frames without one, or allowing scripts.
([(jsx_opening_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)))
  (jsx_self_closing_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)))] @sink.call
 (#eq? @_attribute "srcDoc")
 (#not-match? @sink.call "\\bsandbox\\b")
 (#set! unguarded.sink "iframe srcDoc")
 (#set! unguarded.rule "xss"))

; The same with a sandbox that lets scripts run.
([(jsx_opening_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)))
  (jsx_self_closing_element
    attribute: (jsx_attribute
      (property_identifier) @_attribute
      (jsx_expression (_) @sink.arg)))] @sink.call
 (#eq? @_attribute "srcDoc")
 (#match? @sink.call "allow-scripts")
 (#set! unguarded.sink "iframe srcDoc")
 (#set! unguarded.rule "xss"))

; Solid (and Vue's JSX, Stencil): <div innerHTML={html} /> sets the element's innerHTML. React
; has no such prop (it uses dangerouslySetInnerHTML), so the attribute means what it says.
([(jsx_opening_element
    attribute: (jsx_attribute
      (property_identifier) @_prop
      (jsx_expression (_) @sink.arg)))
  (jsx_self_closing_element
    attribute: (jsx_attribute
      (property_identifier) @_prop
      (jsx_expression (_) @sink.arg)))] @sink.call
 (#any-of? @_prop "innerHTML" "outerHTML")
 (#set! unguarded.sink "innerHTML attribute")
 (#set! unguarded.rule "xss"))
