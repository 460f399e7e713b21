; xml.etree.ElementTree, minidom, pulldom and sax parse the document's entity
; declarations: untrusted XML can expand entities exponentially ("billion laughs") and,
; in older Pythons or with the sax external-entity features on, pull in external
; entities. defusedxml's functions are the hardened equivalents: the same module names
; imported from defusedxml are left alone (the "defused-xml" policy).
((call
   function: (attribute
     object: [(identifier) @_module
              (attribute attribute: (identifier) @_module)]
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_module "ET" "ElementTree" "cElementTree" "minidom" "pulldom" "sax" "expatbuilder")
 (#any-of? @_function "fromstring" "XML" "parse" "iterparse" "parseString" "XMLID" "fromstringlist")
 (#set! unguarded.policy "defused-xml")
 (#set! unguarded.rule "xxe"))

; lxml: etree.fromstring(data) / etree.parse(source) with the default parser, which
; resolves entities (local files included) before lxml 5. With a parser argument the
; parser's own settings decide (see the xxe-parser-config rule).
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg .)) @sink.call
 (#eq? @_module "etree")
 (#any-of? @_function "fromstring" "XML" "parse")
 (#set! unguarded.rule "xxe"))
